"""The architecture holds (pyproject.toml, [tool.importlinter]; docs/architecture.md): the apps form layers, the core
imports no app, models import no selectors, views or services, production code imports no test code, and no app's
modules import each other in a circle. Imports inside functions count."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_are_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_layer_contract_names_every_app():
    """A new app gets its place in the layers before it gets code."""
    import tomllib

    from django.apps import apps

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["id"] == "layers")["layers"]
    ours = {app.name for app in apps.get_app_configs() if (ROOT / app.name.split(".")[0]).is_dir()}
    assert ours <= set(layers), f"apps missing from the layers in pyproject.toml: {sorted(ours - set(layers))}"
