"""Versions of the terms and their approvals (charter rule R7)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from covenants import services
from covenants.diff import diff_versions
from covenants.models import (
    Approval,
    BudgetLine,
    Covenant,
    ImmutableVersionError,
    Indicator,
    IndicatorTarget,
    Side,
    Status,
    TermsVersion,
    derive_status,
)
from covenants.selectors import versions_queryset
from tests.covenants.conftest import agree, fill_draft, make_covenant, quantitative

pytestmark = pytest.mark.django_db


def test_it_is_not_agreed_when_only_one_side_approved(covenant, city_staff):
    terms = covenant.versions.get(number=1)
    services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    services.version_approve(terms=terms, by=city_staff, side=Side.CITY, organisation=covenant.city_service)
    terms.refresh_from_db()
    assert terms.state == TermsVersion.State.SUBMITTED
    assert terms.agreed_at is None
    assert Covenant.objects.with_status().get(pk=covenant.pk).status == Status.IN_NEGOTIATION


def test_it_is_agreed_when_both_sides_approved_that_exact_version(covenant, city_staff, partner_admin):
    terms = agree(covenant, city_staff, partner_admin)
    assert terms.state == TermsVersion.State.AGREED
    assert set(terms.approvals.values_list("side", flat=True)) == {"city", "partner"}


def test_it_keeps_everything_of_the_old_version_when_terms_change_after_one_approval(
    covenant, city_staff, partner_admin
):
    v1 = covenant.versions.get(number=1)
    services.version_submit(terms=v1, by=city_staff, side=Side.CITY)
    services.version_approve(terms=v1, by=city_staff, side=Side.CITY, organisation=covenant.city_service)
    before = {
        "objectives": v1.objectives,
        "budget": list(v1.budget_lines.values_list("year", "amount")),
        "indicators": list(v1.indicators.values_list("key", "name", "kind")),
        "targets": list(IndicatorTarget.objects.filter(indicator__terms=v1).values_list("year", "value")),
        "approvals": list(v1.approvals.values_list("side", "approved_by")),
    }

    v2 = services.version_propose(covenant=covenant, by=partner_admin, side=Side.PARTNER)
    assert v2.number == 2
    services.version_save_draft(
        terms=v2,
        expected_version=v2.version,
        objectives="Open six days a week.",
        budget={2026: Decimal("60000.00")},
        indicators=[quantitative(key=v1.indicators.get(kind="quantitative").key, targets={2026: Decimal(130)})],
    )
    services.version_submit(terms=v2, by=partner_admin, side=Side.PARTNER)

    v1.refresh_from_db()
    assert v1.objectives == before["objectives"]
    assert list(v1.budget_lines.values_list("year", "amount")) == before["budget"]
    assert list(v1.indicators.values_list("key", "name", "kind")) == before["indicators"]
    assert list(IndicatorTarget.objects.filter(indicator__terms=v1).values_list("year", "value")) == before["targets"]
    assert list(v1.approvals.values_list("side", "approved_by")) == before["approvals"]
    assert v1.state == TermsVersion.State.SUPERSEDED  # replaced, can no longer be approved
    v2.refresh_from_db()
    assert v2.approvals.count() == 0  # the new version needs both approvals again
    with pytest.raises(ValidationError):
        services.version_approve(
            terms=v1, by=partner_admin, side=Side.PARTNER, organisation=covenant.partner_organisation
        )


def test_it_needs_both_approvals_again_for_an_amendment_while_running(agreed_covenant, city_staff, partner_admin):
    with time_machine.travel(date(2026, 6, 1)):
        assert Covenant.objects.with_status().get(pk=agreed_covenant.pk).status == Status.RUNNING
        v2 = services.version_propose(covenant=agreed_covenant, by=city_staff, side=Side.CITY)
        services.version_submit(terms=v2, by=city_staff, side=Side.CITY)
        services.version_approve(terms=v2, by=city_staff, side=Side.CITY, organisation=agreed_covenant.city_service)
        agreed = agreed_covenant.versions.filter(state=TermsVersion.State.AGREED).get()
        assert agreed.number == 1  # still the agreed terms until the partner approves version 2
        services.version_approve(
            terms=v2, by=partner_admin, side=Side.PARTNER, organisation=agreed_covenant.partner_organisation
        )
        states = dict(agreed_covenant.versions.values_list("number", "state"))
        assert states == {1: TermsVersion.State.SUPERSEDED, 2: TermsVersion.State.AGREED}


def test_it_refuses_a_second_approval_for_the_same_side(covenant, city_staff, city_admin):
    terms = covenant.versions.get(number=1)
    services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    services.version_approve(terms=terms, by=city_staff, side=Side.CITY, organisation=covenant.city_service)
    with pytest.raises(ValidationError):
        services.version_approve(terms=terms, by=city_admin, side=Side.CITY, organisation=covenant.city_service)
    assert Approval.objects.filter(terms=terms).count() == 1


def test_it_refuses_approving_a_draft(covenant, city_staff):
    with pytest.raises(ValidationError):
        services.version_approve(
            terms=covenant.versions.get(number=1), by=city_staff, side=Side.CITY, organisation=covenant.city_service
        )


def test_it_never_changes_a_submitted_version_in_the_model(covenant, city_staff):
    terms = covenant.versions.get(number=1)
    services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    terms.refresh_from_db()
    terms.objectives = "Something else"
    with pytest.raises(ImmutableVersionError):
        terms.save()
    with pytest.raises(ImmutableVersionError):
        terms.delete()
    line = terms.budget_lines.first()
    line.amount = Decimal(1)
    with pytest.raises(ImmutableVersionError):
        line.save()
    indicator = terms.indicators.first()
    with pytest.raises(ImmutableVersionError):
        indicator.delete()
    with pytest.raises(ImmutableVersionError):
        BudgetLine.objects.create(terms=terms, year=2030, amount=1)
    assert TermsVersion.objects.get(pk=terms.pk).objectives == "Open five days a week."


def test_it_never_changes_a_submitted_version_in_the_service(covenant, city_staff):
    terms = covenant.versions.get(number=1)
    services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    terms.refresh_from_db()
    with pytest.raises(ImmutableVersionError):
        fill_draft(terms, objectives="Changed after submission")
    with pytest.raises(ValidationError):
        services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    assert TermsVersion.objects.get(pk=terms.pk).objectives == "Open five days a week."


def test_it_copies_objectives_budget_and_indicators_into_a_new_draft(agreed_covenant, partner_admin):
    draft = services.version_propose(covenant=agreed_covenant, by=partner_admin, side=Side.PARTNER)
    v1 = agreed_covenant.versions.get(number=1)
    assert draft.objectives == v1.objectives
    assert list(draft.budget_lines.values_list("year", "amount")) == list(v1.budget_lines.values_list("year", "amount"))
    assert list(draft.indicators.values_list("key", "kind", "name")) == list(
        v1.indicators.values_list("key", "kind", "name")
    )
    copied = draft.indicators.get(kind=Indicator.Kind.QUANTITATIVE)
    assert copied.target_map() == {2026: Decimal("120.00"), 2027: Decimal("140.00")}
    assert draft.proposed_by_side == Side.PARTNER
    # One draft at a time: proposing again returns the same draft.
    assert services.version_propose(covenant=agreed_covenant, by=partner_admin, side=Side.PARTNER).pk == draft.pk


def test_it_refuses_submitting_a_version_without_indicators(city_org, partner_org, city_staff):
    covenant = make_covenant(city_org, partner_org)
    terms = covenant.versions.get(number=1)
    fill_draft(terms, indicators=[])
    with pytest.raises(ValidationError):
        services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    assert TermsVersion.objects.get(pk=terms.pk).state == TermsVersion.State.DRAFT


def test_it_shows_what_changed_field_by_field(agreed_covenant, city_staff):
    v1 = agreed_covenant.versions.get(number=1)
    quant = v1.indicators.get(kind="quantitative")
    draft = services.version_propose(covenant=agreed_covenant, by=city_staff, side=Side.CITY)
    services.version_save_draft(
        terms=draft,
        expected_version=draft.version,
        objectives="Open six days a week.",
        budget={2026: Decimal("50000.00"), 2027: Decimal("55000.00")},
        indicators=[
            quantitative(
                name="Children and young people reached",
                key=quant.key,
                targets={2026: Decimal(120), 2027: Decimal(150)},
            ),
            services.IndicatorData(kind="quantitative", name="Leisure hours", unit="hours per week", targets={}),
        ],
    )
    with translation.override("en"):
        diff = diff_versions(versions_queryset().get(pk=v1.pk), versions_queryset().get(pk=draft.pk))
    assert diff.objectives.before == "Open five days a week."
    assert diff.objectives.after == "Open six days a week."
    assert [(c.label, c.before, c.after) for c in diff.budget] == [("2027", "52000.00", "55000.00")]
    by_name = {c.name: c for c in diff.indicators}
    assert by_name["Leisure hours"].kind == "added"
    assert by_name["Experience of the warm place"].kind == "removed"
    changed = by_name["Children and young people reached"]
    assert changed.kind == "changed"
    assert {(c.label, c.before, c.after) for c in changed.changes} == {
        ("name", "Children reached", "Children and young people reached"),
        ("target 2027", "140.00", "150.00"),
    }


def test_it_refuses_a_covenant_with_both_or_no_partner_in_the_database(city_org, partner_org):
    base = {
        "reference": "X-1",
        "title": "x",
        "city_service": city_org,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Covenant.objects.create(**base)
    from tests import factories

    collaboration = factories.collaboration(partner_org)
    with pytest.raises(IntegrityError), transaction.atomic():
        Covenant.objects.create(**base, partner_organisation=partner_org, partner_collaboration=collaboration)


def test_it_creates_yearly_reporting_periods_clipped_to_the_period(city_org, partner_org):
    covenant = make_covenant(city_org, partner_org, starts_on=date(2026, 3, 1), ends_on=date(2028, 6, 30))
    assert list(covenant.periods.values_list("starts_on", "ends_on")) == [
        (date(2026, 3, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 12, 31)),
        (date(2028, 1, 1), date(2028, 6, 30)),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2025, 12, 1), Status.AGREED), (date(2026, 5, 1), Status.RUNNING), (date(2028, 2, 1), Status.IN_EVALUATION)],
)
def test_it_derives_the_status_from_dates_the_same_way_in_python_and_sql(agreed_covenant, today, expected):
    from_sql = Covenant.objects.with_status(today=today).get(pk=agreed_covenant.pk).derived_status
    from_python = derive_status(
        closed_on=None,
        has_agreed=True,
        has_submitted=True,
        starts_on=agreed_covenant.starts_on,
        ends_on=agreed_covenant.ends_on,
        today=today,
    )
    assert from_sql == from_python == expected


def test_it_shows_draft_then_closed(covenant, city_staff):
    assert Covenant.objects.with_status().get(pk=covenant.pk).status == Status.DRAFT
    services.covenant_close(covenant=covenant, by=city_staff, expected_version=covenant.version)
    assert Covenant.objects.with_status().get(pk=covenant.pk).status == Status.CLOSED
    assert Covenant.objects.get(pk=covenant.pk).status == Status.CLOSED
