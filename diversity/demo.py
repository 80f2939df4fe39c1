"""Demo staff-diversity reports (marked as demo) for the demo organisations, and synthetic reference figures.

Enough civil-society organisations report for the public page to publish: the foundation's four civil-society
organisations and two self-organisations, for the last two years. ``seed(log)`` is idempotent.
"""

from datetime import date

from django.db import transaction

from diversity import services
from diversity.models import DiversityReport, PopulationReference
from diversity.selectors import first_open_year
from organisations import services as organisation_services
from organisations.demo import seed_foundation
from organisations.models import Membership

# slug: (paid staff, volunteers, leadership), the cells follow from these with fixed shares.
STAFF = {
    "jeugddienst-demo": (64, 12, 9),
    "welzijn-demo": (38, 4, 7),
    "de-brug-demo": (22, 40, 8),
    "buurtwerk-rabot-demo": (17, 25, 7),
    "speelplein-muide-demo": (12, 90, 6),
    "brede-school-dampoort-demo": (15, 10, 6),
    "samen-sterk-demo": (9, 30, 5),
    "kleurrijk-ledeberg-demo": (11, 22, 7),
}

# Share of each cell in its total, per scope (the rest of a category is "not known").
SHARES = {
    "gender": {"women": 0.55, "men": 0.38, "other": 0.03},
    "age": {"under_26": 0.25, "from_26_to_44": 0.45, "from_45": 0.25},
    "foreign_origin": {"yes": 0.3, "no": 0.6},
    "disability": {"yes": 0.06, "no": 0.8},
    "low_education": {"yes": 0.12, "no": 0.75},
}

REFERENCES = {
    "gender_women": 50.6,
    "age_under_26": 31.0,
    "foreign_origin_yes": 37.5,
    "disability_yes": 9.0,
    "low_education_yes": 17.0,
}


def _counts(totals: dict, drift: float) -> dict:
    counts = {}
    for scope, total in totals.items():
        for category, cells in SHARES.items():
            for cell, share in cells.items():
                counts[f"{scope}_{category}_{cell}"] = int(total * min(share + drift, 1) * 0.98)
    return counts


@transaction.atomic
def seed(log) -> None:
    world = seed_foundation()
    # One demo charter coordinator, so the demo shows an organisation's own figures to the city as well.
    coordinator = Membership.objects.filter(
        user=world.users["stad.medewerker@demo.example"], organisation=world.organisations["jeugddienst-demo"]
    ).first()
    if coordinator is not None and not coordinator.is_charter_coordinator:
        organisation_services.membership_set_charter_coordinator(
            membership=coordinator, grant=True, by=world.users["stad.admin@demo.example"]
        )
        log("made stad.medewerker@demo.example a charter coordinator")
    last = first_open_year()
    for year in (last - 1, last):
        for slug, (staff, volunteers, leadership) in STAFF.items():
            organisation = world.organisations[slug]
            if DiversityReport.objects.filter(organisation=organisation, year=year, is_archived=False).exists():
                continue
            admin = organisation.memberships.filter(role="admin").select_related("user").first()
            grow = 1 if year == last else 0
            services.report_save(
                organisation=organisation,
                year=year,
                by=admin.user if admin else None,
                reference_date=date(year, 12, 31),
                paid_staff=staff + grow,
                volunteers=volunteers,
                leadership=leadership,
                counts=_counts({"staff": staff + grow, "leadership": leadership}, 0.01 * grow),
                narrative="Demo: fictional figures to show the page.",
                is_demo=True,
            )
            log(f"created demo diversity report {organisation.name} {year}")
        for code, share in REFERENCES.items():
            PopulationReference.objects.get_or_create(
                year=year,
                code=code,
                defaults={"share": share, "source": "Demo (synthetic)", "is_synthetic": True},
            )
