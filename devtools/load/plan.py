"""Turn ``devtools.load.pages.PAGES`` into a plan: which pages exist in this build, at which path, as whom.

Runs inside Django (management commands ``bench_plan`` and ``bench``). The plan is plain JSON so the
locust process, which does not load Django, can read it.
"""

import json
from pathlib import Path

from devtools.load.pages import FLOOR, PAGES, PERSONAS


def _resolves(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return True


def build_plan() -> dict:
    """Every configured page with ``available`` and, when not, the ``reason``; plus the personas' logins."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    existing = set(
        user_model._default_manager.filter(
            email__in=[email for emails in PERSONAS.values() for email in emails], is_active=True
        ).values_list("email", flat=True)
    )
    personas = {name: [e for e in emails if e in existing] for name, emails in PERSONAS.items()}
    pages = []
    for page in PAGES:
        path = page.path() if callable(page.path) else page.path
        entry = {
            "name": page.name,
            "path": path,
            "persona": page.persona,
            "weight": page.weight,
            "bench": page.bench,
            "auth": page.auth,
            "cold": page.cold,
            "floor": page.name == FLOOR,
            "available": False,
            "reason": "",
        }
        if page.persona not in PERSONAS:
            entry["reason"] = f"unknown persona {page.persona!r}"
        elif path is None:
            entry["reason"] = "no object to show in this database"
        elif not _resolves(path):
            entry["reason"] = "no such URL in this build"
        elif PERSONAS[page.persona] and not personas[page.persona]:
            entry["reason"] = f"no user of persona {page.persona!r} in this database (run seed_loadtest_personas)"
        else:
            entry["available"] = True
        pages.append(entry)
    return {"personas": personas, "pages": pages}


def write_plan(plan: dict, out: Path) -> None:
    out.write_text(json.dumps(plan, indent=2), encoding="utf-8")


def describe(plan: dict) -> list[str]:
    lines = []
    for page in plan["pages"]:
        state = "ok     " if page["available"] else "skipped"
        suffix = "" if page["available"] else f"  ({page['reason']})"
        lines.append(f"  {state} {page['name']:<28} {page['path'] or '-':<24} as {page['persona']}{suffix}")
    return lines
