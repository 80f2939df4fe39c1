import pytest

from organisations.models import Organisation
from tests import factories
from tests.conftest import api_client_for, field_errors

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations/"


def test_everyone_reads_approved_active_organisations(api_client, partner_org):
    from organisations.models import Sector

    partner_org.sectors.set(Sector.objects.filter(code__in=["youth_work", "welfare"]))
    factories.organisation(name="Pending", is_approved=False)
    factories.organisation(name="Stopped", is_active=False)
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response.data["count"] == 1
    row = response.json()["results"][0]
    assert set(row) == {
        "id",
        "name",
        "slug",
        "kind",
        "sectors",
        "description",
        "email",
        "phone",
        "website",
        "is_active",
        "is_approved",
        "is_signatory",
        "version",
    }
    assert row["name"] == partner_org.name
    assert row["kind"] == "civil_society"
    assert sorted(row["sectors"]) == ["welfare", "youth_work"]
    assert row["is_signatory"] is False


def test_city_admins_see_every_organisation_and_filter_on_approval(city_admin, partner_org):
    factories.organisation(name="Pending", is_approved=False)
    client = api_client_for(city_admin)
    assert client.get(URL).data["count"] == 3
    names = [row["name"] for row in client.get(URL, {"is_approved": "false"}).data["results"]]
    assert names == ["Pending"]


def test_it_filters_on_kind_and_sector(api_client, partner_org, other_org):
    from organisations.models import Sector

    other_org.sectors.set(Sector.objects.filter(code__in=["sport", "culture"]))
    assert [r["name"] for r in api_client.get(URL, {"kind": "self_organisation"}).data["results"]] == [other_org.name]
    assert [r["name"] for r in api_client.get(URL, {"sector": "sport"}).data["results"]] == [other_org.name]
    assert api_client.get(URL, {"kind": "nonsense"}).status_code == 400


def test_an_organisation_a_city_admin_creates_is_approved_at_once(city_admin):
    client = api_client_for(city_admin)
    response = client.post(
        URL, {"name": "Nieuwe Partner", "kind": "public_body", "sectors": ["police"], "email": "a@b.example"}
    )
    assert response.status_code == 201, response.data
    assert response.data["slug"] == "nieuwe-partner"
    assert response.data["is_approved"] is True
    assert response.data["is_signatory"] is False
    organisation = Organisation.objects.get(slug="nieuwe-partner")
    assert organisation.approved_by == city_admin
    assert list(organisation.sectors.values_list("code", flat=True)) == ["police"]


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "city_staff"])
def test_others_cannot_write(request, persona, partner_org):
    client = api_client_for(request.getfixturevalue(persona))
    assert client.post(URL, {"name": "X", "kind": "public_body"}).status_code == 403
    assert client.patch(f"{URL}{partner_org.pk}/", {"name": "Changed"}).status_code == 403
    assert not Organisation.objects.filter(name__in=["X", "Changed"]).exists()


def test_anonymous_cannot_write(api_client):
    assert api_client.post(URL, {"name": "X", "kind": "public_body"}).status_code == 401
    assert not Organisation.objects.filter(name="X").exists()


def test_bad_input_gets_field_errors_and_saves_nothing(city_admin, partner_org):
    client = api_client_for(city_admin)
    response = client.post(
        URL,
        {"name": partner_org.name, "kind": "company", "sectors": ["astrology"], "description": "Mail jan@x.example"},
    )
    assert response.status_code == 400
    assert set(field_errors(response)) == {"name", "kind", "sectors", "description"}
    assert Organisation.objects.count() == 2  # the partner and the city service


def test_a_stale_version_gets_409_and_changes_nothing(city_admin, partner_org):
    client = api_client_for(city_admin)
    url = f"{URL}{partner_org.pk}/"
    fresh = client.patch(url, {"description": "Eerste versie.", "version": partner_org.version})
    assert fresh.status_code == 200
    assert fresh.data["version"] == partner_org.version + 1
    stale = client.patch(url, {"description": "Verloren update.", "version": partner_org.version})
    assert stale.status_code == 409
    partner_org.refresh_from_db()
    assert partner_org.description == "Eerste versie."


def test_a_city_admin_approves_through_the_api(city_admin):
    pending = factories.organisation(name="Pending", is_approved=False)
    response = api_client_for(city_admin).patch(
        f"{URL}{pending.pk}/", {"is_approved": True, "version": pending.version}
    )
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.is_approved
    assert pending.approved_by == city_admin


@pytest.mark.usefixtures("nothing_kept")
def test_the_list_needs_the_same_number_of_queries_for_one_or_twenty(api_client, same_queries):
    from organisations.models import Sector

    sectors = list(Sector.objects.all()[:3])
    factories.organisation().sectors.set(sectors)
    same_queries(lambda: api_client.get(URL))
    for _ in range(19):
        factories.organisation().sectors.set(sectors)
    assert same_queries(lambda: api_client.get(URL)).data["count"] == 20


def test_functions_are_read_only_and_looked_up_by_code(api_client, city_admin):
    response = api_client.get("/api/v1/functions/")
    assert response.status_code == 200
    assert [row["code"] for row in response.data["results"]] == ["leisure", "welfare", "bridge", "signal"]
    detail = api_client.get("/api/v1/functions/bridge/", HTTP_ACCEPT_LANGUAGE="en")
    assert detail.status_code == 200
    assert set(detail.data) == {"code", "name", "description"}
    assert api_client_for(city_admin).post("/api/v1/functions/", {"code": "x"}).status_code == 405


def test_the_function_list_needs_a_constant_number_of_queries(api_client, same_queries):
    from organisations.models import Function

    same_queries(lambda: api_client.get("/api/v1/functions/"))
    for n in range(16):
        Function.objects.create(code=f"extra{n}", name_nl="x", name_en="x", position=10 + n)
    assert same_queries(lambda: api_client.get("/api/v1/functions/")).data["count"] == 20


def test_token_authentication_works(partner_admin):
    from io import StringIO

    from django.core.management import call_command
    from rest_framework.test import APIClient

    out = StringIO()
    call_command("issue_api_token", partner_admin.email, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    assert client.get("/api/v1/organisations/").status_code == 200
    assert client.post(URL, {"name": "X", "kind": "public_body"}).status_code == 403


def test_an_unapproved_organisation_is_404_for_others_in_the_api(api_client, partner_admin, city_admin):
    pending = factories.organisation(name="Pending", is_approved=False)
    assert api_client.get(f"{URL}{pending.pk}/").status_code == 404
    assert api_client_for(partner_admin).get(f"{URL}{pending.pk}/").status_code == 404
    assert api_client_for(city_admin).get(f"{URL}{pending.pk}/").status_code == 200
