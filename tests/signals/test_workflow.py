"""Every transition from every state, and who may make it (docs/rules.md#signal-states).

Who may do what (signals/rules.py):
- acknowledge: any city staff (of any service) or a city admin;
- start, answer: staff of the responsible service or a city admin;
- close (after an answer): staff of the responsible service, a city admin, or the reporting organisation;
- reopen (within 30 days of the answer): the reporting organisation.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from charter_portal.concurrency import StaleObjectError
from charter_portal.errors import StepNotAllowed
from signals import services
from signals.models import Status, TimelineEntry
from signals.workflow import TRANSITIONS
from tests.conftest import api_client_for, error_message

pytestmark = pytest.mark.django_db

ALL_STATES = [Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED]

# transition -> (state it starts from, state it leads to)
ALLOWED = {
    "acknowledge": ({Status.SUBMITTED}, Status.ACKNOWLEDGED),
    "start": ({Status.ACKNOWLEDGED}, Status.IN_PROGRESS),
    "answer": ({Status.IN_PROGRESS}, Status.ANSWERED),
    "close": ({Status.ANSWERED}, Status.CLOSED),
    "reopen": ({Status.ANSWERED}, Status.IN_PROGRESS),
}

# persona fixture -> transitions it may make (on a signal reported by partner_org, service_b responsible)
WHO = {
    "partner_member": {"close", "reopen"},
    "partner_admin": {"close", "reopen"},
    "other_admin": set(),
    "city_staff": {"acknowledge"},  # staff of another city service
    "service_b_staff": {"acknowledge", "start", "answer", "close"},
    "city_admin": {"acknowledge", "start", "answer", "close"},
}

PAYLOAD = {
    "acknowledge": lambda ctx: {"responsible_body": ctx["service"].pk},
    "start": lambda ctx: {},
    "answer": lambda ctx: {"outcome": "not_feasible", "answer": "No budget this year; we try again next year."},
    "close": lambda ctx: {},
    "reopen": lambda ctx: {"reason": "The answer does not solve the problem."},
}


def call(name, signal, user, ctx, version=None):
    data = PAYLOAD[name](ctx)
    if name == "acknowledge":
        data["responsible_body"] = ctx["service"]
    fn = getattr(services, f"signal_{name}")
    return fn(signal=signal, by=user, expected_version=version, **data)


def _state_of(signal):
    signal.refresh_from_db()
    return signal.status, signal.version, TimelineEntry.objects.filter(signal=signal).count()


def test_it_has_the_workflow_table_of_the_design():
    assert {name: (set(t.sources), t.target) for name, t in TRANSITIONS.items()} == ALLOWED


@pytest.mark.parametrize("name", list(ALLOWED))
@pytest.mark.parametrize("state", ALL_STATES)
def test_it_allows_each_transition_only_from_its_state(name, state, make_signal, service_b, request):
    signal = make_signal(state)
    user = request.getfixturevalue("partner_member" if name == "reopen" else "city_admin")
    ctx = {"service": service_b}
    sources, target = ALLOWED[name]
    before = _state_of(signal)
    if state in sources:
        result = call(name, signal, user, ctx)
        assert result.status == target
        entry = TimelineEntry.objects.filter(signal=signal).last()
        assert entry.author == user
        assert entry.status_after == target
        assert entry.created_at is not None
    else:
        with pytest.raises(StepNotAllowed):
            call(name, signal, user, ctx)
        assert _state_of(signal) == before


@pytest.mark.parametrize("name", list(ALLOWED))
@pytest.mark.parametrize("persona", list(WHO))
def test_it_lets_only_the_right_people_make_each_transition(name, persona, make_signal, service_b, request):
    signal = make_signal(next(iter(ALLOWED[name][0])))
    user = request.getfixturevalue(persona)
    before = _state_of(signal)
    if name in WHO[persona]:
        assert call(name, signal, user, {"service": service_b}).status == ALLOWED[name][1]
    else:
        with pytest.raises(PermissionDenied):
            call(name, signal, user, {"service": service_b})
        assert _state_of(signal) == before


@pytest.mark.parametrize("name", list(ALLOWED))
@pytest.mark.parametrize("persona", list(WHO))
def test_it_answers_403_in_the_api_to_people_who_may_not_and_changes_nothing(
    name, persona, make_signal, service_b, request
):
    signal = make_signal(next(iter(ALLOWED[name][0])))
    user = request.getfixturevalue(persona)
    before = _state_of(signal)
    response = api_client_for(user).post(
        f"/api/v1/signals/{signal.pk}/{name}/", PAYLOAD[name]({"service": service_b}), format="json"
    )
    if name in WHO[persona]:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == ALLOWED[name][1]
    else:
        assert response.status_code == 403
        assert _state_of(signal) == before


REFUSED = [(name, state) for name in ALLOWED for state in ALL_STATES if state not in ALLOWED[name][0]]


@pytest.mark.parametrize(("name", "state"), REFUSED)
def test_it_answers_409_in_the_api_to_a_transition_the_state_does_not_allow(
    name, state, make_signal, service_b, request
):
    signal = make_signal(state)
    user = request.getfixturevalue("partner_member" if name == "reopen" else "city_admin")
    before = _state_of(signal)
    response = api_client_for(user).post(
        f"/api/v1/signals/{signal.pk}/{name}/", PAYLOAD[name]({"service": service_b}), format="json"
    )
    assert response.status_code == 409
    assert "not possible" in error_message(response)
    assert _state_of(signal) == before


@pytest.mark.parametrize(("days", "allowed"), [(30, True), (31, False)])
def test_it_lets_the_reporter_reopen_within_30_days_of_the_answer_only(days, allowed, make_signal, partner_member):
    signal = make_signal(Status.ANSWERED)
    with time_machine.travel(timezone.now() + timedelta(days=days), tick=False):
        if allowed:
            signal = services.signal_reopen(signal=signal, by=partner_member, reason="Still a problem.")
            assert signal.status == Status.IN_PROGRESS
            assert signal.due_on == timezone.localdate() + timedelta(days=30)
            assert signal.timeline.last().text == "Still a problem."
        else:
            with pytest.raises(StepNotAllowed, match="30 days"):
                services.signal_reopen(signal=signal, by=partner_member, reason="Still a problem.")
            signal.refresh_from_db()
            assert signal.status == Status.ANSWERED


def test_it_needs_a_reason_to_reopen_and_a_motivation_to_answer(make_signal, partner_member, service_b_staff):
    from django.core.exceptions import ValidationError

    answered = make_signal(Status.ANSWERED)
    with pytest.raises(ValidationError):
        services.signal_reopen(signal=answered, by=partner_member, reason="  ")
    in_progress = make_signal(Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        services.signal_answer(signal=in_progress, by=service_b_staff, outcome="not_feasible", answer="")
    with pytest.raises(ValidationError):
        services.signal_answer(signal=in_progress, by=service_b_staff, outcome="maybe", answer="Because.")
    in_progress.refresh_from_db()
    assert in_progress.status == Status.IN_PROGRESS


def test_it_refuses_a_city_organisation_that_is_not_a_service_as_responsible(make_signal, city_admin, other_org):
    from django.core.exceptions import ValidationError

    signal = make_signal()
    with pytest.raises(ValidationError):
        services.signal_acknowledge(signal=signal, by=city_admin, responsible_body=other_org)
    signal.refresh_from_db()
    assert signal.status == Status.SUBMITTED


def test_it_refuses_a_stale_version(make_signal, city_admin, service_b):
    signal = make_signal()
    with pytest.raises(StaleObjectError):
        services.signal_acknowledge(
            signal=signal, by=city_admin, responsible_body=service_b, expected_version=signal.version - 1
        )
    response = api_client_for(city_admin).post(
        f"/api/v1/signals/{signal.pk}/acknowledge/",
        {"responsible_body": service_b.pk, "version": signal.version + 5},
        format="json",
    )
    assert response.status_code == 409
    signal.refresh_from_db()
    assert signal.status == Status.SUBMITTED


def test_it_records_a_full_timeline_with_authors(make_signal, partner_member, service_b_staff, service_b):
    signal = make_signal(Status.CLOSED)
    entries = list(signal.timeline.select_related("author", "author_organisation"))
    kinds = ["submitted", "acknowledged", "started", "answered", "confirmation_asked", "closed"]
    assert [e.kind for e in entries] == kinds
    staff = service_b_staff
    assert [e.author for e in entries] == [partner_member, staff, staff, staff, staff, partner_member]
    assert entries[1].author_organisation == service_b
    assert entries[-1].author_organisation == signal.organisation
