"""What young people asked for beside what is offered (the coverage page), signals citing moments, the demo."""

from participation.models import ParticipationMoment, SignalCitation
from participation.services import PointData
from signals import services as signal_services
from tests import factories
from tests.participation.conftest import record


def test_the_coverage_page_shows_what_young_people_asked_for_beside_the_offer(
    staff_client, partner_org, partner_member, rabot
):
    from organisations.models import Function

    leisure = Function.objects.get(code="leisure")
    welfare = Function.objects.get(code="welfare")
    factories.offer(partner_org, neighbourhoods=[rabot], functions_=("welfare",))
    record(
        partner_member,
        partner_org,
        neighbourhoods=[rabot],
        wishes=[
            PointData(text="An open youth house on Friday evening", function=leisure, time_band="evenings"),
            PointData(text="Help with forms", function=welfare),
        ],
    )

    page = staff_client.get(f"/wijken/wijk/{rabot.slug}/").content.decode()

    assert "What young people here asked for" in page
    assert "no offer with this function" in page  # an evening leisure offer where none exists
    assert "this function is present" in page  # welfare is offered


def _signal(by, organisation, area):
    return signal_services.signal_report(
        by=by,
        organisation=organisation,
        title="Square unlit",
        description="Young people stay away after dark.",
        themes=["public_space"],
        children_affected="21-50",
        neighbourhoods=[area],
    )


def test_a_signal_cites_moments_of_its_own_organisation(
    member_client, partner_org, partner_member, other_org, other_admin, rabot
):
    moment = record(partner_member, partner_org, neighbourhoods=[rabot])
    foreign = record(other_admin, other_org, neighbourhoods=[rabot])
    signal = _signal(partner_member, partner_org, rabot)
    url = f"/jongeren/signalen/{signal.pk}/"

    assert member_client.post(url, {"moments": [foreign.pk]}).status_code == 200  # not a choice: nothing saved
    assert not SignalCitation.objects.exists()
    assert member_client.post(url, {"moments": [moment.pk]}).status_code == 302
    assert list(SignalCitation.objects.values_list("signal_id", "moment_id")) == [(signal.pk, moment.pk)]
    detail = member_client.get(f"/jongeren/momenten/{moment.pk}/").content.decode()
    assert "Square unlit" in detail


def test_only_the_reporting_organisation_cites(other_client, partner_org, partner_member, rabot):
    signal = _signal(partner_member, partner_org, rabot)
    assert other_client.get(f"/jongeren/signalen/{signal.pk}/").status_code == 403


def test_the_demo_holds_moments_in_several_neighbourhoods_marked_as_demo(db):
    from participation import demo

    demo.seed(lambda message: None)

    moments = ParticipationMoment.objects.all()
    assert moments.count() >= 5 and all(m.is_demo for m in moments)
    areas = {n for m in moments for n in m.neighbourhoods.values_list("number", flat=True)}
    assert len(areas) >= 3
    assert moments.filter(city_wide=True).exists() and moments.filter(movement_circle__isnull=False).exists()
    demo.seed(lambda message: None)  # idempotent
    assert ParticipationMoment.objects.count() == moments.count()
