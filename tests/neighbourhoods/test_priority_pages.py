import pytest

from neighbourhoods.builtin_indicators import BUILTIN_SOURCES
from neighbourhoods.decisions import indicator_values_for
from neighbourhoods.models import Indicator, IndicatorValue, Neighbourhood, PriorityDecision
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/wijken/prioriteit/"


def previewed_and_confirmed(client, url, data):
    """Post a decision or override, then confirm exactly what its preview showed (the page's two steps)."""
    preview = client.post(url, data)
    assert preview.status_code == 200, preview.content.decode()[:500]
    return client.post(url, {**data, "confirm": preview.context["preview"].token})


@pytest.fixture
def data(db):
    indicator = Indicator.objects.create(code="poverty", name="Child poverty", weight=2)
    for number, value in [(7, 40), (9, 30), (1, 5), (10, 20)]:
        IndicatorValue.objects.create(
            indicator=indicator, neighbourhood=factories.neighbourhood(number), year=2025, value=value
        )
    return indicator


def test_it_records_a_decision_and_sets_priority_from_data(city_admin_client, city_admin, data):
    circle = factories.movement_circle(factories.neighbourhood(7), factories.neighbourhood(1), name="Rabot en centrum")
    response = previewed_and_confirmed(
        city_admin_client, URL, {"year": 2025, "method": "threshold", "threshold": "50", "note": ""}
    )
    assert response.status_code == 302
    decision = PriorityDecision.objects.get()
    assert decision.decided_by == city_admin
    assert decision.data_year == 2025
    assert decision.indicators[0]["code"] == "poverty"
    assert [s["name"] for s in decision.scores if s["is_priority"]] == ["Rabot - Blaisantvest", "Bloemekenswijk"]
    assert set(Neighbourhood.objects.priority().values_list("number", flat=True)) == {7, 9}
    # Rabot scores 100 and Binnenstad 0: the circle's mean of 50 is priority at threshold 50.
    assert decision.circle_scores[0]["score"] == 50
    circle.refresh_from_db()
    assert circle.computed_priority
    body = city_admin_client.get(URL).content.decode()
    assert "Decision on the data of 2025" in body
    assert "Rabot - Blaisantvest" in body
    assert "Rabot en centrum" in body


def test_it_shows_scores_and_their_parts_to_partners_read_only(member_client, city_admin, data):
    from neighbourhoods.services import priority_decide

    priority_decide(by=city_admin, year=2025, method="top_n", top_n=2)
    response = member_client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Record a new priority decision" not in body
    assert "Child poverty" in body
    assert member_client.post(URL, {"year": 2025, "method": "top_n", "top_n": 3}).status_code == 403
    assert PriorityDecision.objects.count() == 1


def test_it_refuses_a_decision_without_its_parameter_or_data(city_admin_client, data):
    response = city_admin_client.post(URL, {"year": 2025, "method": "threshold", "threshold": ""})
    assert "threshold" in response.context["form"].errors
    response = city_admin_client.post(URL, {"year": 2019, "method": "top_n", "top_n": 3})
    assert "year" in response.context["form"].errors
    assert not PriorityDecision.objects.exists()
    assert not Neighbourhood.objects.priority().exists()


def test_it_needs_a_motivation_for_an_override_and_shows_it(city_admin_client, staff_client, rabot):
    url = f"/wijken/wijk/{rabot.slug}/prioriteit/"
    response = city_admin_client.post(url, {"version": rabot.version, "choice": "on", "motivation": "  "})
    assert "motivation" in response.context["form"].errors
    rabot.refresh_from_db()
    assert rabot.priority_override is None
    response = previewed_and_confirmed(
        city_admin_client,
        url,
        {"version": rabot.version, "choice": "on", "motivation": "Many signals about the square."},
    )
    assert response.status_code == 302
    rabot.refresh_from_db()
    assert rabot.is_priority and rabot.priority_is_overridden
    assert "Many signals about the square." in staff_client.get(URL).content.decode()
    assert "override" in staff_client.get("/wijken/", {"priority_only": "on"}).content.decode()


def test_it_refuses_overrides_to_city_staff_and_keeps_concurrent_changes(city_admin_client, staff_client, rabot):
    url = f"/wijken/wijk/{rabot.slug}/prioriteit/"
    assert staff_client.post(url, {"version": rabot.version, "choice": "on", "motivation": "x"}).status_code == 403
    stale = rabot.version
    second = city_admin_client.post(url, {"version": stale, "choice": "off", "motivation": "Second reason"})
    previewed_and_confirmed(city_admin_client, url, {"version": stale, "choice": "on", "motivation": "First reason"})
    response = city_admin_client.post(
        url,
        {"version": stale, "choice": "off", "motivation": "Second reason", "confirm": second.context["preview"].token},
    )
    assert response.status_code == 200
    rabot.refresh_from_db()
    assert rabot.priority_override is True
    assert rabot.priority_motivation == "First reason"


def test_it_refuses_personal_data_in_a_motivation(city_admin_client, rabot):
    url = f"/wijken/wijk/{rabot.slug}/prioriteit/"
    response = city_admin_client.post(url, {"version": rabot.version, "choice": "on", "motivation": "Call jan@x.be"})
    assert "motivation" in response.context["form"].errors
    rabot.refresh_from_db()
    assert rabot.priority_override is None


def test_it_reads_a_builtin_indicator_through_its_hook(db, rabot, monkeypatch):
    Indicator.objects.create(code="signals", name="Signals", source_kind=Indicator.SourceKind.BUILTIN_SIGNALS)
    monkeypatch.setitem(BUILTIN_SOURCES, "builtin_signals", lambda year: {rabot.pk: 4})
    _, values = indicator_values_for(2025)
    assert values[("signals", rabot.pk)] == 4
    monkeypatch.delitem(BUILTIN_SOURCES, "builtin_signals")
    assert indicator_values_for(2025)[1] == {}
