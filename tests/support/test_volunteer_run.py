"""An organisation's admins mark it as run by volunteers (and undo it) on its own small page: then it may ask for
support. The change is kept in the organisation's history; members who are not admins get a 403, outsiders a
404, like the organisation's other member pages."""

from django.test import Client
from django.urls import reverse

from support.models import SmallOrganisation


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def _url(organisation):
    return reverse("support:volunteer_run", args=[organisation.slug])


def test_it_lets_an_admin_mark_the_organisation_and_undo_it(partner_admin, partner_org):
    client = as_user(partner_admin)
    asking = reverse("support:request_create")
    assert client.get(asking).status_code == 403

    response = client.post(_url(partner_org), {"is_volunteer_run": "on"})

    assert response.status_code == 302
    assert SmallOrganisation.objects.get(organisation=partner_org).is_volunteer_run is True
    assert client.get(asking).status_code == 200
    assert client.get(_url(partner_org)).context["form"].initial == {"is_volunteer_run": True}

    client.post(_url(partner_org), {})

    assert SmallOrganisation.objects.get(organisation=partner_org).is_volunteer_run is False
    assert client.get(asking).status_code == 403


def test_it_keeps_each_change_in_the_organisation_s_history(partner_admin, partner_org):
    client = as_user(partner_admin)
    client.post(_url(partner_org), {"is_volunteer_run": "on"})
    client.post(_url(partner_org), {"is_volunteer_run": "on"})  # the same answer again records nothing
    client.post(_url(partner_org), {})

    records = SmallOrganisation.history.filter(organisation=partner_org).order_by("history_date", "history_id")
    assert [(r.history_type, r.is_volunteer_run, r.history_user) for r in records] == [
        ("+", True, partner_admin),
        ("~", False, partner_admin),
    ]
    history = client.get(reverse("organisations:history", args=[partner_org.slug]), HTTP_ACCEPT_LANGUAGE="en")
    html = history.content.decode()
    assert "run by volunteers" in html
    assert partner_admin.full_name in html


def test_it_saves_nothing_when_unmarking_an_organisation_never_marked(partner_admin, partner_org):
    as_user(partner_admin).post(_url(partner_org), {})
    assert not SmallOrganisation.objects.filter(organisation=partner_org).exists()


def test_it_refuses_a_plain_member_and_an_other_organisation_s_admin(
    partner_member, other_admin, city_staff, partner_org
):
    assert as_user(partner_member).get(_url(partner_org)).status_code == 403
    assert as_user(partner_member).post(_url(partner_org), {"is_volunteer_run": "on"}).status_code == 403
    assert as_user(other_admin).get(_url(partner_org)).status_code == 404
    assert as_user(other_admin).post(_url(partner_org), {"is_volunteer_run": "on"}).status_code == 404
    assert as_user(city_staff).post(_url(partner_org), {"is_volunteer_run": "on"}).status_code == 404
    assert not SmallOrganisation.objects.exists()


def test_the_profile_links_the_page_for_its_admins_only(partner_admin, partner_member, partner_org):
    profile = reverse("organisations:detail", args=[partner_org.slug])
    assert _url(partner_org) in as_user(partner_admin).get(profile).content.decode()
    assert _url(partner_org) not in as_user(partner_member).get(profile).content.decode()
