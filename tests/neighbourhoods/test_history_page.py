"""The history page of an area: what changed between snapshots, said plainly."""

import datetime
import re

import pytest

from neighbourhoods.models import CoverageSnapshot

pytestmark = pytest.mark.django_db


def snapshot(area, day, functions, **kwargs):
    values = {
        "is_priority": False,
        "integral": False,
        "warm_place": False,
        "leisure_hours_per_week": 0,
        "gaps": [] if "leisure" in functions else ["no_base_offer"],
        "meets_charter": "leisure" in functions,
    }
    values.update(kwargs)
    return CoverageSnapshot.objects.create(
        taken_on=day,
        area_type="neighbourhood",
        area_id=area.pk,
        area_name=area.name,
        functions_present=list(functions),
        **values,
    )


def change_cells(body):
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r'data-label="Change">(.*?)</td>', body)]


def function_cells(body):
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r'data-label="Functions">(.*?)</td>', body)]


def test_a_function_gained_after_a_snapshot_without_functions_shows_as_added(staff_client, rabot):
    snapshot(rabot, datetime.date(2026, 1, 1), [])
    snapshot(rabot, datetime.date(2026, 2, 1), ["leisure"])
    snapshot(rabot, datetime.date(2026, 3, 1), ["leisure", "welfare"])
    snapshot(rabot, datetime.date(2026, 4, 1), ["welfare"])
    snapshot(rabot, datetime.date(2026, 5, 1), ["welfare"])
    body = staff_client.get(f"/wijken/wijk/{rabot.slug}/geschiedenis/").content.decode()
    # Newest first.
    assert change_cells(body) == [
        "no change",
        "removed: Leisure",
        "added: Welfare",
        "added: Leisure",
        "first snapshot",
    ]


def test_the_functions_have_no_dangling_separator(staff_client, rabot):
    snapshot(rabot, datetime.date(2026, 1, 1), [])
    snapshot(rabot, datetime.date(2026, 2, 1), ["leisure"])
    snapshot(rabot, datetime.date(2026, 3, 1), ["leisure", "bridge"])
    body = staff_client.get(f"/wijken/wijk/{rabot.slug}/geschiedenis/").content.decode()
    assert function_cells(body) == ["Leisure · Bridge", "Leisure", "none"]
    assert "·</td>" not in body and "· </td>" not in body
