"""Roles in collaborations (shown on the coverage detail, searchable by sector, on the API), mentorships (both
accept, shown on both profiles) and the recognition block of the public profile."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from charter_portal.errors import StepNotAllowed
from organisations.models import Function, Sector
from support import services
from tests import factories
from tests.support.conftest import as_user


@pytest.fixture
def collaboration(partner_org, small_org):
    wijk = factories.neighbourhood(7)
    factories.offer(partner_org, neighbourhoods=[wijk], functions_=("leisure",))
    return factories.collaboration(partner_org, small_org, neighbourhoods=[wijk], name="Samen Rabot")


def _declare(by, collaboration, organisation, role="partner", functions=("welfare",), sectors=("education",)):
    return services.collaboration_role_set(
        by=by,
        collaboration=collaboration,
        organisation=organisation,
        role=role,
        functions=Function.objects.filter(code__in=functions),
        sectors=Sector.objects.filter(code__in=sectors),
    )


def test_a_member_declares_its_role_and_the_coverage_detail_shows_it(
    collaboration, small_org, small_admin, city_staff, partner_admin, partner_org
):
    _declare(small_admin, collaboration, small_org, role="referral", functions=("bridge",), sectors=("work",))
    _declare(partner_admin, collaboration, partner_org)
    page = as_user(city_staff).get(
        reverse("neighbourhoods:area", kwargs={"kind": "wijk", "slug": factories.neighbourhood(7).slug})
    )
    html = page.content.decode()
    assert "Who does what" in html and "referral partner" in html and "Bridge" in html
    roles = page.context["collaborations"][0]["roles"]
    assert [r["organisation"] for r in roles] == [partner_org.name, small_org.name]  # the lead first
    assert roles[0]["is_lead"] is True


def test_an_outsider_cannot_declare_a_role_and_only_accepted_members_have_one(
    collaboration, small_org, other_admin, partner_admin
):
    with pytest.raises(StepNotAllowed):
        _declare(other_admin, collaboration, small_org)
    outsider_org = factories.organisation()
    with pytest.raises(StepNotAllowed):
        _declare(partner_admin, collaboration, outsider_org)


def test_collaborations_are_searchable_by_sector(collaboration, small_org, small_admin, partner_member):
    _declare(small_admin, collaboration, small_org, sectors=("housing",))
    client = as_user(partner_member)
    found = client.get(reverse("support:collaborations"), {"sector": "housing"}).context["collaborations"]
    assert [item["collaboration"].name for item in found] == ["Samen Rabot"]
    assert client.get(reverse("support:collaborations"), {"sector": "sport"}).context["collaborations"] == []


def test_the_collaborations_api_carries_the_roles(collaboration, small_org, small_admin, partner_member):
    _declare(small_admin, collaboration, small_org, sectors=("housing",))
    data = as_user(partner_member).get(f"/api/v1/collaborations/{collaboration.pk}/").json()
    assert data["roles"] == [
        {"organisation": small_org.pk, "role": "partner", "functions": ["welfare"], "sectors": ["housing"]}
    ]
    listed = as_user(partner_member).get("/api/v1/collaborations/").json()["results"]
    assert [row["roles"] for row in listed if row["id"] == collaboration.pk] == [data["roles"]]


def test_the_collaborations_api_writes_roles_by_member_and_codes_in_their_order(
    collaboration, small_org, small_admin, partner_org, partner_admin, partner_member
):
    _declare(small_admin, collaboration, small_org, role="referral", functions=("signal", "leisure"))
    _declare(partner_admin, collaboration, partner_org, functions=(), sectors=("work", "education", "housing"))
    functions = [f.code for f in Function.objects.filter(code__in=("signal", "leisure"))]  # in their position
    sectors = [s.code for s in Sector.objects.filter(code__in=("work", "education", "housing"))]
    expected = sorted(
        [
            {"organisation": small_org.pk, "role": "referral", "functions": functions, "sectors": ["education"]},
            {"organisation": partner_org.pk, "role": "partner", "functions": [], "sectors": sectors},
        ],
        key=lambda role: role["organisation"],
    )
    client = as_user(partner_member)
    assert client.get(f"/api/v1/collaborations/{collaboration.pk}/").json()["roles"] == expected
    listed = client.get("/api/v1/collaborations/").json()["results"]
    assert [row["roles"] for row in listed if row["id"] == collaboration.pk] == [expected]


def test_a_mentorship_holds_once_both_accept_and_shows_on_both_profiles(
    small_org, small_admin, partner_org, partner_admin, other_admin, client
):
    today = timezone.localdate()
    mentorship = services.mentorship_propose(
        by=partner_admin,
        mentee=small_org,
        mentor=partner_org,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=200),
    )
    assert not mentorship.is_agreed
    profile = reverse("organisations:detail", args=[small_org.slug])
    assert "mentored by" not in client.get(profile).content.decode()
    with pytest.raises(StepNotAllowed):
        services.mentorship_answer(mentorship=mentorship, by=other_admin, accept=True)
    refused = as_user(partner_admin).post(f"/api/v1/mentorships/{mentorship.pk}/accept/")
    assert refused.status_code == 409  # the mentor side accepted when proposing
    accepted = as_user(small_admin).post(f"/api/v1/mentorships/{mentorship.pk}/accept/", {"version": 1})
    assert accepted.json()["is_agreed"] is True
    assert f"mentored by {partner_org.name}" in client.get(profile).content.decode()
    mentor_profile = client.get(reverse("organisations:detail", args=[partner_org.slug])).content.decode()
    assert f"mentor of {small_org.name}" in mentor_profile


def test_the_public_profile_recognises_functions_alone_and_through_collaborations(collaboration, small_org, client):
    html = client.get(reverse("organisations:detail", args=[small_org.slug])).content.decode()
    assert "In the charter" in html and "Leisure (through a collaboration)" in html and "Samen Rabot" in html


def test_a_mentorship_needs_two_organisations_and_a_period(small_org, small_admin):
    client = as_user(small_admin)
    response = client.post(
        reverse("support:mentorships"),
        {"mentee": small_org.pk, "mentor": small_org.pk, "starts_on": "2026-01-01", "ends_on": "2025-01-01"},
        format="multipart",
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"mentor", "ends_on"}
