"""The portal's one way to send e-mail.

``send_portal_mail()`` renders the subject and body in the recipient's language while the caller's objects
are at hand, and once the transaction commits it enqueues ``send_mail_task`` on Django's Tasks framework
(settings ``TASKS``: stored in the database and run by ``manage.py db_worker`` in production, run at once
in development and tests). So no mail leaves for a write that rolled back, and SMTP never runs in a
production request. One failure policy: an SMTP or network error (``OSError``) is tried once more, a minute
later where the backend can defer (else right away), then logged on ``portal.mail`` with the kind of mail
and the number of recipients only; no address or text is logged and nothing is raised.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger("portal.mail")

ATTEMPTS = 2
RETRY_DELAY = timedelta(minutes=1)


def render_subject(template: str, context: dict) -> str:
    """A subject template rendered to one line (a header cannot hold a line break)."""
    return " ".join(render_to_string(template, context).split())


def send_portal_mail(
    *,
    to: str | Iterable[str],
    language: str | None,
    template: str | None = None,
    subject_template: str | None = None,
    body_template: str | None = None,
    context: dict | None = None,
    subject: str | None = None,
    body: str | None = None,
    kind: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one message to ``to`` in ``language``, after commit and off the request.

    Give templates, rendered with ``context`` plus ``site_url`` (``template="x"`` stands for ``x_subject.txt``
    and ``x_body.txt``), or a ready ``subject``/``body``; ``kind`` names the mail in logs (default: the template);
    ``headers`` are extra message headers (``List-Unsubscribe`` of a notification e-mail).
    """
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    if template:
        subject_template = subject_template or f"{template}_subject.txt"
        body_template = body_template or f"{template}_body.txt"
    context = {"site_url": settings.SITE_URL, **(context or {})}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = str(subject) if subject is not None else render_subject(subject_template, context)
        body = str(body) if body is not None else render_to_string(body_template, context)
    kind = kind or template or body_template or "mail"
    message = {"kind": kind, "to": recipients, "subject": subject, "body": body}
    if headers:
        message["headers"] = dict(headers)

    def enqueue():
        try:
            send_mail_task.enqueue(**message)
        except Exception as exc:  # a queue that is down must not fail the committed request
            logger.error("%s e-mail to %d recipient(s) could not be queued (%s)", kind, len(recipients), _name(exc))

    transaction.on_commit(enqueue)


@task
def send_mail_task(
    *, kind: str, to: list[str], subject: str, body: str, attempt: int = 1, headers: dict | None = None
) -> str:
    """Send one message; on an SMTP/network error retry once, then log the failure (see the module doc)."""
    try:
        if headers:
            EmailMessage(subject, body, None, to, headers=headers).send()
        else:
            send_mail(subject, body, None, to)
    except OSError as exc:  # smtplib.SMTPException is an OSError, so are refused connections and timeouts
        message = {"kind": kind, "to": to, "subject": subject, "body": body}
        if headers:
            message["headers"] = headers
        if attempt < ATTEMPTS:
            if send_mail_task.get_backend().supports_defer:
                logger.warning(
                    "%s e-mail to %d recipient(s) failed (%s); retrying in %d s",
                    kind,
                    len(to),
                    _name(exc),
                    RETRY_DELAY.total_seconds(),
                )
                send_mail_task.using(run_after=timezone.now() + RETRY_DELAY).enqueue(**message, attempt=attempt + 1)
                return "retrying"
            logger.warning("%s e-mail to %d recipient(s) failed (%s); retrying now", kind, len(to), _name(exc))
            return send_mail_task.call(**message, attempt=attempt + 1)
        # Only the exception's class: its text can hold the refused addresses.
        logger.error(
            "%s e-mail to %d recipient(s) was not sent after %d attempts (%s)", kind, len(to), attempt, _name(exc)
        )
        return "failed"
    return "sent"


def _name(exc: BaseException) -> str:
    return f"{type(exc).__module__}.{type(exc).__qualname__}"
