import pytest

from organisations.models import Sector

pytestmark = pytest.mark.django_db


def url(org):
    return f"/organisaties/{org.slug}/bewerken/"


def _data(org, **overrides):
    data = {
        "name": org.name,
        "kind": org.kind,
        "sectors": [Sector.objects.get(code="welfare").pk],
        "description": "Nieuwe beschrijving van onze werking.",
        "email": "nieuw@debrug.example",
        "phone": "09 222 33 44",
        "website": "https://debrug.example",
        "version": org.version,
    }
    data.update(overrides)
    return data


def test_an_admin_edits_the_public_profile(admin_client_, partner_org):
    assert admin_client_.get(url(partner_org)).status_code == 200
    response = admin_client_.post(url(partner_org), _data(partner_org))
    assert response.status_code == 302
    partner_org.refresh_from_db()
    assert partner_org.description == "Nieuwe beschrijving van onze werking."
    assert partner_org.email == "nieuw@debrug.example"
    assert list(partner_org.sectors.values_list("code", flat=True)) == ["welfare"]
    assert partner_org.version == 2
    assert partner_org.history.count() == 2


def test_a_member_may_not_edit_and_outsiders_get_404(member_client, other_client, staff_client, partner_org):
    assert member_client.get(url(partner_org)).status_code == 403
    assert member_client.post(url(partner_org), _data(partner_org)).status_code == 403
    assert other_client.get(url(partner_org)).status_code == 404
    assert staff_client.get(url(partner_org)).status_code == 404
    partner_org.refresh_from_db()
    assert partner_org.description == ""


def test_bad_input_is_refused_and_nothing_saved(admin_client_, partner_org):
    response = admin_client_.post(
        url(partner_org), _data(partner_org, website="not a url", description="Mail Ahmed op ahmed@x.example")
    )
    assert response.status_code == 400
    assert b'id="id_website_error"' in response.content
    assert b'id="id_description_error"' in response.content
    partner_org.refresh_from_db()
    assert partner_org.email == ""


def test_a_stale_edit_is_refused_with_the_current_data(admin_client_, partner_org):
    stale = partner_org.version
    admin_client_.post(url(partner_org), _data(partner_org, description="Eerst opgeslagen."))
    response = admin_client_.post(url(partner_org), _data(partner_org, description="Te laat.", version=stale))
    assert response.status_code == 409
    assert b"Someone else saved a change" in response.content
    assert b"Eerst opgeslagen." in response.content
    partner_org.refresh_from_db()
    assert partner_org.description == "Eerst opgeslagen."
