"""Public pages and API: charter, verification, certificate, signatories (with query counts), invitations."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from charter.selectors import annotate_is_signatory, signatory_organisation_ids
from charter.services import charter_withdraw
from organisations.models import Organisation, Sector
from tests import factories
from tests.charter.conftest import publish_second_version, quick_signature, sign, tamper

pytestmark = pytest.mark.django_db


def test_it_shows_the_charter_in_dutch_and_english(version, client):
    # The article text comes from the database in each language, not from the translation catalogue.
    client.cookies["portal_language"] = "nl"
    response = client.get(reverse("charter:current"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gent is een kind- en jeugdvriendelijke stad." in page
    assert 'href="#principle-10"' in page and 'id="principle-10"' in page  # table of contents
    assert version.text_hash in page
    client.cookies["portal_language"] = "en"
    page = client.get(reverse("charter:current")).content.decode()
    assert "Ghent is a child- and youth-friendly city." in page
    assert "Gent is een kind- en jeugdvriendelijke stad." not in page


def test_it_links_the_print_stylesheet(version, client):
    assert "css/print.css" in client.get(reverse("charter:current")).content.decode()


def test_it_verifies_a_receipt_publicly(version, partner_org, partner_admin, client):
    entry = sign(partner_org, partner_admin, name="Ada Admin", role="Chair")
    response = client.get(reverse("charter:verify_code", args=[entry.receipt_code]))
    page = response.content.decode()
    assert response.status_code == 200
    for text in (partner_org.name, "Ada Admin", "Chair", version.label, entry.receipt_display):
        assert text in page
    assert response.context["report"].ok
    response = client.get(reverse("charter:verify"), {"code": entry.receipt_display.lower()})
    assert response.status_code == 302 and response.url == reverse("charter:verify_code", args=[entry.receipt_code])


def test_it_answers_404_for_an_unknown_receipt_code(version, client, api_client):
    assert client.get(reverse("charter:verify_code", args=["ZZZZZZZZZZZZ"])).status_code == 404
    assert client.get(reverse("charter:certificate", args=["ZZZZZZZZZZZZ"])).status_code == 404
    response = client.get(reverse("charter:verify"), {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 404 and "No signature or withdrawal" in response.content.decode()
    assert api_client.get("/api/v1/signatures/verify/ZZZZZZZZZZZZ/").status_code == 404


def test_it_explains_a_malformed_code(version, client):
    response = client.get(reverse("charter:verify"), {"code": "abc"})
    assert response.status_code == 200 and "12 letters and digits" in response.content.decode()


def test_it_shows_a_printable_certificate(version, partner_org, partner_admin, client):
    entry = sign(partner_org, partner_admin)
    response = client.get(reverse("charter:certificate", args=[entry.receipt_code]))
    assert response.status_code == 200
    assert partner_org.name in response.content.decode()
    withdrawal = charter_withdraw(signature=entry, user=partner_admin, reason="Changed our mind")
    assert "withdrawn" in client.get(reverse("charter:certificate", args=[entry.receipt_code])).content.decode()
    assert client.get(reverse("charter:certificate", args=[withdrawal.receipt_code])).status_code == 404


def _make_signatories(n, version, *, start=0, kind=Organisation.Kind.CIVIL_SOCIETY):
    sector = Sector.objects.first()
    for i in range(start, start + n):
        org = factories.organisation(name=f"Signatory {kind} {i:03d}", kind=kind)
        org.sectors.add(sector)
        quick_signature(org, version)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_it_links_each_signatory_to_its_profile(version, client):
    _make_signatories(2, version)
    page = client.get(reverse("charter:signatories")).content.decode()
    for org in Organisation.objects.filter(name__startswith="Signatory"):
        assert f'<a href="{reverse("organisations:detail", args=[org.slug])}">{org.name}</a>' in page
        assert client.get(reverse("organisations:detail", args=[org.slug])).status_code == 200


def test_it_keeps_the_signatory_page_query_count_flat(version, client, rendered_afresh):
    _make_signatories(1, version)
    rendered_afresh()
    one = _count_queries(client, reverse("charter:signatories"))
    _make_signatories(49, version, start=1)
    rendered_afresh()
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(reverse("charter:signatories"))
    # rows, their sectors, current version, counts per kind, sectors for the filter
    assert len(fifty.captured_queries) == one == 5
    assert len(response.context["rows"]) == 50
    # Until the data changes, the list is kept: a visitor's request reads nothing.
    assert _count_queries(client, reverse("charter:signatories")) == 0


def test_it_keeps_the_signatory_api_query_count_flat(version, api_client):
    _make_signatories(1, version)
    one = _count_queries(api_client, "/api/v1/signatories/")
    _make_signatories(49, version, start=1)
    # count, page, sectors, current version (the throttle uses the tests' local-memory cache: no queries)
    assert _count_queries(api_client, "/api/v1/signatories/") == one == 4
    assert api_client.get("/api/v1/signatories/").json()["count"] == 50


def test_it_lists_signatories_with_counts_and_filters(
    version, partner_org, partner_admin, other_org, other_admin, client
):
    sign(partner_org, partner_admin)
    sign(other_org, other_admin)  # a self-organisation
    youth = Sector.objects.get(code="youth_work")
    other_org.sectors.add(youth)
    response = client.get(reverse("charter:signatories"))
    assert response.context["total"] == 2
    counts = {value: n for value, _label, n in response.context["kinds"]}
    assert counts["civil_society"] == 1 and counts["self_organisation"] == 1 and counts["city_service"] == 0
    rows = client.get(reverse("charter:signatories"), {"kind": "self_organisation"}).context["rows"]
    assert [o.name for o in rows] == [other_org.name]
    rows = client.get(reverse("charter:signatories"), {"sector": "youth_work"}).context["rows"]
    assert [o.name for o in rows] == [other_org.name]
    rows = client.get(reverse("charter:signatories"), {"kind": "bogus"}).context["rows"]
    assert len(rows) == 2


def test_it_exports_the_signatories_as_csv(version, partner_org, partner_admin, other_org, other_admin, client):
    sign(partner_org, partner_admin)
    sign(other_org, other_admin)
    response = client.get(reverse("charter:signatories_csv"), {"kind": "civil_society"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == partner_org.name and rows[1][4] == version.label


def test_it_shows_older_versions_and_invites_their_admins(version, partner_org, partner_admin, admin_client_, client):
    sign(partner_org, partner_admin)
    second = publish_second_version(version)
    response = client.get(reverse("charter:signatories"))
    [row] = response.context["rows"]
    assert row.signed_version_id == version.pk and "earlier version" in response.content.decode()
    page = admin_client_.get(reverse("charter:current")).content.decode()
    assert "Sign the new version" in page
    assert f"{reverse('charter:sign')}?organisation={partner_org.pk}" in page
    nav = [item.url_name for item in admin_client_.get(reverse("charter:current")).context["nav_items"]]
    assert "charter:sign" in nav
    api = client.get("/api/v1/signatories/").json()["results"][0]
    assert api["signed_version"] == "2020" and api["signed_current_version"] is False
    sign(partner_org, partner_admin, version=second)
    assert "Sign the new version" not in admin_client_.get(reverse("charter:current")).content.decode()
    [row] = client.get(reverse("charter:signatories")).context["rows"]
    assert row.signed_version_id == second.pk


def test_it_shows_the_sign_item_only_to_admins_who_have_not_signed(version, partner_org, partner_admin, member_client):
    from django.test import Client

    admin = Client()
    admin.force_login(partner_admin)
    assert "charter:sign" in [i.url_name for i in admin.get("/").context["nav_items"]]
    assert "charter:sign" not in [i.url_name for i in member_client.get("/").context["nav_items"]]
    sign(partner_org, partner_admin)
    assert "charter:sign" not in [i.url_name for i in admin.get("/").context["nav_items"]]


def test_it_serves_the_current_charter_in_the_api(version, api_client):
    data = api_client.get("/api/v1/charter/").json()
    assert data["label"] == "2020" and data["text_hash"] == version.text_hash
    assert len(data["articles"]) == 20
    assert data["articles"][0]["section"] == "vision" and data["articles"][0]["number"] == 1


def test_it_filters_signatories_in_the_api(version, partner_org, partner_admin, other_org, other_admin, api_client):
    sign(partner_org, partner_admin)
    sign(other_org, other_admin)
    data = api_client.get("/api/v1/signatories/", {"kind": "self_organisation"}).json()
    assert [r["name"] for r in data["results"]] == [other_org.name]
    assert api_client.get("/api/v1/signatories/", {"kind": "bogus"}).status_code == 400


def test_it_verifies_a_code_in_the_api(version, partner_org, partner_admin, api_client):
    entry = sign(partner_org, partner_admin)
    data = api_client.get(f"/api/v1/signatures/verify/{entry.receipt_display.lower()}/").json()
    assert data["organisation_name"] == partner_org.name and data["chain_valid"] is True
    assert data["kind"] == "sign" and data["withdrawn"] is False and data["charter_version"] == "2020"


def test_it_annotates_organisations_with_is_signatory(version, partner_org, partner_admin, other_org, other_admin):
    sign(partner_org, partner_admin)
    withdrawn = sign(other_org, other_admin)
    charter_withdraw(signature=withdrawn, user=other_admin, reason="No longer")
    flags = dict(annotate_is_signatory(Organisation.objects.all()).values_list("pk", "is_signatory"))
    assert flags[partner_org.pk] is True and flags[other_org.pk] is False
    assert signatory_organisation_ids() == {partner_org.pk}


def test_it_leaves_inactive_organisations_out_of_the_list(version, partner_org, partner_admin, client):
    sign(partner_org, partner_admin)
    Organisation.objects.filter(pk=partner_org.pk).update(is_active=False)
    assert client.get(reverse("charter:signatories")).context["rows"] == []


def test_it_offers_the_sign_button_to_visitors_and_admins_only(version, client, admin_client_, member_client):
    sign_url = f'href="{reverse("charter:sign")}"'
    assert sign_url in client.get(reverse("charter:current")).content.decode()
    assert sign_url in admin_client_.get(reverse("charter:current")).content.decode()
    assert sign_url not in member_client.get(reverse("charter:current")).content.decode()


def test_it_shows_a_broken_chain_on_the_verification_page(version, partner_org, partner_admin, client):
    entry = sign(partner_org, partner_admin)
    tamper("UPDATE charter_chainentry SET signer_role = 'Intern' WHERE sequence = %s", [entry.sequence])
    response = client.get(reverse("charter:verify_code", args=[entry.receipt_code]))
    assert not response.context["report"].ok
    assert "Not valid" in response.content.decode()


def test_it_shows_the_charter_in_the_admin_read_only_once_published(version, partner_org, partner_admin, admin_client):
    sign(partner_org, partner_admin)
    assert admin_client.get("/admin/charter/chainentry/").status_code == 200
    assert admin_client.get("/admin/charter/chainentry/1/change/").status_code == 200
    assert admin_client.get("/admin/charter/charterversion/").status_code == 200
    page = admin_client.get(f"/admin/charter/charterversion/{version.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # published: view only
