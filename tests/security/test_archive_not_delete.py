"""DELETE archives or is refused (issue 17, item 9): nothing people made leaves the database through the API.

Every API viewset that answers DELETE is listed in ARCHIVING with the test that shows it archives; the others
answer 405. The two real removals are the city admin's purge of personal data (tests/security/test_purge.py) and
the erasure of an account on request (tests/accounts/test_erasure.py); removing a member from an organisation
ends the membership, whose row and history keep who removed whom (below, and
tests/organisations/test_member_removal.py)."""

from charter_portal.api import build_api_urlpatterns
from offers.models import Collaboration, Offer
from organisations.models import Membership
from tests import factories
from tests.conftest import api_client_for, error_message

# basename -> the test that shows its DELETE archives
ARCHIVING = {
    "offer": "tests/security/test_archive_not_delete.py::test_deleting_a_draft_offer_archives_it",
    "support-offer": "tests/support/test_api_lists.py::test_delete_archives_a_catalogue_line_and_is_refused_elsewhere",
    "staff-diversity": "tests/diversity/test_api.py (the DELETE of a report archives it)",
    "participation-moment": "tests/participation/test_api.py (the DELETE of a moment archives it)",
}


def _viewsets_answering_delete():
    found = {}
    for pattern in build_api_urlpatterns():
        callback = getattr(pattern, "callback", None)
        actions = getattr(callback, "actions", None) or {}
        if "delete" in actions and "delete" in callback.cls.http_method_names:
            found[callback.initkwargs.get("basename")] = callback.cls
    return found


def test_every_api_delete_archives_and_is_listed_with_its_test():
    assert set(_viewsets_answering_delete()) == set(ARCHIVING)


def test_deleting_a_draft_offer_archives_it(partner_org, partner_member):
    draft = factories.offer(partner_org, title="Kookatelier", status=Offer.Status.DRAFT)
    client = api_client_for(partner_member)

    response = client.delete(f"/api/v1/offers/{draft.pk}/")

    assert response.status_code == 200
    assert response.json()["status"] == "archived"
    assert Offer.objects.get(pk=draft.pk).status == Offer.Status.ARCHIVED
    assert draft.pk in [item["id"] for item in client.get("/api/v1/offers/?status=archived").json()["results"]]
    assert draft.pk not in [item["id"] for item in client.get("/api/v1/offers/?status=draft").json()["results"]]
    assert Offer.history.filter(id=draft.pk).latest("history_date").title == "Kookatelier"


def test_removing_a_published_offer_archives_it(partner_org, partner_member):
    offer = factories.offer(partner_org, title="Homework club")

    response = api_client_for(partner_member).delete(f"/api/v1/offers/{offer.pk}/")

    assert response.status_code == 200
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.ARCHIVED


def test_a_collaboration_is_never_deleted_but_ends_with_its_end_date(partner_org, other_org, partner_admin):
    collaboration = factories.collaboration(partner_org, other_org, name="Samen Rabot")
    client = api_client_for(partner_admin)

    response = client.delete(f"/api/v1/collaborations/{collaboration.pk}/")

    assert response.status_code == 405
    assert error_message(response)
    assert Collaboration.objects.filter(pk=collaboration.pk, name="Samen Rabot").exists()
    assert "delete" not in client.options(f"/api/v1/collaborations/{collaboration.pk}/")["Allow"].lower()


def test_removing_a_member_keeps_the_membership_in_the_history_with_who_removed_it(
    partner_org, partner_admin, partner_member, client
):
    membership = Membership.objects.get(organisation=partner_org, user=partner_member)
    client.force_login(partner_admin)

    response = client.post(f"/organisaties/{partner_org.slug}/leden/{membership.pk}/verwijderen/")

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Membership.all_objects.get(pk=membership.pk).ended_by == partner_admin
    removal = Membership.history.filter(id=membership.pk).latest("history_date")
    assert removal.history_type == "~"
    assert removal.ended_at is not None
    assert removal.user_id == partner_member.pk
    assert removal.history_change_reason == f"removed by user {partner_admin.pk}"


def _routes():
    """Every API route as (basename or name, concrete path), ids filled with an existing object where there is one."""
    from django.urls import reverse

    routes = []
    for pattern in build_api_urlpatterns():
        callback = pattern.callback
        cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        model = getattr(getattr(cls, "queryset", None), "model", None) or getattr(
            getattr(getattr(cls, "serializer_class", None), "Meta", None), "model", None
        )
        lookup = getattr(cls, "lookup_url_kwarg", None) or getattr(cls, "lookup_field", "pk")
        kwargs = {}
        for name in pattern.pattern.regex.groupindex:
            row = model._default_manager.order_by("pk").first() if model is not None and name == lookup else None
            field = getattr(cls, "lookup_field", "pk")
            kwargs[name] = str(getattr(row, field)) if row is not None else "1"
        assert pattern.name, f"an API route without a name: {pattern.pattern}"
        basename = (getattr(callback, "initkwargs", None) or {}).get("basename", pattern.name)
        routes.append((basename, reverse(f"api:{pattern.name}", kwargs=kwargs)))
    return routes


def _row_counts():
    from django.apps import apps

    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_delete_on_every_api_route_removes_no_row_and_is_405_unless_it_archives(
    partner_org, other_org, partner_admin, partner_member, city_admin
):
    """A careless client (or an attacker) sends DELETE everywhere, as a city admin, a partner admin and anonymously:
    no row of any table disappears, and every route but the archiving ones answers 405 to whoever may ask."""
    factories.offer(partner_org, title="Kookatelier", status=Offer.Status.DRAFT)
    factories.collaboration(partner_org, other_org, name="Samen Rabot")
    factories.movement_circle(factories.neighbourhood(1), factories.neighbourhood(2))
    before = _row_counts()
    routes = _routes()
    assert len(routes) > 50
    refused_otherwise = []
    for who, client in [
        ("a city admin", api_client_for(city_admin)),
        ("a partner admin", api_client_for(partner_admin)),
        ("anonymous", api_client_for(None)),
    ]:
        for basename, path in routes:
            status = client.delete(path).status_code
            allowed = {405, 401} if who == "anonymous" else {405}
            if basename in ARCHIVING and path.rstrip("/").split("/")[-1].isdigit():
                allowed |= {200, 204, 403, 404}
            if status not in allowed:
                refused_otherwise.append(f"DELETE {path} as {who}: {status}")
    assert "\n".join(refused_otherwise) == ""
    after = _row_counts()
    assert {label: (count, after[label]) for label, count in before.items() if after[label] < count} == {}
