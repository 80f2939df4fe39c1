"""Recording moments on the pages: the happy path, outsiders (404), bad input (nothing saved), versions, lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation.models import MomentPoint, ParticipationMoment
from tests.participation.conftest import record

FORM = {
    "title": "Youth council of March",
    "held_on": "2026-03-12",
    "method": "youth_council",
    "participants_12_15": "8",
    "participants_16_18": "4",
    "theme_leisure": "9",
    "theme_public_space": "5",
    "concern_1": "The square is dark at night",
    "wish_1": "An open youth house on Friday evening",
    "wish_1_function": "leisure",
    "wish_1_time_band": "evenings",
    "quote_1": "We just want a place where we are welcome.",
    "quote_1_public": "on",
    "confirmed_not_identifying": "on",
}


def _form(org, rabot, **changes):
    data = {**FORM, "organisation": org.pk, "neighbourhoods": [rabot.pk], **changes}
    return {k: v for k, v in data.items() if v is not None}


def test_it_records_a_moment_with_what_young_people_said(member_client, partner_org, rabot):
    response = member_client.post("/jongeren/momenten/nieuw/", _form(partner_org, rabot))

    moment = ParticipationMoment.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jongeren/momenten/{moment.pk}/"
    assert moment.participants == 12
    assert {t.code: t.raised_by for t in moment.themes.all()} == {"leisure": 9, "public_space": 5}
    wish = moment.points.get(kind=MomentPoint.Kind.WISH)
    assert (wish.rank, wish.function.code, wish.time_band) == (1, "leisure", "evenings")
    assert moment.quotes.get().is_public
    page = member_client.get(response["Location"])
    assert "An open youth house on Friday evening" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"concern_1": "Yasmine (15 jaar) is bang op het plein"}, "concern_1", "a name with an age"),
        ({"quote_1": "Bel me op 0478 12 34 56"}, "quote_1", "a phone number"),
        ({"title": "Raad met Tom, 12 j."}, "title", "a name with an age"),
        ({"confirmed_not_identifying": None}, "confirmed_not_identifying", "Confirm that nothing"),
        ({"participants_12_15": "0", "participants_16_18": "0"}, None, "how many young people took part"),
        ({"theme_leisure": "40"}, "theme_leisure", "More young people raised this theme than took part"),
        ({"neighbourhoods": None}, "neighbourhoods", "or tick city-wide"),
        ({"held_on": "2027-01-01"}, "held_on", "cannot lie in the future"),
        ({"wish_2_time_band": "evenings"}, "wish_2", "Describe the wish"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message_and_saves_nothing(
    member_client, partner_org, rabot, changes, field, message
):
    response = member_client.post("/jongeren/momenten/nieuw/", _form(partner_org, rabot, **changes))

    assert response.status_code == 200
    assert not ParticipationMoment.objects.exists()
    form = response.context["form"]
    errors = form.errors.get(field, []) if field else [e for errs in form.errors.values() for e in errs]
    assert message in " ".join(errors), form.errors
    assert 'class="error-summary"' in response.content.decode()


def test_it_hides_another_organisations_moment_with_404(other_client, partner_org, partner_member, rabot):
    moment = record(partner_member, partner_org, neighbourhoods=[rabot])
    for path in (f"/jongeren/momenten/{moment.pk}/", f"/jongeren/momenten/{moment.pk}/bewerken/"):
        assert other_client.get(path).status_code == 404
    assert other_client.post(f"/jongeren/momenten/{moment.pk}/archiveren/").status_code == 404
    assert ParticipationMoment.objects.active().count() == 1


def test_it_asks_visitors_to_log_in(client):
    assert client.get("/jongeren/momenten/").status_code == 302


def test_it_refuses_a_stale_version_and_keeps_the_other_change(member_client, partner_org, partner_member, rabot):
    moment = record(partner_member, partner_org, neighbourhoods=[rabot], title="First title")
    data = _form(partner_org, rabot, title="Second title", version=str(moment.version))
    ParticipationMoment.objects.filter(pk=moment.pk).update(version=moment.version + 1, title="Someone else's")

    response = member_client.post(f"/jongeren/momenten/{moment.pk}/bewerken/", data)

    assert response.status_code == 200
    assert "Someone else saved a change" in response.content.decode()
    assert ParticipationMoment.objects.get().title == "Someone else's"


def test_it_archives_a_moment_which_leaves_the_aggregates(member_client, partner_org, partner_member, rabot):
    from participation.voice import ALL, YEAR, year_voice

    moment = record(partner_member, partner_org, neighbourhoods=[rabot], bands=(0, 0, 9, 0, 0))
    response = member_client.post(f"/jongeren/momenten/{moment.pk}/archiveren/", {"version": moment.version})

    assert response.status_code == 302
    assert ParticipationMoment.objects.get().is_archived
    assert year_voice(2026).bands.figure(YEAR, ALL, ALL).hidden


@pytest.mark.usefixtures("nothing_kept")
def test_the_list_reads_1_or_50_moments_in_the_same_number_of_queries(
    member_client, partner_org, partner_member, rabot
):
    record(partner_member, partner_org, neighbourhoods=[rabot])
    member_client.get("/jongeren/momenten/")
    with CaptureQueriesContext(connection) as one:
        assert member_client.get("/jongeren/momenten/").status_code == 200
    for i in range(49):
        record(partner_member, partner_org, neighbourhoods=[rabot], held_on=datetime.date(2026, 1, 1 + i % 28))
    with CaptureQueriesContext(connection) as fifty:
        response = member_client.get("/jongeren/momenten/")
    assert len(response.context["moments"]) == 50
    assert len(fifty.captured_queries) == len(one.captured_queries)
