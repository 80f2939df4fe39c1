"""Organisation, charter and collaboration events: the right people, once each, and what waits for them."""

import pytest
from django.core import mail

from charter import services as charter_services
from charter.models import CharterVersion
from charter_portal.permissions import actor_for
from notifications.models import Notification
from notifications.todo import todo_for
from offers import services as offer_services
from offers.models import Collaboration, CollaborationMember
from organisations import services as organisation_services
from organisations.models import Organisation
from tests import factories
from tests.charter.conftest import sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(db):
    """The charter's first version (made by a data migration)."""
    from charter.initial import create_first_version
    from charter.models import Article, ChainHead

    return create_first_version(CharterVersion, Article, ChainHead)


def got(kind) -> list:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def kinds(user, prefix="") -> list:
    fresh = actor_for(type(user).objects.get(pk=user.pk))
    return [item.kind for item in todo_for(fresh) if item.kind.startswith(prefix)]


class TestOrganisations:
    def test_a_registration_asks_the_city_admins_once(self, city_admin, city_staff, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            organisation, admin = organisation_services.organisation_register(
                name="Nieuw Initiatief",
                kind=Organisation.Kind.SELF_ORGANISATION,
                sectors=[],
                admin_name="Nora Nieuw",
                admin_email="nora@nieuw.example",
                admin_password="een-lang-wachtwoord-2026",
            )
        assert got("organisations.registered") == [city_admin.email]
        assert sorted(m.to[0] for m in mail.outbox) == sorted([admin.email, city_admin.email])  # + the confirmation
        assert "organisations.approve" in kinds(city_admin)
        assert "organisations.approve" not in kinds(city_staff)

    def test_an_approval_tells_the_admins_once(self, city_admin, django_capture_on_commit_callbacks):
        organisation = factories.organisation(name="Wachtend Initiatief", is_approved=False)
        admin = factories.admin_of(organisation)
        member = factories.member(organisation)
        with django_capture_on_commit_callbacks(execute=True):
            organisation_services.organisation_approve(organisation=organisation, by=city_admin)
        assert got("organisations.approved") == [admin.email]
        assert [m.to for m in mail.outbox] == [[admin.email]]
        assert member.email not in got("organisations.approved")
        assert "organisations.approve" not in kinds(city_admin)

    def test_a_member_who_joins_is_news_for_the_members(self, partner_org, partner_admin, partner_member, other_admin):
        invitation, _token = organisation_services.invitation_create(
            organisation=partner_org, email="nieuw@brug.example", role="member", by=partner_admin, language="nl"
        )
        assert "organisations.invitation_open" in kinds(partner_admin)
        organisation_services.invitation_accept(invitation=invitation, full_name="Nele Nieuw", password="x" * 14)
        assert got("organisations.member_joined") == sorted([partner_admin.email, partner_member.email])
        notification = Notification.objects.filter(kind="organisations.member_joined").first()
        assert "Nele Nieuw" in notification.title and "nieuw@brug.example" not in notification.title
        assert "organisations.invitation_open" not in kinds(partner_admin)


class TestCharter:
    def test_a_new_version_is_news_for_every_approved_organisation(
        self, version, city_admin, partner_org, partner_admin, partner_member, other_admin
    ):
        unapproved = factories.organisation(is_approved=False)
        waiting = factories.admin_of(unapproved)
        sign(partner_org, partner_admin)
        assert "charter.sign" not in kinds(partner_admin)
        assert "charter.sign" in kinds(other_admin)
        draft = charter_services.charter_version_draft(source=version, label="2027", by=city_admin)
        charter_services.charter_version_publish(version=CharterVersion.objects.get(pk=draft.pk), by=city_admin)
        recipients = got("charter.version_published")
        assert partner_admin.email in recipients and partner_member.email in recipients
        assert other_admin.email in recipients
        assert waiting.email not in recipients and city_admin.email not in recipients
        assert "charter.sign" in kinds(partner_admin)  # sign the new version again
        assert "charter.sign" not in kinds(partner_member)  # members do not sign


class TestCollaborations:
    def test_invitation_answer_and_who_hears_of_it(
        self, partner_org, partner_admin, partner_member, other_org, other_admin
    ):
        other_member = factories.member(other_org)
        collaboration = offer_services.collaboration_create(
            collaboration=Collaboration(name="Buurtnetwerk Rabot", coordinator=partner_org),
            members=[other_org],
            links={},
            by=partner_admin,
        )
        assert got("collaborations.invited") == [other_admin.email]
        assert kinds(other_admin, "collaborations.") == ["collaborations.answer_invitation"]
        assert kinds(other_member, "collaborations.") == []
        member = CollaborationMember.objects.get(collaboration=collaboration, organisation=other_org)
        offer_services.collaboration_answer(member=member, accept=True, by=other_admin)
        assert got("collaborations.accepted") == sorted([partner_admin.email, partner_member.email])
        assert other_member.email not in got("collaborations.accepted")
        assert kinds(other_admin, "collaborations.") == []
        title = Notification.objects.filter(kind="collaborations.accepted").first().title
        assert other_org.name in title and other_admin.email not in title

    def test_a_declined_invitation_and_a_second_invitation(self, partner_org, partner_admin, other_org, other_admin):
        collaboration = offer_services.collaboration_create(
            collaboration=Collaboration(name="Zomer in Ledeberg", coordinator=partner_org),
            members=[other_org],
            links={},
            by=partner_admin,
        )
        member = CollaborationMember.objects.get(collaboration=collaboration, organisation=other_org)
        offer_services.collaboration_answer(member=member, accept=False, by=other_admin)
        assert got("collaborations.declined") == [partner_admin.email]
        offer_services.collaboration_invite(collaboration=collaboration, organisations=[other_org], by=partner_admin)
        offer_services.collaboration_invite(collaboration=collaboration, organisations=[other_org], by=partner_admin)
        assert got("collaborations.invited") == [other_admin.email, other_admin.email]  # invited twice, not thrice


class TestWaitingForYouKeepsItsQueries:
    """The to-do page and the API answer in the same number of queries with 1 and 50 items of each kind."""

    @staticmethod
    def fill(count, city_admin, partner_org, other_org, other_admin):
        for _n in range(count):
            number = Collaboration.objects.count()
            organisation = factories.organisation(name=f"Wachtend {number}", is_approved=False)
            factories.admin_of(organisation)
            offer_services.collaboration_create(
                collaboration=Collaboration(name=f"Samenwerking {number}", coordinator=other_org),
                members=[partner_org],
                links={},
                by=other_admin,
            )

    @pytest.mark.parametrize("path", ["/wacht-op-jou/", "/api/v1/todo/"])
    def test_one_and_fifty_items(
        self, path, city_admin, city_org, partner_org, other_org, other_admin, client, nothing_kept
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from organisations.models import Membership

        Membership.objects.create(user=city_admin, organisation=partner_org, role=Membership.Role.ADMIN)
        client.force_login(city_admin)
        counts = []
        for count in (1, 49):
            self.fill(count, city_admin, partner_org, other_org, other_admin)
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200
            counts.append(len(queries))
        assert kinds(city_admin, "organisations.approve").count("organisations.approve") == 50
        assert kinds(city_admin, "collaborations.").count("collaborations.answer_invitation") == 50
        assert counts[0] == counts[1]
