"""The asking organisation changes what it needs and by when, on the request's page and with a PATCH through the
API, while the request is open. Others who see the request get a 403, everyone else a 404; a closed request is
no longer changed (a message on the page, 409 in the API); bad input names its field and changes nothing."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from support import services
from support.models import SupportRequest
from tests.conftest import api_client_for, error_message, field_errors


def _ask(small_admin, small_org):
    return services.support_request_create(
        by=small_admin, organisation=small_org, kind="funding", needs="A subsidy file"
    )


def _page(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _api(request):
    return f"/api/v1/support-requests/{request.pk}/"


def test_the_asker_changes_the_needs_on_the_page(small_admin, small_org):
    request = _ask(small_admin, small_org)
    client = _page(small_admin)
    url = reverse("support:request_edit", args=[request.pk])
    assert url in client.get(request.get_absolute_url()).content.decode()
    due = timezone.localdate() + datetime.timedelta(days=20)

    response = client.post(url, {"needs": "A subsidy file and a budget", "needed_by": due.isoformat(), "version": 1})

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.needs, request.needed_by, request.version) == ("A subsidy file and a budget", due, 2)


def test_the_page_refuses_bad_input_and_saves_nothing(small_admin, small_org):
    request = _ask(small_admin, small_org)
    url = reverse("support:request_edit", args=[request.pk])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = _page(small_admin).post(url, {"needs": "", "needed_by": yesterday.isoformat(), "version": 1})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"needs", "needed_by"}
    request.refresh_from_db()
    assert (request.needs, request.needed_by, request.version) == ("A subsidy file", None, 1)


def test_the_page_refuses_a_stale_version(small_admin, small_org):
    request = _ask(small_admin, small_org)
    url = reverse("support:request_edit", args=[request.pk])
    _page(small_admin).post(url, {"needs": "First change", "version": 1})

    response = _page(small_admin).post(url, {"needs": "Second change", "version": 1}, follow=True)

    assert "someone" in response.content.decode().lower()
    request.refresh_from_db()
    assert (request.needs, request.version) == ("First change", 2)


def test_the_asker_patches_the_needs_through_the_api(small_admin, small_org):
    request = _ask(small_admin, small_org)
    due = timezone.localdate() + datetime.timedelta(days=30)

    response = api_client_for(small_admin).patch(
        _api(request), {"needs": "Help with the budget", "needed_by": due.isoformat(), "version": 1}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["needs"], body["needed_by"], body["version"], body["status"]) == (
        "Help with the budget",
        due.isoformat(),
        2,
        "asked",
    )
    request.refresh_from_db()
    assert request.needs == "Help with the budget"


def test_the_api_needs_the_version_and_refuses_a_stale_one(small_admin, small_org):
    request = _ask(small_admin, small_org)
    client = api_client_for(small_admin)

    assert client.patch(_api(request), {"needs": "No version"}, format="json").status_code == 428
    assert client.patch(_api(request), {"needs": "Fresh", "version": 1}, format="json").status_code == 200
    assert client.patch(_api(request), {"needs": "Stale", "version": 1}, format="json").status_code == 409
    request.refresh_from_db()
    assert (request.needs, request.version) == ("Fresh", 2)


def test_the_api_names_the_field_of_bad_input_and_changes_nothing(small_admin, small_org):
    request = _ask(small_admin, small_org)
    client = api_client_for(small_admin)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    empty = client.patch(_api(request), {"needs": "", "version": 1}, format="json")
    past = client.patch(_api(request), {"needed_by": yesterday.isoformat(), "version": 1}, format="json")
    not_a_date = client.patch(_api(request), {"needed_by": "soon", "version": 1}, format="json")

    assert empty.status_code == past.status_code == not_a_date.status_code == 400
    assert set(field_errors(empty)) == {"needs"}
    assert set(field_errors(past)) == {"needed_by"}
    assert set(field_errors(not_a_date)) == {"needed_by"}
    request.refresh_from_db()
    assert (request.needs, request.needed_by, request.version) == ("A subsidy file", None, 1)


def test_others_who_see_the_request_get_a_403_and_outsiders_a_404(
    small_admin, small_org, supporter_admin, coordinator, partner_admin, city_staff
):
    request = _ask(small_admin, small_org)
    page = reverse("support:request_edit", args=[request.pk])
    for person, status in ((supporter_admin, 403), (coordinator, 403), (partner_admin, 404), (city_staff, 404)):
        assert _page(person).get(page).status_code == status, person.email
        assert _page(person).post(page, {"needs": "Taken over", "version": 1}).status_code == status, person.email
        patched = api_client_for(person).patch(_api(request), {"needs": "Taken over", "version": 1}, format="json")
        assert patched.status_code == status, person.email
    assert SupportRequest.objects.get().needs == "A subsidy file"


def test_a_taken_up_request_still_changes_but_a_closed_one_does_not(
    small_admin, small_org, supporter_admin, coordinator
):
    request = _ask(small_admin, small_org)
    services.support_request_step(request=request, by=supporter_admin, name="take_up")
    client = api_client_for(small_admin)
    assert client.patch(_api(request), {"needs": "More precise", "version": 2}, format="json").status_code == 200

    services.support_request_step(request=request, by=coordinator, name="not_possible", reason="No budget left")
    refused = client.patch(_api(request), {"needs": "After closing", "version": 4}, format="json")
    page = _page(small_admin)
    url = reverse("support:request_edit", args=[request.pk])
    shown = page.get(url, follow=True)
    page.post(url, {"needs": "After closing", "version": 4})

    assert refused.status_code == 409
    assert "closed" in error_message(refused)
    assert "no longer be changed" in shown.content.decode()
    assert url not in page.get(request.get_absolute_url()).content.decode()
    assert SupportRequest.objects.get().needs == "More precise"


def test_a_request_is_never_replaced_or_deleted(small_admin, small_org):
    request = _ask(small_admin, small_org)
    client = api_client_for(small_admin)
    assert client.put(_api(request), {"needs": "All new", "version": 1}, format="json").status_code == 405
    assert client.delete(_api(request)).status_code == 405
