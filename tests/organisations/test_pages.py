import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_directory_lists_approved_active_organisations_only(client, partner_org):
    factories.organisation(name="Nog Niet Goedgekeurd", is_approved=False)
    factories.organisation(name="Gestopt", is_active=False)
    response = client.get("/organisaties/")
    assert response.status_code == 200
    content = response.content.decode()
    assert partner_org.name in content
    assert "Nog Niet Goedgekeurd" not in content
    assert "Gestopt" not in content


def test_the_directory_filters_by_kind(client, partner_org, other_org):
    content = client.get("/organisaties/?kind=self_organisation").content.decode()
    assert other_org.name in content
    assert partner_org.name not in content


def test_the_directory_needs_the_same_number_of_queries_for_one_or_twenty(client, django_assert_num_queries):
    factories.organisation()
    with django_assert_num_queries(2):
        client.get("/organisaties/")
    for _ in range(19):
        factories.organisation()
    with django_assert_num_queries(2):
        client.get("/organisaties/")


def test_the_public_profile_shows_the_public_contacts(client, db):
    from organisations.models import Sector

    organisation = factories.organisation(
        name="Profiel Org", description="Wij doen jeugdwerk.", email="hallo@profiel.example", phone="09 111 22 33"
    )
    organisation.sectors.set(Sector.objects.filter(code="sport"))
    response = client.get(f"/organisaties/{organisation.slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    for text in ("Profiel Org", "Wij doen jeugdwerk.", "hallo@profiel.example", "09 111 22 33", "Sport"):
        assert text in content


def test_an_unapproved_profile_is_hidden_from_everyone_but_its_members_and_city_admins(
    client, other_client, city_admin_client, staff_client
):
    organisation = factories.organisation(name="Verborgen", is_approved=False)
    registrant = factories.admin_of(organisation)
    url = f"/organisaties/{organisation.slug}/"
    assert client.get(url).status_code == 404
    assert other_client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 404
    assert city_admin_client.get(url).status_code == 200
    client.force_login(registrant)
    response = client.get(url)
    assert response.status_code == 200
    assert b"awaits approval" in response.content


def test_an_unknown_profile_is_404(client):
    assert client.get("/organisaties/bestaat-niet/").status_code == 404


def test_my_organisation_page_lists_the_persons_organisations(admin_client_, partner_org, client):
    response = admin_client_.get("/organisaties/mijn/")
    assert response.status_code == 200
    assert partner_org.name in response.content.decode()
    assert f"/organisaties/{partner_org.slug}/leden/" in response.content.decode()
    assert client.get("/organisaties/mijn/").status_code == 302


@pytest.mark.parametrize(
    ("persona", "expected", "unexpected"),
    [
        ("client", ["/organisaties/registreren/", "/account/login/"], ["/organisaties/goedkeuringen/"]),
        ("member_client", ["/organisaties/mijn/", "/account/"], ["/organisaties/goedkeuringen/"]),
        ("city_admin_client", ["/organisaties/goedkeuringen/", "/organisaties/mijn/"], []),
    ],
)
def test_the_home_page_leads_each_role_to_its_work(request, persona, expected, unexpected):
    content = request.getfixturevalue(persona).get("/").content.decode()
    for url in expected:
        assert f'href="{url}"' in content
    for url in unexpected:
        assert f'href="{url}"' not in content
