import datetime

import pytest
from django.core.exceptions import ValidationError

from charter_portal.permissions import actor_for
from offers.models import Offer
from offers.nav import items
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_validates_an_offer_in_clean(partner_org):
    offer = Offer(organisation=partner_org, title="x", age_min=12, age_max=10, is_warm_place=True,
                  starts_on=datetime.date(2026, 5, 2), ends_on=datetime.date(2026, 5, 1), is_free=False)  # fmt: skip
    with pytest.raises(ValidationError) as info:
        offer.full_clean()
    assert {"age_max", "ends_on", "address", "cost_description"} <= set(info.value.message_dict)


def test_it_guards_offer_free_text_against_personal_data(partner_org):
    offer = Offer(organisation=partner_org, title="Club", accessibility="Vraag naar Sara: 0470 12 34 56")
    with pytest.raises(ValidationError) as info:
        offer.full_clean()
    assert "accessibility" in info.value.message_dict


def test_it_counts_only_published_offers_of_active_organisations(partner_org, wijk):
    published = factories.offer(partner_org, neighbourhoods=[wijk])
    factories.offer(partner_org, neighbourhoods=[wijk], status=Offer.Status.DRAFT)
    closed = factories.organisation(name="Closed", is_active=False)
    factories.offer(closed, neighbourhoods=[wijk])
    assert list(Offer.objects.publicly_visible()) == [published]


def test_it_shows_each_role_the_menu_that_fits(partner_member, city_staff):
    assert [i.url_name for i in items(actor_for(None))] == ["offers:directory"]
    assert [i.url_name for i in items(actor_for(partner_member))] == [
        "offers:directory", "offers:mine", "offers:collaborations", "offers:spaces",
    ]  # fmt: skip
    assert "offers:mine" in [i.url_name for i in items(actor_for(city_staff))]
