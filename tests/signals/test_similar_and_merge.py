"""Same problem, one signal (issue 19, item 5): suggestions while reporting, and merging duplicates."""

import pytest
from django.core.exceptions import PermissionDenied

from neighbourhoods.models import Neighbourhood
from notifications.models import Notification
from signals import selectors, services
from signals.models import Endorsement, RoundCandidate, Signal, Status, TimelineEntry, Vote
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rabot(db):
    return Neighbourhood.objects.get(number=10)


@pytest.fixture
def lamps(make_signal, rabot):
    return make_signal(
        title="Speelplein 's avonds onverlicht",
        description="Het speelplein is na 18 uur donker; kinderen blijven weg.",
        themes=["public_space"],
        city_wide=False,
        neighbourhoods=[rabot],
    )


def similar_to(title, description, themes, rabot):
    return selectors.similar_open_signals(title=title, description=description, themes=themes, neighbourhoods=[rabot])


def test_it_suggests_a_near_duplicate_and_nothing_for_an_unrelated_signal(lamps, rabot):
    near = similar_to(
        "Speelplein donker", "Geen verlichting op het speelplein, kinderen blijven weg", ["public_space"], rabot
    )
    assert [s.pk for s in near] == [lamps.pk]
    assert similar_to("Wachtlijst huiswerkbegeleiding", "Jongeren wachten maanden", ["public_space"], rabot) == []
    # Same words but another theme or another area: not the same problem.
    assert similar_to("Speelplein donker", "verlichting speelplein", ["education"], rabot) == []
    elsewhere = Neighbourhood.objects.get(number=1)
    assert similar_to("Speelplein donker", "verlichting speelplein", ["public_space"], elsewhere) == []


def test_the_report_page_shows_similar_signals_before_reporting(lamps, rabot, client, other_admin, other_org):
    client.force_login(other_admin)
    data = {
        "organisation": other_org.pk,
        "title": "Speelplein onverlicht",
        "description": "Op het speelplein is het donker na 18 uur.",
        "themes": ["public_space"],
        "neighbourhoods": [rabot.pk],
        "children_affected": "6-20",
    }
    response = client.post("/signalen/nieuw/", data)
    page = response.content.decode()
    assert response.status_code == 200 and f"/signalen/{lamps.pk}/" in page and "Endorse this one instead" in page
    assert Signal.objects.count() == 1
    response = client.post("/signalen/nieuw/", {**data, "report_anyway": "1"})
    assert response.status_code == 302 and Signal.objects.count() == 2


def test_city_staff_merge_a_duplicate_with_everything_that_follows(
    lamps, rabot, make_signal, other_admin, other_org, city_staff, city_admin, partner_admin, signatories
):
    third = factories.organisation(name="Derde Buurtwerk")
    third_admin = factories.admin_of(third)
    duplicate = services.signal_report(
        by=other_admin,
        organisation=other_org,
        title="Donker speelplein",
        description="Kinderen spelen niet meer buiten.",
        themes=["public_space"],
        children_affected="6-20",
        neighbourhoods=[rabot],
    )
    services.signal_endorse(signal=duplicate, by=third_admin)
    round_ = services.round_open(
        by=city_admin, title="R", signals=[duplicate, make_signal(title="Other")], votes_per_organisation=3, top_n=1
    )
    services.round_vote(round=round_, by=partner_admin, organisation=lamps.organisation, allocation={duplicate.pk: 2})
    with pytest.raises(PermissionDenied):
        services.signal_merge(duplicate=duplicate, into=lamps, by=other_admin)
    services.signal_merge(duplicate=duplicate, into=lamps, by=city_staff, reason="Same playground.")
    duplicate.refresh_from_db()
    assert duplicate.merged_into == lamps and duplicate.status == Status.CLOSED
    assert set(Endorsement.objects.filter(signal=lamps).values_list("organisation_id", flat=True)) == {
        other_org.pk,
        third.pk,
    }
    assert TimelineEntry.objects.filter(signal=lamps, kind="endorsed").count() == 1  # the duplicate's, moved
    assert RoundCandidate.objects.filter(round=round_, signal=lamps).exists()
    assert Vote.objects.get(round=round_).signal == lamps
    assert Notification.objects.filter(recipient=other_admin, kind="signals.merged").exists()
    assert duplicate.pk not in [
        s.pk
        for s in selectors.similar_open_signals(
            title="Donker speelplein", description="", themes=["public_space"], neighbourhoods=[rabot]
        )
    ]


def test_the_merge_page_refuses_partners_and_bad_numbers(lamps, make_signal, member_client, staff_client):
    other = make_signal(title="Another one")
    assert member_client.post(f"/signalen/{other.pk}/samenvoegen/", {"into": lamps.pk}).status_code == 403
    response = staff_client.post(f"/signalen/{other.pk}/samenvoegen/", {"into": 999999})
    assert response.status_code == 400 and Signal.objects.get(pk=other.pk).merged_into is None
    response = staff_client.post(f"/signalen/{other.pk}/samenvoegen/", {"into": lamps.pk})
    assert response.status_code == 302 and Signal.objects.get(pk=other.pk).merged_into == lamps
