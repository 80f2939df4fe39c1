"""Every e-mail leaves through charter_portal/mail.py: after commit, as a task, with one retry and a log
line without personal data when the mail server fails; production never sends inside a request."""

import signal as os_signal
import smtplib
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from charter_portal import mail as portal_mail
from charter_portal.checks import mail_off_the_request
from organisations.models import Organisation
from tests import factories
from tests.core.test_settings import PRODUCTION, _manage

APPROVALS = "/organisaties/goedkeuringen/"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient; counts how often it was asked."""

    attempts = 0

    def send_messages(self, email_messages):
        type(self).attempts += 1
        # The exception's text holds the address, as a real refusal does: it must not reach the log.
        raise smtplib.SMTPRecipientsRefused({email_messages[0].to[0]: (550, b"mailbox unavailable")})


@pytest.fixture
def failing_mail_server(settings):
    FailingBackend.attempts = 0
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    return FailingBackend


@pytest.fixture
def pending(db):
    organisation = factories.organisation(name="Wachtend Initiatief", is_approved=False)
    registrant = factories.admin_of(organisation, email="registrant@wachtend.example", preferred_language="en")
    return organisation, registrant


def approve(client, organisation):
    return client.post(f"{APPROVALS}{organisation.slug}/goedkeuren/", {"version": organisation.version})


def run_worker():
    """The production worker, in this process, until no task is ready (its signal handlers put back after)."""
    handlers = {sig: os_signal.getsignal(sig) for sig in (os_signal.SIGINT, os_signal.SIGTERM, os_signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, reload=False, startup_delay=False, stdout=StringIO())
    finally:
        for sig, handler in handlers.items():
            os_signal.signal(sig, handler)


def mail_log(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name == "portal.mail")


# --- a failing mail server never fails a request ---------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # real commits: the mail task runs after the approval committed
def test_it_answers_the_approval_and_keeps_it_when_the_mail_server_fails(
    city_admin_client, pending, failing_mail_server, caplog
):
    organisation, _registrant = pending
    response = approve(city_admin_client, organisation)
    assert response.status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).is_approved
    # The immediate backend has no deferral: the second attempt follows at once, then the failure is logged.
    assert failing_mail_server.attempts == 2
    assert mail.outbox == []
    assert "notification organisations.approved e-mail to 1 recipient(s) was not sent after 2 attempts" in mail_log(
        caplog
    )


# --- the database backend keeps the mail until the worker sends it ----------------------------------------


@pytest.mark.django_db(transaction=True)  # the worker commits as in production
def test_it_stores_the_mail_as_a_task_until_the_worker_sends_it(city_admin_client, pending, settings):
    settings.TASKS = DATABASE_TASKS
    organisation, registrant = pending
    assert approve(city_admin_client, organisation).status_code == 302
    assert mail.outbox == []
    stored = DBTaskResult.objects.get()
    assert stored.task_path == "charter_portal.mail.send_mail_task"

    run_worker()

    assert [m.to for m in mail.outbox] == [[registrant.email]]
    assert mail.outbox[0].subject == "Wachtend Initiatief is approved in the charter portal"
    stored.refresh_from_db()
    assert stored.status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_it_retries_a_failed_mail_once_a_minute_later_then_logs_it_without_personal_data(
    city_admin_client, pending, settings, failing_mail_server, caplog
):
    settings.TASKS = DATABASE_TASKS
    organisation, registrant = pending
    assert approve(city_admin_client, organisation).status_code == 302

    run_worker()
    assert failing_mail_server.attempts == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=30)
    run_worker()  # not due yet
    assert failing_mail_server.attempts == 1

    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        run_worker()
    assert failing_mail_server.attempts == 2
    assert not DBTaskResult.objects.filter(status="READY").exists()  # no third attempt
    log = mail_log(caplog)
    assert "notification organisations.approved e-mail to 1 recipient(s) failed (smtplib.SMTPRecipientsRefused)" in log
    assert "was not sent after 2 attempts (smtplib.SMTPRecipientsRefused)" in log
    assert "@" not in log and registrant.email not in caplog.text
    assert mail.outbox == []


def test_it_sends_nothing_for_a_write_that_rolled_back(pending, city_admin, django_capture_on_commit_callbacks):
    from django.db import transaction

    from organisations.services import organisation_approve

    organisation, _ = pending
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        organisation_approve(organisation=organisation, by=city_admin)
        raise RuntimeError("the request failed after the service")
    assert mail.outbox == []


# --- every sender goes through the helper -----------------------------------------------------------------


class QueueSpy:
    """Stands in for the mail task: records what would be queued, sends nothing."""

    def __init__(self):
        self.queued = []

    def enqueue(self, **message):
        self.queued.append(message)


def _sign_charter(*, partner_org, partner_admin, **_):
    from tests.signals.conftest import sign_charter

    sign_charter(partner_org, partner_admin)
    return "charter/email/receipt.txt", [partner_admin.email]


def _submit_covenant(*, city_org, partner_org, city_staff, partner_admin, **_):
    from covenants import services
    from covenants.models import Side
    from tests.covenants.conftest import fill_draft, make_covenant

    covenant = make_covenant(city_org, partner_org, by=city_staff)
    fill_draft(covenant.versions.get(number=1))
    services.version_submit(terms=covenant.versions.get(number=1), by=city_staff, side=Side.CITY)
    return "notification covenants.version_submitted", [partner_admin.email]


def _report_signal(*, partner_org, partner_member, **_):
    from tests.signals.conftest import report

    report(partner_member, partner_org)
    return "signals/email/step.txt", [partner_member.email]


def _approve_organisation(*, city_admin, **_):
    from organisations.services import organisation_approve

    organisation = factories.organisation(name="Wachtend Initiatief", is_approved=False)
    registrant = factories.admin_of(organisation, email="registrant@wachtend.example")
    organisation_approve(organisation=organisation, by=city_admin)
    return "notification organisations.approved", [registrant.email]


def _reset_password(*, client, partner_member, **_):
    response = client.post("/account/wachtwoord-vergeten/", {"email": partner_member.email})
    assert response.status_code == 302
    return "accounts/email/password_reset_body.txt", [partner_member.email]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "flow", [_sign_charter, _submit_covenant, _report_signal, _approve_organisation, _reset_password]
)
def test_every_sender_queues_its_mail_through_the_helper_after_commit(
    flow,
    monkeypatch,
    django_capture_on_commit_callbacks,
    client,
    city_org,
    partner_org,
    city_admin,
    city_staff,
    partner_admin,
    partner_member,
):
    spy = QueueSpy()
    monkeypatch.setattr(portal_mail, "send_mail_task", spy)
    with django_capture_on_commit_callbacks(execute=True):
        kind, recipients = flow(
            client=client,
            city_org=city_org,
            partner_org=partner_org,
            city_admin=city_admin,
            city_staff=city_staff,
            partner_admin=partner_admin,
            partner_member=partner_member,
        )
        assert spy.queued == []  # nothing before the commit
    assert [(m["kind"], m["to"]) for m in spy.queued] == [(kind, recipients)]
    assert spy.queued[0]["subject"] and spy.queued[0]["body"]
    assert mail.outbox == []  # nothing went around the helper


# --- the deploy check -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend", ["django.tasks.backends.immediate.ImmediateBackend", "django.tasks.backends.dummy.DummyBackend"]
)
def test_the_deploy_check_warns_when_production_would_send_mail_inside_requests(backend, settings):
    settings.DEBUG = False
    settings.TASKS = {"default": {"BACKEND": backend}}
    assert [w.id for w in mail_off_the_request(None)] == ["portal.W002"]
    settings.DEBUG = True
    assert mail_off_the_request(None) == []
    settings.DEBUG = False
    settings.TASKS = DATABASE_TASKS
    assert mail_off_the_request(None) == []


@pytest.mark.django_db
def test_check_deploy_warns_of_the_immediate_backend_in_production():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **{**PRODUCTION, "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    )
    assert result.returncode != 0
    assert "portal.W002" in result.stderr + result.stdout
