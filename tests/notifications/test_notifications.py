"""The notification centre: who gets a notification, how it reads, how it is mailed, marked read and unsubscribed."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from notifications import services
from notifications.digests import prune, send_digests
from notifications.kinds import register_kind
from notifications.models import Digest, Frequency, Notification, Preference
from notifications.tokens import unsubscribe_token
from tests import factories
from tests.conftest import api_client_for

register_kind("tests.ping", category="signals", title=_("{actor} pinged “{thing}”"))
register_kind("tests.approve", category="action_needed", title=_("{actor} asks you to approve “{thing}”"))

pytestmark = pytest.mark.django_db


def ping(recipients, **kwargs):
    kwargs.setdefault("params", {"thing": "Speelpleinwerking"})
    return services.notify("tests.ping", recipients, **kwargs)


def test_one_notification_per_person_never_for_the_actor_or_an_inactive_account(partner_org):
    admin = factories.admin_of(partner_org, full_name="An Admin")
    member = factories.member(partner_org)
    gone = factories.member(partner_org, is_active=False)
    rows = ping([admin, member, member, gone], actor=admin, actor_organisation=partner_org)
    assert [row.recipient for row in rows] == [member]
    assert Notification.objects.count() == 1


def test_an_unregistered_kind_is_refused(partner_member):
    with pytest.raises(ValueError):
        services.notify("tests.unknown", [partner_member])


def test_it_names_the_person_and_organisation_never_an_email_address(partner_org, partner_member):
    named = factories.member(partner_org, full_name="Sara Peeters")
    nameless = factories.member(partner_org, full_name="")
    (by_name,) = ping([partner_member], actor=named, actor_organisation=partner_org)
    (by_nameless,) = ping([partner_member], actor=nameless, actor_organisation=partner_org)
    with translation.override("en"):
        assert by_name.title == f"Sara Peeters ({partner_org.name}) pinged “Speelpleinwerking”"
        assert by_nameless.title == f"a member of {partner_org.name} pinged “Speelpleinwerking”"
    assert nameless.email not in by_nameless.title


def test_it_reads_in_the_readers_language_after_a_switch(partner_org, partner_member):
    (row,) = ping([partner_member], actor=factories.member(partner_org, full_name=""), actor_organisation=partner_org)
    row = Notification.objects.get(pk=row.pk)
    with translation.override("nl"):
        dutch = row.title
    with translation.override("en"):
        english = row.title
    assert dutch != english
    assert dutch.startswith(f"een lid van {partner_org.name}")


def test_immediate_mail_follows_the_preference_of_each_person(partner_org, django_capture_on_commit_callbacks):
    action_default, daily_default, chose_off, chose_now = (factories.member(partner_org) for _i in range(4))
    Preference.objects.create(user=chose_off, category="action_needed", frequency=Frequency.OFF)
    Preference.objects.create(user=chose_now, category="signals", frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify("tests.approve", [action_default, chose_off], params={"thing": "x"})
        ping([daily_default, chose_now])
    assert sorted(message.to[0] for message in mail.outbox) == sorted([action_default.email, chose_now.email])
    message = next(m for m in mail.outbox if m.to == [chose_now.email])
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/meldingen/afmelden/" in message.extra_headers["List-Unsubscribe"]
    assert "/meldingen/afmelden/" in message.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_the_mail_is_in_the_recipients_language(partner_org, django_capture_on_commit_callbacks):
    dutch = factories.member(partner_org, preferred_language="nl")
    english = factories.member(partner_org, preferred_language="en")
    actor = factories.member(partner_org, full_name="")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            "tests.approve", [dutch, english], actor=actor, actor_organisation=partner_org, params={"thing": "x"}
        )
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[dutch.email].startswith("een lid van")
    assert subjects[english.email].startswith("a member of")


class TestUnsubscribe:
    def test_the_link_works_without_login_and_only_for_its_category(self, client, partner_member):
        url = reverse("notifications:unsubscribe", args=[unsubscribe_token(partner_member.pk, "signals")])
        page = client.get(url)
        assert page.status_code == 200
        assert not Preference.objects.exists()  # looking at the page changes nothing
        assert client.post(url).status_code == 200
        assert services.preferences_for(partner_member)["signals"] == Frequency.OFF
        assert services.preferences_for(partner_member)["action_needed"] == Frequency.IMMEDIATE
        assert services.preferences_for(partner_member)["covenants"] == Frequency.DAILY

    def test_one_click_post_of_rfc_8058(self, client, partner_member):
        url = reverse("notifications:unsubscribe", args=[unsubscribe_token(partner_member.pk, "covenants")])
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert services.preferences_for(partner_member)["covenants"] == Frequency.OFF

    @pytest.mark.parametrize(
        "token",
        [
            "forged",
            "eyJ1IjoxLCJjIjoic2lnbmFscyJ9:1abcde:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ],
    )
    def test_a_forged_link_changes_nothing(self, client, partner_member, token):
        response = client.post(reverse("notifications:unsubscribe", args=[token]))
        assert response.status_code == 404
        assert not Preference.objects.exists()

    def test_a_token_for_one_person_cannot_be_turned_into_another(self, client, partner_member, partner_admin):
        token = unsubscribe_token(partner_member.pk, "signals")
        value, signature = token.rsplit(":", 1)[0], token.rsplit(":", 1)[1]
        tampered = unsubscribe_token(partner_admin.pk, "signals").rsplit(":", 1)[0] + ":" + signature
        assert value != tampered.rsplit(":", 1)[0]
        assert client.post(reverse("notifications:unsubscribe", args=[tampered])).status_code == 404
        assert not Preference.objects.exists()


class TestDigests:
    def test_two_days_and_a_second_run_that_sends_nothing(self, partner_org, django_capture_on_commit_callbacks):
        reader = factories.member(partner_org)
        weekly = factories.member(partner_org)
        Preference.objects.create(user=weekly, category="signals", frequency=Frequency.WEEKLY)
        with time_machine.travel("2026-11-02 09:00 +01:00", tick=False):  # a Monday
            ping([reader, weekly])
            ping([reader], params={"thing": "Tweede"})
        with time_machine.travel("2026-11-03 07:00 +01:00", tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                assert send_digests("daily") == 1
                assert send_digests("daily") == 0
            assert [m.to for m in mail.outbox] == [[reader.email]]
            assert "Speelpleinwerking" in mail.outbox[0].body and "Tweede" in mail.outbox[0].body
            assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            ping([reader], params={"thing": "Derde"})
        with time_machine.travel("2026-11-04 07:00 +01:00", tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                assert send_digests("daily") == 1
                assert send_digests("daily") == 0
            assert len(mail.outbox) == 2
            assert "Derde" in mail.outbox[1].body and "Speelpleinwerking" not in mail.outbox[1].body
        with time_machine.travel("2026-11-09 07:00 +01:00", tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                assert send_digests("weekly") == 1
                assert send_digests("weekly") == 0
            assert mail.outbox[-1].to == [weekly.email]
        assert Digest.objects.count() == 3

    def test_read_notifications_are_left_out_and_nobody_gets_an_empty_digest(self, partner_member):
        (row,) = ping([partner_member])
        services.mark_read(partner_member, row.pk)
        assert send_digests("daily") == 0
        assert not Digest.objects.exists()

    def test_only_one_digest_per_person_period_and_category_in_the_database(self, partner_member):
        Digest.objects.create(
            recipient=partner_member, period="daily", period_start=timezone.localdate(), category="signals"
        )
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            Digest.objects.create(
                recipient=partner_member, period="daily", period_start=timezone.localdate(), category="signals"
            )

    def test_read_notifications_older_than_a_year_are_removed(self, partner_member):
        old, recent, unread = ping([partner_member]), ping([partner_member]), ping([partner_member])
        Notification.objects.filter(pk=old[0].pk).update(read_at=timezone.now() - timedelta(days=400))
        Notification.objects.filter(pk=recent[0].pk).update(read_at=timezone.now() - timedelta(days=30))
        assert prune() == 1
        assert set(Notification.objects.values_list("pk", flat=True)) == {recent[0].pk, unread[0].pk}


class TestPages:
    def test_list_mark_read_and_mark_all_read(self, member_client, partner_member, partner_org):
        first, second = ping([partner_member]), ping([partner_member])
        page = member_client.get(reverse("notifications:list"))
        assert page.status_code == 200
        assert "pinged" in page.content.decode()
        member_client.post(reverse("notifications:mark_read", args=[first[0].pk]))
        assert Notification.objects.get(pk=first[0].pk).read_at is not None
        assert Notification.objects.get(pk=second[0].pk).read_at is None
        member_client.post(reverse("notifications:mark_all_read"))
        assert not Notification.objects.unread().exists()

    def test_someone_elses_notification_is_a_404(self, member_client, partner_admin):
        (theirs,) = ping([partner_admin])
        assert member_client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
        assert member_client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
        assert Notification.objects.get(pk=theirs.pk).read_at is None

    def test_opening_a_notification_marks_it_read_and_follows_its_link(self, member_client, partner_member):
        (row,) = ping([partner_member], url="/signalen/")
        response = member_client.get(reverse("notifications:open", args=[row.pk]))
        assert response.status_code == 302 and response["Location"] == "/signalen/"
        assert Notification.objects.get(pk=row.pk).read_at is not None

    def test_the_preferences_page_saves_and_refuses_bad_input(self, member_client, partner_member):
        url = reverse("notifications:preferences")
        choices = {
            "action_needed": "immediate",
            "signals": "weekly",
            "covenants": "off",
            "collaborations": "daily",
            "charter": "daily",
            "organisation": "daily",
        }
        assert member_client.post(url, choices).status_code == 302
        assert services.preferences_for(partner_member)["signals"] == "weekly"
        bad = member_client.post(url, {**choices, "signals": "hourly"})
        assert bad.status_code == 200
        assert services.preferences_for(partner_member)["signals"] == "weekly"

    @pytest.mark.parametrize("count", [1, 50])
    def test_the_list_keeps_a_constant_query_count(
        self, member_client, partner_member, count, django_assert_num_queries
    ):
        for _i in range(count):
            ping([partner_member])
        member_client.get(reverse("notifications:list"))  # warm the session and kept menus
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(reverse("notifications:list")).status_code == 200
        TestPages.counts[count] = len(queries)
        if len(TestPages.counts) == 2:
            assert TestPages.counts[1] == TestPages.counts[50]

    counts: dict = {}

    def test_the_bell_adds_at_most_one_query(self, member_client, partner_member, settings):
        ping([partner_member])
        member_client.get("/toegankelijkheid/")
        with CaptureQueriesContext(connection) as with_bell:
            page = member_client.get("/toegankelijkheid/")
        assert 'class="bell-count"' in page.content.decode()
        notification_queries = [q for q in with_bell.captured_queries if "notifications_notification" in q["sql"]]
        assert len(notification_queries) == 1


class TestApi:
    def test_the_callers_own_notifications_with_the_unread_filter(self, partner_member, partner_admin):
        mine_read, mine_unread = ping([partner_member]), ping([partner_member])
        ping([partner_admin])
        services.mark_read(partner_member, mine_read[0].pk)
        client = api_client_for(partner_member)
        body = client.get("/api/v1/notifications/").json()
        assert {row["id"] for row in body["results"]} == {mine_read[0].pk, mine_unread[0].pk}
        assert set(body["results"][0]) == {
            "id",
            "kind",
            "category",
            "created_at",
            "read_at",
            "title",
            "url",
            "object_type",
            "object_id",
        }
        unread = client.get("/api/v1/notifications/?unread=true").json()
        assert [row["id"] for row in unread["results"]] == [mine_unread[0].pk]
        assert client.get("/api/v1/notifications/?unread=maybe").status_code == 400

    def test_read_and_read_all(self, partner_member, partner_admin):
        (one,), (_two,), (theirs,) = ping([partner_member]), ping([partner_member]), ping([partner_admin])
        client = api_client_for(partner_member)
        assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
        assert client.post(f"/api/v1/notifications/{one.pk}/read/").json()["read_at"] is not None
        assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
        assert Notification.objects.get(pk=theirs.pk).read_at is None

    def test_preferences(self, partner_member):
        client = api_client_for(partner_member)
        assert client.get("/api/v1/notification-preferences/").json()["action_needed"] == "immediate"
        response = client.patch("/api/v1/notification-preferences/", {"signals": "weekly"}, format="json")
        assert response.status_code == 200 and response.json()["signals"] == "weekly"
        bad = client.patch("/api/v1/notification-preferences/", {"signals": "hourly"}, format="json")
        assert bad.status_code == 400
        assert services.preferences_for(partner_member)["signals"] == "weekly"

    def test_anonymous_callers_get_nothing(self, api_client):
        for url in ("/api/v1/notifications/", "/api/v1/todo/", "/api/v1/notification-preferences/"):
            assert api_client.get(url).status_code == 401

    @pytest.mark.parametrize("count", [1, 50])
    def test_the_list_keeps_a_constant_query_count(self, partner_member, count):
        for _i in range(count):
            ping([partner_member])
        client = api_client_for(partner_member)
        client.get("/api/v1/notifications/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/notifications/").status_code == 200
        TestApi.counts[count] = len(queries)
        if len(TestApi.counts) == 2:
            assert TestApi.counts[1] == TestApi.counts[50]

    counts: dict = {}
