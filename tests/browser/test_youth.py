"""Young people's say in a real browser: the easy-read entrance and the feedback faces on a phone first, the
public "what young people say" pages, and an organisation recording a moment; every page passes ``Visit.check``."""

import pytest

from tests import factories
from tests.factories import PASSWORD
from tests.participation.conftest import record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def youth_world(partner_org, partner_member):
    rabot, brugse_poort = factories.neighbourhood(7), factories.neighbourhood(4)
    offer = factories.offer(partner_org, title="Open huis", neighbourhoods=[rabot])
    record(
        partner_member,
        partner_org,
        neighbourhoods=[rabot],
        bands=(0, 4, 12, 3, 0),
        themes={"leisure": 14, "public_space": 9, "housing": 3},
        concerns=["Het plein is 's avonds donker"],
        wishes=["Een open jeugdhuis op vrijdagavond"],
        quotes=["We willen gewoon een plek waar we welkom zijn."],
    )
    record(partner_member, partner_org, neighbourhoods=[brugse_poort], bands=(0, 7, 0, 0, 0), themes={"sport": 7})
    return {"rabot": rabot, "offer": offer}


def test_a_young_person_finds_something_to_do_and_says_how_it_was(visit, youth_world):
    person = visit("nl", "phone")
    person.goto("/jongeren/")
    person.check("young")
    person.type_into("input[name=age]", "14")
    person.select_option("select[name=neighbourhood]", youth_world["rabot"].name)
    person.press_enter_on("main button[type=submit]")
    assert "/aanbod/?age=14" in person.path

    person.goto(f"/jongeren/aanbod/{youth_world['offer'].uuid}/hoe-was-het/")
    person.check("feedback")
    person.choose_radio("rating", "4")
    person.choose_radio("comes_back", "yes")
    person.press_enter_on("main button[type=submit]")
    assert person.page.locator(".young-thanks").is_visible()
    person.check("feedback-thanks")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_what_young_people_say_reads_well_in_both_languages(visit, youth_world, language):
    person = visit(language)
    for path, name in [
        ("/jongeren/wat-jongeren-zeggen/", "voice"),
        (f"/jongeren/wat-jongeren-zeggen/wijk/{youth_world['rabot'].slug}/", "voice-area"),
        ("/jongeren/wat-jongeren-zeggen/thema/leisure/", "voice-theme"),
    ]:
        person.goto(path)
        person.check(f"{name}-{language}")


def test_an_organisation_records_a_moment_and_sees_it_on_the_coverage_page(visit, youth_world, partner_member):
    person = visit("nl")
    person.login(partner_member.email, PASSWORD)
    for path, name in [
        ("/jongeren/momenten/", "moments"),
        ("/jongeren/momenten/nieuw/", "moment-form"),
        ("/jongeren/reacties/", "feedback-totals"),
        (f"/wijken/wijk/{youth_world['rabot'].slug}/", "area"),
    ]:
        person.goto(path)
        person.check(name)
    person.goto("/jongeren/momenten/nieuw/")
    person.press_enter_on("main form.moment-form button[type=submit]")
    assert person.page.locator(".error-summary").is_visible()
    person.check("moment-form-errors")
    person.goto("/jongeren/momenten/")
    person.press_enter_on("main table tbody tr:first-child a")
    assert person.path.startswith("/jongeren/momenten/")
    person.check("moment")


def test_a_city_admin_attaches_the_young_peoples_ranking_of_a_round(
    visit, youth_world, partner_member, partner_org, city_admin
):
    import datetime

    from django.utils import timezone

    from participation.models import ParticipationMoment
    from participation.services import citations_set
    from signals import services as signals

    made = [
        signals.signal_report(
            by=partner_member,
            organisation=partner_org,
            title=title,
            description="Jongeren blijven weg na het donker.",
            themes=["public_space"],
            children_affected="21-50",
            neighbourhoods=[youth_world["rabot"]],
        )
        for title in ("Plein zonder licht", "Geen bus na acht uur")
    ]
    citations_set(signal=made[0], moment_ids=[ParticipationMoment.objects.first().pk], by=partner_member)
    round_ = signals.round_open(
        by=city_admin,
        title="Voorjaarsronde",
        signals=made,
        votes_per_organisation=5,
        top_n=1,
        opens_at=timezone.now() + datetime.timedelta(days=2),
    )
    person = visit("nl")
    person.login(city_admin.email, PASSWORD)
    person.goto(f"/jongeren/rondes/{round_.pk}/")
    person.check("round-ranking")
    person.press_enter_on("main form button[type=submit]")
    person.goto(f"/signalen/rondes/{round_.pk}/")
    assert "Rangschikking van jongeren" in person.page.content()
    person.check("round-with-youth-ranking")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_signal_raised_by_young_people_and_its_round_with_the_youth_tie_rule(
    visit, partner_org, partner_member, city_admin, language
):
    import datetime

    from django.utils import timezone

    from participation.services import citations_set
    from signals import services

    def report(title):
        return services.signal_report(
            by=partner_member,
            organisation=partner_org,
            title=title,
            description="Young people stay away after dark.",
            themes=["public_space"],
            children_affected="21-50",
            city_wide=True,
        )

    raised, other = report("Square unlit"), report("No bus after eight")
    moment = record(partner_member, partner_org, city_wide=True, bands=(0, 0, 12, 0, 0))
    citations_set(signal=raised, moment_ids=[moment.pk], by=partner_member)
    round_ = services.round_open(
        by=city_admin,
        title="Spring round",
        signals=[raised, other],
        votes_per_organisation=5,
        top_n=1,
        opens_at=timezone.now() + datetime.timedelta(days=2),
        tie_rule="youth_ranking_first",
    )
    person = visit(language)
    person.login(partner_member.email, PASSWORD)
    for path, name in [
        (f"/signalen/{raised.pk}/", "signal-raised"),
        ("/signalen/", "signals-raised"),
        (f"/signalen/rondes/{round_.pk}/", "round-youth-tie"),
    ]:
        person.goto(path)
        assert person.page.locator(".badge-ok").first.is_visible()
        person.check(f"{name}-{language}")
