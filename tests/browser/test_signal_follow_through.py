"""The pages of issue 19 in a real browser, in Dutch and English: a signal with follow-up actions, comments and
a confirmation request, the public signals and figures, routing, the indicator settings and a round's result."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def followed_signal(partner_org, partner_member, partner_admin, other_org, other_admin, city_org, city_admin):
    from signals import services
    from tests.signals.conftest import sign_charter

    staff = factories.member(city_org, full_name="Koen Jeugddienst")
    signal = services.signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Speelplein onverlicht",
        description="Het speelplein is na 18 uur donker; kinderen blijven weg.",
        themes=["public_space"],
        city_wide=True,
        children_affected="21-50",
        is_public=True,
    )
    services.signal_endorse(signal=signal, by=other_admin, observation="Wij zien het ook.")
    services.signal_acknowledge(signal=signal, by=staff, responsible_body=city_org)
    services.signal_start(signal=signal, by=staff)
    item = services.action_add(
        signal=signal,
        by=staff,
        description="Nieuwe lampen plaatsen",
        responsible_body=city_org,
        due_on=date.today() + timedelta(days=14),
    )
    services.action_update(action=item, by=staff, progress=40, note="Lampen besteld.")
    services.signal_comment(signal=signal, by=other_admin, text="Kunnen we helpen bij de keuze van de plek?")
    services.signal_answer(signal=signal, by=staff, outcome="action_planned", answer="We plaatsen nieuwe lampen.")
    sign_charter(partner_org, partner_admin)
    sign_charter(other_org, other_admin)
    second = services.signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Wachtlijst huiswerkbegeleiding",
        description="Jongeren wachten maanden.",
        themes=["education"],
        city_wide=True,
        children_affected="6-20",
    )
    round_ = services.round_open(
        by=city_admin,
        title="Najaar",
        signals=[signal, second],
        votes_per_organisation=3,
        top_n=1,
        closes_at=timezone.now() + timedelta(days=7),
    )
    services.round_vote(round=round_, by=partner_admin, organisation=partner_org, allocation={signal.pk: 3})
    return signal, round_


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_follow_through_pages_are_accessible(visit, followed_signal, partner_member, city_admin, language):
    signal, round_ = followed_signal
    visitor = visit(language)
    for path, name in [
        ("/signalen/publiek/", "public-list"),
        (f"/signalen/publiek/{signal.pk}/", "public-detail"),
        ("/signalen/publiek/cijfers/", "public-figures"),
    ]:
        visitor.goto(path)
        visitor.check(f"{name}-{language}")
    visitor.close()
    reporter = visit(language)
    reporter.login(partner_member.email, PASSWORD)
    reporter.goto(f"/signalen/{signal.pk}/")
    reporter.check(f"detail-reporter-{language}")
    reporter.close()
    admin = visit(language)
    admin.login(city_admin.email, PASSWORD)
    for path, name in [
        (f"/signalen/{signal.pk}/", "detail-city"),
        ("/signalen/routering/", "routing"),
        ("/signalen/prioriteit/", "indicator"),
        (f"/signalen/rondes/{round_.pk}/", "round-open"),
        ("/signalen/rondes/nieuw/", "round-form"),
    ]:
        admin.goto(path)
        admin.check(f"{name}-{language}")
    from signals import services

    services.round_close(round=round_, by=city_admin)
    admin.goto(f"/signalen/rondes/{round_.pk}/")
    admin.check(f"round-result-{language}")
    admin.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_staff_of_a_public_body_reach_its_inbox_from_the_menu(
    visit, partner_org, partner_member, city_admin, language
):
    from signals import services

    police = factories.organisation(name="Politiezone Gent", kind="public_body")
    agent = factories.member(police, full_name="Paula Politie")
    signal = services.signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Jongeren weggestuurd van het plein",
        description="Jongeren worden 's avonds van het plein gestuurd.",
        themes=["police_justice"],
        city_wide=True,
        children_affected="6-20",
    )
    services.signal_acknowledge(signal=signal, by=city_admin, responsible_body=police)
    person = visit(language)
    person.login(agent.email, PASSWORD)
    person.goto("/signalen/")
    person.press_enter_on("a[href='/signalen/inbox/']")
    assert person.path == "/signalen/inbox/"
    assert person.page.locator(f"main a[href='/signalen/{signal.pk}/']").first.is_visible()
    person.check(f"body-inbox-{language}")
