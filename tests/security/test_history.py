"""Every create, change and delete of the domain objects is recorded with who, when and what; organisation
admins see their own organisation's history, city admins everything."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from charter_portal.concurrency import save_versioned
from charter_portal.history import KINDS
from offers.models import Offer
from tests import factories

RECORDED = [
    "organisations.Organisation",
    "organisations.Membership",
    "offers.Offer",
    "offers.Collaboration",
    "offers.CollaborationMember",
    "offers.SharedSpace",
    "neighbourhoods.Neighbourhood",
    "neighbourhoods.MovementCircle",
    "neighbourhoods.Indicator",
    "neighbourhoods.IndicatorValue",
    "signals.Signal",
    "signals.PrioritisationRound",
    "covenants.Covenant",
    "covenants.TermsVersion",
    "covenants.BudgetLine",
    "covenants.Indicator",
    "covenants.IndicatorTarget",
    # covenants.Approval is not here: an approval never changes and records who approved when itself.
    "covenants.ReportingPeriod",
    "covenants.Report",
    "covenants.ReportValue",
    "covenants.Action",
    "charter.CharterVersion",
    "charter.Article",
    "accounts.Invitation",
    "support.SmallOrganisation",
]


@pytest.mark.parametrize("label", RECORDED)
def test_every_domain_model_keeps_its_history(label):
    model = apps.get_model(label)
    assert hasattr(model, "history"), f"{label} has no history"


def test_every_kind_on_the_history_pages_is_recorded():
    for kind in KINDS:
        assert hasattr(apps.get_model(kind.model_path), "history"), kind.model_path


def _edit_offer(offer, by, **changes):
    for name, value in changes.items():
        setattr(offer, name, value)
    offer._history_user = by
    save_versioned(offer, offer.version)


def test_it_records_who_changed_what_and_when(partner_org, partner_member, time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC), tick=False)
    offer = factories.offer(partner_org, title="Homework club")
    _edit_offer(offer, partner_member, title="Homework and games")

    last, before = offer.history.order_by("-history_id")[:2]
    assert last.history_type == "~"
    assert last.history_user == partner_member
    assert last.history_date == datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
    delta = last.diff_against(before)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "title"] == [
        ("title", "Homework club", "Homework and games")
    ]


def test_the_organisation_admin_sees_the_history_of_their_own_objects_with_the_changes(
    admin_client_, partner_org, other_org, partner_member
):
    offer = factories.offer(partner_org, title="Homework club")
    _edit_offer(offer, partner_member, title="Homework and games")
    factories.offer(other_org, title="Someone else's offer")

    response = admin_client_.get(reverse("organisations:history", args=[partner_org.slug]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Homework and games" in html
    assert "<del>Homework club</del> → <ins>Homework and games</ins>" in html
    assert partner_member.full_name in html
    assert "Someone else&#x27;s offer" not in html and "Someone else's offer" not in html


def test_the_history_page_is_for_the_organisation_s_admins_and_city_admins(
    member_client, other_client, city_admin_client, staff_client, client, partner_org
):
    url = reverse("organisations:history", args=[partner_org.slug])
    assert member_client.get(url).status_code == 403
    assert other_client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 404
    assert city_admin_client.get(url).status_code == 200
    assert client.get(url).status_code == 302


def test_city_admins_see_everything_and_filter_by_kind_and_date(
    city_admin_client, partner_org, other_org, partner_member, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
    factories.offer(partner_org, title="Early offer")
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
    factories.offer(other_org, title="Late offer")
    url = reverse("organisations:history_all")

    everything = city_admin_client.get(url).content.decode()
    assert "Early offer" in everything and "Late offer" in everything and "Buurtwerk Elders" in everything

    offers_since_may = city_admin_client.get(url, {"kind": "offer", "since": "2026-05-01"}).content.decode()
    assert "Late offer" in offers_since_may
    assert "Early offer" not in offers_since_may
    assert "Buurtwerk Elders</td>" not in offers_since_may


def test_the_portal_history_refuses_a_bad_filter(city_admin_client, db):
    response = city_admin_client.get(
        reverse("organisations:history_all"), {"since": "2026-05-01", "until": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()


def test_the_portal_history_is_for_city_admins_only(admin_client_, staff_client):
    url = reverse("organisations:history_all")
    assert admin_client_.get(url).status_code == 403
    assert staff_client.get(url).status_code == 403


def test_the_history_page_needs_the_same_number_of_queries_for_few_and_many_changes(
    admin_client_, partner_org, partner_member, django_assert_max_num_queries, rendered_afresh
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("organisations:history", args=[partner_org.slug])
    offer = factories.offer(partner_org, title="One")
    _edit_offer(offer, partner_member, title="Two")
    admin_client_.get(url)
    rendered_afresh()
    with CaptureQueriesContext(connection) as few:
        admin_client_.get(url)
    for n in range(15):
        extra = factories.offer(partner_org, title=f"Offer {n}")
        _edit_offer(extra, partner_member, title=f"Offer {n} renamed")
    rendered_afresh()
    with CaptureQueriesContext(connection) as many:
        admin_client_.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_offer_is_archived_not_deleted(partner_org):
    offer = factories.offer(partner_org)
    assert offer.status in Offer.Status.values
    assert "archived" in Offer.Status.values
