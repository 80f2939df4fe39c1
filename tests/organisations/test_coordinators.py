"""The charter coordinator role: a city admin grants it to city staff; superusers have it (issue 24)."""

import pytest
from django.contrib.auth import get_user_model

from charter_portal.permissions import actor_for
from organisations import services
from organisations.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = "/organisaties/coordinatoren/"


def fresh_actor(user):
    return actor_for(get_user_model().objects.get(pk=user.pk))


def staff_membership(user):
    return Membership.objects.get(user=user)


def test_it_is_nobody_by_default_and_every_superuser(city_staff, city_admin, partner_admin):
    assert not fresh_actor(city_staff).is_charter_coordinator
    assert not fresh_actor(city_admin).is_charter_coordinator
    assert not fresh_actor(partner_admin).is_charter_coordinator
    superuser = factories.user(email="root@stad.example", is_superuser=True, is_staff=True)
    assert fresh_actor(superuser).is_charter_coordinator


def test_a_city_admin_grants_and_revokes_the_role(city_admin_client, city_staff):
    membership = staff_membership(city_staff)

    response = city_admin_client.post(f"{PAGE}{membership.pk}/", {"grant": "1"})

    assert response.status_code == 302
    assert fresh_actor(city_staff).is_charter_coordinator
    page = city_admin_client.get(PAGE)
    assert "Stijn Staff is now a charter coordinator." in page.content.decode()

    city_admin_client.post(f"{PAGE}{membership.pk}/", {"grant": "0"})

    assert not fresh_actor(city_staff).is_charter_coordinator
    assert staff_membership(city_staff).history.count() == 3  # created, granted, revoked


def test_the_role_is_loaded_with_the_memberships_in_one_query(city_staff, django_assert_num_queries):
    services.membership_set_charter_coordinator(membership=staff_membership(city_staff), grant=True, by=city_staff)
    user = get_user_model().objects.get(pk=city_staff.pk)
    with django_assert_num_queries(1):
        actor = actor_for(user)
    assert actor.is_charter_coordinator
    assert actor.is_city_staff


def test_only_city_staff_can_carry_the_role(city_admin_client, partner_member):
    """Partners are not in the list; a forged request for one of them finds nothing."""
    membership = staff_membership(partner_member)
    assert "Mona Member" not in city_admin_client.get(PAGE).content.decode()

    assert city_admin_client.post(f"{PAGE}{membership.pk}/", {"grant": "1"}).status_code == 404
    assert not fresh_actor(partner_member).is_charter_coordinator


def test_the_service_refuses_a_partner_membership(partner_member, city_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.membership_set_charter_coordinator(
            membership=staff_membership(partner_member), grant=True, by=city_admin
        )
    assert not staff_membership(partner_member).is_charter_coordinator


def test_a_flag_on_a_partner_membership_does_not_count(partner_member):
    Membership.objects.filter(user=partner_member).update(is_charter_coordinator=True)
    assert not fresh_actor(partner_member).is_charter_coordinator


def test_bad_input_changes_nothing(city_admin_client, city_staff):
    membership = staff_membership(city_staff)
    response = city_admin_client.post(f"{PAGE}{membership.pk}/", {"grant": "maybe"}, follow=True)
    assert "The form was incomplete. Try again." in response.content.decode()
    assert not fresh_actor(city_staff).is_charter_coordinator


@pytest.mark.parametrize("persona", ["member_client", "admin_client_", "staff_client"])
def test_only_city_admins_may_grant(request, persona, city_staff):
    client = request.getfixturevalue(persona)
    membership = staff_membership(city_staff)
    assert client.get(PAGE).status_code == 403
    assert client.post(f"{PAGE}{membership.pk}/", {"grant": "1"}).status_code == 403
    assert not fresh_actor(city_staff).is_charter_coordinator


def test_the_list_costs_the_same_with_1_and_50_staff(city_admin_client, city_org, same_queries):
    same_queries(lambda: city_admin_client.get(PAGE))
    for n in range(49):
        factories.member(city_org, email=f"staff{n}@stad.example", full_name=f"Staff {n}")
    response = same_queries(lambda: city_admin_client.get(PAGE))
    assert "Staff 48" in response.content.decode()
