"""Covenant pages: who sees what, approving for one's own side, editing drafts without lost updates."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from covenants import services
from covenants.models import Approval, Covenant, Side, TermsVersion
from tests import factories
from tests.covenants.conftest import agree, fill_draft, make_covenant

pytestmark = pytest.mark.django_db


def _urls(c):
    period = c.periods.first()
    return [
        ("get", reverse("covenants:detail", args=[c.pk])),
        ("get", reverse("covenants:version", args=[c.pk, 1])),
        ("get", reverse("covenants:version_edit", args=[c.pk, 1])),
        ("post", reverse("covenants:version_propose", args=[c.pk])),
        ("post", reverse("covenants:version_submit", args=[c.pk, 1])),
        ("post", reverse("covenants:version_approve", args=[c.pk, 1])),
        ("get", reverse("covenants:report", args=[c.pk, period.pk])),
        ("post", reverse("covenants:report_review", args=[c.pk, period.pk])),
        ("post", reverse("covenants:period_add", args=[c.pk])),
        ("post", reverse("covenants:comment_add", args=[c.pk])),
        ("get", reverse("covenants:meeting_create", args=[c.pk])),
        ("post", reverse("covenants:close", args=[c.pk])),
    ]


def test_it_hides_every_covenant_page_from_an_outsider(covenant, other_client):
    for method, url in _urls(covenant):
        response = getattr(other_client, method)(url, {"side": "partner"})
        assert response.status_code == 404, url
    assert Approval.objects.count() == 0
    listed = other_client.get(reverse("covenants:list"))
    assert covenant.title not in listed.content.decode()


def test_it_sends_visitors_to_the_login_page(covenant, client):
    response = client.get(reverse("covenants:detail", args=[covenant.pk]))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_it_shows_the_covenant_to_both_sides(covenant, staff_client, member_client):
    for client in (staff_client, member_client):
        response = client.get(reverse("covenants:detail", args=[covenant.pk]))
        assert response.status_code == 200
        assert covenant.title in response.content.decode()


def test_it_shows_a_collaboration_covenant_to_its_coordinator_and_members_only(
    city_org, partner_org, other_org, other_admin, admin_client_, other_client
):
    collaboration = factories.collaboration(partner_org, other_org)
    c = make_covenant(city_org, collaboration=collaboration)
    assert admin_client_.get(reverse("covenants:detail", args=[c.pk])).status_code == 200
    assert other_client.get(reverse("covenants:detail", args=[c.pk])).status_code == 200  # accepted member reads
    outsider = factories.admin_of(factories.organisation(name="Elsewhere"))
    from django.test import Client

    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("covenants:detail", args=[c.pk])).status_code == 404


def test_it_refuses_a_partner_member_to_change_terms(covenant, member_client):
    assert member_client.get(reverse("covenants:version_edit", args=[covenant.pk, 1])).status_code == 403
    assert member_client.post(reverse("covenants:version_propose", args=[covenant.pk])).status_code == 403
    assert member_client.post(reverse("covenants:version_submit", args=[covenant.pk, 1])).status_code == 403
    approve = reverse("covenants:version_approve", args=[covenant.pk, 1])
    assert member_client.post(approve, {"side": "partner"}).status_code == 403
    assert TermsVersion.objects.get(covenant=covenant, number=1).state == TermsVersion.State.DRAFT


def test_it_lets_each_side_approve_only_for_itself(covenant, city_staff, staff_client, admin_client_):
    services.version_submit(terms=covenant.versions.get(number=1), by=city_staff, side=Side.CITY)
    url = reverse("covenants:version_approve", args=[covenant.pk, 1])
    assert admin_client_.post(url, {"side": "city"}).status_code == 403
    assert staff_client.post(url, {"side": "partner"}).status_code == 403
    assert Approval.objects.count() == 0

    assert staff_client.post(url, {"side": "city"}).status_code == 302
    page = staff_client.get(reverse("covenants:version", args=[covenant.pk, 1])).content.decode()
    assert "Approve version 1 for my side" not in page  # the city side is done; the partner button is not theirs
    assert TermsVersion.objects.get(covenant=covenant, number=1).state == TermsVersion.State.SUBMITTED

    assert admin_client_.post(url, {"side": "partner"}).status_code == 302
    terms = TermsVersion.objects.get(covenant=covenant, number=1)
    assert terms.state == TermsVersion.State.AGREED
    assert dict(terms.approvals.values_list("side", "organisation")) == {
        "city": covenant.city_service_id,
        "partner": covenant.partner_organisation_id,
    }


def test_it_lets_a_city_admin_of_another_service_approve_for_the_city(covenant, city_staff):
    other_service = factories.city_service(name="Welzijn")
    admin = factories.admin_of(other_service)
    staff_elsewhere = factories.member(other_service)
    services.version_submit(terms=covenant.versions.get(number=1), by=city_staff, side=Side.CITY)
    from django.test import Client

    url = reverse("covenants:version_approve", args=[covenant.pk, 1])
    c = Client()
    c.force_login(staff_elsewhere)
    assert c.post(url, {"side": "city"}).status_code == 403
    c.force_login(admin)
    assert c.post(url, {"side": "city"}).status_code == 302
    assert Approval.objects.filter(side="city").count() == 1


def test_it_mails_the_other_side_when_a_version_waits_for_approval(
    covenant, city_staff, partner_admin, partner_member, staff_client, django_capture_on_commit_callbacks
):
    partner_admin.preferred_language = "en"
    partner_admin.save()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("covenants:version_submit", args=[covenant.pk, 1]))
    assert [m.to for m in mail.outbox] == [[partner_admin.email]]  # partner admins, not the city, not members
    assert "waits for your approval" in mail.outbox[0].subject
    assert f"/convenanten/{covenant.pk}/versies/1/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        from django.test import Client

        c = Client()
        c.force_login(partner_admin)
        c.post(reverse("covenants:version_approve", args=[covenant.pk, 1]), {"side": "partner"})
    assert [m.to for m in mail.outbox] == [[city_staff.email]]


def test_it_creates_a_covenant_for_city_staff(staff_client, city_org, partner_org):
    response = staff_client.post(
        reverse("covenants:create"),
        {
            "reference": "CONV-2026-1",
            "title": "Warm place Rabot",
            "city_service": city_org.pk,
            "partner_organisation": partner_org.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2028-12-31",
            "objectives": "A warm place five days a week.",
        },
    )
    covenant = Covenant.objects.get(reference="CONV-2026-1")
    assert response["Location"] == reverse("covenants:detail", args=[covenant.pk])
    assert covenant.periods.count() == 3
    assert covenant.versions.get().objectives == "A warm place five days a week."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"partner_organisation": ""}, "either an organisation or a collaboration"),
        ({"ends_on": "2025-01-01"}, "cannot end before it starts"),
        ({"objectives": "Call 0470 12 34 56"}, "phone number"),
    ],
)
def test_it_refuses_bad_covenant_input(staff_client, city_org, partner_org, change, message):
    data = {
        "reference": "CONV-BAD",
        "title": "Bad",
        "city_service": city_org.pk,
        "partner_organisation": partner_org.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        **change,
    }
    response = staff_client.post(reverse("covenants:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Covenant.objects.exists()


def test_it_refuses_creating_covenants_to_partners(admin_client_):
    assert admin_client_.get(reverse("covenants:create")).status_code == 403


def _draft_post(terms, **overrides):
    data = {
        "version": terms.version,
        "objectives": terms.objectives,
        "change_note": "",
        "budget_2026": "50000",
        "budget_2027": "52000",
        "ind-TOTAL_FORMS": "2",
        "ind-INITIAL_FORMS": "2",
        "ind-MIN_NUM_FORMS": "0",
        "ind-MAX_NUM_FORMS": "1000",
    }
    for n, indicator in enumerate(terms.indicators.all()):
        data.update(
            {
                f"ind-{n}-key": str(indicator.key),
                f"ind-{n}-kind": indicator.kind,
                f"ind-{n}-name": indicator.name,
                f"ind-{n}-unit": indicator.unit,
                f"ind-{n}-guiding_question": indicator.guiding_question,
                f"ind-{n}-higher_is_better": "on",
                f"ind-{n}-target_2026": "120",
            }
        )
    data.update(overrides)
    return data


def test_it_saves_a_draft_from_the_edit_page(covenant, admin_client_):
    terms = covenant.versions.get(number=1)
    url = reverse("covenants:version_edit", args=[covenant.pk, 1])
    assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(url, _draft_post(terms, objectives="Open six days.", **{"ind-0-target_2027": "150"}))
    assert response.status_code == 302
    terms.refresh_from_db()
    assert terms.objectives == "Open six days."
    quant = terms.indicators.get(kind="quantitative")
    assert {t.year: int(t.value) for t in quant.targets.all()} == {2026: 120, 2027: 150}


def test_it_refuses_the_second_of_two_concurrent_draft_saves_and_shows_the_other_changes(
    covenant, staff_client, admin_client_
):
    terms = covenant.versions.get(number=1)
    url = reverse("covenants:version_edit", args=[covenant.pk, 1])
    first = _draft_post(terms, objectives="City: open six days.")
    second = _draft_post(terms, objectives="Partner: open on Sundays too.")  # both started from the same version
    assert staff_client.post(url, first).status_code == 302
    response = admin_client_.post(url, second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved a change" in page or "Iemand anders" in page
    assert "City: open six days." in page  # the other person's changes are shown
    assert "Partner: open on Sundays too." in page  # and this person's typing is kept in the form
    terms.refresh_from_db()
    assert terms.objectives == "City: open six days."


def test_it_refuses_bad_draft_input_and_saves_nothing(covenant, admin_client_):
    terms = covenant.versions.get(number=1)
    url = reverse("covenants:version_edit", args=[covenant.pk, 1])
    response = admin_client_.post(url, _draft_post(terms, objectives="Mail jan@example.org", budget_2026="lots"))
    assert response.status_code == 200
    assert "e-mail" in response.content.decode()
    terms.refresh_from_db()
    assert terms.objectives == "Open five days a week."


def test_it_requires_a_guiding_question_for_a_qualitative_indicator(covenant, admin_client_):
    terms = covenant.versions.get(number=1)
    data = _draft_post(terms, **{"ind-1-guiding_question": ""})
    response = admin_client_.post(reverse("covenants:version_edit", args=[covenant.pk, 1]), data)
    assert response.status_code == 200
    assert "guiding question" in response.content.decode().lower() or "leidende vraag" in response.content.decode()


def test_it_adds_a_qualitative_indicator_row_without_saving(covenant, admin_client_):
    terms = covenant.versions.get(number=1)
    data = _draft_post(terms, add_qualitative="1")
    response = admin_client_.post(reverse("covenants:version_edit", args=[covenant.pk, 1]), data)
    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 3
    assert response.context["formset"].forms[2]["kind"].value() == "qualitative"


def test_it_warns_gently_when_there_is_no_qualitative_indicator(city_org, partner_org, city_staff, staff_client):
    from tests.covenants.conftest import quantitative

    c = make_covenant(city_org, partner_org)
    fill_draft(c.versions.get(number=1), indicators=[quantitative()])
    page = staff_client.get(reverse("covenants:detail", args=[c.pk])).content.decode()
    assert "no qualitative indicator" in page or "geen kwalitatieve indicator" in page
    c2 = make_covenant(city_org, partner_org)
    fill_draft(c2.versions.get(number=1))
    page = staff_client.get(reverse("covenants:detail", args=[c2.pk])).content.decode()
    assert "no qualitative indicator" not in page


def test_it_shows_the_diff_and_the_pending_approvals(agreed_covenant, city_staff, staff_client):
    draft = services.version_propose(covenant=agreed_covenant, by=city_staff, side=Side.CITY)
    fill_draft(draft, objectives="Open six days a week.")
    services.version_submit(terms=draft, by=city_staff, side=Side.CITY)
    page = staff_client.get(reverse("covenants:version", args=[agreed_covenant.pk, 2])).content.decode()
    assert "Open five days a week." in page and "Open six days a week." in page
    detail = staff_client.get(reverse("covenants:detail", args=[agreed_covenant.pk])).content.decode()
    assert "Approve version 2 for my side" in detail


def test_it_lists_all_covenants_for_city_staff_with_constant_queries(
    city_org, partner_org, other_org, staff_client, django_assert_num_queries, rendered_afresh
):
    make_covenant(city_org, partner_org)
    url = reverse("covenants:list")
    staff_client.get(url)  # the first request after logging in renews the session (at most once a minute)
    # Session, user, memberships, count, one page of covenants, the city services of the filter, ...: fixed.
    rendered_afresh()
    with django_assert_num_queries(7) as one:
        staff_client.get(url)
    for _ in range(29):
        make_covenant(city_org, other_org)
    rendered_afresh()
    with django_assert_num_queries(len(one.captured_queries)):
        response = staff_client.get(url)
    assert len(response.context["page"].object_list) == 30


def test_it_lists_only_own_covenants_for_partners_with_constant_queries(
    city_org, partner_org, other_org, member_client, django_assert_num_queries, rendered_afresh
):
    make_covenant(city_org, partner_org)
    make_covenant(city_org, other_org)
    url = reverse("covenants:list")
    member_client.get(url)  # the first request after logging in renews the session (at most once a minute)
    rendered_afresh()
    with django_assert_num_queries(6) as one:
        member_client.get(url)
    collaboration = factories.collaboration(other_org, partner_org)
    for n in range(29):
        make_covenant(city_org, partner_org if n % 2 else None, collaboration=None if n % 2 else collaboration)
    rendered_afresh()
    with django_assert_num_queries(len(one.captured_queries)):
        response = member_client.get(url)
    assert len(response.context["page"].object_list) == 30


def test_it_filters_the_list_by_status_service_partner_and_year(
    city_org, partner_org, other_org, city_staff, partner_admin, staff_client
):
    agreed = make_covenant(
        city_org, partner_org, reference="A-1", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    fill_draft(agreed.versions.get(number=1), budget={})
    agree(agreed, city_staff, partner_admin)
    make_covenant(city_org, other_org, reference="B-1", starts_on=date(2029, 1, 1), ends_on=date(2030, 12, 31))
    welzijn = factories.city_service(name="Welzijn")
    make_covenant(welzijn, other_org, reference="C-1")

    def refs(**params):
        response = staff_client.get(reverse("covenants:list"), params)
        return sorted(c.reference for c in response.context["page"].object_list)

    assert refs(status="draft") == ["B-1", "C-1"]
    assert refs(service=welzijn.pk) == ["C-1"]
    assert refs(partner="brug") == ["A-1"]
    assert refs(year=2030) == ["B-1"]


def test_it_writes_each_mail_in_the_recipients_language(
    covenant, city_staff, partner_admin, django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import translation

    from charter_portal import mail as portal_mail

    second = factories.admin_of(covenant.partner_organisation, preferred_language="en")
    partner_admin.preferred_language = "nl"
    partner_admin.save()
    # The body records the language that was active while it was rendered.
    monkeypatch.setattr(portal_mail, "render_to_string", lambda *args, **kwargs: translation.get_language())
    with django_capture_on_commit_callbacks(execute=True):
        services.version_submit(terms=covenant.versions.get(number=1), by=city_staff, side=Side.CITY)
    assert {m.to[0]: m.body for m in mail.outbox} == {partner_admin.email: "nl", second.email: "en"}


def test_it_refuses_editing_a_submitted_version_from_the_page(covenant, city_staff, staff_client):
    terms = covenant.versions.get(number=1)
    services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    terms.refresh_from_db()
    url = reverse("covenants:version_edit", args=[covenant.pk, 1])
    response = staff_client.post(url, _draft_post(terms, objectives="Changed after submission"))
    assert response.status_code == 302
    assert response["Location"] == reverse("covenants:version", args=[covenant.pk, 1])
    assert TermsVersion.objects.get(pk=terms.pk).objectives == "Open five days a week."


def test_it_shows_covenants_in_the_admin_without_editing_versions(agreed_covenant, admin_client):
    assert admin_client.get("/admin/covenants/covenant/").status_code == 200
    assert admin_client.get(f"/admin/covenants/covenant/{agreed_covenant.pk}/change/").status_code == 200
    terms = agreed_covenant.versions.get()
    response = admin_client.post(f"/admin/covenants/termsversion/{terms.pk}/change/", {"objectives": "x"})
    assert response.status_code in (200, 403)
    assert TermsVersion.objects.get(pk=terms.pk).objectives == "Open five days a week."
