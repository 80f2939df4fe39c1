"""The coverage review stays useful and light for a region: one page of the matrix, filters, the map only
for areas with a geometry."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

REVIEW = "/wijken/"


@pytest.fixture
def region(db):
    call_command("seed_scale", areas=450, circles=20, organisations=30, offers=300, stdout=None)


def test_it_shows_one_page_of_the_matrix_with_links_to_the_next(staff_client, region):
    response = staff_client.get(REVIEW)
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 475 + 20
    assert len(response.context["rows"]) == 100
    html = response.content.decode()
    assert "495 areas" in html
    assert "page=2" in html
    second = staff_client.get(REVIEW, {"page": 2, "area_type": "neighbourhood"})
    assert second.context["page"].number == 2
    assert all(row["result"].area_type == "neighbourhood" for row in second.context["rows"])
    assert "area_type=neighbourhood" in second.context["query"] and "page" not in second.context["query"]


def test_it_finds_an_area_by_name(staff_client, region):
    response = staff_client.get(REVIEW, {"name": "rabot"})
    names = [row["result"].name for row in response.context["rows"]]
    assert names and all("rabot" in name.casefold() for name in names)
    assert response.context["page"].paginator.count == len(names)


def test_it_answers_a_page_number_beyond_the_end_with_the_last_page(staff_client, region):
    response = staff_client.get(REVIEW, {"page": 999})
    assert response.status_code == 200
    assert response.context["page"].number == 5


def test_it_draws_only_areas_with_a_geometry_on_the_map(staff_client, region):
    rows = staff_client.get(REVIEW).context["map_rows"]
    assert all(row["info"].geometry for row in rows)


def test_it_keeps_the_query_count_of_the_review_for_a_city_and_a_region(
    staff_client, django_assert_num_queries, django_capture_on_commit_callbacks, rendered_afresh
):
    staff_client.get(REVIEW)
    rendered_afresh()
    # session, user, memberships (3) + coverage computed again (11, with the city's thresholds) + the priority
    # decision in force (1) + the header's unread count (1)
    with django_assert_num_queries(16) as small:
        staff_client.get(REVIEW)
    with django_capture_on_commit_callbacks(execute=True):  # seed_scale bumps every domain once committed
        call_command("seed_scale", areas=450, circles=20, organisations=30, offers=300, stdout=None)
    # The data changed: everything is computed and rendered again.
    with django_assert_num_queries(len(small.captured_queries)):
        assert staff_client.get(REVIEW).context["page"].paginator.count > 450
    # the part, the coverage and the header's unread count are kept: session, user, memberships
    with django_assert_num_queries(3):
        staff_client.get(REVIEW)
