"""A small world with one object of each kind, owned by the persona partner organisation (``partner_org``).

``other_org`` owns nothing and belongs to nothing of it, so its admin is the outsider. ``city_org`` is the city
service that the signal is about and that signed the covenant."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from charter.initial import create_first_version
from charter.models import Article, ChainEntry, ChainHead, CharterVersion
from charter.services import charter_sign
from covenants import services as covenant_services
from covenants.models import Indicator as CovenantIndicator
from covenants.models import Side
from neighbourhoods.models import Indicator, IndicatorValue
from neighbourhoods.services import priority_decide
from offers.models import Offer, SharedSpace
from organisations import services as organisation_services
from organisations.models import Membership
from signals import services as signal_services
from tests import factories
from tests.participation.world import participation_world
from tests.support.world import support_world


@dataclass
class World:
    partner_org: object
    offer: object
    draft_offer: object
    collaboration: object
    space: object
    signal: object
    round: object
    covenant: object
    terms: object
    period: object
    action: object
    charter_draft: object
    charter_version: object
    signature: object
    neighbourhood: object
    circle: object
    invitation: object
    invitation_token: str
    membership: object
    indicator: object
    indicator_value: object
    decision: object
    moment: object = None  # a participation moment of partner_org (tests/participation/world.py)
    support: object = None  # the support app's objects (tests/support/world.py)


def _covenant(city_org, partner_org, city_staff, partner_admin, city_admin):
    covenant = covenant_services.covenant_create(
        by=city_staff,
        reference="CONV-SEC-1",
        title="Warm place Rabot",
        city_service=city_org,
        partner_organisation=partner_org,
        partner_collaboration=None,
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
    )
    terms = covenant.versions.get(number=1)
    covenant_services.version_save_draft(
        terms=terms,
        expected_version=None,
        objectives="Open five days a week.",
        budget={2026: Decimal("50000.00"), 2027: Decimal("52000.00")},
        indicators=[
            covenant_services.IndicatorData(
                kind=CovenantIndicator.Kind.QUANTITATIVE,
                name="Children reached",
                unit="children",
                baseline=Decimal(100),
                targets={2026: Decimal(120), 2027: Decimal(140)},
            )
        ],
    )
    covenant_services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    covenant_services.version_approve(terms=terms, by=city_staff, side=Side.CITY, organisation=city_org)
    covenant_services.version_approve(terms=terms, by=partner_admin, side=Side.PARTNER, organisation=partner_org)
    period = covenant.periods.order_by("starts_on").first()
    covenant_services.report_start(period=period, by=partner_admin)
    covenant_services.document_upload(
        covenant=covenant,
        by=partner_admin,
        content=b"%PDF-1.7\n%%EOF\n",
        file_name="agreement.pdf",
        title="Signed agreement",
        no_child_data_confirmed=True,
    )
    meeting = covenant_services.meeting_record(
        covenant=covenant,
        by=city_staff,
        held_on=date(2026, 3, 1),
        participants=[city_org, partner_org],
        notes="First follow-up.",
        actions=[
            covenant_services.ActionData(
                description="Share the schedule", owner_side=Side.PARTNER, due_on=date(2026, 4, 1)
            )
        ],
    )
    return covenant, terms, period, meeting.actions.get()


@pytest.fixture
def world(partner_org, other_org, city_org, partner_member, partner_admin, other_admin, city_staff, city_admin):
    """One object of each kind; ``other_org`` is an outsider to all of them."""
    rabot = factories.neighbourhood(7)
    circle = factories.movement_circle(rabot, name="Beweegcirkel West")
    third = factories.organisation(name="Speelplein Derde")
    offer = factories.offer(partner_org, neighbourhoods=[rabot], title="Open huis")
    draft = factories.offer(partner_org, neighbourhoods=[rabot], title="Zomerkamp", status=Offer.Status.DRAFT)
    collaboration = factories.collaboration(partner_org, third, neighbourhoods=[rabot], name="Samen Rabot")
    space = SharedSpace.objects.create(
        organisation=partner_org,
        name="Grote zaal",
        neighbourhood=rabot,
        address="Rabotstraat 1",
        availability="Weekdays after 17:00",
        contact="info@debrug.example",
    )
    signal = signal_services.signal_report(
        by=partner_member,
        organisation=partner_org,
        title="Playground unlit at night",
        description="Children stay away after dark.",
        themes=["public_space"],
        children_affected="21-50",
        neighbourhoods=[rabot],
    )
    second = signal_services.signal_report(
        by=partner_admin,
        organisation=partner_org,
        title="No bus after eight",
        description="Young people cannot get home.",
        themes=["public_space"],
        children_affected="21-50",
        city_wide=True,
    )
    round_ = signal_services.round_open(
        by=city_admin, title="Spring round", signals=[signal, second], votes_per_organisation=5, top_n=1
    )
    covenant, terms, period, action = _covenant(city_org, partner_org, city_staff, partner_admin, city_admin)
    version = create_first_version(CharterVersion, Article, ChainHead)
    charter_draft = CharterVersion.objects.create(label="Draft 2027")
    for article in version.articles.all():
        Article.objects.create(version=charter_draft, **article.as_canonical_dict())
    signature = charter_sign(
        organisation=partner_org,
        user=partner_admin,
        signer_name="Ada Admin",
        signer_role="Chair",
        authorised=True,
        password=factories.PASSWORD,
    )
    invitation, token = organisation_services.invitation_create(
        organisation=partner_org, email="new.person@example.org", role="member", by=partner_admin
    )
    indicator = Indicator.objects.create(code="child-poverty", name="Child poverty", unit="%")
    value = IndicatorValue.objects.create(indicator=indicator, neighbourhood=rabot, year=2025, value=Decimal("21.5"))
    IndicatorValue.objects.create(
        indicator=indicator, neighbourhood=factories.neighbourhood(10), year=2025, value=Decimal("12.0")
    )
    decision = priority_decide(by=city_admin, year=2025, method="top_n", top_n=1, note="Yearly decision.")
    return World(
        partner_org=partner_org,
        offer=offer,
        draft_offer=draft,
        collaboration=collaboration,
        space=space,
        signal=signal,
        round=round_,
        covenant=covenant,
        terms=terms,
        period=period,
        action=action,
        charter_draft=charter_draft,
        charter_version=version,
        signature=signature if isinstance(signature, ChainEntry) else signature,
        neighbourhood=rabot,
        circle=circle,
        invitation=invitation,
        invitation_token=token,
        membership=Membership.objects.get(user=partner_member, organisation=partner_org),
        indicator=indicator,
        indicator_value=value,
        decision=decision,
        moment=participation_world(partner_org, partner_member, rabot),
        support=support_world(partner_org, space, collaboration),
    )
