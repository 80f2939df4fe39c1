from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charter_portal.errors import StepNotAllowed
from signals import services
from signals.models import RoundCandidate, Status, Vote
from tests import factories
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidates(make_signal):
    return [make_signal(title=f"Signal {i}") for i in range(3)]


@pytest.fixture
def round_(candidates, city_admin, signatories):
    """An open round; ``partner_org`` and ``other_org`` have signed the charter, so they may vote."""
    return services.round_open(
        by=city_admin, title="Spring priorities", signals=candidates, votes_per_organisation=5, top_n=2
    )


def test_it_lets_only_city_admins_open_a_round(candidates, city_staff, partner_admin):
    for user in (city_staff, partner_admin):
        with pytest.raises(PermissionDenied):
            services.round_open(by=user, title="x", signals=candidates, votes_per_organisation=5, top_n=1)


def test_it_refuses_a_round_with_a_top_larger_than_its_candidates(candidates, city_admin):
    with pytest.raises(ValidationError):
        services.round_open(by=city_admin, title="x", signals=candidates, votes_per_organisation=5, top_n=4)


def test_it_lets_a_signatory_admin_spread_votes_up_to_the_limit(round_, candidates, partner_admin, partner_org):
    services.round_vote(
        round=round_, by=partner_admin, organisation=partner_org, allocation={candidates[0].pk: 3, candidates[1].pk: 2}
    )
    assert Vote.objects.filter(round=round_, organisation=partner_org).count() == 2
    # A new allocation replaces the previous one.
    services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation={candidates[2].pk: 5})
    assert list(Vote.objects.filter(round=round_).values_list("signal_id", "votes")) == [(candidates[2].pk, 5)]


def test_it_refuses_votes_over_the_limit(round_, candidates, partner_admin, partner_org):
    services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation={candidates[0].pk: 2})
    with pytest.raises(ValidationError, match="6 votes"):
        services.round_vote(
            round=round_,
            by=partner_admin,
            organisation=partner_org,
            allocation={candidates[0].pk: 3, candidates[1].pk: 3},
        )
    assert list(Vote.objects.values_list("votes", flat=True)) == [2]


def test_it_refuses_a_non_signatory_organisation(round_, candidates):
    unapproved = factories.organisation(name="Not yet approved", is_approved=False)
    admin = factories.admin_of(unapproved)
    with pytest.raises(PermissionDenied):
        services.round_vote(round=round_, by=admin, organisation=unapproved, allocation={candidates[0].pk: 1})
    assert not Vote.objects.exists()


def test_it_refuses_an_approved_organisation_that_has_not_signed_the_charter(round_, candidates, city_org):
    admin = factories.admin_of(city_org)
    with pytest.raises(PermissionDenied):
        services.round_vote(round=round_, by=admin, organisation=city_org, allocation={candidates[0].pk: 1})
    assert not Vote.objects.exists()


def test_it_refuses_an_organisation_that_withdrew_its_signature(round_, candidates, partner_admin, partner_org):
    from charter.models import ChainEntry
    from charter.services import charter_withdraw

    signature = ChainEntry.objects.get(organisation=partner_org, kind=ChainEntry.Kind.SIGN)
    charter_withdraw(signature=signature, user=partner_admin, reason="Board review.")
    with pytest.raises(PermissionDenied):
        services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation={candidates[0].pk: 1})
    assert not Vote.objects.exists()


def test_it_refuses_a_member_who_is_not_an_admin(round_, candidates, partner_member, partner_org):
    with pytest.raises(PermissionDenied):
        services.round_vote(round=round_, by=partner_member, organisation=partner_org, allocation={candidates[0].pk: 1})


def test_it_refuses_votes_for_signals_that_are_not_candidates(round_, make_signal, partner_admin, partner_org):
    outsider = make_signal(title="Not a candidate")
    with pytest.raises(ValidationError):
        services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation={outsider.pk: 1})


def test_it_closes_publishes_the_ranking_and_marks_the_top_signals_priority(
    round_, candidates, partner_admin, partner_org, other_admin, other_org, city_admin
):
    services.round_vote(
        round=round_, by=partner_admin, organisation=partner_org, allocation={candidates[1].pk: 4, candidates[2].pk: 1}
    )
    services.round_vote(
        round=round_, by=other_admin, organisation=other_org, allocation={candidates[2].pk: 2, candidates[0].pk: 1}
    )
    services.round_close(round=round_, by=city_admin)
    ranking = list(RoundCandidate.objects.filter(round=round_).values_list("signal_id", "total_votes", "rank"))
    assert ranking == [(candidates[1].pk, 4, 1), (candidates[2].pk, 3, 2), (candidates[0].pk, 1, 3)]
    for signal in candidates:
        signal.refresh_from_db()
    assert [s.is_priority for s in candidates] == [False, True, True]
    assert candidates[1].priority_round == round_
    assert candidates[1].timeline.last().kind == "priority"


def test_it_refuses_votes_and_closing_once_the_round_is_closed(
    round_, candidates, partner_admin, partner_org, city_admin
):
    services.round_close(round=round_, by=city_admin)
    with pytest.raises(StepNotAllowed):
        services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation={candidates[0].pk: 1})
    with pytest.raises(StepNotAllowed):
        services.round_close(round=round_, by=city_admin)
    assert not Vote.objects.exists()


def test_it_shows_the_vote_limit_error_on_the_page_and_saves_nothing(round_, candidates, admin_client_, partner_org):
    data = {"organisation": partner_org.pk, **{f"signal_{s.pk}": 3 for s in candidates}}
    response = admin_client_.post(f"/signalen/rondes/{round_.pk}/stemmen/", data)
    assert response.status_code == 400
    assert "9 votes" in response.content.decode()
    assert not Vote.objects.exists()
    data = {"organisation": partner_org.pk, f"signal_{candidates[0].pk}": 5}
    response = admin_client_.post(f"/signalen/rondes/{round_.pk}/stemmen/", data)
    assert response.status_code == 302
    assert Vote.objects.get().votes == 5


def test_it_refuses_members_and_closed_rounds_on_the_vote_page(
    round_, candidates, member_client, admin_client_, city_admin, partner_org
):
    data = {"organisation": partner_org.pk, f"signal_{candidates[0].pk}": 1}
    assert member_client.post(f"/signalen/rondes/{round_.pk}/stemmen/", data).status_code == 403
    services.round_close(round=round_, by=city_admin)
    response = admin_client_.post(f"/signalen/rondes/{round_.pk}/stemmen/", data, follow=True)
    assert "This round is closed" in response.content.decode()
    assert not Vote.objects.exists()


def test_it_lets_city_admins_open_and_close_rounds_on_pages(candidates, city_admin_client, staff_client, admin_client_):
    data = {
        "title": "Autumn",
        "votes_per_organisation": 4,
        "top_n": 1,
        "signals": [s.pk for s in candidates[:2]],
        "closes_at": (timezone.localtime() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"),
        "tie_rule": "endorsements_then_earlier",
    }
    assert staff_client.post("/signalen/rondes/nieuw/", data).status_code == 403
    assert admin_client_.get("/signalen/rondes/nieuw/").status_code == 403
    response = city_admin_client.post("/signalen/rondes/nieuw/", {**data, "top_n": 5})
    assert response.status_code == 200
    assert "between 1 and the number of candidates" in response.content.decode()
    response = city_admin_client.post("/signalen/rondes/nieuw/", data)
    assert response.status_code == 302
    from signals.models import PrioritisationRound

    item = PrioritisationRound.objects.get()
    assert admin_client_.post(f"/signalen/rondes/{item.pk}/sluiten/").status_code == 403
    city_admin_client.post(f"/signalen/rondes/{item.pk}/sluiten/", {"version": item.version})
    item.refresh_from_db()
    assert item.state == "closed"
    assert "Result" in city_admin_client.get(f"/signalen/rondes/{item.pk}/").content.decode()


def test_it_shows_priority_on_lists_pages_and_the_api(
    round_, candidates, partner_admin, partner_org, city_admin, member_client
):
    services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation={candidates[0].pk: 5})
    services.round_close(round=round_, by=city_admin)
    page = member_client.get("/signalen/?priority=true").content.decode()
    assert "Spring priorities" in page and candidates[0].title in page
    assert candidates[1].title not in page
    detail = member_client.get(f"/signalen/{candidates[0].pk}/").content.decode()
    assert "Priority signal: rank 1" in detail
    data = api_client_for(partner_admin).get("/api/v1/signals/", {"priority": "true"}).json()
    assert [(r["id"], r["is_priority"], r["priority_round"]) for r in data["results"]] == [
        (candidates[0].pk, True, round_.pk)
    ]
    assert candidates[0].status == Status.SUBMITTED
