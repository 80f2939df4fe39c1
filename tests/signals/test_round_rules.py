"""Prioritisation rounds partners can trust (issue 19, item 7): opening and closing moments, who may vote and why
not, the tie rule fixed before voting, the published result, and the scheduled command."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from charter_portal.errors import StepNotAllowed
from notifications.models import Notification
from signals import ranking, services
from signals.models import PrioritisationRound, Vote
from tests import factories
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 1, 1, tzinfo=timezone.get_fixed_timezone(0))


def c(signal_id, votes, endorsements=0, day=1):
    return ranking.Candidate(signal_id, votes, endorsements, T0 + timedelta(days=day))


def test_the_tie_rule_endorsements_then_earlier_makes_exactly_top_n_priority():
    # Three signals tied on 5 votes for two places: the most endorsed, then the earliest, win.
    result = ranking.rank(
        [c(1, 5, endorsements=0, day=1), c(2, 5, endorsements=3, day=3), c(3, 5, endorsements=0, day=2), c(4, 1)],
        top_n=2,
        tie_rule=ranking.ENDORSEMENTS_THEN_EARLIER,
    )
    assert [(r.signal_id, r.rank, r.is_priority) for r in result] == [
        (2, 1, True),
        (1, 2, True),
        (3, 3, False),
        (4, 4, False),
    ]


def test_the_tie_rule_all_tied_priority_leaves_none_out_silently():
    result = ranking.rank(
        [c(1, 5, day=1), c(2, 5, day=3), c(3, 5, day=2), c(4, 1)], top_n=2, tie_rule=ranking.ALL_TIED_PRIORITY
    )
    assert {r.signal_id for r in result if r.is_priority} == {1, 2, 3}
    assert ranking.rank([c(1, 0), c(2, 0)], top_n=1, tie_rule=ranking.ALL_TIED_PRIORITY)[0].is_priority is False


@pytest.fixture
def candidates(make_signal):
    return [make_signal(title=f"Signal {i}") for i in range(3)]


@pytest.fixture
def timed_round(candidates, city_admin, signatories):
    return services.round_open(
        by=city_admin,
        title="Autumn",
        signals=candidates,
        votes_per_organisation=5,
        top_n=1,
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=10),
        tie_rule=PrioritisationRound.TieRule.ALL_TIED_PRIORITY,
    )


def test_votes_count_only_between_opening_and_closing(timed_round, candidates, partner_admin, partner_org):
    vote = {candidates[0].pk: 2}
    with pytest.raises(StepNotAllowed, match="not opened yet"):
        services.round_vote(round=timed_round, by=partner_admin, organisation=partner_org, allocation=vote)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        services.round_vote(round=timed_round, by=partner_admin, organisation=partner_org, allocation=vote)
        # A vote changes until closing.
        services.round_vote(
            round=timed_round, by=partner_admin, organisation=partner_org, allocation={candidates[1].pk: 5}
        )
    with (
        time_machine.travel(timezone.now() + timedelta(days=10, seconds=1)),
        pytest.raises(StepNotAllowed, match="closed"),
    ):
        services.round_vote(round=timed_round, by=partner_admin, organisation=partner_org, allocation=vote)
    assert list(Vote.objects.values_list("signal_id", "votes")) == [(candidates[1].pk, 5)]


def test_a_city_service_or_public_body_cannot_vote_and_is_told_why(
    timed_round, candidates, city_admin, city_org, client
):
    from tests.signals.conftest import sign_charter

    body = factories.organisation(name="OCMW Gent", kind="public_body")
    body_admin = factories.admin_of(body, full_name="Olga")
    sign_charter(body, body_admin)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        client.force_login(body_admin)
        for user, organisation in ((city_admin, city_org), (body_admin, body)):
            with pytest.raises(PermissionDenied, match="do not vote"):
                services.round_vote(
                    round=timed_round, by=user, organisation=organisation, allocation={candidates[0].pk: 1}
                )
        page = client.get(f"/signalen/rondes/{timed_round.pk}/").content.decode()
        assert "OCMW Gent is a city service or public body" in page
        response = api_client_for(body_admin).post(
            f"/api/v1/signal-rounds/{timed_round.pk}/vote/",
            {"votes": {str(candidates[0].pk): 1}, "organisation": body.pk},
            format="json",
        )
        assert response.status_code == 403 and "do not vote" in response.content.decode()
    assert not Vote.objects.exists()


def test_an_organisation_without_a_signature_is_told_why(timed_round, other_org, client):
    lonely = factories.organisation(name="Nog niet getekend")
    admin = factories.admin_of(lonely)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        client.force_login(admin)
        page = client.get(f"/signalen/rondes/{timed_round.pk}/").content.decode()
    assert "Nog niet getekend has no charter signature" in page


def test_an_admin_of_several_organisations_names_the_one_that_votes(
    timed_round, candidates, partner_admin, other_org, partner_org
):
    from accounts.models import User
    from organisations.models import Membership

    Membership.objects.create(user=partner_admin, organisation=other_org, role="admin")
    client = api_client_for(User.objects.get(pk=partner_admin.pk))
    url = f"/api/v1/signal-rounds/{timed_round.pk}/vote/"
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        response = client.post(url, {"votes": {str(candidates[0].pk): 1}}, format="json")
        assert response.status_code == 400 and "organisation" in response.content.decode()
        response = client.post(url, {"votes": {str(candidates[0].pk): 1}, "organisation": other_org.pk}, format="json")
        assert response.status_code == 200
    assert Vote.objects.get().organisation == other_org


def test_the_command_announces_reminds_and_publishes_the_result_with_who_voted(
    timed_round, candidates, partner_admin, partner_org, other_admin, other_org, city_admin_client
):
    out = StringIO()
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        call_command("run_signal_rounds", stdout=out)
        assert Notification.objects.filter(kind="signals.round_opened", recipient=partner_admin).exists()
        services.round_vote(
            round=timed_round, by=partner_admin, organisation=partner_org, allocation={candidates[0].pk: 3}
        )
        services.round_vote(round=timed_round, by=other_admin, organisation=other_org, allocation={candidates[1].pk: 3})
    with time_machine.travel(timezone.now() + timedelta(days=9)):
        call_command("run_signal_rounds", stdout=out)
        assert Notification.objects.filter(kind="signals.round_closing", recipient=other_admin).count() == 1
        call_command("run_signal_rounds", stdout=out)
        assert Notification.objects.filter(kind="signals.round_closing", recipient=other_admin).count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=10, minutes=1)):
        call_command("run_signal_rounds", stdout=out)
    timed_round.refresh_from_db()
    assert timed_round.state == "closed"
    # Tied on 3 votes for one place, with "all tied become priority": both are priority.
    assert {s.pk for s in timed_round.priority_signals.all()} == {candidates[0].pk, candidates[1].pk}
    assert Notification.objects.filter(kind="signals.round_result", recipient=partner_admin).exists()
    page = city_admin_client.get(f"/signalen/rondes/{timed_round.pk}/").content.decode()
    assert partner_org.name in page and other_org.name in page
    assert "every signal tied at the last place becomes priority" in page
    detail = api_client_for(partner_admin).get(f"/api/v1/signal-rounds/{timed_round.pk}/").json()
    assert sorted(detail["voted_organisations"]) == sorted([partner_org.name, other_org.name])
    assert {c["signal"]: c["total_votes"] for c in detail["candidates"]}[candidates[0].pk] == 3


def test_city_admins_open_and_close_rounds_through_the_api(candidates, city_admin, partner_admin, signatories):
    data = {
        "title": "Winter",
        "signals": [s.pk for s in candidates],
        "votes_per_organisation": 3,
        "top_n": 1,
        "closes_at": (timezone.now() + timedelta(days=5)).isoformat(),
        "tie_rule": "endorsements_then_earlier",
    }
    assert api_client_for(partner_admin).post("/api/v1/signal-rounds/", data, format="json").status_code == 403
    response = api_client_for(city_admin).post("/api/v1/signal-rounds/", data, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["candidates"][0]["total_votes"] is None
    bad = api_client_for(city_admin).post(
        "/api/v1/signal-rounds/", {**data, "closes_at": "2020-01-01T00:00:00Z"}, format="json"
    )
    assert bad.status_code == 400
    response = api_client_for(city_admin).post(f"/api/v1/signal-rounds/{pk}/close/", {}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "closed"


def y(signal_id, votes, youth_rank, endorsements=0, day=1):
    return ranking.Candidate(signal_id, votes, endorsements, T0 + timedelta(days=day), youth_rank)


def test_the_tie_rule_youth_ranking_first_settles_a_tie_by_the_young_people():
    # Tied on 5 votes for one place: the signal young people ranked first wins over the more endorsed, earlier one.
    result = ranking.rank(
        [y(1, 5, youth_rank=None, endorsements=4, day=1), y(2, 5, youth_rank=2, day=3), y(3, 5, youth_rank=1, day=5)],
        top_n=1,
        tie_rule=ranking.YOUTH_RANKING_FIRST,
    )
    assert [(r.signal_id, r.rank, r.is_priority) for r in result] == [(3, 1, True), (2, 2, False), (1, 3, False)]


def test_the_tie_rule_youth_ranking_first_leaves_votes_and_unranked_ties_as_they_are():
    # More votes beat a better youth rank; among signals without a youth rank, endorsements then age decide.
    result = ranking.rank(
        [y(1, 2, youth_rank=1), y(2, 6, youth_rank=None, day=4), y(3, 6, youth_rank=None, endorsements=1, day=5)],
        top_n=2,
        tie_rule=ranking.YOUTH_RANKING_FIRST,
    )
    assert [(r.signal_id, r.is_priority) for r in result] == [(3, True), (2, True), (1, False)]
