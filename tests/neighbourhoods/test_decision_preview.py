"""A priority decision, or an override, is previewed before it is recorded, and recorded only as previewed."""

import re
from decimal import Decimal

import pytest

from neighbourhoods.coverage import MOVEMENT_CIRCLE, NEIGHBOURHOOD
from neighbourhoods.models import Indicator, IndicatorValue, Neighbourhood, PriorityDecision
from neighbourhoods.services import area_priority_override, priority_decide
from tests import factories
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db
URL = "/wijken/prioriteit/"
NEW = {"year": 2026, "method": "top_n", "top_n": "2", "threshold": "", "note": "Yearly decision 2026."}


@pytest.fixture
def world(city_admin, partner_org):
    """In force: the top 2 of 2025 (Rabot, Bloemekenswijk). On the data of 2026 Muide replaces Rabot."""
    indicator = Indicator.objects.create(code="poverty", name="Child poverty")
    areas = {number: factories.neighbourhood(number) for number in (7, 9, 1, 10)}
    for year, values in {2025: {7: 40, 9: 30, 1: 5, 10: 20}, 2026: {7: 10, 9: 30, 1: 5, 10: 40}}.items():
        for number, value in values.items():
            IndicatorValue.objects.create(indicator=indicator, neighbourhood=areas[number], year=year, value=value)
    circle = factories.movement_circle(areas[7], areas[1], name="Rabot en centrum")
    # Rabot has a leisure offer: a gap as a priority area, enough as another area.
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[areas[7]], title="Speelpleinwerking")
    in_force = priority_decide(by=city_admin, year=2025, method="top_n", top_n=2)
    return {"areas": areas, "circle": circle, "in_force": in_force}


def keys(changes):
    return {change.key for change in changes}


def test_the_preview_lists_exactly_the_areas_that_change_and_records_nothing(city_admin_client, world):
    rabot, muide = world["areas"][7], world["areas"][10]
    response = city_admin_client.post(URL, NEW)
    assert response.status_code == 200
    preview = response.context["preview"]
    assert keys(preview.changes) == {(NEIGHBOURHOOD, rabot.pk), (NEIGHBOURHOOD, muide.pk)}
    assert keys(preview.entering) == {(NEIGHBOURHOOD, muide.pk)}
    assert keys(preview.leaving) == {(NEIGHBOURHOOD, rabot.pk)}
    assert (MOVEMENT_CIRCLE, world["circle"].pk) not in keys(preview.changes)
    assert preview.in_force == world["in_force"]
    assert (preview.priority_count_before, preview.priority_count_after) == (2, 2)
    # Both verdicts change: Rabot's leisure offer is enough once it is no priority area; Muide has nothing.
    by_key = {change.key: change for change in preview.verdicts}
    assert (by_key[(NEIGHBOURHOOD, rabot.pk)].status_before, by_key[(NEIGHBOURHOOD, rabot.pk)].status_after) == (
        "priority_gaps",
        "meets",
    )
    assert by_key[(NEIGHBOURHOOD, muide.pk)].gaps_before == ("no_base_offer",)
    assert "missing_function:leisure" in by_key[(NEIGHBOURHOOD, muide.pk)].gaps_after
    body = response.content.decode()
    assert "Decision in force" in body and "This decision" in body
    assert "Muide - Meulestede - Afrikalaan" in body and "Rabot - Blaisantvest" in body
    assert "Bloemekenswijk" not in body.split('id="changes-title"')[1]
    # Nothing was recorded by the preview.
    assert PriorityDecision.objects.count() == 1
    assert set(Neighbourhood.objects.priority().values_list("number", flat=True)) == {7, 9}


def test_confirming_the_preview_records_the_decision_with_who_and_when(city_admin_client, city_admin, world):
    token = city_admin_client.post(URL, NEW).context["preview"].token
    response = city_admin_client.post(URL, {**NEW, "confirm": token})
    assert response.status_code == 302
    decision = PriorityDecision.objects.first()
    assert decision != world["in_force"]
    assert decision.decided_by == city_admin and decision.decided_at is not None
    assert decision.note == "Yearly decision 2026."
    assert set(Neighbourhood.objects.priority().values_list("number", flat=True)) == {9, 10}


def test_a_stale_preview_is_refused_with_a_clear_message(city_admin_client, city_admin, world):
    token = city_admin_client.post(URL, NEW).context["preview"].token
    # Meanwhile someone holds Rabot as priority by an override: the decision would no longer change it.
    rabot = world["areas"][7]
    area_priority_override(area=rabot, override=True, motivation="Many signals.", expected_version=None)
    response = city_admin_client.post(URL, {**NEW, "confirm": token})
    assert response.status_code == 409
    assert "Nothing was recorded" in response.content.decode()
    assert PriorityDecision.objects.count() == 1
    assert set(Neighbourhood.objects.filter(computed_priority=True).values_list("number", flat=True)) == {7, 9}
    # The page shows the preview as it is now, with a token that does confirm it.
    preview = response.context["preview"]
    assert keys(preview.changes) == {(NEIGHBOURHOOD, world["areas"][10].pk)}
    assert keys(preview.held) == {(NEIGHBOURHOOD, rabot.pk)}
    assert city_admin_client.post(URL, {**NEW, "confirm": preview.token}).status_code == 302
    assert PriorityDecision.objects.count() == 2


def test_a_change_of_an_areas_gaps_since_the_preview_refuses_the_confirmation(city_admin_client, partner_org, world):
    muide = world["areas"][10]
    first = city_admin_client.post(URL, NEW).context["preview"]
    # Meanwhile Muide gets a welfare offer: its priority and verdict stay, only its gaps after the decision change.
    factories.offer(partner_org, functions_=("welfare",), neighbourhoods=[muide], title="Jongerenwelzijn")
    response = city_admin_client.post(URL, {**NEW, "confirm": first.token})
    assert response.status_code == 409
    assert PriorityDecision.objects.count() == 1
    before = {c.key: c for c in first.changes}[(NEIGHBOURHOOD, muide.pk)]
    now = {c.key: c for c in response.context["preview"].changes}[(NEIGHBOURHOOD, muide.pk)]
    assert (now.priority_before, now.priority_after) == (before.priority_before, before.priority_after)
    assert (now.status_before, now.status_after) == (before.status_before, before.status_after)
    assert "missing_function:welfare" in before.gaps_after
    assert "missing_function:welfare" not in now.gaps_after


def confirm_step(body: str) -> dict:
    """The hidden fields of the page's confirm form, as the browser sends them back."""
    form = re.search(r'<form method="post"[^>]*class="actions">(.*?)</form>', body, re.S).group(1)
    return {
        name: value
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
        if name != "csrfmiddlewaretoken"
    }


def test_a_threshold_decision_is_previewed_and_confirmed_in_dutch(city_admin_client, city_admin, world):
    data = {**NEW, "method": "threshold", "threshold": "62.50", "top_n": ""}
    response = city_admin_client.post(URL, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    hidden = confirm_step(response.content.decode())
    # The page shows 62,50 in Dutch, but sends the threshold back as the form reads it.
    assert hidden["threshold"] == "62.50"
    assert hidden["confirm"] == response.context["preview"].token
    confirmed = city_admin_client.post(URL, hidden, HTTP_ACCEPT_LANGUAGE="nl")
    assert confirmed.status_code == 302
    decision = PriorityDecision.objects.first()
    assert decision != world["in_force"]
    assert (decision.method, decision.threshold, decision.decided_by) == ("threshold", Decimal("62.50"), city_admin)
    assert decision.note == "Yearly decision 2026."


def test_an_override_is_confirmed_from_the_page_in_dutch(city_admin_client, world):
    muide = world["areas"][10]
    url = f"/wijken/wijk/{muide.slug}/prioriteit/"
    data = {"version": muide.version, "choice": "on", "motivation": "Jongeren vroegen een warme plek."}
    hidden = confirm_step(city_admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl").content.decode())
    assert city_admin_client.post(url, hidden, HTTP_ACCEPT_LANGUAGE="nl").status_code == 302
    muide.refresh_from_db()
    assert muide.priority_override is True
    assert muide.priority_motivation == "Jongeren vroegen een warme plek."


def test_a_forged_or_altered_confirmation_records_nothing(city_admin_client, world):
    token = city_admin_client.post(URL, NEW).context["preview"].token
    response = city_admin_client.post(URL, {**NEW, "top_n": "3", "confirm": token})
    assert response.status_code == 409
    assert city_admin_client.post(URL, {**NEW, "confirm": "0" * 64}).status_code == 409
    assert PriorityDecision.objects.count() == 1


def test_an_override_is_previewed_then_saved_with_who_and_when(city_admin_client, city_admin, staff_client, world):
    muide = world["areas"][10]
    url = f"/wijken/wijk/{muide.slug}/prioriteit/"
    data = {"version": muide.version, "choice": "on", "motivation": "Young people asked for a warm place."}
    response = city_admin_client.post(url, data)
    assert response.status_code == 200
    preview = response.context["preview"]
    assert keys(preview.entering) == {(NEIGHBOURHOOD, muide.pk)}
    assert keys(preview.changes) == {(NEIGHBOURHOOD, muide.pk)}
    muide.refresh_from_db()
    assert muide.priority_override is None
    # The motivation changed after the preview: refused.
    altered = city_admin_client.post(url, {**data, "motivation": "Something else.", "confirm": preview.token})
    assert altered.status_code == 409
    muide.refresh_from_db()
    assert muide.priority_override is None
    assert city_admin_client.post(url, {**data, "confirm": preview.token}).status_code == 302
    muide.refresh_from_db()
    assert muide.priority_override is True
    assert muide.priority_override_by == city_admin and muide.priority_override_at is not None
    body = staff_client.get(f"/wijken/wijk/{muide.slug}/").content.decode()
    assert f"Override set by {city_admin}" in body


def test_the_decision_in_force_says_who_and_when_on_the_review_area_and_public_pages(
    staff_client, client, city_admin, world
):
    rabot = world["areas"][7]
    for url in ("/wijken/", f"/wijken/wijk/{rabot.slug}/"):
        body = staff_client.get(url).content.decode()
        assert f"recorded by {city_admin}" in body
        assert f"?decision={world['in_force'].pk}" in body
    public = client.get("/wijken/overzicht/").content.decode()
    assert "Priority areas as decided by the city on" in public
    assert str(city_admin) not in public


def test_an_override_through_the_api_records_who_and_when(city_admin, world):
    muide = world["areas"][10]
    client = api_client_for(city_admin)
    body = {"priority_override": True, "priority_motivation": "Asked by the youth council.", "version": muide.version}
    assert client.patch(f"/api/v1/neighbourhoods/{muide.pk}/", body, format="json").status_code == 200
    muide.refresh_from_db()
    assert muide.priority_override_by == city_admin and muide.priority_override_at is not None
