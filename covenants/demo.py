"""Demo covenants (clearly marked as demo): one running, one in negotiation, one with a collaboration (if any).

``seed(log)`` is idempotent: a covenant whose reference exists is left alone.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from covenants import services
from covenants.models import Covenant, Indicator, Side
from offers.models import Collaboration
from organisations.demo import seed_foundation


def _quantitative(name, unit, baseline, targets, key=None):
    return services.IndicatorData(
        kind=Indicator.Kind.QUANTITATIVE, name=name, unit=unit, baseline=Decimal(baseline), targets=targets, key=key
    )


def _qualitative(name, question, good):
    return services.IndicatorData(
        kind=Indicator.Kind.QUALITATIVE, name=name, guiding_question=question, good_answer=good
    )


@transaction.atomic
def seed(log) -> None:
    world = seed_foundation()
    orgs, users = world.organisations, world.users
    city_admin = users["stad.admin@demo.example"]
    city_staff = users["stad.medewerker@demo.example"]
    welzijn_staff = users["welzijn.medewerker@demo.example"]
    brug_admin = users["brug.admin@demo.example"]
    brug_member = users["brug.lid@demo.example"]
    year = timezone.localdate().year

    # 1. Running, with an agreed version and an accepted report for last year.
    if not Covenant.objects.filter(reference="DEMO-CONV-1").exists():
        covenant = services.covenant_create(
            by=city_staff,
            reference="DEMO-CONV-1",
            title="Open jeugdwerk en warme plek Brugse Poort (demo)",
            city_service=orgs["jeugddienst-demo"],
            partner_organisation=orgs["de-brug-demo"],
            starts_on=date(year - 1, 1, 1),
            ends_on=date(year + 1, 12, 31),
            is_demo=True,
        )
        terms = covenant.versions.get(number=1)
        years = covenant.years
        services.version_save_draft(
            terms=terms,
            expected_version=None,
            objectives=(
                "Het jeugdwerkhuis is vijf dagen per week open als warme plek.\n"
                "Vrije tijd is de toegangspoort: we bereiken meer kinderen en jongeren in kwetsbare situaties."
            ),
            budget={y: Decimal("85000.00") for y in years},
            indicators=[
                _quantitative(
                    "Openingsuren vrije tijd per week",
                    "uren per week",
                    "18",
                    dict(zip(years, [Decimal(20), Decimal(22), Decimal(24)], strict=True)),
                ),
                _quantitative(
                    "Bereikte kinderen en jongeren",
                    "aantal",
                    "140",
                    dict(zip(years, [Decimal(150), Decimal(165), Decimal(180)], strict=True)),
                ),
                _qualitative(
                    "Beleving van de warme plek",
                    "Hoe ervaren kinderen en jongeren de warme plek?",
                    "Jongeren voelen zich welkom, komen terug en nemen vrienden mee.",
                ),
            ],
        )
        services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
        services.version_approve(terms=terms, by=city_staff, side=Side.CITY, organisation=covenant.city_service)
        services.version_approve(
            terms=terms, by=brug_admin, side=Side.PARTNER, organisation=covenant.partner_organisation
        )
        period = covenant.periods.get(starts_on=date(year - 1, 1, 1))
        report = services.report_start(period=period, by=brug_member)
        values = {}
        for value in report.values.select_related("indicator"):
            if value.indicator.name.startswith("Openingsuren"):
                values[value.indicator_id] = (Decimal(21), "Extra woensdagnamiddag sinds september.")
            elif value.indicator.name.startswith("Bereikte"):
                values[value.indicator_id] = (Decimal(146), "Iets onder het doel door de verbouwing in het voorjaar.")
            else:
                values[value.indicator_id] = (
                    None,
                    "Jongeren noemen het huis 'hun plek'. Meer meisjes vinden de weg sinds de meidenavond.",
                )
        services.report_save(report=report, expected_version=None, values=values)
        services.report_submit(report=report, by=brug_member)
        services.report_review(report=report, by=city_staff, accept=True, comment="Helder verslag, dank je wel.")
        services.comment_add(
            covenant=covenant, by=brug_admin, side=Side.PARTNER, body="Kunnen we de meidenavond opnemen als extra doel?"
        )
        services.meeting_record(
            covenant=covenant,
            by=city_staff,
            held_on=date(year, 2, 15),
            participants=[covenant.city_service, covenant.partner_organisation],
            notes="Opvolgoverleg na het jaarverslag. Goede evolutie in openingsuren.",
            actions=[
                services.ActionData("Voorstel nieuwe versie met meidenavond", Side.PARTNER, date(year, 4, 30)),
                services.ActionData("Zaal in het buurtcentrum vrijmaken op woensdag", Side.CITY, date(year, 3, 31)),
            ],
        )
        log("Demo covenant DEMO-CONV-1 (running, agreed version, accepted report)")

    # 2. In negotiation: version 1 submitted and approved by the city side only.
    if not Covenant.objects.filter(reference="DEMO-CONV-2").exists():
        covenant = services.covenant_create(
            by=welzijn_staff,
            reference="DEMO-CONV-2",
            title="Brugfunctie en buurtgericht werk Rabot (demo)",
            city_service=orgs["welzijn-demo"],
            partner_organisation=orgs["buurtwerk-rabot-demo"],
            starts_on=date(year, 1, 1),
            ends_on=date(year + 2, 12, 31),
            is_demo=True,
        )
        terms = covenant.versions.get(number=1)
        services.version_save_draft(
            terms=terms,
            expected_version=None,
            objectives="Buurtwerk Rabot slaat de brug naar onderwijs en welzijn voor gezinnen in de wijk.",
            budget={y: Decimal("42000.00") for y in covenant.years},
            indicators=[
                _quantitative(
                    "Doorverwijzingen naar welzijn", "aantal", "30", {y: Decimal(35) for y in covenant.years}
                ),
                _qualitative(
                    "Kwaliteit van de samenwerking met scholen",
                    "Wat veranderde er voor jongeren door de samenwerking met scholen?",
                    "Concrete voorbeelden van trajecten die samen gelopen werden.",
                ),
            ],
        )
        services.version_submit(terms=terms, by=welzijn_staff, side=Side.CITY)
        services.version_approve(terms=terms, by=welzijn_staff, side=Side.CITY, organisation=covenant.city_service)
        log("Demo covenant DEMO-CONV-2 (in negotiation, approved by the city side only)")

    # 3. A collaboration as partner when one exists, else a self-organisation; a draft in progress.
    if not Covenant.objects.filter(reference="DEMO-CONV-3").exists():
        collaboration = Collaboration.objects.filter(name__icontains="demo").select_related("coordinator").first()
        covenant = services.covenant_create(
            by=city_admin,
            reference="DEMO-CONV-3",
            title="Samen vrije tijd in Dampoort (demo)",
            city_service=orgs["jeugddienst-demo"],
            partner_organisation=None if collaboration else orgs["samen-sterk-demo"],
            partner_collaboration=collaboration,
            starts_on=date(year, 1, 1),
            ends_on=date(year + 1, 12, 31),
            objectives="Een integraal vrijetijdsaanbod in Dampoort, samen met zelforganisaties.",
            is_demo=True,
        )
        log(
            "Demo covenant DEMO-CONV-3 (draft, partner: %s)"
            % (collaboration.name if collaboration else "Zelforganisatie Samen Sterk (demo)")
        )
