import pytest
from django.core import mail

from charter_portal.permissions import actor_for
from organisations.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

APPROVALS = "/organisaties/goedkeuringen/"


@pytest.fixture
def pending(db):
    organisation = factories.organisation(name="Wachtend Initiatief", is_approved=False)
    registrant = factories.admin_of(organisation, email="registrant@wachtend.example", preferred_language="en")
    return organisation, registrant


def test_city_admins_see_the_queue(city_admin_client, pending):
    response = city_admin_client.get(APPROVALS)
    assert response.status_code == 200
    assert b"Wachtend Initiatief" in response.content
    assert b"registrant@wachtend.example" in response.content


@pytest.mark.parametrize("persona", ["member_client", "admin_client_", "staff_client"])
def test_others_may_not_see_the_queue(request, persona, pending):
    client = request.getfixturevalue(persona)
    assert client.get(APPROVALS).status_code == 403


def test_visitors_are_sent_to_login(client):
    assert client.get(APPROVALS).status_code == 302


def test_approving_lets_the_organisation_act_and_mails_the_registrant_in_their_language(
    city_admin_client, city_admin, pending, django_capture_on_commit_callbacks
):
    organisation, registrant = pending
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit
        response = city_admin_client.post(
            f"{APPROVALS}{organisation.slug}/goedkeuren/", {"version": organisation.version}
        )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_approved
    assert organisation.approved_by == city_admin
    assert actor_for(type(registrant).objects.get(pk=registrant.pk)).is_admin_of(organisation.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [registrant.email]
    assert mail.outbox[0].subject == "Wachtend Initiatief is approved in the charter portal"


def test_approving_a_changed_registration_refuses_the_stale_version(
    city_admin_client, pending, django_capture_on_commit_callbacks
):
    organisation, _ = pending
    stale = organisation.version
    Organisation.objects.filter(pk=organisation.pk).update(version=stale + 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = city_admin_client.post(
            f"{APPROVALS}{organisation.slug}/goedkeuren/", {"version": stale}, follow=True
        )
    assert b"Someone else saved a change" in response.content
    organisation.refresh_from_db()
    assert not organisation.is_approved
    assert mail.outbox == []


def test_partners_cannot_approve(admin_client_, pending):
    organisation, _ = pending
    response = admin_client_.post(f"{APPROVALS}{organisation.slug}/goedkeuren/", {"version": organisation.version})
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert not organisation.is_approved


def test_rejecting_needs_a_reason(city_admin_client, pending):
    organisation, _ = pending
    url = f"{APPROVALS}{organisation.slug}/weigeren/"
    response = city_admin_client.post(url, {"reason": "  ", "version": organisation.version})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    organisation.refresh_from_db()
    assert organisation.rejected_at is None


def test_rejecting_mails_the_reason_and_leaves_the_queue(
    city_admin_client, pending, django_capture_on_commit_callbacks
):
    organisation, registrant = pending
    url = f"{APPROVALS}{organisation.slug}/weigeren/"
    with django_capture_on_commit_callbacks(execute=True):
        response = city_admin_client.post(url, {"reason": "Geen werking in Gent.", "version": organisation.version})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.rejected_at is not None
    assert not organisation.is_approved
    assert "Geen werking in Gent." in mail.outbox[0].body
    assert mail.outbox[0].to == [registrant.email]
    assert b"Wachtend Initiatief</h2>" not in city_admin_client.get(APPROVALS).content
    assert city_admin_client.post(f"{APPROVALS}{organisation.slug}/goedkeuren/", {"version": 9}).status_code == 404


def test_the_queue_needs_the_same_number_of_queries_for_one_or_twenty(
    city_admin_client, django_assert_num_queries, city_admin, rendered_afresh
):
    def add(n):
        for i in range(n):
            org = factories.organisation(name=f"Wachtend {Organisation.objects.count()}-{i}", is_approved=False)
            factories.admin_of(org)

    add(1)
    city_admin_client.get(APPROVALS)
    # session, user, actor, the header's unread count, the menu's charter sign reminder (the city admin administers
    # city_org), the queue, its sectors, its admins, the ten latest decisions (the session is written back at most
    # once a minute)
    rendered_afresh()
    with django_assert_num_queries(9) as one:
        city_admin_client.get(APPROVALS)
    add(19)
    rendered_afresh()
    with django_assert_num_queries(len(one.captured_queries)):
        response = city_admin_client.get(APPROVALS)
    assert response.content.count(b'<section class="card"') == 20
