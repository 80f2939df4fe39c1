"""Young people's ranking in a prioritisation round: attached by a city admin before voting opens, shown beside the
votes on the round page, frozen from then on."""

import datetime

from participation import rounds
from participation.models import RoundYouthRanking
from participation.services import citations_set
from signals import services as signal_services
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
    from django.utils import timezone

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
