"""Timeline texts of follow-up actions, reassignments and the portal's other steps are kept as a message with its
values and read in the reader's language, whoever wrote them in which language (issue 19); entries stored as
sentences before are turned into messages by the migration, or shown as they are."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.utils import translation

from signals import services
from signals.models import Status, TimelineEntry
from tests import factories
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db
migration = importlib.import_module("signals.migrations.0005_youth_tie_rule_and_timeline_texts")


@pytest.fixture
def police(db):
    return factories.organisation(name="Politiezone Gent", kind="public_body")


@pytest.fixture
def police_staff(police):
    return factories.member(police, email="agent@politie.example", full_name="Paula Politie")


def _page(client, user, signal, language):
    client.force_login(user)
    client.cookies["portal_language"] = language
    with translation.override(language):  # the request activates the reader's language: the test's stays as it was
        return client.get(f"/signalen/{signal.pk}/").content.decode()


def _timeline_part(page):
    return page.split('id="timeline-heading"')[1]


def test_action_and_reassignment_entries_read_in_the_readers_language(
    make_signal, service_b, service_b_staff, police, police_staff, partner_member, client
):
    signal = make_signal(Status.IN_PROGRESS)
    with translation.override("nl"):  # the writer works in Dutch
        item = services.action_add(
            signal=signal,
            by=service_b_staff,
            description="Replace the lamps",
            responsible_body=service_b,
            due_on=date(2030, 3, 1),
        )
        services.action_update(action=item, by=service_b_staff, progress=40, note="Half of them done.")
    with translation.override("en"):  # the next one in English
        services.signal_reassign(signal=signal, by=service_b_staff, responsible_body=police, reason="Public order.")

    english = _timeline_part(_page(client, partner_member, signal, "en"))
    assert "Action planned: Replace the lamps (Dienst Welzijn, due 1 March 2030, planned, 0%)" in english
    assert "Action updated: Replace the lamps (Dienst Welzijn, due 1 March 2030, in progress, 40%)" in english
    assert "Half of them done." in english
    assert "From Dienst Welzijn to Politiezone Gent: Public order." in english
    assert "Actie" not in english and "tegen" not in english and "maart" not in english

    dutch = _timeline_part(_page(client, partner_member, signal, "nl"))
    assert "Actie gepland: Replace the lamps (Dienst Welzijn, tegen 1 maart 2030, gepland, 0%)" in dutch
    assert "Actie bijgewerkt: Replace the lamps" in dutch and "in behandeling, 40%" in dutch
    assert "Van Dienst Welzijn naar Politiezone Gent: Public order." in dutch
    assert "Action planned" not in dutch and " due " not in dutch and "March" not in dutch

    # The API answers in the language of the request too.
    api = api_client_for(partner_member)
    for language, expected in (("nl", "Actie gepland: Replace the lamps"), ("en", "Action planned: Replace the lamps")):
        with translation.override(language):
            timeline = api.get(f"/api/v1/signals/{signal.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()["timeline"]
        assert any(entry["text"].startswith(expected) for entry in timeline)


def test_answers_and_merges_read_in_the_readers_language(
    make_signal, service_b_staff, city_staff, partner_member, client
):
    signal = make_signal(Status.IN_PROGRESS, title="Square unlit at night")
    with translation.override("nl"):
        services.signal_answer(signal=signal, by=service_b_staff, outcome="action_taken", answer="New lamps are in.")
    duplicate = make_signal(title="Square unlit again")
    with translation.override("nl"):
        services.signal_merge(duplicate=duplicate, into=signal, by=city_staff)

    english = _timeline_part(_page(client, partner_member, signal, "en"))
    assert "action taken: New lamps are in." in english
    assert "“Square unlit again” (" in english and "was merged into this signal." in english
    dutch = _timeline_part(_page(client, partner_member, duplicate, "nl"))
    assert "Samengevoegd met “Square unlit at night”." in dutch


def test_the_migration_turns_stored_sentences_in_either_language_into_messages(make_signal, service_b, police):
    signal = make_signal()
    rows = [
        ("action", "Action planned: Fix (the) lamps (Dienst Welzijn, due 2030-03-01, planned, 0%)"),
        ("action", "Actie bijgewerkt: Lampen (Dienst Welzijn, tegen 2030-03-01, in behandeling, 40%)\nHalf klaar."),
        ("reassigned", "Van Dienst Welzijn naar Politiezone Gent: Openbare orde."),
        ("reassigned", "From — to Politiezone Gent: Public order."),
        ("action", "Something nobody wrote in this form"),
        ("reassigned", "From Nowhere to Elsewhere: not a known body."),
    ]
    entries = [TimelineEntry.objects.create(signal=signal, kind=kind, text=text) for kind, text in rows]

    migration.to_messages(apps, None)

    got = [TimelineEntry.objects.get(pk=e.pk) for e in entries]
    assert (got[0].message, got[0].params, got[0].text) == (
        "action_planned",
        {"what": "Fix (the) lamps", "body": "Dienst Welzijn", "due": "2030-03-01", "status": "planned", "progress": 0},
        "",
    )
    assert (got[1].message, got[1].params["status"], got[1].params["progress"], got[1].text) == (
        "action_updated",
        "in_progress",
        40,
        "Half klaar.",
    )
    assert (got[2].message, got[2].params, got[2].text) == (
        "reassigned",
        {"old": "Dienst Welzijn", "new": "Politiezone Gent"},
        "Openbare orde.",
    )
    assert got[3].params == {"old": "", "new": "Politiezone Gent"}
    assert [g.message for g in got[4:]] == ["", ""]  # left as they were, and shown as they are
    with translation.override("en"):
        assert got[1].display_text == (
            "Action updated: Lampen (Dienst Welzijn, due 1 March 2030, in progress, 40%)\nHalf klaar."
        )
        assert got[2].display_text == "From Dienst Welzijn to Politiezone Gent: Openbare orde."
        assert got[4].display_text == "Something nobody wrote in this form"
    with translation.override("nl"):
        assert got[0].display_text == "Actie gepland: Fix (the) lamps (Dienst Welzijn, tegen 1 maart 2030, gepland, 0%)"
