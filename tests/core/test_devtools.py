"""The development tools (scale data, benchmarks, load test) are an app of their own, left out of production."""

import ast
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "charter.gent.example"}
DEVTOOLS_COMMANDS = ("seed_scale", "bench", "bench_plan", "bench_coverage", "seed_loadtest_personas")
IS_INSTALLED = "import django; django.setup(); from django.apps import apps; print(apps.is_installed('devtools'))"


def _python(*args, **env):
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "charter_portal.settings",
    }
    base.update(env)
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _listed_commands(help_output: str) -> set[str]:
    return {line.strip() for line in help_output.splitlines() if line.startswith("    ")}


def test_it_leaves_devtools_out_of_production():
    assert _python("-c", IS_INSTALLED, **PRODUCTION).strip() == "False"
    assert not _listed_commands(_python("manage.py", "help", **PRODUCTION)) & set(DEVTOOLS_COMMANDS)


def test_it_installs_devtools_when_a_run_asks_for_them():
    env = {**PRODUCTION, "DEVTOOLS": "1"}
    assert _python("-c", IS_INSTALLED, **env).strip() == "True"
    assert set(DEVTOOLS_COMMANDS) <= _listed_commands(_python("manage.py", "help", **env))


@pytest.mark.parametrize(("devtools", "installed"), [(None, "True"), ("0", "False")])
def test_it_installs_devtools_in_development_unless_told_not_to(devtools, installed):
    env = {"DEBUG": "1"} | ({"DEVTOOLS": devtools} if devtools is not None else {})
    assert _python("-c", IS_INSTALLED, **env).strip() == installed


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_production_code_imports_the_tests_or_django_test():
    """Only tests/ and devtools/ may lean on test helpers; what is deployed must not load them."""
    skipped = {"tests", "devtools", ".venv", "staticfiles", "node_modules"}
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in skipped or relative.parts[0].startswith("."):
            continue
        for module in _imports(path):
            if module.split(".")[0] == "tests" or module == "django.test" or module.startswith("django.test."):
                offenders.append(f"{relative}: {module}")
    assert offenders == []
