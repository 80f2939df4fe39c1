import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from charter_portal import caching
from neighbourhoods.models import CoverageSnapshot
from offers.models import CollaborationMember, Offer
from tests import factories
from tests.neighbourhoods.conftest import add_neighbourhoods

pytestmark = pytest.mark.django_db
REVIEW = "/wijken/"


@time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0), tick=False)
@pytest.mark.usefixtures("without_outlines")
def test_it_shows_city_staff_the_matrix_with_gaps_in_words(staff_client, covered_world):
    response = staff_client.get(REVIEW)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rabot - Blaisantvest" in body
    assert "No base offer: the leisure function is missing" in body  # Muide, not priority
    assert "Save a snapshot" not in body  # only city admins take snapshots
    assert "no geometry yet" in body


def test_it_lets_partners_read_the_review(member_client, covered_world):
    response = member_client.get(REVIEW)
    assert response.status_code == 200
    assert "Save a snapshot" not in response.content.decode()


def test_it_sends_visitors_to_the_login_page(client):
    response = client.get(REVIEW)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_refuses_a_person_without_an_approved_organisation(client):
    client.force_login(factories.user())
    assert client.get(REVIEW).status_code == 403


@pytest.mark.usefixtures("without_outlines")
def test_it_filters_priority_gaps_and_missing_function(staff_client, covered_world, rabot):
    body = staff_client.get(REVIEW, {"priority_only": "on"}).content.decode()
    assert "Rabot - Blaisantvest" in body
    assert "Muide" not in body
    body = staff_client.get(REVIEW, {"gaps_only": "on", "area_type": "neighbourhood"}).content.decode()
    assert "Rabot - Blaisantvest</a>" not in body  # Rabot meets the charter
    assert "Muide - Meulestede - Afrikalaan</a>" in body
    body = staff_client.get(REVIEW, {"function": "welfare"}).content.decode()
    assert "Muide - Meulestede - Afrikalaan</a>" not in body  # Muide has welfare
    assert "Binnenstad</a>" in body


def test_it_shows_the_coverage_on_an_earlier_date(staff_client, covered_world, rabot):
    # The world stood as it is from yesterday on; its collaboration starts today.
    today = timezone.localdate()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1)):
        covered_world["collaboration"].starts_on = today
        covered_world["collaboration"].save()
        for offer in Offer.objects.all():
            offer.save()
        # Its members were accepted yesterday too: only the collaboration's start date keeps it out.
        for member in CollaborationMember.objects.filter(collaboration=covered_world["collaboration"]):
            member.save()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    body = staff_client.get(REVIEW, {"date": yesterday, "priority_only": "on"}).content.decode()
    assert "but not together in one organisation or collaboration" in body


def test_it_shows_an_error_for_a_bad_date_and_falls_back_to_today(staff_client, covered_world):
    response = staff_client.get(REVIEW, {"date": "2026-13-45"})
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert response.context["day"] == datetime.date.today()


def test_it_keeps_the_same_query_count_for_25_and_500_areas(
    staff_client, partner_org, rabot, django_assert_num_queries
):
    staff_client.get(REVIEW)  # the first request after logging in renews the session (at most once a minute)
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot])
    caching.bump("offers")  # a write outside the services bumps its domain itself
    # 15 = session, user and actor (3) + coverage_on computing again after the new offer (11, with the city's
    # thresholds) + the priority decision in force (1); the header's unread count is kept.
    with django_assert_num_queries(15):
        assert staff_client.get(REVIEW).status_code == 200
    extra = add_neighbourhoods(475)
    for area in extra[:30]:
        factories.offer(partner_org, functions_=("welfare",), neighbourhoods=[area])
    with django_assert_num_queries(15):
        response = staff_client.get(REVIEW)
    assert response.context["page"].paginator.count == 500
    assert "Test area 574" in staff_client.get(REVIEW, {"name": "area 574"}).content.decode()


@pytest.mark.usefixtures("without_outlines")
def test_it_draws_the_map_from_geometry(staff_client, rabot):
    rabot.geometry = {"type": "Polygon", "coordinates": [[[3.70, 51.06], [3.72, 51.06], [3.72, 51.07], [3.70, 51.06]]]}
    rabot.save()
    factories.neighbourhood(1).__class__.objects.filter(number=1).update(
        geometry={"type": "Polygon", "coordinates": [[[3.72, 51.04], [3.74, 51.04], [3.73, 51.05], [3.72, 51.04]]]}
    )
    body = staff_client.get(REVIEW).content.decode()
    assert "<svg viewBox=" in body
    assert body.count('<path d="M') == 2
    assert "Numbers on the map" in body  # the numbered key with the names
    assert "style=" not in body.split("<svg viewBox=")[1].split("</svg>")[0]


def test_it_exports_the_matrix_as_csv_and_xlsx(staff_client, covered_world):
    response = staff_client.get("/wijken/export.csv", {"priority_only": "on"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2
    assert "Rabot - Blaisantvest" in lines[1]
    assert "Samen Rabot" in lines[1]
    response = staff_client.get("/wijken/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 26  # header + 25 neighbourhoods
    assert staff_client.get("/wijken/export.pdf").status_code == 404


def test_it_lists_the_offers_and_collaborations_behind_each_cell(staff_client, covered_world, rabot):
    response = staff_client.get(f"/wijken/wijk/{rabot.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Open huis Rabot" in body
    assert "Brug naar school" in body
    assert "Samen Rabot" in body
    assert "Spreekuur Muide" not in body


def test_it_answers_404_for_an_unknown_area(staff_client, rabot):
    assert staff_client.get("/wijken/wijk/nergens/").status_code == 404
    assert staff_client.get(f"/wijken/planeet/{rabot.slug}/").status_code == 404


def test_it_lets_a_city_admin_take_a_snapshot(city_admin_client, covered_world, rabot):
    # Today: the world was made today, so on an earlier date (counted as it stood then) it was not there yet.
    today = timezone.localdate()
    response = city_admin_client.post("/wijken/momentopname/", {"date": today.isoformat()})
    assert response.status_code == 302
    snap = CoverageSnapshot.objects.get(area_type="neighbourhood", area_id=rabot.pk)
    assert snap.taken_on == today
    assert snap.meets_charter
    city_admin_client.post("/wijken/momentopname/", {"date": today.isoformat()})
    assert CoverageSnapshot.objects.filter(taken_on=today).count() == 25


def test_it_refuses_snapshots_to_city_staff_and_rejects_a_bad_date(staff_client, city_admin_client, covered_world):
    assert staff_client.post("/wijken/momentopname/", {"date": "2026-05-01"}).status_code == 403
    city_admin_client.post("/wijken/momentopname/", {"date": "not a date"})
    assert not CoverageSnapshot.objects.exists()


def test_it_shows_the_history_with_a_leisure_chart(staff_client, city_admin_client, covered_world, rabot, partner_org):
    today = timezone.localdate()
    city_admin_client.post("/wijken/momentopname/", {"date": today.isoformat()})
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot], weekly_hours=4)
    # Tomorrow's snapshot counts what stands now (only a day before today is read from the history).
    city_admin_client.post("/wijken/momentopname/", {"date": (today + datetime.timedelta(days=1)).isoformat()})
    body = staff_client.get(f"/wijken/wijk/{rabot.slug}/geschiedenis/").content.decode()
    assert "<polyline" in body
    assert ">10<" in body or "10</td>" in body
    assert body.count("<circle") == 2


def test_it_shows_no_chart_without_snapshots(staff_client, rabot):
    body = staff_client.get(f"/wijken/wijk/{rabot.slug}/geschiedenis/").content.decode()
    assert "There are no coverage snapshots yet" in body


def test_it_keeps_partner_names_from_being_read_as_formulas(staff_client, rabot):
    org = factories.organisation(name="=HYPERLINK(1)")
    factories.offer(org, functions_=("leisure", "welfare", "bridge", "signal"), neighbourhoods=[rabot])
    lines = staff_client.get("/wijken/export.csv").content.decode("utf-8-sig").splitlines()
    row = next(line for line in lines if "Rabot" in line)
    assert "'=HYPERLINK(1)" in row


def test_it_keeps_the_detail_query_count_for_few_and_many_offers(
    staff_client, partner_org, rabot, django_assert_num_queries, rendered_afresh
):
    factories.offer(partner_org, functions_=("leisure",), neighbourhoods=[rabot])
    factories.collaboration(partner_org, neighbourhoods=[rabot])
    url = f"/wijken/wijk/{rabot.slug}/"
    staff_client.get(url)
    # session, user, actor (3) + coverage_on computing again (11) + offers, functions, their neighbourhoods and
    # circles, collaborations, members (6) + the area itself (1) + the members' declared roles (1) + what young people
    # asked for there (2) + the open signals about it (1) + the priority decision in force (1) + the header's unread
    # count (1); the session is renewed at most once a minute (not here)
    rendered_afresh()
    with django_assert_num_queries(27):
        staff_client.get(url)
    for _ in range(15):
        factories.offer(factories.organisation(), functions_=("welfare", "bridge"), neighbourhoods=[rabot])
        factories.collaboration(partner_org, neighbourhoods=[rabot])
    rendered_afresh()
    with django_assert_num_queries(27):
        body = staff_client.get(url).content.decode()
    assert body.count('">Offer ') >= 15  # each offer is a link


@pytest.mark.usefixtures("without_outlines")
def test_it_projects_the_map_once_per_kept_report_and_again_after_a_change(
    staff_client, rabot, partner_org, monkeypatch
):
    from neighbourhoods import views

    calls = []
    real_svg_map = views.svg_map
    monkeypatch.setattr(views, "svg_map", lambda items, **kw: calls.append(items) or real_svg_map(items, **kw))
    rabot.geometry = {"type": "Polygon", "coordinates": [[[3.70, 51.06], [3.72, 51.06], [3.72, 51.07], [3.70, 51.06]]]}
    rabot.save()
    first = staff_client.get(REVIEW).content.decode()
    second = staff_client.get(REVIEW).content.decode()
    assert len(calls) == 1
    assert first.count('<path d="M') == second.count('<path d="M') == 1
    factories.offer(partner_org, functions_=("leisure", "welfare", "education", "care"), neighbourhoods=[rabot])
    caching.bump("offers")  # a write outside the services bumps its domain itself
    staff_client.get(REVIEW)
    assert len(calls) == 2


def test_a_filter_without_a_date_shows_today_in_the_date_field(staff_client):
    from django.utils import timezone

    html = staff_client.get("/wijken/", {"name": "Rabot"}).content.decode()
    assert f'name="date" value="{timezone.localdate().isoformat()}"' in html
