"""Covenant test data: a covenant between the persona city service and the persona partner organisation."""

from datetime import date
from decimal import Decimal

import pytest

from covenants import services
from covenants.models import Indicator, Side


def make_covenant(
    city_org,
    partner=None,
    *,
    collaboration=None,
    by=None,
    reference=None,
    starts_on=date(2026, 1, 1),
    ends_on=date(2027, 12, 31),
):
    make_covenant.counter += 1
    return services.covenant_create(
        by=by,
        reference=reference or f"CONV-T-{make_covenant.counter}",
        title=f"Covenant {make_covenant.counter}",
        city_service=city_org,
        partner_organisation=partner,
        partner_collaboration=collaboration,
        starts_on=starts_on,
        ends_on=ends_on,
    )


make_covenant.counter = 0


def quantitative(name="Children reached", targets=None, key=None):
    return services.IndicatorData(
        kind=Indicator.Kind.QUANTITATIVE,
        name=name,
        unit="children",
        baseline=Decimal(100),
        targets=targets if targets is not None else {2026: Decimal(120), 2027: Decimal(140)},
        key=key,
    )


def qualitative(name="Experience of the warm place"):
    return services.IndicatorData(
        kind=Indicator.Kind.QUALITATIVE, name=name, guiding_question="How do young people experience it?"
    )


def fill_draft(terms, objectives="Open five days a week.", budget=None, indicators=None):
    return services.version_save_draft(
        terms=terms,
        expected_version=None,
        objectives=objectives,
        budget=budget if budget is not None else {2026: Decimal("50000.00"), 2027: Decimal("52000.00")},
        indicators=indicators if indicators is not None else [quantitative(), qualitative()],
    )


def agree(covenant, city_user, partner_user, number=1):
    terms = covenant.versions.get(number=number)
    services.version_submit(terms=terms, by=city_user, side=Side.CITY)
    services.version_approve(terms=terms, by=city_user, side=Side.CITY, organisation=covenant.city_service)
    services.version_approve(
        terms=terms, by=partner_user, side=Side.PARTNER, organisation=covenant.partner_organisation
    )
    terms.refresh_from_db()
    return terms


@pytest.fixture
def covenant(city_org, partner_org, city_staff):
    c = make_covenant(city_org, partner_org, by=city_staff)
    fill_draft(c.versions.get(number=1))
    return c


@pytest.fixture
def agreed_covenant(covenant, city_staff, partner_admin):
    agree(covenant, city_staff, partner_admin)
    return covenant
