"""An offer's times as iCalendar, parsed back with the maintained ``icalendar`` package."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from offers.models import OfferTime
from tests import factories


@pytest.fixture
def weekly(partner_org, wijk):
    offer = factories.offer(
        partner_org,
        title="Woensdagvoetbal, voor iedereen",
        neighbourhoods=[wijk],
        starts_on=datetime.date(2027, 1, 4),
        ends_on=datetime.date(2027, 6, 30),
        closed_dates=["2027-04-07", "2027-04-14"],
        dates=["2027-07-05"],
        address="Sleepstraat 1, 9000 Gent",
    )
    OfferTime.objects.create(offer=offer, weekday=3, starts_at=datetime.time(14), ends_at=datetime.time(16, 30))
    return offer


def test_an_offer_calendar_parses_back_with_its_times(client, weekly, partner_org):
    response = client.get(reverse("offers:calendar", args=[weekly.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = calendar.walk("VEVENT")
    weekly_event = next(e for e in events if "RRULE" in e)
    start = weekly_event.decoded("DTSTART")
    assert start == datetime.datetime(2027, 1, 6, 14, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) in ("Europe/Brussels", "CET")
    assert start.utcoffset() == datetime.timedelta(hours=1)
    assert weekly_event.decoded("DTEND").time() == datetime.time(16, 30)
    rule = weekly_event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"][0].date() == datetime.date(2027, 6, 30)
    excluded = [d.dt.date() for d in weekly_event["EXDATE"].dts]
    assert excluded == [datetime.date(2027, 4, 7), datetime.date(2027, 4, 14)]
    assert str(weekly_event["SUMMARY"]) == "Woensdagvoetbal, voor iedereen"
    assert str(weekly_event["URL"]).endswith(reverse("offers:detail", args=[weekly.uuid]))
    assert partner_org.name in str(weekly_event["DESCRIPTION"])
    day = next(e for e in events if "RRULE" not in e)
    assert day.decoded("DTSTART") == datetime.date(2027, 7, 5)


def test_a_summer_time_session_keeps_its_local_hour(client, weekly):
    calendar = icalendar.Calendar.from_ical(client.get(reverse("offers:calendar", args=[weekly.uuid])).content)
    event = next(e for e in calendar.walk("VEVENT") if "RRULE" in e)
    july = event.decoded("DTSTART").replace(month=6, day=2)
    assert july.utcoffset() == datetime.timedelta(hours=2)


def test_the_organisation_feed_holds_its_published_offers_only(client, weekly, partner_org, wijk):
    draft = factories.offer(partner_org, title="Nog geheim", neighbourhoods=[wijk], status="draft")
    OfferTime.objects.create(offer=draft, weekday=1, starts_at=datetime.time(10), ends_at=datetime.time(11))
    response = client.get(reverse("offers:organisation_calendar", args=[partner_org.slug]))
    calendar = icalendar.Calendar.from_ical(response.content)
    titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert titles == {"Woensdagvoetbal, voor iedereen"}


def test_a_draft_offer_calendar_is_not_found(client, partner_org, wijk):
    draft = factories.offer(partner_org, neighbourhoods=[wijk], status="draft")
    assert client.get(reverse("offers:calendar", args=[draft.uuid])).status_code == 404


def test_the_profile_lists_the_published_offers(client, weekly, partner_org):
    partner_org.is_approved = True
    partner_org.save()
    body = client.get(reverse("organisations:detail", args=[partner_org.slug])).content.decode()
    assert "Woensdagvoetbal, voor iedereen" in body
    assert reverse("offers:organisation_calendar", args=[partner_org.slug]) in body


def test_the_api_serves_the_calendar_of_a_visible_offer(client, weekly, partner_org, wijk):
    response = client.get(f"/api/v1/offers/{weekly.pk}.ics")
    assert response.status_code == 200
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 2
    draft = factories.offer(partner_org, neighbourhoods=[wijk], status="draft")
    assert client.get(f"/api/v1/offers/{draft.pk}.ics").status_code == 404
