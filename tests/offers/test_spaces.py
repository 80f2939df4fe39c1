import pytest
from django.urls import reverse

from offers.models import SharedSpace
from tests import factories

pytestmark = pytest.mark.django_db


def _space(org, wijk, **kwargs):
    kwargs.setdefault("name", "Big hall")
    return SharedSpace.objects.create(
        organisation=org,
        neighbourhood=wijk,
        address="Rabotstraat 10, 9000 Gent",
        capacity=40,
        facilities="Kitchen, projector",
        availability="Weekdays after 17:00",
        contact="zalen@debrug.example",
        **kwargs,
    )


def _form(wijk, **overrides):
    data = {
        "name": "Youth house hall",
        "neighbourhood": str(wijk.pk),
        "address": "Rabotstraat 10, 9000 Gent",
        "capacity": "30",
        "facilities": "Kitchen",
        "availability": "Saturday mornings",
        "contact": "info@debrug.example",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_it_lists_a_space_for_the_organisation(member_client, partner_org, wijk):
    response = member_client.post(reverse("offers:space_create"), _form(wijk))
    space = SharedSpace.objects.get()
    assert response.status_code == 302
    assert space.organisation == partner_org
    # the contact is the organisation's own public contact, not personal data about children
    assert space.contact == "info@debrug.example"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"capacity": "0"}, "capacity"),
        ({"availability": "Ask Fatima: 0470 12 34 56"}, "availability"),
        ({"neighbourhood": ""}, "neighbourhood"),
    ],
)
def test_it_refuses_bad_space_input(member_client, wijk, overrides, field):
    response = member_client.post(reverse("offers:space_create"), _form(wijk, **overrides))
    assert field in response.context["form"].errors
    assert not SharedSpace.objects.exists()


def test_it_shows_the_directory_to_partners_only(client, other_client, partner_org, wijk):
    _space(partner_org, wijk)
    assert client.get(reverse("offers:spaces")).status_code == 302
    assert [s.name for s in other_client.get(reverse("offers:spaces")).context["spaces"]] == ["Big hall"]


def test_it_filters_spaces_by_neighbourhood(other_client, partner_org, wijk):
    _space(partner_org, wijk)
    _space(partner_org, factories.neighbourhood(1), name="Attic")
    response = other_client.get(reverse("offers:spaces"), {"neighbourhood": wijk.pk})
    assert [s.name for s in response.context["spaces"]] == ["Big hall"]


def test_in_a_region_it_filters_spaces_by_a_typed_area(other_client, partner_org, wijk, monkeypatch):
    from neighbourhoods import filters

    monkeypatch.setattr(filters, "AREA_LIST_LIMIT", 0)  # more neighbourhoods than a list may hold
    elsewhere = factories.neighbourhood(1)
    _space(partner_org, wijk)
    _space(partner_org, elsewhere, name="Attic")
    url = reverse("offers:spaces")
    html = other_client.get(url).content.decode()
    assert 'type="text" name="area"' in html and '<select name="neighbourhood"' not in html
    by_name = other_client.get(url, {"area": wijk.name.upper()})
    assert [s.name for s in by_name.context["spaces"]] == ["Big hall"]
    factories.movement_circle(elsewhere, name="Noordrand")
    by_circle = other_client.get(url, {"area": "noordrand"})
    assert [s.name for s in by_circle.context["spaces"]] == ["Attic"]
    linked = other_client.get(url, {"neighbourhood": elsewhere.pk})  # links from a city-sized list keep working
    assert [s.name for s in linked.context["spaces"]] == ["Attic"]
    unknown = other_client.get(url, {"area": "Atlantis"})
    assert "No neighbourhood or movement circle is called or numbered “Atlantis”." in unknown.content.decode()
    assert len(unknown.context["spaces"]) == 2  # a filter that cannot be understood filters nothing


def test_it_says_whether_the_list_or_the_filter_is_empty(other_client, wijk):
    url = reverse("offers:spaces")
    assert "No shared spaces are listed yet." in other_client.get(url).content.decode()
    filtered = other_client.get(url, {"neighbourhood": wijk.pk}).content.decode()
    assert "No shared spaces in this neighbourhood or movement circle yet." in filtered


def test_it_hides_withdrawn_spaces(other_client, partner_org, wijk):
    space = _space(partner_org, wijk, is_active=False)
    assert other_client.get(reverse("offers:spaces")).context["spaces"] == []
    assert other_client.get(reverse("offers:space_edit", args=[space.pk])).status_code == 404


def test_it_forbids_editing_another_organisations_space(other_client, partner_org, wijk):
    space = _space(partner_org, wijk)
    response = other_client.post(reverse("offers:space_edit", args=[space.pk]), _form(wijk, name="Ours now"))
    assert response.status_code == 403
    space.refresh_from_db()
    assert space.name == "Big hall"


def test_it_edits_a_space_with_optimistic_locking(member_client, partner_org, wijk):
    space = _space(partner_org, wijk)
    url = reverse("offers:space_edit", args=[space.pk])
    assert member_client.post(url, _form(wijk, name="Renamed", version="1")).status_code == 302
    assert member_client.post(url, _form(wijk, name="Again", version="1")).status_code == 409
    space.refresh_from_db()
    assert space.name == "Renamed"


@pytest.mark.parametrize("count", [1, 20])
def test_it_keeps_the_space_directory_query_count_flat(other_client, partner_org, wijk, django_assert_num_queries,
                                                       count):  # fmt: skip
    for n in range(count):
        _space(partner_org, wijk, name=f"Space {n}")
    # session, user, actor, spaces, own spaces, the menu's charter sign reminder (other_client is an admin),
    # whether the neighbourhoods fit in a list, filter choices, the header's unread count, 3 for the session's
    # bookkeeping
    with django_assert_num_queries(12):
        response = other_client.get(reverse("offers:spaces"))
    assert len(response.context["spaces"]) == count
