"""Follow-up: comments of both sides, meetings with agreed actions, open actions."""

import pytest
from django.urls import reverse

from covenants.models import Action, Comment, Meeting

pytestmark = pytest.mark.django_db


def test_it_keeps_a_comment_thread_for_both_sides(covenant, staff_client, member_client, other_client):
    url = reverse("covenants:comment_add", args=[covenant.pk])
    staff_client.post(url, {"body": "Can we meet in March?"})
    member_client.post(url, {"body": "Yes, the 12th suits us."})
    assert list(Comment.objects.values_list("side", "body")) == [
        ("city", "Can we meet in March?"),
        ("partner", "Yes, the 12th suits us."),
    ]
    assert other_client.post(url, {"body": "Hello"}).status_code == 404
    member_client.post(url, {"body": "Call me on 0470 12 34 56"})
    assert Comment.objects.count() == 2
    page = member_client.get(reverse("covenants:detail", args=[covenant.pk])).content.decode()
    assert "Yes, the 12th suits us." in page


def _meeting_post(covenant, **overrides):
    data = {
        "held_on": "2026-03-12",
        "participants": [covenant.city_service_id, covenant.partner_organisation_id],
        "notes": "Good progress on opening hours.",
        "act-TOTAL_FORMS": "3",
        "act-INITIAL_FORMS": "0",
        "act-MIN_NUM_FORMS": "0",
        "act-MAX_NUM_FORMS": "1000",
        "act-0-description": "Free a room on Wednesdays",
        "act-0-owner_side": "city",
        "act-0-due_on": "2026-04-30",
    }
    data.update(overrides)
    return data


def test_it_records_a_meeting_with_agreed_actions_and_lists_open_ones(covenant, member_client, staff_client):
    url = reverse("covenants:meeting_create", args=[covenant.pk])
    assert member_client.get(url).status_code == 200
    response = member_client.post(url, _meeting_post(covenant))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert set(meeting.participants.values_list("pk", flat=True)) == {
        covenant.city_service_id,
        covenant.partner_organisation_id,
    }
    action = Action.objects.get()
    assert (action.owner_side, str(action.due_on)) == ("city", "2026-04-30")
    page = staff_client.get(reverse("covenants:detail", args=[covenant.pk])).content.decode()
    assert "Free a room on Wednesdays" in page

    done = reverse("covenants:action_done", args=[covenant.pk, action.pk])
    staff_client.post(done, {"version": action.version})
    action.refresh_from_db()
    assert action.done_on is not None
    assert not Action.objects.open().exists()


def test_it_refuses_a_meeting_with_bad_input(covenant, member_client):
    url = reverse("covenants:meeting_create", args=[covenant.pk])
    response = member_client.post(url, _meeting_post(covenant, **{"act-0-due_on": "", "notes": "jan@example.org"}))
    assert response.status_code == 200
    assert not Meeting.objects.exists() and not Action.objects.exists()


def test_it_refuses_organisations_outside_the_covenant_as_participants(covenant, other_org, member_client):
    url = reverse("covenants:meeting_create", args=[covenant.pk])
    response = member_client.post(url, _meeting_post(covenant, participants=[other_org.pk]))
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_it_hides_follow_up_from_outsiders(covenant, other_client):
    assert other_client.get(reverse("covenants:meeting_create", args=[covenant.pk])).status_code == 404
