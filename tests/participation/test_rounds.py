"""Young people's ranking in a prioritisation round: attached by a city admin before voting opens, shown beside the
votes on the round page, frozen from then on."""

import datetime

import time_machine
from django.utils import timezone

from participation import rounds
from participation.models import RoundYouthRanking
from participation.services import citations_set
from signals import services as signal_services
from signals.models import PrioritisationRound
from tests.participation.conftest import record


def _signal(by, organisation, area, title):
    return signal_services.signal_report(
        by=by,
        organisation=organisation,
        title=title,
        description="Young people stay away after dark.",
        themes=["public_space"],
        children_affected="21-50",
        neighbourhoods=[area],
    )


def _round(city_admin, signals, opens_in_days):
    return signal_services.round_open(
        by=city_admin,
        title="Spring round",
        signals=signals,
        votes_per_organisation=5,
        top_n=1,
        opens_at=timezone.now() + datetime.timedelta(days=opens_in_days),
    )


def test_it_ranks_by_young_people_and_equal_numbers_share_a_rank():
    assert rounds.ranked({1: 12, 2: 30, 3: 12}, [1, 2, 3, 4]) == {2: 1, 1: 2, 3: 2, 4: None}


def test_a_signal_citing_moments_shows_its_youth_ranking_in_its_round(
    partner_org, partner_member, city_admin, city_admin_client, member_client, rabot
):
    lit = _signal(partner_member, partner_org, rabot, "Square unlit")
    bus = _signal(partner_member, partner_org, rabot, "No bus after eight")
    quiet = _signal(partner_member, partner_org, rabot, "No place to study")
    citations_set(
        signal=lit,
        moment_ids=[record(partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 12, 0, 0)).pk],
        by=partner_member,
    )
    citations_set(
        signal=bus,
        moment_ids=[record(partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 3, 0, 0)).pk],
        by=partner_member,
    )
    round_ = _round(city_admin, [lit, bus, quiet], opens_in_days=3)

    response = city_admin_client.post(f"/jongeren/rondes/{round_.pk}/")
    assert response.status_code == 302

    page = member_client.get(f"/signalen/rondes/{round_.pk}/").content.decode()
    assert "Young people&#x27;s ranking" in page or "Young people's ranking" in page
    assert "1 (young people: 12)" in page
    assert "2 (young people: fewer than 5)" in page


def test_the_ranking_is_frozen_once_voting_opens(partner_org, partner_member, city_admin, city_admin_client, rabot):
    lit = _signal(partner_member, partner_org, rabot, "Square unlit")
    bus = _signal(partner_member, partner_org, rabot, "No bus after eight")
    citations_set(
        signal=lit, moment_ids=[record(partner_member, partner_org, neighbourhoods=[rabot]).pk], by=partner_member
    )
    round_ = _round(city_admin, [lit, bus], opens_in_days=0)

    response = city_admin_client.post(f"/jongeren/rondes/{round_.pk}/", follow=True)

    assert "frozen" in response.content.decode()
    assert not RoundYouthRanking.objects.exists()


def test_only_city_admins_attach_it(partner_org, partner_member, city_admin, admin_client_, rabot):
    round_ = _round(
        city_admin,
        [_signal(partner_member, partner_org, rabot, "A"), _signal(partner_member, partner_org, rabot, "B")],
        opens_in_days=3,
    )
    assert admin_client_.post(f"/jongeren/rondes/{round_.pk}/").status_code == 403
    assert not RoundYouthRanking.objects.exists()


def test_city_admins_are_asked_to_attach_it_before_the_round_opens(partner_org, partner_member, city_admin, rabot):
    from charter_portal.permissions import actor_for
    from notifications.todo import todo_for

    lit = _signal(partner_member, partner_org, rabot, "Square unlit")
    bus = _signal(partner_member, partner_org, rabot, "No bus after eight")
    citations_set(
        signal=lit, moment_ids=[record(partner_member, partner_org, neighbourhoods=[rabot]).pk], by=partner_member
    )
    round_ = _round(city_admin, [lit, bus], opens_in_days=3)

    items = [i for i in todo_for(actor_for(city_admin)) if i.kind == "participation.attach_youth_ranking"]
    assert [i.object_id for i in items] == [round_.pk]
    rounds.youth_ranking_attach(round_=round_, by=city_admin)
    assert not [i for i in todo_for(actor_for(city_admin)) if i.kind == "participation.attach_youth_ranking"]
    assert not [i for i in todo_for(actor_for(partner_member)) if i.kind == "participation.attach_youth_ranking"]


def _youth_tie_round(partner_org, partner_member, partner_admin, other_org, other_admin, city_admin, rabot):
    """Two signals; the earlier one has an endorsement, the later one was raised by 12 young people."""
    from tests.signals.conftest import sign_charter

    sign_charter(partner_org, partner_admin)
    sign_charter(other_org, other_admin)
    endorsed = _signal(partner_member, partner_org, rabot, "No bus after eight")
    signal_services.signal_endorse(signal=endorsed, by=other_admin, organisation=other_org)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        raised = _signal(partner_member, partner_org, rabot, "Square unlit")
    citations_set(
        signal=raised,
        moment_ids=[record(partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 12, 0, 0)).pk],
        by=partner_member,
    )
    round_ = signal_services.round_open(
        by=city_admin,
        title="Spring round",
        signals=[endorsed, raised],
        votes_per_organisation=5,
        top_n=1,
        opens_at=timezone.now() + datetime.timedelta(days=1),
        tie_rule=PrioritisationRound.TieRule.YOUTH_RANKING_FIRST,
    )
    return round_, endorsed, raised


def _vote_and_close(round_, city_admin, partner_admin, partner_org, allocation):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        signal_services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation=allocation)
        signal_services.round_close(round=round_, by=city_admin)
    round_.refresh_from_db()
    return {s.pk for s in round_.priority_signals.all()}


def test_the_youth_tie_rule_gives_a_tie_to_the_signal_young_people_raised(
    partner_org, partner_member, partner_admin, other_org, other_admin, city_admin, city_admin_client, rabot
):
    round_, endorsed, raised = _youth_tie_round(
        partner_org, partner_member, partner_admin, other_org, other_admin, city_admin, rabot
    )
    page = city_admin_client.get(f"/signalen/rondes/{round_.pk}/").content.decode()
    assert "which is not attached yet" in page
    assert f'href="/jongeren/rondes/{round_.pk}/"' in page
    rounds.youth_ranking_attach(round_=round_, by=city_admin)

    priority = _vote_and_close(round_, city_admin, partner_admin, partner_org, {endorsed.pk: 2, raised.pk: 2})

    # Tied on 2 votes: endorsements and the earlier report would choose the other signal; the young people decide.
    assert priority == {raised.pk}
    page = city_admin_client.get(f"/signalen/rondes/{round_.pk}/").content.decode()
    assert "the signal ranked higher by young people first" in page
    assert "not attached" not in page


def test_the_youth_tie_rule_does_not_overrule_votes(
    partner_org, partner_member, partner_admin, other_org, other_admin, city_admin, rabot
):
    round_, endorsed, raised = _youth_tie_round(
        partner_org, partner_member, partner_admin, other_org, other_admin, city_admin, rabot
    )
    rounds.youth_ranking_attach(round_=round_, by=city_admin)

    assert _vote_and_close(round_, city_admin, partner_admin, partner_org, {endorsed.pk: 3, raised.pk: 2}) == {
        endorsed.pk
    }


def test_without_an_attached_ranking_the_youth_tie_rule_falls_back_to_endorsements(
    partner_org, partner_member, partner_admin, other_org, other_admin, city_admin, city_admin_client, rabot
):
    round_, endorsed, raised = _youth_tie_round(
        partner_org, partner_member, partner_admin, other_org, other_admin, city_admin, rabot
    )

    assert _vote_and_close(round_, city_admin, partner_admin, partner_org, {endorsed.pk: 2, raised.pk: 2}) == {
        endorsed.pk
    }
