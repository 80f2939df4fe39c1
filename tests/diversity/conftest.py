from datetime import date

import pytest

from diversity import categories, services
from diversity.selectors import first_open_year
from tests import factories
from tests.organisations.conftest import same_queries  # noqa: F401  (a fixture shared with these tests)

LAST = first_open_year()


def even_counts(total: int, leadership: int = 0) -> dict:
    """Counts that fill each category evenly enough: women, men, ages and the groups' yes and no."""
    counts = {}
    for scope, n in (("staff", total), ("leadership", leadership)):
        counts[f"{scope}_gender_women"] = n // 2
        counts[f"{scope}_gender_men"] = n - n // 2
        counts[f"{scope}_age_under_26"] = n // 3
        counts[f"{scope}_age_from_26_to_44"] = n // 3
        counts[f"{scope}_age_from_45"] = n - 2 * (n // 3)
        for group in ("foreign_origin", "disability", "low_education"):
            counts[f"{scope}_{group}_yes"] = n // 4
            counts[f"{scope}_{group}_no"] = n - n // 4
    assert set(counts) <= set(categories.entered_keys())
    return counts


def file_report(organisation, year=LAST, *, staff=20, leadership=6, counts=None, by=None, narrative=""):
    return services.report_save(
        organisation=organisation,
        year=year,
        by=by,
        reference_date=date(year, 12, 31),
        paid_staff=staff,
        volunteers=3,
        leadership=leadership,
        counts=even_counts(staff, leadership) if counts is None else counts,
        narrative=narrative,
    )


@pytest.fixture
def civil_orgs(db):
    """Make ``n`` civil-society organisations, each with an admin."""

    def make(n, prefix="Vzw"):
        orgs = []
        for i in range(n):
            org = factories.organisation(name=f"{prefix} {i}")
            factories.admin_of(org, email=f"admin{i}@{prefix.lower()}.example")
            orgs.append(org)
        return orgs

    return make


@pytest.fixture
def coordinator(city_org):
    user = factories.member(city_org, email="coordinator@stad.example", full_name="Coco Coordinator")
    from organisations.models import Membership

    Membership.objects.filter(user=user).update(is_charter_coordinator=True)
    return user
