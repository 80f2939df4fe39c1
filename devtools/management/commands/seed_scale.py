"""Create realistic data at city or region scale, fast (bulk inserts), for the benchmark (issue 11).

    python manage.py seed_scale --areas 20000 --organisations 5000 --offers 100000 --signals 50000 --covenants 300

One function per kind of object (``seed_areas``, ``seed_movement_circles``, ``seed_organisations``,
``seed_offers``, ``seed_collaborations``), each taking a ``Scale`` context and a count. ``seed_signals``
(every state with a consistent timeline, deadlines, themes, areas, endorsements) and ``seed_covenants``
(versions of the terms with budget lines, indicators and targets, approvals, reporting periods) follow.

The data is clearly marked: organisations are demo organisations named "... (scale)", generated
neighbourhoods and circles have slugs starting with ``scale-``. Bulk inserts bypass the model history
(django-simple-history): scale data is not a person's change. Running the command again adds more.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from charter_portal import caching
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Collaboration, CollaborationMember, Offer
from offers.search import offer_search_refresh
from organisations.models import Function, Organisation, Sector

BATCH = 5000
MAX_NEIGHBOURHOOD_NUMBER = 32767  # Neighbourhood.number is a PositiveSmallIntegerField

PLACE_PARTS = (
    ("Noord", "Zuid", "Oost", "West", "Hoog", "Laag", "Oud", "Nieuw", "Klein", "Groot"),
    ("beek", "veld", "hove", "dries", "kouter", "meersen", "brugge", "bos", "akker", "berg", "dam", "wijk"),
)
ORG_WORDS = (
    (
        "Jeugdhuis",
        "Buurtwerk",
        "Speelplein",
        "Jeugdwerking",
        "Brede School",
        "Huiswerkklas",
        "Sportclub",
        "Zelforganisatie",
        "Vrouwenvereniging",
        "Meidenwerking",
        "Straathoekwerk",
        "Tienerwerking",
    ),
    (
        "De Brug",
        "Het Anker",
        "De Vonk",
        "Samen",
        "Kleurrijk",
        "De Toekomst",
        "Horizon",
        "De Sprong",
        "Thuis",
        "Open Deur",
        "Ubuntu",
        "De Parel",
    ),
)
OFFER_WORDS = (
    (
        "Huiswerkbegeleiding",
        "Open huis",
        "Voetbal op het plein",
        "Meidenavond",
        "Kookatelier",
        "Straathoekwerk",
        "Spreekuur",
        "Speelnamiddag",
        "Muziekatelier",
        "Vakantiewerking",
        "Jongerenraad",
        "Bemiddeling school",
    ),
    (
        "voor tieners",
        "voor kinderen",
        "in de buurt",
        "op woensdag",
        "in het weekend",
        "na school",
        "in de vakantie",
        "voor jongvolwassenen",
    ),
)
# Descriptions are sentences drawn from these, so that texts vary as real ones do and a search has words to find.
ACTIVITIES = (
    "We spelen samen buiten en praten over wat er in de buurt gebeurt.",
    "Jongeren maken hun huiswerk met hulp van vrijwilligers en studenten.",
    "Er is ruimte om te koken, te eten en elkaar te leren kennen.",
    "We trainen twee keer per week en spelen een toernooi met andere buurten.",
    "Meisjes kiezen zelf de activiteiten: dans, film, sport of een uitstap.",
    "Een jeugdwerker luistert, helpt met papieren en brengt je in contact met de juiste dienst.",
    "Kinderen knutselen, zingen en ontdekken muziekinstrumenten.",
    "Tijdens de vakantie trekken we op uitstap naar zee, het bos of de stad.",
    "Wie vastloopt op school, vindt hier iemand die meedenkt en bemiddelt.",
    "Jongeren beslissen mee over het programma in de jongerenraad.",
)
PLACES = (
    "We zitten in het buurthuis naast het park.",
    "De activiteit vindt plaats op het pleintje achter de kerk.",
    "Je vindt ons in de sporthal van de wijk.",
    "We komen naar je toe: op pleinen, in parken en aan de school.",
    "Het lokaal ligt vlak bij de tramhalte.",
    "We gebruiken de turnzaal van de basisschool.",
)
WELCOMES = (
    "Iedereen is welkom, ook zonder inschrijving.",
    "Deelnemen is gratis; een vieruurtje is voorzien.",
    "Ouders mogen altijd eens komen kijken.",
    "Bel of kom langs als je vragen hebt.",
    "Er is een warme ruimte om te blijven na de activiteit.",
)
SIGNAL_DESCRIPTIONS = (
    "Kinderen blijven na donker weg omdat de verlichting al weken stuk is.",
    "Jongeren vinden geen rustige plek om te studeren tijdens de examens.",
    "De wachtlijst voor begeleiding is zo lang dat gezinnen afhaken.",
    "Er is geen veilige oversteekplaats op de weg naar de speelpleinwerking.",
    "Gezinnen in tijdelijke huisvesting raken de weg kwijt naar het aanbod.",
    "Tieners hangen rond omdat het jeugdhuis 's avonds gesloten is.",
    "De sporthal is te duur voor kleine zelforganisaties.",
)
LANGUAGES = (
    "Nederlands",
    "Nederlands, Frans",
    "Nederlands, Arabisch",
    "Nederlands, Turks",
    "Nederlands, Engels",
    "Nederlands, Bulgaars",
    "Nederlands, Slovaaks",
)
KIND_SHARES = [
    (Organisation.Kind.CIVIL_SOCIETY, 60),
    (Organisation.Kind.SELF_ORGANISATION, 25),
    (Organisation.Kind.PUBLIC_BODY, 10),
    (Organisation.Kind.CITY_SERVICE, 5),
]
STATUS_SHARES = [(Offer.Status.PUBLISHED, 80), (Offer.Status.DRAFT, 15), (Offer.Status.ARCHIVED, 5)]


@dataclass
class Scale:
    """What the seeders share: the random generator, the reference data and what was created so far."""

    rng: random.Random
    log: object
    today: date
    functions: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    neighbourhood_ids: list[int] = field(default_factory=list)
    circle_ids: list[int] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    home: dict[int, int] = field(default_factory=dict)  # organisation id -> index of its home neighbourhood
    user: object = None  # the generated person who reports and approves (see _scale_user)
    signals_made: int = 0

    def near(self, index: int, count: int) -> list[int]:
        """``count`` distinct neighbourhood ids close to position ``index`` (organisations work locally)."""
        ids = self.neighbourhood_ids
        picks = {ids[min(len(ids) - 1, max(0, index + self.rng.randint(-3, 3)))] for _ in range(count)}
        return sorted(picks)

    def pick(self, shares):
        return self.rng.choices([v for v, _ in shares], weights=[w for _, w in shares])[0]


def _bulk(model, objects) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def seed_areas(ctx: Scale, count: int) -> None:
    """``count`` neighbourhoods beyond the existing ones, numbered on, about a third of them priority."""
    start = (Neighbourhood.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    if start + count - 1 > MAX_NEIGHBOURHOOD_NUMBER:
        raise CommandError(
            f"Neighbourhood numbers go up to {MAX_NEIGHBOURHOOD_NUMBER}: "
            f"at most {MAX_NEIGHBOURHOOD_NUMBER - start + 1} more areas fit in this database."
        )
    first, second = PLACE_PARTS
    areas = [
        Neighbourhood(
            number=number,
            name=f"{ctx.rng.choice(first)}{ctx.rng.choice(second)} {number}",
            slug=f"scale-wijk-{number}",
            computed_priority=ctx.rng.random() < 0.3,
        )
        for number in range(start, start + count)
    ]
    _bulk(Neighbourhood, areas)


def seed_movement_circles(ctx: Scale, count: int) -> None:
    """Movement circles of 2 to 4 neighbouring neighbourhoods each."""
    start = MovementCircle.objects.count() + 1
    circles = [
        MovementCircle(
            name=f"Beweegcirkel {n} (scale)", slug=f"scale-cirkel-{n}", computed_priority=ctx.rng.random() < 0.3
        )
        for n in range(start, start + count)
    ]
    _bulk(MovementCircle, circles)
    through = MovementCircle.neighbourhoods.through
    rows = []
    for circle in circles:
        centre = ctx.rng.randrange(len(ctx.neighbourhood_ids))
        for neighbourhood_id in ctx.near(centre, ctx.rng.randint(2, 4)):
            rows.append(through(movementcircle_id=circle.pk, neighbourhood_id=neighbourhood_id))
    _bulk(through, rows)
    ctx.circle_ids.extend(c.pk for c in circles)


def seed_organisations(ctx: Scale, count: int) -> None:
    """Approved organisations of every kind (a few not yet approved or inactive), with their sectors."""
    start = Organisation.objects.filter(slug__startswith="scale-org-").count() + 1
    first, second = ORG_WORDS
    organisations = []
    for n in range(start, start + count):
        name = f"{ctx.rng.choice(first)} {ctx.rng.choice(second)} {n} (scale)"
        organisations.append(
            Organisation(
                name=name,
                slug=f"scale-org-{n}",
                kind=ctx.pick(KIND_SHARES),
                description="Fictional organisation generated for performance tests.",
                email=f"info{n}@scale.example",
                is_approved=ctx.rng.random() < 0.95,
                is_active=ctx.rng.random() < 0.97,
                is_demo=True,
            )
        )
    _bulk(Organisation, organisations)
    through = Organisation.sectors.through
    rows = [
        through(organisation_id=org.pk, sector_id=sector.pk)
        for org in organisations
        for sector in ctx.rng.sample(ctx.sectors, ctx.rng.randint(1, 2))
    ]
    _bulk(through, rows)
    for org in organisations:
        ctx.organisation_ids.append(org.pk)
        ctx.home[org.pk] = ctx.rng.randrange(len(ctx.neighbourhood_ids))


def _offer(ctx: Scale, organisation_id: int, n: int) -> Offer:
    rng = ctx.rng
    starts_on = ctx.today - timedelta(days=rng.randint(0, 900)) if rng.random() < 0.8 else None
    ends_on = None
    if rng.random() < 0.3:
        ends_on = (starts_on or ctx.today) + timedelta(days=rng.randint(-60, 365))
        if starts_on and ends_on < starts_on:
            ends_on = starts_on
    age_min = rng.choice((0, 3, 6, 10, 12, 14, 16))
    first, second = OFFER_WORDS
    return Offer(
        organisation_id=organisation_id,
        title=f"{rng.choice(first)} {rng.choice(second)} ({n})",
        description=" ".join((rng.choice(ACTIVITIES), rng.choice(PLACES), rng.choice(WELCOMES))),
        is_warm_place=rng.random() < 0.1,
        is_mobile=rng.random() < 0.15,
        address=f"Scalestraat {rng.randint(1, 250)}, 9000 Gent",
        age_min=age_min,
        age_max=min(30, age_min + rng.choice((4, 6, 8, 12))),
        weekly_hours=Decimal(rng.choice((2, 3, 4, 6, 8, 12, 16, 24, 38))) / 2,
        schedule=rng.choice(("Woensdag 14-17 u.", "Ma-vr 16-19 u.", "Zaterdag 10-16 u.", "Op afspraak")),
        starts_on=starts_on,
        ends_on=ends_on,
        languages=rng.choice(LANGUAGES),
        is_free=rng.random() < 0.85,
        status=ctx.pick(STATUS_SHARES),
    )


def seed_offers(ctx: Scale, count: int) -> None:
    """Offers of the generated organisations near their home, with functions, areas, hours, dates and statuses."""
    if not ctx.organisation_ids:
        raise CommandError("Offers need organisations: pass --organisations too.")
    bridge = next(f for f in ctx.functions if f.code == Function.BRIDGE)
    start = Offer.objects.count() + 1
    through_functions = Offer.functions.through
    through_areas = Offer.neighbourhoods.through
    through_circles = Offer.movement_circles.through
    through_sectors = Offer.bridge_sectors.through
    for batch_start in range(0, count, BATCH * 2):
        owners = [ctx.rng.choice(ctx.organisation_ids) for _ in range(min(BATCH * 2, count - batch_start))]
        offers = _bulk(Offer, [_offer(ctx, org, start + batch_start + i) for i, org in enumerate(owners)])
        functions, areas, circles, sectors = [], [], [], []
        for offer, owner in zip(offers, owners, strict=True):
            chosen = ctx.rng.sample(ctx.functions, ctx.rng.choices((1, 2, 3, 4), weights=(45, 35, 15, 5))[0])
            functions.extend(through_functions(offer_id=offer.pk, function_id=f.pk) for f in chosen)
            if bridge in chosen:
                sectors.extend(
                    through_sectors(offer_id=offer.pk, sector_id=s.pk) for s in ctx.rng.sample(ctx.sectors, 2)
                )
            areas.extend(
                through_areas(offer_id=offer.pk, neighbourhood_id=a)
                for a in ctx.near(ctx.home[owner], ctx.rng.randint(1, 3))
            )
            if ctx.circle_ids and ctx.rng.random() < 0.1:
                circles.append(through_circles(offer_id=offer.pk, movementcircle_id=ctx.rng.choice(ctx.circle_ids)))
        for model, rows in (
            (through_functions, functions),
            (through_areas, areas),
            (through_circles, circles),
            (through_sectors, sectors),
        ):
            _bulk(model, rows)
        # Bulk inserts pass by the receivers that keep each offer's search text: fill it here, with its links.
        offer_search_refresh(Offer.objects.filter(pk__in=[offer.pk for offer in offers]))
        ctx.log(f"  offers: {batch_start + len(offers)} of {count}")


def seed_collaborations(ctx: Scale, count: int) -> None:
    """Collaborations of 2 to 5 accepted members (one declined now and then) around a coordinator's home."""
    if count and len(ctx.organisation_ids) < 2:
        raise CommandError("Collaborations need at least two organisations: pass --organisations too.")
    start = Collaboration.objects.count() + 1
    plans = []
    for n in range(start, start + count):
        members = ctx.rng.sample(ctx.organisation_ids, min(len(ctx.organisation_ids), ctx.rng.randint(2, 5)))
        plans.append(
            (
                Collaboration(
                    name=f"Samenwerking {n} (scale)",
                    description="Generated collaboration for performance tests.",
                    coordinator_id=members[0],
                    starts_on=ctx.today - timedelta(days=ctx.rng.randint(0, 700)),
                ),
                members,
            )
        )
    collaborations = _bulk(Collaboration, [c for c, _ in plans])
    Status = CollaborationMember.Status
    member_rows, area_rows, circle_rows = [], [], []
    through_areas = Collaboration.neighbourhoods.through
    through_circles = Collaboration.movement_circles.through
    for collaboration, (_, members) in zip(collaborations, plans, strict=True):
        for i, org in enumerate(members):
            status = Status.ACCEPTED if i == 0 or ctx.rng.random() < 0.9 else Status.DECLINED
            member_rows.append(
                CollaborationMember(
                    collaboration_id=collaboration.pk,
                    organisation_id=org,
                    status=status,
                    responded_at=collaboration.created_at,
                )
            )
        area_rows.extend(
            through_areas(collaboration_id=collaboration.pk, neighbourhood_id=a)
            for a in ctx.near(ctx.home[members[0]], ctx.rng.randint(1, 4))
        )
        if ctx.circle_ids and ctx.rng.random() < 0.3:
            circle_rows.append(
                through_circles(collaboration_id=collaboration.pk, movementcircle_id=ctx.rng.choice(ctx.circle_ids))
            )
    _bulk(CollaborationMember, member_rows)
    _bulk(through_areas, area_rows)
    _bulk(through_circles, circle_rows)


def _scale_user(ctx: Scale):
    """The one (inactive, password-less) person who "reports" and "approves" generated data."""
    from django.contrib.auth import get_user_model

    if ctx.user is None:
        user, created = get_user_model()._default_manager.get_or_create(
            email="scale.reporter@scale.example", defaults={"full_name": "Scale data (generated)", "is_active": False}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        ctx.user = user
    return ctx.user


def _city_service_ids() -> list[int]:
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.CITY_SERVICE, is_approved=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _partner_ids(ctx: Scale) -> list[int]:
    if ctx.organisation_ids:
        return ctx.organisation_ids
    return list(
        Organisation.objects.filter(is_approved=True)
        .exclude(kind=Organisation.Kind.CITY_SERVICE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


SIGNAL_STATUS_SHARES = [("submitted", 15), ("acknowledged", 15), ("in_progress", 20), ("answered", 20), ("closed", 30)]
SIGNAL_TITLES = (
    ("Te weinig", "Geen", "Overvolle", "Onveilige", "Gesloten", "Dure"),
    (
        "speelruimte voor tieners",
        "huiswerkplekken",
        "vakantieaanbod",
        "jeugdlokalen",
        "sportvelden na 18 u.",
        "opvang voor nieuwkomers",
        "betaalbare kampen",
        "plekken voor meisjes",
    ),
)
SIGNAL_OUTCOMES = ("action_planned", "action_taken", "referred", "not_feasible")


def seed_signals(ctx: Scale, count: int) -> None:
    """Signals in every state with a consistent timeline, deadlines, themes, areas and a few endorsements."""
    from signals.models import Endorsement, Signal, SignalTheme, Theme, TimelineEntry

    reporters = _partner_ids(ctx)
    services = _city_service_ids()
    if not reporters or not services:
        raise CommandError("Signals need partner organisations and a city service: pass --organisations too.")
    user = _scale_user(ctx)
    now = timezone.now()
    themes = [code for code, _ in Theme.choices]
    ranges = ("1-5", "6-20", "21-50", "51-100", "100+")
    through_areas = Signal.neighbourhoods.through
    through_circles = Signal.movement_circles.through
    Kind = TimelineEntry.Kind
    for batch_start in range(0, count, BATCH):
        size = min(BATCH, count - batch_start)
        signals, plans = [], []
        for i in range(size):
            rng = ctx.rng
            status = ctx.pick(SIGNAL_STATUS_SHARES)
            submitted = now - timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
            ack_due = timezone.localdate(submitted) + timedelta(days=14)
            answer_due = ack_due + timedelta(days=76)
            steps = ["submitted", "acknowledged", "in_progress", "answered", "closed"]
            reached = steps[: steps.index(status) + 1]
            times = {"submitted": submitted}
            moment = submitted
            for step in reached[1:]:
                moment = min(now, moment + timedelta(days=rng.randint(1, 40), hours=rng.randint(0, 23)))
                times[step] = moment
            acknowledged_at = times.get("acknowledged")
            answered_at = times.get("answered")
            due_on = {"submitted": ack_due, "acknowledged": answer_due, "in_progress": answer_due}.get(status)
            city_wide = rng.random() < 0.08
            reporter = rng.choice(reporters)
            signals.append(
                Signal(
                    title=f"{rng.choice(SIGNAL_TITLES[0])} {rng.choice(SIGNAL_TITLES[1])} ({ctx.signals_made + i + 1})",
                    description=" ".join(rng.sample(SIGNAL_DESCRIPTIONS, 2)),
                    city_wide=city_wide,
                    children_affected=rng.choice(ranges),
                    since=timezone.localdate(submitted) - timedelta(days=rng.randint(30, 700)),
                    organisation_id=reporter,
                    reported_by=user,
                    status=status,
                    responsible_body_id=rng.choice(services) if acknowledged_at else None,
                    submitted_at=submitted,
                    acknowledged_at=acknowledged_at,
                    started_at=times.get("in_progress"),
                    answered_at=answered_at,
                    closed_at=times.get("closed"),
                    acknowledge_due_on=ack_due,
                    answer_due_on=answer_due if acknowledged_at else None,
                    due_on=due_on,
                    acknowledged_on_time=(timezone.localdate(acknowledged_at) <= ack_due) if acknowledged_at else None,
                    answered_on_time=(timezone.localdate(answered_at) <= answer_due) if answered_at else None,
                    outcome=rng.choice(SIGNAL_OUTCOMES) if answered_at else "",
                    answer="Generated answer of the responsible service." if answered_at else "",
                    is_demo=True,
                )
            )
            plans.append((reached, times, city_wide, reporter))
        signals = _bulk(Signal, signals)
        theme_rows, area_rows, circle_rows, timeline, endorsements = [], [], [], [], []
        for signal, (reached, times, city_wide, reporter) in zip(signals, plans, strict=True):
            rng = ctx.rng
            theme_rows.extend(SignalTheme(signal_id=signal.pk, code=c) for c in rng.sample(themes, rng.randint(1, 3)))
            if not city_wide:
                centre = rng.randrange(len(ctx.neighbourhood_ids))
                area_rows.extend(
                    through_areas(signal_id=signal.pk, neighbourhood_id=a) for a in ctx.near(centre, rng.randint(1, 3))
                )
                if ctx.circle_ids and rng.random() < 0.1:
                    circle_rows.append(
                        through_circles(signal_id=signal.pk, movementcircle_id=rng.choice(ctx.circle_ids))
                    )
            kinds = {
                "submitted": Kind.SUBMITTED,
                "acknowledged": Kind.ACKNOWLEDGED,
                "in_progress": Kind.STARTED,
                "answered": Kind.ANSWERED,
                "closed": Kind.CLOSED,
            }
            for step in reached:
                timeline.append(
                    TimelineEntry(
                        signal_id=signal.pk,
                        kind=kinds[step],
                        created_at=times[step],
                        author=user,
                        author_organisation_id=reporter if step == "submitted" else signal.responsible_body_id,
                        status_after=step,
                    )
                )
            for other in {rng.choice(reporters) for _ in range(rng.choices((0, 1, 2, 3), weights=(60, 25, 10, 5))[0])}:
                if other != reporter:
                    endorsed_at = times["submitted"] + timedelta(days=rng.randint(1, 30))
                    endorsements.append(
                        Endorsement(
                            signal_id=signal.pk, organisation_id=other, endorsed_by=user, created_at=endorsed_at
                        )
                    )
                    timeline.append(
                        TimelineEntry(
                            signal_id=signal.pk,
                            kind=Kind.ENDORSED,
                            created_at=endorsed_at,
                            author=user,
                            author_organisation_id=other,
                        )
                    )
        for model, rows in (
            (SignalTheme, theme_rows),
            (through_areas, area_rows),
            (through_circles, circle_rows),
            (TimelineEntry, timeline),
            (Endorsement, endorsements),
        ):
            _bulk(model, rows)
        ctx.signals_made += size
        ctx.log(f"  signals: {batch_start + size} of {count}")


INDICATOR_NAMES = (
    ("quantitative", "Children reached", "children"),
    ("quantitative", "Activities a week", "activities"),
    ("quantitative", "Volunteers active", "volunteers"),
    ("quantitative", "Share of girls", "%"),
    ("qualitative", "Trust of the parents", ""),
    ("qualitative", "Cooperation with the school", ""),
)


def seed_covenants(ctx: Scale, count: int) -> None:
    """Covenants with one to three versions of their terms (budget, indicators with targets), approvals and
    reporting periods: most agreed and running, some in negotiation or still a draft, a few closed."""
    import uuid

    from covenants.models import (
        Approval,
        BudgetLine,
        Covenant,
        Indicator,
        IndicatorTarget,
        ReportingPeriod,
        TermsVersion,
    )

    partners = _partner_ids(ctx)
    services = _city_service_ids()
    if not partners or not services:
        raise CommandError("Covenants need partner organisations and a city service: pass --organisations too.")
    collaborations = list(Collaboration.objects.values_list("pk", "coordinator_id")[:2000])
    user = _scale_user(ctx)
    now = timezone.now()
    start = Covenant.objects.filter(reference__startswith="SCALE-").count() + 1
    rng = ctx.rng
    plans = []
    for n in range(start, start + count):
        starts_on = date(ctx.today.year + rng.randint(-3, 1), rng.choice((1, 4, 7, 9)), 1)
        ends_on = date(starts_on.year + rng.randint(1, 3), starts_on.month, 1) - timedelta(days=1)
        collaboration = rng.choice(collaborations) if collaborations and rng.random() < 0.2 else None
        partner = collaboration[1] if collaboration else rng.choice(partners)
        final = rng.choices(("agreed", "submitted", "draft"), weights=(75, 15, 10))[0]
        plans.append(
            (
                Covenant(
                    reference=f"SCALE-{n:05d}",
                    title=f"Convenant {rng.choice(OFFER_WORDS[0]).lower()} {n} (scale)",
                    city_service_id=rng.choice(services),
                    partner_organisation_id=None if collaboration else partner,
                    partner_collaboration_id=collaboration[0] if collaboration else None,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    closed_on=ends_on if final == "agreed" and ends_on < ctx.today and rng.random() < 0.5 else None,
                    is_demo=True,
                    created_by=user,
                ),
                partner,
                final,
                rng.randint(1, 3),
            )
        )
    covenants = _bulk(Covenant, [c for c, *_ in plans])
    versions, shapes = [], []
    for covenant, (_, partner, final, number_of_versions) in zip(covenants, plans, strict=True):
        moment = now - timedelta(days=rng.randint(30 * number_of_versions, 900))
        for number in range(1, number_of_versions + 1):
            last = number == number_of_versions
            state = final if last else "superseded"
            moment += timedelta(days=rng.randint(5, 25))
            versions.append(
                TermsVersion(
                    covenant_id=covenant.pk,
                    number=number,
                    objectives="Generated objectives: reach more children in the neighbourhood, with the school.",
                    change_note="" if number == 1 else "Generated amendment: targets adjusted after the evaluation.",
                    state=state,
                    proposed_by_side=rng.choice(("city", "partner")),
                    created_by=user,
                    submitted_at=moment if state != "draft" else None,
                    agreed_at=moment + timedelta(days=3) if state in ("agreed", "superseded") else None,
                )
            )
            shapes.append((covenant, partner, state))
    versions = _bulk(TermsVersion, versions)
    years_of = {}
    budget, indicators, approvals, periods = [], [], [], []
    keys = {}
    for version, (covenant, partner, state) in zip(versions, shapes, strict=True):
        years = years_of.setdefault(covenant.pk, list(range(covenant.starts_on.year, covenant.ends_on.year + 1)))
        budget.extend(
            BudgetLine(terms_id=version.pk, year=y, amount=Decimal(rng.randint(20, 400) * 250)) for y in years
        )
        chosen = keys.setdefault(
            covenant.pk, [(uuid.UUID(int=rng.getrandbits(128)), *spec) for spec in rng.sample(INDICATOR_NAMES, 4)]
        )
        for position, (key, kind, name, unit) in enumerate(chosen):
            indicators.append(
                (
                    Indicator(
                        terms_id=version.pk,
                        key=key,
                        kind=kind,
                        position=position,
                        name=name,
                        unit=unit,
                        baseline=Decimal(rng.randint(5, 80)) if kind == "quantitative" else None,
                        guiding_question="" if kind == "quantitative" else "What changed this year, and why?",
                    ),
                    years if kind == "quantitative" else [],
                )
            )
        if state in ("agreed", "superseded", "submitted"):
            proposer = version.proposed_by_side
            sides = ("city", "partner") if state != "submitted" else (proposer,)
            for side in sides:
                approvals.append(
                    Approval(
                        terms_id=version.pk,
                        side=side,
                        approved_by=user,
                        organisation_id=covenant.city_service_id if side == "city" else partner,
                        approved_at=version.submitted_at + timedelta(days=1 if side == proposer else 3),
                    )
                )
    for covenant in covenants:
        for year in years_of[covenant.pk]:
            period_start = max(covenant.starts_on, date(year, 1, 1))
            period_end = min(covenant.ends_on, date(year, 12, 31))
            if period_start <= period_end:
                periods.append(ReportingPeriod(covenant_id=covenant.pk, starts_on=period_start, ends_on=period_end))
    made = _bulk(Indicator, [i for i, _ in indicators])
    targets = [
        IndicatorTarget(indicator_id=indicator.pk, year=y, value=Decimal(rng.randint(10, 120)))
        for indicator, (_, years) in zip(made, indicators, strict=True)
        for y in years
    ]
    for model, rows in (
        (BudgetLine, budget),
        (IndicatorTarget, targets),
        (Approval, approvals),
        (ReportingPeriod, periods),
    ):
        _bulk(model, rows)


# (option, seeder) in the order they run; later kinds use what the earlier ones created.
KINDS = [
    ("areas", seed_areas),
    ("circles", seed_movement_circles),
    ("organisations", seed_organisations),
    ("offers", seed_offers),
    ("collaborations", seed_collaborations),
    ("signals", seed_signals),
    ("covenants", seed_covenants),
]


class Command(BaseCommand):
    help = "Create realistic data at city or region scale with bulk inserts (for make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--areas", type=int, default=0, help="Neighbourhoods to add beyond the existing ones.")
        parser.add_argument(
            "--circles", type=int, default=None, help="Movement circles (default: one per 8 neighbourhoods)."
        )
        parser.add_argument("--organisations", type=int, default=0)
        parser.add_argument("--offers", type=int, default=0)
        parser.add_argument(
            "--collaborations", type=int, default=None, help="Collaborations (default: one per 20 organisations)."
        )
        parser.add_argument("--signals", type=int, default=0)
        parser.add_argument("--covenants", type=int, default=0)
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable data.")

    def handle(self, *args, **options):
        counts = {k: options[k] for k in ("areas", "organisations", "offers", "signals", "covenants")}
        if any(value < 0 for value in (*counts.values(), options["circles"] or 0, options["collaborations"] or 0)):
            raise CommandError("Counts cannot be negative.")
        total_areas = Neighbourhood.objects.count() + counts["areas"]
        counts["circles"] = options["circles"] if options["circles"] is not None else total_areas // 8
        counts["collaborations"] = (
            options["collaborations"] if options["collaborations"] is not None else counts["organisations"] // 20
        )
        rng = random.Random(options["seed"])  # noqa: S311 - repeatable test data, not security
        ctx = Scale(rng=rng, log=self.stdout.write, today=timezone.localdate())
        ctx.functions = list(Function.objects.all())
        ctx.sectors = list(Sector.objects.all())
        if len(ctx.functions) != 4 or not ctx.sectors:
            raise CommandError("The reference data (functions, sectors) is missing: run migrate first.")
        started = time.perf_counter()
        with transaction.atomic():
            for option, seeder in KINDS:
                if option == "circles":  # the areas exist now: everything else picks from old and new ones
                    ctx.neighbourhood_ids = list(Neighbourhood.objects.order_by("number").values_list("pk", flat=True))
                if not counts[option]:
                    continue
                step = time.perf_counter()
                seeder(ctx, counts[option])
                self.stdout.write(f"{option}: {counts[option]} in {time.perf_counter() - step:.1f} s")
        caching.bump_all()  # bulk inserts, without the services
        # Fresh statistics for the query planner: after bulk inserts it would otherwise plan for the empty
        # tables it saw last (nested loops over what are now 100,000 rows) until autovacuum comes by. On
        # PostgreSQL also the visibility map, which lets a count read an index alone instead of the table (three
        # times faster for the offers): autovacuum would write it a few minutes later, in the middle of a benchmark.
        # VACUUM cannot run inside a transaction (a test's, or a caller's atomic block): ANALYZE alone there.
        step = time.perf_counter()
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        statement = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(statement)
        self.stdout.write(f"statistics ({statement}) in {time.perf_counter() - step:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Scale data created in {time.perf_counter() - started:.1f} s."))
