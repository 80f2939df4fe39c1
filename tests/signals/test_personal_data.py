"""The personal-data guard (R10) on every free-text field of signals: refused with its message, nothing saved."""

import pytest

from signals.models import Endorsement, PrioritisationRound, Signal, Status, TimelineEntry
from tests.conftest import api_client_for, field_errors

pytestmark = pytest.mark.django_db

PERSONAL = [
    "Call his mother on 0475 12 34 56",
    "Write to jonas.peeters@example.be",
    "Rijksregisternummer 85.07.30-033.28",
    "Account BE68 5390 0754 7034",
]

REPORT = {
    "title": "Playground unlit",
    "description": "Children stay away after dark.",
    "themes": ["public_space"],
    "children_affected": "6-20",
    "city_wide": True,
    "actions_taken": "We asked the neighbourhood manager.",
}


@pytest.mark.parametrize("text", PERSONAL)
@pytest.mark.parametrize("field", ["title", "description", "actions_taken"])
def test_it_refuses_personal_data_in_an_api_report(field, text, partner_member):
    response = api_client_for(partner_member).post("/api/v1/signals/", {**REPORT, field: text}, format="json")
    assert response.status_code == 400
    assert "never stores personal data" in str(field_errors(response)[field])
    assert not Signal.objects.exists()


@pytest.mark.parametrize("field", ["title", "description", "actions_taken"])
def test_it_refuses_personal_data_on_the_report_page(field, member_client):
    data = {**REPORT, field: PERSONAL[0], "themes": ["public_space"], "city_wide": "on"}
    response = member_client.post("/signalen/nieuw/", data)
    assert response.status_code == 200
    assert "never stores personal data" in response.content.decode()
    assert not Signal.objects.exists()


# (transition, state it needs, persona, field, other data)
ACTION_FIELDS = [
    ("acknowledge", Status.SUBMITTED, "city_admin", "note", {"responsible_body": "service"}),
    ("start", Status.ACKNOWLEDGED, "city_admin", "note", {}),
    ("answer", Status.IN_PROGRESS, "city_admin", "answer", {"outcome": "referred"}),
    ("close", Status.ANSWERED, "city_admin", "note", {}),
    ("reopen", Status.ANSWERED, "partner_member", "reason", {}),
]


@pytest.mark.parametrize(("name", "state", "persona", "field", "extra"), ACTION_FIELDS)
def test_it_refuses_personal_data_in_each_api_step(name, state, persona, field, extra, make_signal, service_b, request):
    signal = make_signal(state)
    extra = {k: service_b.pk if v == "service" else v for k, v in extra.items()}
    before = (signal.status, signal.version, signal.timeline.count())
    user = request.getfixturevalue(persona)
    response = api_client_for(user).post(
        f"/api/v1/signals/{signal.pk}/{name}/", {**extra, field: PERSONAL[1]}, format="json"
    )
    assert response.status_code == 400
    assert "never stores personal data" in str(field_errors(response)[field])
    signal.refresh_from_db()
    assert (signal.status, signal.version, signal.timeline.count()) == before


@pytest.mark.parametrize(("name", "state", "persona", "field", "extra"), ACTION_FIELDS)
def test_it_refuses_personal_data_in_each_step_on_the_signal_page(
    name, state, persona, field, extra, make_signal, service_b, request
):
    from django.test import Client

    signal = make_signal(state)
    extra = {k: service_b.pk if v == "service" else v for k, v in extra.items()}
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    response = client.post(f"/signalen/{signal.pk}/{name}/", {**extra, field: PERSONAL[0], "version": signal.version})
    assert response.status_code == 400
    assert "never stores personal data" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == state


def test_it_refuses_personal_data_in_an_endorsement_observation(make_signal, other_admin, other_client):
    signal = make_signal()
    response = api_client_for(other_admin).post(
        f"/api/v1/signals/{signal.pk}/endorse/", {"observation": PERSONAL[2]}, format="json"
    )
    assert response.status_code == 400
    assert "never stores personal data" in str(field_errors(response)["observation"])
    response = other_client.post(f"/signalen/{signal.pk}/steunen/", {"observation": PERSONAL[3]})
    assert response.status_code == 400
    assert not Endorsement.objects.exists()


def test_it_refuses_personal_data_in_a_city_note(make_signal, staff_client):
    signal = make_signal()
    response = staff_client.post(f"/signalen/{signal.pk}/notitie/", {"text": PERSONAL[0], "is_internal": "on"})
    assert response.status_code == 400
    assert not TimelineEntry.objects.filter(kind="note").exists()


@pytest.mark.parametrize("field", ["title", "description"])
def test_it_refuses_personal_data_in_a_round(field, make_signal, city_admin_client):
    signals = [make_signal(), make_signal()]
    data = {"title": "Spring", "description": "", "votes_per_organisation": 5, "top_n": 1}
    data["signals"] = [s.pk for s in signals]
    data[field] = PERSONAL[1]
    response = city_admin_client.post("/signalen/rondes/nieuw/", data)
    assert response.status_code == 200
    assert "never stores personal data" in response.content.decode()
    assert not PrioritisationRound.objects.exists()
