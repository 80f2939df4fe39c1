"""Filing, correcting and archiving staff-diversity reports; the yearly reminder."""

import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from charter_portal.concurrency import save_versioned
from charter_portal.personal_data import validate_no_personal_data
from diversity import categories
from diversity.events import REMINDER
from diversity.models import DiversityReport
from diversity.selectors import first_open_year
from notifications.services import notify
from organisations.models import Organisation
from organisations.selectors import members

User = get_user_model()
log = logging.getLogger("portal.diversity")

FIRST_YEAR = 2000


def report_validate(*, year: int, reference_date: date | None, totals: dict, counts: dict, narrative: str) -> None:
    """Refuse figures that do not hold together, a year that is not open and personal data in the narrative."""
    errors: dict[str, list] = {}
    if not FIRST_YEAR <= year <= first_open_year():
        errors.setdefault("year", []).append(
            _("A year's report opens on 1 January of the next year: choose a year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": first_open_year()}
        )
    if reference_date is not None and reference_date.year != year:
        errors.setdefault("reference_date", []).append(_("The reference date must fall in %(year)s.") % {"year": year})
    for key, message in categories.problems(totals, counts):
        errors.setdefault(key, []).append(message)
    try:
        validate_no_personal_data(narrative)
    except ValidationError as error:
        errors.setdefault("narrative", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)


def report_save(
    *,
    organisation: Organisation,
    year: int,
    by: User,
    reference_date: date,
    paid_staff: int,
    volunteers: int,
    leadership: int,
    counts: dict,
    narrative: str = "",
    expected_version: int | None = None,
    is_demo: bool = False,
) -> DiversityReport:
    """File the report of ``year``, or correct the one filed (the previous figures stay in its history)."""
    counts = {key: int(counts.get(key) or 0) for key in categories.entered_keys()}
    report_validate(
        year=year,
        reference_date=reference_date,
        totals={"staff": paid_staff, "leadership": leadership},
        counts=counts,
        narrative=narrative,
    )
    with transaction.atomic():
        report = (
            DiversityReport.objects.select_for_update()
            .filter(organisation=organisation, year=year, is_archived=False)
            .first()
        )
        if report is None:
            report = DiversityReport(organisation=organisation, year=year, created_by=by, is_demo=is_demo)
            expected_version = None
        report.reference_date = reference_date
        report.paid_staff = paid_staff
        report.volunteers = volunteers
        report.leadership = leadership
        report.counts = counts
        report.narrative = narrative
        report.updated_by = by
        report._history_user = by
        report._change_reason = "filed" if report.pk is None else "corrected"
        if report.pk is None:
            report.save()
        else:
            save_versioned(report, expected_version)
    return report


def report_archive(*, report: DiversityReport, by: User) -> DiversityReport:
    """Take a report out of every figure; it stays in the history (nothing is deleted)."""
    with transaction.atomic():
        report = DiversityReport.objects.select_for_update().get(pk=report.pk)
        if not report.is_archived:
            report.is_archived = True
            report.updated_by = by
            report._history_user = by
            report._change_reason = "archived"
            report.save(update_fields=["is_archived", "updated_by", "updated_at"])
    return report


def reminders_send(*, year: int | None = None) -> int:
    """Tell the admins of every approved, active organisation that ``year``'s report is open (default: the year
    that just ended); returns the number of people told. The notifications app stores one per person and year
    kind and e-mails those who chose so."""
    year = year or first_open_year()
    admins = members(organisation__is_active=True, organisation__is_approved=True, admins_only=True).exclude(
        notifications__kind=REMINDER, notifications__params__year=year
    )
    people = list(admins)
    notify(REMINDER, people, params={"year": year}, url=reverse("diversity:mine"))
    log.info("diversity reminder year=%s people=%s", year, len(people))
    return len(people)
