"""The API lists of issue 19 read a page of 1 or 50 rows in the same number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signals import services
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


def _count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def test_rounds_list_keeps_its_query_count(make_signal, city_admin, partner_admin, signatories):
    signals = [make_signal(title=f"S{i}") for i in range(2)]

    def add(n):
        for _ in range(n):
            item = services.round_open(by=city_admin, title="R", signals=signals, votes_per_organisation=3, top_n=1)
            services.round_vote(
                round=item, by=partner_admin, organisation=signatories[0], allocation={signals[0].pk: 1}
            )
            services.round_close(round=item, by=city_admin)

    client = api_client_for(partner_admin)
    add(1)
    one = _count(client, "/api/v1/signal-rounds/")
    add(49)
    assert _count(client, "/api/v1/signal-rounds/") == one


def test_actions_and_comments_keep_their_query_count(make_signal, service_b, service_b_staff, partner_member):
    from signals.models import Status

    signal = make_signal(Status.IN_PROGRESS)

    def add(n):
        for i in range(n):
            services.action_add(
                signal=signal,
                by=service_b_staff,
                description=f"Action {i}",
                responsible_body=service_b,
                due_on=date.today() + timedelta(days=i),
            )
            services.signal_comment(signal=signal, by=partner_member, text=f"Comment {i}")

    client = api_client_for(partner_member)
    add(1)
    counts = [_count(client, f"/api/v1/signals/{signal.pk}/{part}/") for part in ("actions", "comments")]
    add(49)
    assert [_count(client, f"/api/v1/signals/{signal.pk}/{part}/") for part in ("actions", "comments")] == counts


def test_the_api_plans_and_updates_an_action_with_versions(make_signal, service_b, service_b_staff, partner_member):
    from signals.models import Status

    signal = make_signal(Status.IN_PROGRESS)
    staff = api_client_for(service_b_staff)
    url = f"/api/v1/signals/{signal.pk}/actions/"
    body = {"description": "Replace the lamps", "responsible_body": service_b.pk, "due_on": "2030-01-01"}
    assert api_client_for(partner_member).post(url, body).status_code == 403
    created = staff.post(url, body)
    assert created.status_code == 201, created.content
    action = created.json()
    patch = f"/api/v1/signal-actions/{action['id']}/"
    assert staff.patch(patch, {"progress": 50}).status_code == 428
    assert staff.patch(patch, {"progress": 50, "version": 99}).status_code == 409
    assert staff.patch(patch, {"status": "dropped", "version": 1}).status_code == 400
    updated = staff.patch(patch, {"status": "done", "version": 1}).json()
    assert updated["status"] == "done" and updated["progress"] == 100
    # The reporter makes the signal public with PATCH: is_public and version only.
    reporter = api_client_for(partner_member)
    signal.refresh_from_db()
    assert reporter.patch(f"/api/v1/signals/{signal.pk}/", {"title": "x", "version": signal.version}).status_code == 400
    response = reporter.patch(f"/api/v1/signals/{signal.pk}/", {"is_public": True, "version": signal.version})
    assert response.status_code == 200 and response.json()["is_public"] is True
    # responsible_service is still accepted as an alias of responsible_body.
    reassigned = api_client_for(service_b_staff).post(
        f"/api/v1/signals/{signal.pk}/reassign/",
        {"responsible_service": service_b.pk, "reason": "Same body."},
    )
    assert reassigned.status_code == 400 and "already responsible" in reassigned.content.decode()
