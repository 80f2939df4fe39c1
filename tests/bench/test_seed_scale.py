import pytest
from django.core.management import CommandError, call_command

from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Collaboration, CollaborationMember, Offer
from offers.search import offer_search, offer_search_text
from organisations.models import Function, Organisation


def _seed(**options):
    call_command("seed_scale", stdout=None, **options)


@pytest.mark.django_db
def test_it_creates_the_requested_numbers_of_each_kind():
    real = Neighbourhood.objects.count()
    _seed(areas=40, organisations=30, offers=200, collaborations=5, circles=6)
    assert Neighbourhood.objects.count() == real + 40
    assert MovementCircle.objects.filter(slug__startswith="scale-").count() == 6
    assert Organisation.objects.filter(slug__startswith="scale-org-").count() == 30
    assert Offer.objects.count() == 200
    assert Collaboration.objects.count() == 5


@pytest.mark.django_db
def test_it_numbers_new_areas_after_the_real_neighbourhoods():
    highest = max(Neighbourhood.objects.values_list("number", flat=True))
    _seed(areas=3)
    numbers = sorted(Neighbourhood.objects.filter(slug__startswith="scale-").values_list("number", flat=True))
    assert numbers == [highest + 1, highest + 2, highest + 3]


@pytest.mark.django_db
def test_it_gives_every_offer_functions_and_areas_and_bridge_offers_their_sectors():
    _seed(organisations=10, offers=300)
    assert not Offer.objects.filter(functions=None).exists()
    assert not Offer.objects.filter(neighbourhoods=None).exists()
    bridge_offers = Offer.objects.filter(functions__code=Function.BRIDGE).distinct()
    assert bridge_offers.exists()
    assert not bridge_offers.filter(bridge_sectors=None).exists()
    assert set(Offer.objects.values_list("status", flat=True)) == set(Offer.Status.values)


@pytest.mark.django_db
def test_its_offers_are_found_by_the_directory_search_at_once():
    _seed(organisations=5, offers=60)
    offer = Offer.objects.select_related("organisation").order_by("pk").first()
    assert offer.search_text == offer_search_text(offer)
    word = offer.title.split()[0]
    assert offer in offer_search(Offer.objects.all(), word)


@pytest.mark.django_db
def test_it_creates_organisations_of_every_kind_marked_as_demo():
    _seed(organisations=200)
    generated = Organisation.objects.filter(slug__startswith="scale-org-")
    assert set(generated.values_list("kind", flat=True)) == set(Organisation.Kind.values)
    assert not generated.filter(is_demo=False).exists()


@pytest.mark.django_db
def test_it_gives_collaborations_an_accepted_coordinator_and_areas():
    _seed(organisations=20, collaborations=8)
    for collaboration in Collaboration.objects.all():
        coordinator = CollaborationMember.objects.get(
            collaboration=collaboration, organisation=collaboration.coordinator
        )
        assert coordinator.status == CollaborationMember.Status.ACCEPTED
        assert collaboration.neighbourhoods.exists()


@pytest.mark.django_db
def test_it_adds_more_on_a_second_run_without_name_clashes():
    _seed(organisations=5, offers=10)
    _seed(organisations=5, offers=10)
    assert Organisation.objects.filter(slug__startswith="scale-org-").count() == 10
    assert Offer.objects.count() == 20


@pytest.mark.django_db
def test_it_creates_signals_in_every_state_with_a_consistent_timeline_and_deadlines():
    from signals.models import Signal, Status, TimelineEntry

    _seed(organisations=40, signals=300)
    assert Signal.objects.count() == 300
    assert set(Signal.objects.values_list("status", flat=True)) == set(Status.values)
    assert not Signal.objects.filter(themes=None).exists()
    assert not Signal.objects.filter(city_wide=False, neighbourhoods=None).exists()
    assert not Signal.objects.filter(status__in=["answered", "closed"], due_on__isnull=False).exists()
    assert not Signal.objects.filter(status="submitted", due_on__isnull=True).exists()
    assert not Signal.objects.filter(acknowledged_at__isnull=False, responsible_body=None).exists()
    for signal in Signal.objects.filter(status="closed")[:20]:
        kinds = list(signal.timeline.exclude(kind="endorsed").values_list("kind", flat=True))
        assert kinds == ["submitted", "acknowledged", "started", "answered", "closed"]
        assert signal.submitted_at <= signal.acknowledged_at <= signal.answered_at <= signal.closed_at
    assert TimelineEntry.objects.filter(kind="endorsed").exists()


@pytest.mark.django_db
def test_it_creates_covenants_with_versions_indicators_and_approvals_of_both_sides():
    from covenants.models import Covenant, TermsVersion

    _seed(organisations=40, collaborations=5, covenants=60)
    covenants = Covenant.objects.with_status()
    assert covenants.count() == 60
    assert {"running", "in_negotiation", "draft"} <= set(covenants.values_list("derived_status", flat=True))
    for version in TermsVersion.objects.prefetch_related("approvals", "indicators__targets", "budget_lines"):
        assert len(version.indicators.all()) == 4
        assert version.budget_lines.all()
        sides = {a.side for a in version.approvals.all()}
        assert sides == (
            {"city", "partner"}
            if version.agreed_at
            else ({version.proposed_by_side} if version.submitted_at else set())
        )
    agreed = TermsVersion.objects.filter(state="agreed").first()
    assert agreed.indicators.filter(kind="quantitative").first().targets.exists()
    amended = Covenant.objects.filter(versions__number=2).first()
    first, second = (set(v.indicators.values_list("key", flat=True)) for v in amended.versions.order_by("number")[:2])
    assert first == second  # an indicator keeps its key through amendments


@pytest.mark.django_db
def test_it_refuses_offers_without_organisations_and_changes_nothing():
    with pytest.raises(CommandError, match="Offers need organisations"):
        _seed(areas=5, offers=10)
    assert not Neighbourhood.objects.filter(slug__startswith="scale-").exists()


@pytest.mark.django_db
def test_it_refuses_more_areas_than_the_numbers_allow():
    with pytest.raises(CommandError, match="at most"):
        _seed(areas=40000)
    assert not Neighbourhood.objects.filter(slug__startswith="scale-").exists()
