"""A signal that cites participation moments is "raised by young people": on its page (with the moments and, never
below 5, the young people behind them), in the HTML lists, in the API and in its rounds (issue 22, item 3)."""

from participation import services
from participation.models import SignalCitation
from signals import services as signal_services
from tests.conftest import api_client_for
from tests.participation.conftest import record

BADGE = "raised by young people"


def _signal(by, organisation, title="Square unlit", **kwargs):
    return signal_services.signal_report(
        by=by,
        organisation=organisation,
        title=title,
        description="Young people stay away after dark.",
        themes=["public_space"],
        children_affected="21-50",
        city_wide=True,
        **kwargs,
    )


def _cite(signal, by, organisation, bands=(0, 0, 12, 0, 0)):
    moment = record(by, organisation, city_wide=True, bands=bands)
    services.citations_set(signal=signal, moment_ids=[moment.pk], by=by)
    return moment


def test_the_signal_page_says_which_moments_and_how_many_young_people_stand_behind_it(
    member_client, other_client, partner_org, partner_member
):
    raised = _signal(partner_member, partner_org)
    _cite(raised, partner_member, partner_org, bands=(0, 0, 12, 0, 0))
    few = _signal(partner_member, partner_org, title="No bus after eight")
    _cite(few, partner_member, partner_org, bands=(0, 0, 3, 0, 0))
    plain = _signal(partner_member, partner_org, title="No place to study")

    page = member_client.get(f"/signalen/{raised.pk}/").content.decode()
    assert BADGE in page
    assert "Cites 1 participation moment, where 12 young people took part." in page
    assert f'href="/jongeren/signalen/{raised.pk}/"' in page  # the reporter chooses the moments
    assert "where fewer than 5 young people took part" in member_client.get(f"/signalen/{few.pk}/").content.decode()
    # Another organisation reads that young people raised it, but does not choose the moments.
    other = other_client.get(f"/signalen/{raised.pk}/").content.decode()
    assert BADGE in other and "12 young people" in other and "/jongeren/signalen/" not in other
    plain_for_other = other_client.get(f"/signalen/{plain.pk}/").content.decode()
    assert BADGE not in plain_for_other and "Raised by young people" not in plain_for_other
    plain_for_reporter = member_client.get(f"/signalen/{plain.pk}/").content.decode()
    assert "No participation moment is cited yet." in plain_for_reporter and BADGE not in plain_for_reporter


def test_an_archived_moment_no_longer_raises_the_signal(member_client, partner_org, partner_member):
    signal = _signal(partner_member, partner_org)
    moment = _cite(signal, partner_member, partner_org)
    services.moment_archive(moment=moment, expected_version=None)

    assert BADGE not in member_client.get("/signalen/").content.decode()
    assert api_client_for(partner_member).get(f"/api/v1/signals/{signal.pk}/").json()["raised_by_young_people"] is False


def test_lists_and_the_api_mark_signals_raised_by_young_people(client, member_client, partner_org, partner_member):
    raised = _signal(partner_member, partner_org, is_public=True)
    _cite(raised, partner_member, partner_org)
    plain = _signal(partner_member, partner_org, title="No place to study", is_public=True)

    for url in ("/signalen/", "/signalen/mijn/"):
        assert member_client.get(url).content.decode().count(BADGE) == 1
    assert client.get("/signalen/publiek/").content.decode().count(BADGE) == 1
    assert BADGE in client.get(f"/signalen/publiek/{raised.pk}/").content.decode()

    api = api_client_for(partner_member)
    flags = {row["id"]: row["raised_by_young_people"] for row in api.get("/api/v1/signals/").json()["results"]}
    assert flags == {raised.pk: True, plain.pk: False}
    assert api.get(f"/api/v1/signals/{raised.pk}/").json()["raised_by_young_people"] is True
    public = {
        row["id"]: row["raised_by_young_people"] for row in client.get("/api/v1/public/signals/").json()["results"]
    }
    assert public == {raised.pk: True, plain.pk: False}


def test_the_round_marks_its_candidates_raised_by_young_people(member_client, partner_org, partner_member, city_admin):
    raised = _signal(partner_member, partner_org)
    _cite(raised, partner_member, partner_org)
    plain = _signal(partner_member, partner_org, title="No place to study")
    round_ = signal_services.round_open(
        by=city_admin, title="Round", signals=[raised, plain], votes_per_organisation=3, top_n=1
    )

    page = member_client.get(f"/signalen/rondes/{round_.pk}/").content.decode()

    assert page.count(BADGE) == 1
    assert SignalCitation.objects.count() == 1
    detail = api_client_for(partner_member).get(f"/api/v1/signal-rounds/{round_.pk}/").json()
    assert {c["signal"]: c["raised_by_young_people"] for c in detail["candidates"]} == {
        raised.pk: True,
        plain.pk: False,
    }
