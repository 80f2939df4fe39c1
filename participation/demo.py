"""Demo participation moments (marked as demo) in several neighbourhoods, a movement circle and city-wide, over this
year and last; demo feedback on one offer; the youth indicator switched on. Idempotent: nothing when demo moments
exist."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from neighbourhoods.demo import seed_movement_circles
from neighbourhoods.models import Indicator, Neighbourhood
from offers.models import Offer
from organisations.demo import seed_foundation
from organisations.models import Function
from participation import indicators, services
from participation.models import OfferFeedback, ParticipationMoment
from participation.services import PointData, QuoteData

# (organisation slug, title, days ago, method, neighbourhood numbers | circle name | None for city-wide,
#  participants per age band, themes raised, concerns, wishes (text, function, time band), quotes (text, public))
MOMENTS = [
    (
        "de-brug-demo",
        "Jongerenraad De Brug (demo)",
        20,
        "youth_council",
        (4,),
        (0, 0, 9, 7, 3),
        {"public_space": 12, "leisure": 15, "education": 6},
        ["Te weinig plekken om samen te zitten", "Het plein is 's avonds donker"],
        [("Een open jeugdhuis op vrijdagavond", "leisure", "evenings"), ("Huiswerkklas in de buurt", "bridge", "")],
        [("We willen gewoon een plek waar we mogen zijn.", True), ("Niemand vraagt ooit wat wij denken.", False)],
    ),
    (
        "buurtwerk-rabot-demo",
        "Buurtwandeling Rabot (demo)",
        75,
        "walk",
        (7,),
        (0, 8, 6, 0, 0),
        {"public_space": 9, "sport": 7, "housing": 3},
        ["Gevaarlijk kruispunt op weg naar school", "Het speelterrein is kapot"],
        [("Een voetbalveld dat open is in het weekend", "leisure", "weekends")],
        [("Het speelplein is ons tweede huis.", True)],
    ),
    (
        "speelplein-muide-demo",
        "Groepsgesprek speelplein (demo)",
        140,
        "group_talk",
        (10,),
        (4, 11, 2, 0, 0),
        {"leisure": 12, "public_space": 5},
        ["In de zomervakantie is er te weinig te doen"],
        [("Speelplein ook in de kerstvakantie", "leisure", "school_holidays")],
        [("Ik wil elke dag naar het speelplein.", True)],
    ),
    (
        "samen-sterk-demo",
        "Creatieve namiddag Samen Sterk (demo)",
        210,
        "creative",
        "Beweegcirkel Noord (demo)",
        (0, 6, 5, 2, 0),
        {"discrimination": 6, "education": 8, "leisure": 4},
        ["Op school worden we anders behandeld"],
        [("Hulp bij huiswerk in onze eigen taal", "welfare", "afternoons")],
        [("Soms voel ik me hier niet thuis.", False)],
    ),
    (
        "de-brug-demo",
        "Stadsbrede bevraging (demo)",
        300,
        "survey",
        None,
        (0, 10, 24, 18, 9),
        {"work": 14, "housing": 11, "health": 9, "leisure": 20},
        ["Geen bijjob vinden", "Te duur om te sporten"],
        [("Gratis sport voor tieners", "leisure", "evenings")],
        [("Een bijjob zou alles makkelijker maken.", True)],
    ),
    (
        "kleurrijk-ledeberg-demo",
        "Jongerenraad Ledeberg (demo)",
        400,
        "youth_council",
        (18,),
        (0, 3, 8, 6, 0),
        {"leisure": 10, "public_space": 7, "poverty": 5},
        ["Geen plek binnen als het regent"],
        [("Een warme plek op woensdagnamiddag", "leisure", "afternoons")],
        [("Bij slecht weer hangen we in de inkom van de flat.", True)],
    ),
]


def _cite_demo_signal(world, by):
    """The first demo signal of De Brug cites De Brug's demo moments: "raised by young people"."""
    from signals.models import Signal

    organisation = world.organisations["de-brug-demo"]
    signal = Signal.objects.filter(organisation=organisation, is_demo=True).order_by("pk").first()
    moments = ParticipationMoment.objects.filter(organisation=organisation, is_demo=True).values_list("pk", flat=True)
    if signal is not None and moments:
        services.citations_set(signal=signal, moment_ids=list(moments), by=by)


def seed(log):
    if ParticipationMoment.objects.filter(is_demo=True).exists():
        return
    world = seed_foundation()
    circles = seed_movement_circles()
    neighbourhoods = {n.number: n for n in Neighbourhood.objects.all()}
    functions = {f.code: f for f in Function.objects.all()}
    today = timezone.localdate()
    by = world.users["brug.admin@demo.example"]
    with transaction.atomic():
        for slug, title, days, method, where, bands, themes, concerns, wishes, quotes in MOMENTS:
            moment = ParticipationMoment(
                organisation=world.organisations[slug],
                title=title,
                held_on=today - timedelta(days=days),
                method=method,
                city_wide=where is None,
                movement_circle=circles.get(where) if isinstance(where, str) else None,
                confirmed_not_identifying=True,
                is_demo=True,
            )
            moment.set_band_counts(bands)
            area = [neighbourhoods[n] for n in where if n in neighbourhoods] if isinstance(where, tuple) else []
            if isinstance(where, tuple) and not area:
                continue
            services.moment_save(
                moment=moment,
                by=by,
                expected_version=None,
                neighbourhoods=area,
                themes=themes,
                concerns=[PointData(text=text) for text in concerns],
                wishes=[
                    PointData(text=text, function=functions.get(code), time_band=band) for text, code, band in wishes
                ],
                quotes=[QuoteData(text=text, is_public=public) for text, public in quotes],
            )
            log(f"participation moment {title}")
        _cite_demo_signal(world, by)
        offer = Offer.objects.publicly_visible().filter(organisation=world.organisations["de-brug-demo"]).first()
        if offer is not None:
            ratings = [5, 4, 5, 3, 4, 5, 2]
            OfferFeedback.objects.bulk_create(
                OfferFeedback(offer=offer, given_on=today - timedelta(days=i), rating=r, comes_back=r > 2)
                for i, r in enumerate(ratings)
            )
            log(f"feedback on {offer.title}")
        Indicator.objects.filter(code=indicators.CODE).update(is_active=True)
