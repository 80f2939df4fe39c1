import pytest
from django.urls import reverse

from charter_portal import caching
from offers.models import Offer
from tests import factories
from tests.offers.conftest import function_ids, offer_form_data

pytestmark = pytest.mark.django_db


def _data(wijk, **overrides):
    overrides.setdefault("functions", function_ids("leisure"))
    return offer_form_data(wijk, **overrides)


# Directory and public page ---------------------------------------------------------------------


def test_it_lists_published_offers_of_active_organisations_only(
    client, partner_org, draft_offer, published_offer, wijk
):
    inactive = factories.organisation(name="Closed club", is_active=False)
    factories.offer(inactive, neighbourhoods=[wijk], title="Closed offer")
    factories.offer(partner_org, neighbourhoods=[wijk], status=Offer.Status.ARCHIVED, title="Old offer")
    response = client.get(reverse("offers:directory"))
    assert response.status_code == 200
    assert [o.title for o in response.context["offers"]] == ["Wednesday football"]


def test_it_filters_the_directory(client, partner_org, other_org, wijk):
    circle = factories.movement_circle(factories.neighbourhood(13), name="North")
    factories.offer(
        partner_org,
        neighbourhoods=[wijk],
        title="Football",
        age_min=6,
        age_max=12,
        is_warm_place=True,
        address="Rabotstraat 1",
    )
    factories.offer(
        other_org,
        movement_circles=[circle],
        functions_=("welfare",),
        title="Street work",
        is_mobile=True,
        age_min=12,
        age_max=25,
    )

    def titles(**params):
        return [o.title for o in client.get(reverse("offers:directory"), params).context["offers"]]

    assert titles(neighbourhood=wijk.pk) == ["Football"]
    # an offer linked to a movement circle serves each of its neighbourhoods
    assert titles(neighbourhood=factories.neighbourhood(13).pk) == ["Street work"]
    assert titles(movement_circle=circle.pk) == ["Street work"]
    assert titles(function="welfare") == ["Street work"]
    assert titles(age=8) == ["Football"]
    assert titles(age=12) == ["Football", "Street work"]
    assert titles(is_warm_place="true") == ["Football"]
    assert titles(is_mobile="true") == ["Street work"]
    assert titles(organisation_kind="self_organisation") == ["Street work"]
    assert titles(q="foot") == ["Football"]
    assert titles(q="elders") == ["Street work"]


def test_it_paginates_the_directory(client, partner_org, wijk):
    for n in range(25):
        factories.offer(partner_org, neighbourhoods=[wijk], title=f"Offer {n:02d}")
    first = client.get(reverse("offers:directory"))
    second = client.get(reverse("offers:directory"), {"page": 2})
    assert len(first.context["offers"]) == 20
    assert len(second.context["offers"]) == 5


@pytest.mark.parametrize("count", [1, 50])
def test_it_keeps_the_directory_query_count_flat(client, partner_org, wijk, django_assert_num_queries, count):
    circle = factories.movement_circle(wijk)
    for _n in range(count):
        factories.offer(partner_org, neighbourhoods=[wijk], movement_circles=[circle], functions_=("leisure", "bridge"))
    # count, offers, 5 prefetches (functions, neighbourhoods, movement circles, bridge sectors, weekly times),
    # whether the areas fit in a list, 4 for the filter form's choices (neighbourhoods, near, movement circles,
    # functions), the map's outlines, its counts per neighbourhood, its movement circles with their counts and their
    # neighbourhoods; the first request after a change: the next ones are kept (charter_portal/caching.py)
    with django_assert_num_queries(16):
        response = client.get(reverse("offers:directory"))
    assert response.status_code == 200
    assert len(response.context["offers"]) == min(count, 20)


def test_a_visitor_paging_through_the_directory_has_the_offers_counted_mapped_and_filtered_once(
    client, partner_org, wijk, django_assert_num_queries
):
    for n in range(45):
        factories.offer(partner_org, neighbourhoods=[wijk], title=f"Offer {n:02d}", functions_=("leisure",))
    url = reverse("offers:directory")
    client.get(url, {"age": 12})
    # The page's offers with their 5 prefetches and whether the areas fit in a list; the number found, the filter
    # form and the map are the question's, kept since its first page.
    with django_assert_num_queries(7):
        second = client.get(url, {"age": 12, "page": 2})
    assert [offer.title for offer in second.context["offers"]] == [f"Offer {n:02d}" for n in range(20, 40)]
    page = second.content.decode()
    assert "45 offers found" in page
    assert '<input type="number" name="age" value="12"' in page
    assert f"{wijk.name}: 45" in page

    # A change counts, maps and draws again, on whichever page comes next.
    factories.offer(partner_org, neighbourhoods=[wijk], title="Offer 45", functions_=("leisure",))
    caching.bump("offers")  # as the services do after their commit
    # The page, and again the number found, the filter form's 4 choices and the map's counts (its outlines are kept
    # under the neighbourhoods' domain, unchanged).
    with django_assert_num_queries(14):
        third = client.get(url, {"age": 12, "page": 3})
    assert [offer.title for offer in third.context["offers"]] == ["Offer 40", "Offer 41", "Offer 42", "Offer 43",
                                                                  "Offer 44", "Offer 45"]  # fmt: skip
    assert "46 offers found" in third.content.decode()

    # Another question has its own number and its own form.
    other = client.get(url, {"age": 12, "is_mobile": "true", "page": 2}).content.decode()
    assert "0 offers found" in other and '<option value="true" selected>' in other


def test_it_shows_a_published_offer_to_anyone(client, published_offer):
    response = client.get(reverse("offers:detail", args=[published_offer.uuid]))
    assert response.status_code == 200
    assert b"Wednesday football" in response.content
    assert b"Edit" not in response.content


def test_it_hides_drafts_from_other_organisations(client, other_client, draft_offer):
    url = reverse("offers:detail", args=[draft_offer.uuid])
    assert client.get(url).status_code == 404
    assert other_client.get(url).status_code == 404
    assert other_client.get(reverse("offers:edit", args=[draft_offer.uuid])).status_code == 404
    assert other_client.post(reverse("offers:publish", args=[draft_offer.uuid])).status_code == 404
    draft_offer.refresh_from_db()
    assert draft_offer.status == Offer.Status.DRAFT


def test_it_shows_a_draft_to_its_own_organisation_and_city_staff(member_client, staff_client, draft_offer):
    url = reverse("offers:detail", args=[draft_offer.uuid])
    assert member_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200


def test_it_forbids_changing_another_organisations_published_offer(other_client, staff_client, published_offer, wijk):
    for c in (other_client, staff_client):  # city staff read everything but only city admins change
        assert c.get(reverse("offers:edit", args=[published_offer.uuid])).status_code == 403
        response = c.post(reverse("offers:edit", args=[published_offer.uuid]), _data(wijk, title="Taken over"))
        assert response.status_code == 403
        for action in ("unpublish", "archive", "duplicate"):
            assert c.post(reverse(f"offers:{action}", args=[published_offer.uuid])).status_code == 403
    published_offer.refresh_from_db()
    assert published_offer.title == "Wednesday football"
    assert published_offer.status == Offer.Status.PUBLISHED
    assert Offer.objects.count() == 1


# The organisation's own offers ----------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_it_lists_the_organisations_own_offers(
    member_client, partner_org, other_org, wijk, django_assert_num_queries, count
):
    for n in range(count):
        factories.offer(partner_org, neighbourhoods=[wijk], status=Offer.Status.DRAFT, title=f"Mine {n}")
    factories.offer(other_org, neighbourhoods=[wijk], title="Theirs")
    # session, user, actor, organisations, offers, 5 prefetches, the header's unread notifications, and 3 for the
    # session's bookkeeping
    with django_assert_num_queries(14):
        response = member_client.get(reverse("offers:mine"))
    titles = [o.title for _, offers in response.context["groups"] for o in offers]
    assert len(titles) == count and "Theirs" not in titles


def test_it_refuses_our_offer_page_to_people_without_an_organisation(client):
    person = factories.user()
    client.force_login(person)
    assert client.get(reverse("offers:mine")).status_code == 403
    assert client.get(reverse("offers:create")).status_code == 403


def test_it_sends_visitors_to_the_login_page(client):
    response = client.get(reverse("offers:create"))
    assert response.status_code == 302 and "login" in response.url


def test_it_creates_an_offer_as_a_draft(member_client, partner_org, wijk):
    response = member_client.post(reverse("offers:create"), _data(wijk, functions=function_ids("leisure", "signal")))
    offer = Offer.objects.get()
    assert response.status_code == 302
    assert offer.organisation == partner_org
    assert offer.status == Offer.Status.DRAFT
    assert sorted(offer.functions.values_list("code", flat=True)) == ["leisure", "signal"]
    assert list(offer.neighbourhoods.all()) == [wijk]


def test_it_does_not_create_offers_for_another_organisation(member_client, other_org, wijk):
    response = member_client.post(reverse("offers:create") + f"?organisation={other_org.pk}", _data(wijk))
    assert response.status_code == 404
    assert not Offer.objects.exists()


def test_it_shows_the_create_form_with_grouped_fieldsets(member_client):
    response = member_client.get(reverse("offers:create"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('class="form-section"') == 7
    assert 'type="checkbox" name="functions"' in content
    assert 'type="checkbox" name="neighbourhoods"' in content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"functions": []}, "functions"),
        ({"neighbourhoods": []}, "neighbourhoods"),
        ({"age_min": "14", "age_max": "12"}, "age_max"),
        ({"age_max": "31"}, "age_max"),
        ({"weekly_hours": "169"}, "weekly_hours"),
        ({"weekly_hours": "-1"}, "weekly_hours"),
        ({"starts_on": "2026-03-02", "ends_on": "2026-03-01"}, "ends_on"),
        ({"is_warm_place": "on", "address": ""}, "address"),
        ({"description": "Bel Yusuf op 0470 12 34 56"}, "description"),
        ({"title": "Club van jan.peeters@gmail.com"}, "title"),
        ({"schedule": "Stort op BE68 5390 0754 7034"}, "schedule"),
        ({"bridge_sectors": ["1"]}, "bridge_sectors"),
    ],
)
def test_it_refuses_bad_input_with_a_field_error(member_client, wijk, overrides, field):
    response = member_client.post(reverse("offers:create"), _data(wijk, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Offer.objects.exists()


def test_it_accepts_a_one_day_offer_and_mobile_work_without_address(member_client, wijk):
    response = member_client.post(
        reverse("offers:create"),
        _data(wijk, starts_on="2026-07-01", ends_on="2026-07-01", is_mobile="on", address=""),
    )
    assert response.status_code == 302
    assert Offer.objects.get().starts_on == Offer.objects.get().ends_on


def test_it_edits_an_offer_with_optimistic_locking(member_client, published_offer, wijk):
    url = reverse("offers:edit", args=[published_offer.uuid])
    response = member_client.post(url, _data(wijk, title="Friday football", version=published_offer.version))
    assert response.status_code == 302
    published_offer.refresh_from_db()
    assert published_offer.title == "Friday football"
    assert published_offer.version == 2


def test_it_refuses_a_stale_edit_and_shows_the_current_data(member_client, published_offer, wijk):
    url = reverse("offers:edit", args=[published_offer.uuid])
    member_client.post(url, _data(wijk, title="First change", version=1))
    response = member_client.post(url, _data(wijk, title="Second change", version=1))
    assert response.status_code == 409
    assert response.context["form"].initial["title"] == "First change"
    published_offer.refresh_from_db()
    assert published_offer.title == "First change"


def test_it_publishes_unpublishes_and_archives(member_client, draft_offer):
    args = [draft_offer.uuid]
    member_client.post(reverse("offers:publish", args=args))
    draft_offer.refresh_from_db()
    assert draft_offer.status == Offer.Status.PUBLISHED and draft_offer.published_at is not None
    member_client.post(reverse("offers:unpublish", args=args))
    draft_offer.refresh_from_db()
    assert draft_offer.status == Offer.Status.DRAFT
    member_client.post(reverse("offers:archive", args=args))
    draft_offer.refresh_from_db()
    assert draft_offer.status == Offer.Status.ARCHIVED
    assert member_client.get(reverse("offers:edit", args=args)).status_code == 302


def test_it_refuses_a_stale_publish(member_client, draft_offer):
    response = member_client.post(reverse("offers:publish", args=[draft_offer.uuid]), {"version": "7"})
    assert response.status_code == 302
    draft_offer.refresh_from_db()
    assert draft_offer.status == Offer.Status.DRAFT


def test_it_duplicates_an_offer_as_a_draft(member_client, published_offer):
    member_client.cookies["portal_language"] = "en"  # the title prefix is translated
    response = member_client.post(reverse("offers:duplicate", args=[published_offer.uuid]))
    copy = Offer.objects.exclude(pk=published_offer.pk).get()
    assert response.status_code == 302
    assert copy.status == Offer.Status.DRAFT and copy.published_at is None
    assert copy.title == "Copy of Wednesday football"
    assert list(copy.neighbourhoods.all()) == list(published_offer.neighbourhoods.all())
    assert list(copy.functions.all()) == list(published_offer.functions.all())


def test_it_lets_a_city_admin_edit_any_offer(city_admin_client, published_offer, wijk):
    response = city_admin_client.post(
        reverse("offers:edit", args=[published_offer.uuid]), _data(wijk, title="Corrected", version=1)
    )
    assert response.status_code == 302
    published_offer.refresh_from_db()
    assert published_offer.title == "Corrected"


def test_it_keeps_history_of_offers(member_client, published_offer, wijk):
    member_client.post(reverse("offers:edit", args=[published_offer.uuid]), _data(wijk, title="Changed", version=1))
    titles = list(published_offer.history.values_list("title", flat=True))
    assert titles[0] == "Changed" and "Wednesday football" in titles


def test_it_lets_a_city_admin_choose_the_organisation_of_a_new_offer(city_admin_client, other_org, wijk):
    response = city_admin_client.get(reverse("offers:create"))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].fields
    url = reverse("offers:create") + f"?organisation={other_org.pk}"
    assert city_admin_client.post(url, _data(wijk)).status_code == 302
    assert Offer.objects.get().organisation == other_org


def test_it_hides_archived_offers_from_the_public(client, partner_org, wijk):
    archived = factories.offer(partner_org, neighbourhoods=[wijk], status=Offer.Status.ARCHIVED)
    assert client.get(reverse("offers:detail", args=[archived.uuid])).status_code == 404


def test_it_ignores_invalid_filters_and_shows_the_error(client, published_offer):
    response = client.get(reverse("offers:directory"), {"age": "old"})
    assert response.status_code == 200
    assert "age" in response.context["filter"].form.errors
