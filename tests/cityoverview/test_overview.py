"""The city's monthly overview (issue 21, item 1): each block with its counts and links, the workbook, who may see
it, and a query count that does not grow with the rows."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from cityoverview import selectors
from covenants import services as covenant_services
from covenants.models import Side
from neighbourhoods.models import CoverageSnapshot
from signals import services as signal_services
from tests import factories
from tests.covenants.conftest import agree, fill_draft, make_covenant
from tests.signals.conftest import sign_charter

pytestmark = pytest.mark.django_db

URL = "/stad/overzicht/"
EXPORT_URL = "/stad/overzicht/maandoverzicht.xlsx"
BRUSSELS = datetime.timezone(datetime.timedelta(hours=1))
# A day in February 2028: the covenants' 2026 reports are late, the signals of 1 December 2027 overdue.
TODAY = datetime.datetime(2028, 2, 15, 10, 0, tzinfo=BRUSSELS)
REPORTED = datetime.datetime(2027, 12, 1, 10, 0, tzinfo=BRUSSELS)


def _snapshot(area, day, *, gaps, hours="10", priority=False):
    return CoverageSnapshot.objects.create(
        taken_on=day,
        area_type="neighbourhood",
        area_id=area.pk,
        area_name=area.name,
        is_priority=priority,
        functions_present=["leisure"] if not gaps else [],
        integral=False,
        warm_place=False,
        leisure_hours_per_week=Decimal(hours),
        gaps=gaps,
        meets_charter=not gaps,
    )


@pytest.fixture
def month(partner_org, partner_member, partner_admin, city_org, city_staff):
    """Something in every block: add ``n`` of each with ``month(n)``."""
    service = factories.city_service(name="Dienst Welzijn")
    service_staff = factories.member(service, email="welzijn@stad.example")
    counter = iter(range(1, 10_000))

    def add(n=1):
        for _ in range(n):
            i = next(counter)
            with time_machine.travel(REPORTED, tick=False):
                waiting = signal_services.signal_report(
                    by=partner_member,
                    organisation=partner_org,
                    title=f"Speelplein {i} donker",
                    description="Kinderen blijven weg na zonsondergang.",
                    themes=["public_space"],
                    children_affected="21-50",
                    city_wide=True,
                )
                signal_services.signal_acknowledge(signal=waiting, by=service_staff, responsible_body=service)
                answered = signal_services.signal_report(
                    by=partner_member,
                    organisation=partner_org,
                    title=f"Jeugdhuis {i} dicht",
                    description="Geen plek meer op woensdag.",
                    themes=["public_space"],
                    children_affected="21-50",
                    city_wide=True,
                )
                answered = signal_services.signal_acknowledge(
                    signal=answered, by=service_staff, responsible_body=service
                )
                answered = signal_services.signal_start(signal=answered, by=service_staff)
                signal_services.action_add(
                    signal=answered,
                    by=service_staff,
                    description=f"Extra verlichting {i} plaatsen",
                    responsible_body=service,
                    due_on=datetime.date(2028, 1, 31),
                )
            covenant = make_covenant(
                city_org,
                partner_org,
                by=city_staff,
                starts_on=datetime.date(2026, 1, 1),
                ends_on=datetime.date(2028, 12, 31),
            )
            fill_draft(covenant.versions.get(number=1))
            agree(covenant, city_staff, partner_admin)
            covenant_services.meeting_record(
                covenant=covenant,
                by=city_staff,
                held_on=datetime.date(2027, 11, 1),
                participants=[partner_org],
                notes="",
                actions=[covenant_services.ActionData(f"Budget {i} doorsturen", Side.CITY, datetime.date(2028, 3, 1))],
            )
            waiting_version = make_covenant(city_org, partner_org, by=city_staff)
            covenant_services.version_submit(
                terms=fill_draft(waiting_version.versions.get(number=1)), by=city_staff, side=Side.CITY
            )
            factories.organisation(name=f"Nieuwe vzw {i}", is_approved=False)
            factories.organisation(name=f"Zelforganisatie {i} zonder handtekening")
            area = factories.neighbourhood(i)
            _snapshot(area, datetime.date(2028, 1, 1), gaps=[])
            _snapshot(area, datetime.date(2027, 12, 1), gaps=[], hours="7.5")

    sign_charter(partner_org, partner_admin)
    add()
    return add


def _get_on_today(client, user, url):
    """A GET on ``TODAY``, logged in then (a session of today would have expired by 2028)."""
    with time_machine.travel(TODAY, tick=False):
        client.force_login(user)
        return client.get(url)


def test_it_shows_every_block_with_counts_and_links(month, client, city_staff):
    response = _get_on_today(client, city_staff, URL)
    assert response.status_code == 200
    page = response.content.decode()
    # Signals waiting per body, overdue first, with a link to the signal.
    assert "Dienst Welzijn" in page
    assert "Speelplein 1 donker" in page
    # Follow-up actions of signals and of covenant meetings, labelled.
    assert "Extra verlichting 1 plaatsen" in page and "Budget 1 doorsturen" in page
    assert "Covenant meeting" in page
    # The 2026 and 2027 reports of the agreed covenant are late; the waiting version is listed.
    assert page.count('badge badge-warn">late') == 2
    assert "Version 1 of CONV-T-" in page
    assert "Nieuwe vzw 1" in page
    # The neighbourhood met the charter a month ago; today it has no offer at all: a new gap.
    assert "No base offer" in page and "New gaps" in page
    # Leisure hours from the snapshots, one point a month.
    assert page.count("<circle ") == 2
    assert "Zelforganisatie 1 zonder handtekening" in page


def test_it_orders_bodies_with_overdue_signals_first_and_counts_actions(month, city_org, partner_member, partner_org):
    other = factories.city_service(name="Dienst Jeugd")
    staff = factories.member(other, email="jeugd@stad.example")
    with time_machine.travel(datetime.datetime(2028, 2, 14, 10, 0, tzinfo=BRUSSELS), tick=False):
        fresh = signal_services.signal_report(
            by=partner_member,
            organisation=partner_org,
            title="Nieuw signaal",
            description="Net gemeld.",
            themes=["public_space"],
            children_affected="21-50",
            city_wide=True,
        )
        signal_services.signal_acknowledge(signal=fresh, by=staff, responsible_body=other)
    with time_machine.travel(TODAY, tick=False):
        data = selectors.monthly_overview()
    names = [body.name for body in data.bodies]
    assert names.index("Dienst Welzijn") < names.index("Dienst Jeugd")
    welzijn = data.bodies[names.index("Dienst Welzijn")]
    jeugd = data.bodies[names.index("Dienst Jeugd")]
    assert (welzijn.waiting, welzijn.overdue) == (2, 2)  # the answered one's action does not make it answered
    assert (jeugd.waiting, jeugd.overdue) == (1, 0)
    assert data.totals["actions_overdue"] == 1 and data.totals["actions_due"] == 1
    assert {a.source for a in data.actions} == {selectors.SIGNAL_ACTION, selectors.COVENANT_ACTION}
    assert data.totals["reports_late"] == 2 and data.totals["reports_to_review"] == 0
    assert [v.number for v in data.versions] == [1]
    assert data.compared_with == datetime.date(2028, 1, 1)


def test_it_compares_gaps_with_the_snapshot_of_a_month_ago(month, partner_org):
    rabot = factories.neighbourhood(7)
    _snapshot(rabot, datetime.date(2028, 1, 1), gaps=["no_base_offer"])
    sluizeken = factories.neighbourhood(8)
    _snapshot(sluizeken, datetime.date(2028, 1, 1), gaps=["no_base_offer"])
    factories.offer(partner_org, neighbourhoods=[sluizeken], starts_on=datetime.date(2027, 1, 1))
    with time_machine.travel(TODAY, tick=False):
        data = selectors.monthly_overview()
    by_name = {row.name: row for row in data.areas}
    assert by_name[rabot.name].change == selectors.SAME
    assert by_name[sluizeken.name].change == selectors.SOLVED and not by_name[sluizeken.name].gaps
    assert data.totals["areas_with_gaps_before"] == 2
    # Areas with gaps come before those that solved theirs.
    assert data.areas[-1].name == sluizeken.name


def test_it_lists_priority_areas_first():
    plain = factories.neighbourhood(1)  # every wijk lacks a base offer here: numbers order the others
    priority = factories.neighbourhood(9)
    priority.computed_priority = True
    priority.save()
    data = selectors.monthly_overview()
    assert [row.name for row in data.areas][:2] == [priority.name, plain.name]
    assert data.compared_with is None and data.totals["areas_with_gaps_before"] is None


def test_it_sums_leisure_hours_per_month_from_the_last_snapshot(month):
    area = factories.neighbourhood(12)
    _snapshot(area, datetime.date(2028, 1, 1), gaps=[], hours="4")
    _snapshot(area, datetime.date(2028, 1, 20), gaps=[], hours="6")
    _snapshot(area, datetime.date(2026, 12, 1), gaps=[], hours="99")  # more than 12 months ago
    with time_machine.travel(TODAY, tick=False):
        data = selectors.monthly_overview()
    assert [(p.taken_on, p.hours) for p in data.leisure] == [
        (datetime.date(2027, 12, 1), Decimal("7.5")),
        (datetime.date(2028, 1, 20), Decimal("6")),  # only area 12 has a snapshot that day
    ]


def test_it_tells_older_signatures_from_none(month, other_org, other_admin):
    with time_machine.travel(TODAY, tick=False):
        data = selectors.monthly_overview()
    names = {row.name: row.signed_older for row in data.unsigned}
    assert names["Zelforganisatie 1 zonder handtekening"] is False
    assert other_org.name in names
    assert data.signatory_count == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("partner_member", 403), ("partner_admin", 403), ("city_staff", 200), ("city_admin", 200)],
)
def test_it_is_for_city_staff_only(who, status, request, client):
    if who:
        client.force_login(request.getfixturevalue(who))
    for url in (URL, EXPORT_URL):
        assert client.get(url).status_code == status


def test_it_is_in_the_city_menu_for_city_staff_only(staff_client, member_client):
    assert f'href="{URL}"' in staff_client.get("/").content.decode()
    assert f'href="{URL}"' not in member_client.get("/").content.decode()


def test_it_downloads_one_workbook_with_a_sheet_per_block_and_typed_cells(month, client, city_staff):
    response = _get_on_today(client, city_staff, EXPORT_URL)
    assert response["Content-Disposition"] == 'attachment; filename="monthly-overview-2028-02-15.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Signals per body",
        "Overdue signals",
        "Follow-up actions",
        "Covenant reports",
        "Versions for the city",
        "Organisations to approve",
        "Areas with gaps",
        "Leisure hours",
        "Not signed",
        "About this export",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
    bodies = book["Signals per body"]
    assert [c.value for c in bodies[2]] == ["Dienst Welzijn", "city service", 2, 2]
    assert bodies["C2"].data_type == "n"
    actions = book["Follow-up actions"]
    assert actions["E2"].is_date and actions["E2"].value == datetime.datetime(2028, 1, 31)
    leisure = book["Leisure hours"]
    assert leisure["A2"].is_date and leisure["B2"].data_type == "n" and leisure["B2"].value == 7.5
    areas = book["Areas with gaps"]
    assert areas["A2"].data_type == "n" and areas["A2"].value == 1  # the area's number
    about = book["About this export"]
    assert about["A2"].value == "Exported on" and about["B2"].is_date


# The page's frame (session, person, memberships, unread notifications: 4) and the overview's blocks (12: signals 2,
# actions 2, reports 1, versions 1, organisations 1, snapshots 3, charter 2); coverage is kept in the cache.
QUERIES = 16


def test_it_keeps_its_query_count_when_rows_are_added(month, client, city_staff, django_assert_num_queries):
    _get_on_today(client, city_staff, URL)  # computes and keeps today's coverage
    with time_machine.travel(TODAY, tick=False), django_assert_num_queries(QUERIES):
        assert client.get(URL).status_code == 200
    month(4)
    with time_machine.travel(TODAY, tick=False):
        client.get(URL)  # coverage changed: computed again, then kept
        with django_assert_num_queries(QUERIES):
            response = client.get(URL)
    page = response.content.decode()
    assert page.count("Speelplein") == 5 and "Budget 5 doorsturen" in page
