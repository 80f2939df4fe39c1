import pytest
from django.core import mail
from django.test import Client

from notifications.models import Notification, Preference
from signals import services
from signals.models import Endorsement, Signal, Status, TimelineEntry
from tests import factories

pytestmark = pytest.mark.django_db

PAGES = ["/signalen/", "/signalen/dashboard/", "/signalen/rondes/"]


@pytest.mark.parametrize("path", [*PAGES, "/signalen/mijn/", "/signalen/nieuw/", "/signalen/inbox/"])
def test_it_sends_visitors_to_the_login_page(path, client):
    response = client.get(path)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_it_does_not_show_a_signal_to_visitors(make_signal, client):
    signal = make_signal()
    assert client.get(f"/signalen/{signal.pk}/").status_code == 302


def test_it_answers_403_on_lists_and_404_on_a_signal_to_people_without_an_organisation(make_signal):
    signal = make_signal()
    loner = Client()
    loner.force_login(factories.user())
    for path in PAGES:
        assert loner.get(path).status_code == 403
    assert loner.get(f"/signalen/{signal.pk}/").status_code == 404


def test_it_lets_every_partner_read_every_signal_and_its_public_timeline(make_signal, other_client, service_b_staff):
    signal = make_signal(Status.ACKNOWLEDGED)
    services.signal_add_note(signal=signal, by=service_b_staff, text="Public update for partners.", is_internal=False)
    services.signal_add_note(signal=signal, by=service_b_staff, text="Budget discussion pending.", is_internal=True)
    page = other_client.get(f"/signalen/{signal.pk}/").content.decode()
    assert signal.title in page
    assert "Public update for partners." in page
    assert "Budget discussion pending." not in page


def test_it_shows_internal_notes_to_city_staff(make_signal, staff_client, service_b_staff):
    signal = make_signal()
    services.signal_add_note(signal=signal, by=service_b_staff, text="Budget discussion pending.", is_internal=True)
    assert "Budget discussion pending." in staff_client.get(f"/signalen/{signal.pk}/").content.decode()


def test_it_lets_only_city_staff_add_notes(make_signal, member_client, staff_client):
    signal = make_signal()
    assert member_client.post(f"/signalen/{signal.pk}/notitie/", {"text": "Hello"}).status_code == 403
    response = staff_client.post(f"/signalen/{signal.pk}/notitie/", {"text": "Checked with the park service."})
    assert response.status_code == 302
    note = TimelineEntry.objects.get(kind="note")
    assert note.text == "Checked with the park service." and not note.is_internal


def test_it_lets_a_member_report_on_the_page_and_tells_the_reporter(
    member_client, partner_org, partner_member, django_capture_on_commit_callbacks
):
    from neighbourhoods.models import Neighbourhood

    wijk = Neighbourhood.objects.get(number=10)
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit
        response = member_client.post(
            "/signalen/nieuw/",
            {
                "organisation": partner_org.pk,
                "title": "Playground unlit",
                "description": "Children stay away after dark.",
                "themes": ["public_space", "leisure"],
                "neighbourhoods": [wijk.pk],
                "children_affected": "21-50",
                "since": "2026-01-01",
                "actions_taken": "",
            },
        )
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/signalen/{signal.pk}/"
    assert signal.organisation == partner_org and signal.reported_by == partner_member
    assert signal.theme_codes == ["leisure", "public_space"]
    assert list(signal.neighbourhoods.all()) == [wijk]
    assert signal.timeline.get().kind == "submitted"
    assert mail.outbox[0].to == [partner_member.email]


def test_it_needs_an_area_or_city_wide_and_a_theme(member_client, partner_org):
    response = member_client.post(
        "/signalen/nieuw/",
        {"organisation": partner_org.pk, "title": "x", "description": "y", "children_affected": "1-5"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "or mark it city-wide" in content
    assert not Signal.objects.exists()


def test_it_lets_someone_in_several_organisations_choose_the_reporting_one(partner_member, other_org, partner_org):
    from organisations.models import Membership

    Membership.objects.create(user=partner_member, organisation=other_org)
    client = Client()
    client.force_login(partner_member)
    page = client.get("/signalen/nieuw/").content.decode()
    assert other_org.name in page and partner_org.name in page
    client.post(
        "/signalen/nieuw/",
        {
            "organisation": other_org.pk,
            "title": "Too few sports clubs",
            "description": "Girls find no club.",
            "themes": ["sport"],
            "city_wide": "on",
            "children_affected": "6-20",
        },
    )
    assert Signal.objects.get().organisation == other_org


def test_it_refuses_city_staff_reporting_for_their_service(staff_client):
    assert staff_client.get("/signalen/nieuw/").status_code == 403


def test_it_makes_a_transition_on_the_page_and_shows_it_on_the_timeline(
    make_signal, staff_client, service_b, service_b_staff, django_capture_on_commit_callbacks
):
    signal = make_signal()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the mails leave after commit
        response = staff_client.post(
            f"/signalen/{signal.pk}/acknowledge/", {"responsible_body": service_b.pk, "version": signal.version}
        )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Status.ACKNOWLEDGED and signal.responsible_body == service_b
    page = staff_client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "acknowledged" in page
    # The service hears of its assignment at once (an action); the reporting organisation of the step through its
    # notifications, by e-mail in the daily digest unless its members chose otherwise.
    assert [m.to[0] for m in mail.outbox] == [service_b_staff.email]
    assert Notification.objects.filter(kind="signals.acknowledged", recipient=signal.reported_by).exists()


def test_it_refuses_a_transition_the_state_does_not_allow_with_a_message(make_signal, city_admin_client):
    signal = make_signal(Status.CLOSED)
    response = city_admin_client.post(f"/signalen/{signal.pk}/start/", {"version": signal.version}, follow=True)
    assert "is not possible now" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == Status.CLOSED


def test_it_refuses_people_who_may_not_with_403_on_the_page(make_signal, other_client, member_client):
    signal = make_signal(Status.ACKNOWLEDGED)
    assert other_client.post(f"/signalen/{signal.pk}/start/", {"version": signal.version}).status_code == 403
    assert member_client.post(f"/signalen/{signal.pk}/start/", {"version": signal.version}).status_code == 403
    signal.refresh_from_db()
    assert signal.status == Status.ACKNOWLEDGED


def test_it_shows_the_stale_message_on_a_conflict(make_signal, city_admin_client, service_b):
    signal = make_signal()
    response = city_admin_client.post(
        f"/signalen/{signal.pk}/acknowledge/", {"responsible_body": service_b.pk, "version": 99}, follow=True
    )
    assert "Someone else saved a change" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == Status.SUBMITTED


def test_it_answers_404_to_an_unknown_step(make_signal, city_admin_client):
    signal = make_signal()
    assert city_admin_client.post(f"/signalen/{signal.pk}/explode/", {"version": 1}).status_code == 404


def test_it_lets_another_organisation_endorse_once(make_signal, other_client, other_org, member_client):
    signal = make_signal()
    assert member_client.post(f"/signalen/{signal.pk}/steunen/", {}).status_code == 403  # the reporter itself
    response = other_client.post(f"/signalen/{signal.pk}/steunen/", {"observation": "We see it too."})
    assert response.status_code == 302
    assert Endorsement.objects.get().organisation == other_org
    response = other_client.post(f"/signalen/{signal.pk}/steunen/", {"observation": "Again."}, follow=True)
    assert "already endorsed" in response.content.decode()
    assert Endorsement.objects.count() == 1
    assert "We see it too." in other_client.get(f"/signalen/{signal.pk}/").content.decode()


def test_it_tells_endorsers_when_a_signal_is_answered(
    make_signal, other_admin, service_b_staff, django_capture_on_commit_callbacks
):
    signal = make_signal(Status.IN_PROGRESS)
    services.signal_endorse(signal=signal, by=other_admin)
    for person in (other_admin, signal.reported_by):  # both chose to hear of signals at once
        Preference.objects.create(user=person, category="signals", frequency="immediate")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_answer(signal=signal, by=service_b_staff, outcome="action_taken", answer="Lights installed.")
    recipients = {m.to[0] for m in mail.outbox}
    assert {signal.reported_by.email, other_admin.email} <= recipients
    endorser_mail = next(m for m in mail.outbox if m.to == [other_admin.email])
    assert signal.title in endorser_mail.subject
    assert f"/signalen/{signal.pk}/" in endorser_mail.body


def test_it_sends_mail_in_the_recipients_language(
    make_signal, partner_member, service_b_staff, service_b, city_staff, django_capture_on_commit_callbacks
):
    from django.utils import translation

    partner_member.preferred_language = "en"
    partner_member.save()
    Preference.objects.create(user=partner_member, category="signals", frequency="immediate")
    signal = make_signal()
    mail.outbox.clear()
    calls = []
    real = translation.override

    def spy(language, *args, **kwargs):
        calls.append(language)
        return real(language, *args, **kwargs)

    from charter_portal import mail as portal_mail

    portal_mail.translation.override = spy
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.signal_acknowledge(signal=signal, by=city_staff, responsible_body=service_b)
    finally:
        portal_mail.translation.override = real
    assert sorted(calls) == sorted(["en", service_b_staff.preferred_language])
    english = next(m for m in mail.outbox if m.to == [partner_member.email])
    assert "acknowledged your signal" in english.subject


def test_it_lists_what_waits_for_my_service_by_deadline(make_signal, service_b_staff, service_b):
    from datetime import timedelta

    late = make_signal(Status.ACKNOWLEDGED, title="Later deadline")
    soon = make_signal(Status.IN_PROGRESS, title="Sooner deadline")
    Signal.objects.filter(pk=soon.pk).update(due_on=late.due_on - timedelta(days=5))
    make_signal(Status.ANSWERED, title="Already answered")
    waiting = make_signal(title="Waiting to be acknowledged")
    client = Client()
    client.force_login(service_b_staff)
    response = client.get("/signalen/inbox/")
    assert [s.title for s in response.context["waiting"]] == ["Sooner deadline", "Later deadline"]
    assert [s.pk for s in response.context["unassigned"]] == [waiting.pk]
    assert "Already answered" not in response.content.decode()


def test_it_keeps_the_inbox_for_city_staff(member_client):
    assert member_client.get("/signalen/inbox/").status_code == 403


def test_it_shows_only_my_organisations_signals_under_mine(make_signal, other_admin, other_org, member_client):
    mine = make_signal(title="Ours")
    from tests.signals.conftest import report

    report(other_admin, other_org, title="Theirs")
    response = member_client.get("/signalen/mijn/")
    assert [s.pk for s in response.context["page"].object_list] == [mine.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "acknowledged"}, ["Acknowledged"]),
        ({"theme": "housing"}, ["Housing"]),
        ({"q": "HOUSING"}, ["Housing"]),
        ({"overdue": "true"}, ["Overdue"]),
        ({"priority": "false", "status": "submitted"}, ["Overdue", "Housing"]),
    ],
)
def test_it_filters_the_list(query, expected, make_signal, member_client):
    from datetime import timedelta

    from django.utils import timezone

    make_signal(Status.ACKNOWLEDGED, title="Acknowledged")
    make_signal(title="Housing", themes=["housing"])
    overdue = make_signal(title="Overdue")
    Signal.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    response = member_client.get("/signalen/", query)
    assert sorted(s.title for s in response.context["page"].object_list) == sorted(expected)
    if query.get("overdue"):
        assert "overdue" in response.content.decode()


def test_it_finds_signals_about_a_circle_around_a_neighbourhood(make_signal, member_client):
    from neighbourhoods.models import Neighbourhood

    n2, n10, n4 = (Neighbourhood.objects.get(number=n) for n in (2, 10, 4))
    circle = factories.movement_circle(n2, n10)
    make_signal(title="About the circle", city_wide=False, movement_circles=[circle])
    make_signal(title="About wijk 10", city_wide=False, neighbourhoods=[n10])
    make_signal(title="About wijk 4", city_wide=False, neighbourhoods=[n4])
    response = member_client.get("/signalen/", {"area": f"n{n10.pk}"})
    assert sorted(s.title for s in response.context["page"].object_list) == ["About the circle", "About wijk 10"]
    response = member_client.get("/signalen/", {"area": f"c{circle.pk}"})
    assert [s.title for s in response.context["page"].object_list] == ["About the circle"]


def test_it_filters_by_service(make_signal, member_client, service_b):
    make_signal(Status.ACKNOWLEDGED, title="Assigned")
    make_signal(title="Unassigned")
    response = member_client.get("/signalen/", {"service": service_b.pk})
    assert [s.title for s in response.context["page"].object_list] == ["Assigned"]


def test_it_shows_response_figures_and_a_chart_with_a_text_alternative(make_signal, member_client):
    make_signal(Status.ANSWERED, themes=["housing"])
    make_signal(themes=["housing", "sport"])
    response = member_client.get("/signalen/dashboard/")
    assert response.status_code == 200
    overall = response.context["overall"]
    assert overall.count == 2
    assert overall.median_days_to_answer == 0.0
    assert overall.answered_on_time_share == 1.0
    per_theme = {f.label: f.count for f in response.context["per_theme"]}
    assert per_theme == {"housing": 2, "sport": 1}
    per_service = {f.label: f.count for f in response.context["per_service"]}
    assert per_service == {"Dienst Welzijn": 1, "Not yet assigned": 1}
    content = response.content.decode()
    assert "<svg" in content and "<title" in content and "text version of the chart" in content
    assert ",5" not in content.split("<svg")[1].split("</svg>")[0]  # SVG numbers never localised


def _rows(n, make_signal, other_admin):
    from participation.services import citations_set
    from tests.participation.conftest import record

    for i in range(n):
        signal = make_signal(Status.ACKNOWLEDGED, title=f"Signal {i}", themes=["housing", "sport"])
        services.signal_endorse(signal=signal, by=other_admin, observation="Same here.")
        if i % 2 == 0:  # every other signal was raised by young people: the mark costs no query per row
            moment = record(signal.reported_by, signal.organisation, city_wide=True)
            citations_set(signal=signal, moment_ids=[moment.pk], by=signal.reported_by)


@pytest.mark.parametrize("path", ["/signalen/", "/signalen/mijn/", "/signalen/inbox/?service={service}"])
def test_it_keeps_list_page_query_counts_constant(
    path,
    make_signal,
    partner_member,
    other_admin,
    service_b,
    service_b_staff,
    django_assert_num_queries,
    rendered_afresh,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(service_b_staff if "inbox" in path else partner_member)
    url = path.format(service=service_b.pk)
    _rows(1, make_signal, other_admin)
    client.get(url)  # warm up the session
    rendered_afresh()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _rows(49, make_signal, other_admin)
    rendered_afresh()
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    rows = response.context["waiting"] if "inbox" in path else response.context["page"].object_list
    assert len(rows) == (50 if "inbox" in path else 25)
    assert response.content.decode().count("raised by young people") == sum(r.raised_by_young_people for r in rows) > 0


def test_it_does_not_let_city_services_endorse(make_signal, city_staff, staff_client):
    signal = make_signal()
    assert staff_client.post(f"/signalen/{signal.pk}/steunen/", {}).status_code == 403
    from tests.conftest import api_client_for

    assert api_client_for(city_staff).post(f"/api/v1/signals/{signal.pk}/endorse/", {}).status_code == 403
    assert not Endorsement.objects.exists()


@pytest.mark.parametrize("path", ["/signalen/dashboard/", "/signalen/rondes/"])
def test_it_keeps_dashboard_and_rounds_query_counts_constant(
    path, make_signal, city_admin, member_client, django_assert_num_queries, rendered_afresh
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        signals = [make_signal(Status.ANSWERED, themes=["housing", "sport"]) for _ in range(n)]
        services.round_open(
            by=city_admin, title="Round", signals=[*signals, make_signal()], votes_per_organisation=3, top_n=1
        )

    add(1)
    member_client.get(path)
    rendered_afresh()
    with CaptureQueriesContext(connection) as one:
        member_client.get(path)
    add(20)
    rendered_afresh()
    with django_assert_num_queries(len(one)):
        response = member_client.get(path)
    assert response.status_code == 200


def test_it_states_the_configured_deadlines(member_client, settings):
    settings.SIGNAL_ACKNOWLEDGE_WORKING_DAYS = 3
    settings.SIGNAL_ANSWER_DAYS = 21
    content = member_client.get("/signalen/").content.decode()
    assert "within 3 working days" in content and "within 21 days" in content
