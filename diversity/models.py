from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import TEXT
from diversity import categories


class ReportQuerySet(models.QuerySet):
    def current(self):
        """Reports that count: not archived, of approved, active organisations."""
        return self.filter(is_archived=False, organisation__is_active=True, organisation__is_approved=True)


class DiversityReport(VersionedModel):
    """One organisation's voluntary staff-diversity report for one year: counts only, never a person."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="diversity_reports",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    reference_date = models.DateField(_("reference date"), help_text=_("The day the counts describe."))
    paid_staff = models.PositiveIntegerField(_("paid staff"), help_text=_("Everyone on the payroll that day."))
    volunteers = models.PositiveIntegerField(_("volunteers"))
    leadership = models.PositiveIntegerField(
        _("leadership"), help_text=_("The people on the board and in the coordination.")
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    narrative = models.TextField(
        _("what the organisation does for diversity"),
        blank=True,
        validators=[validate_no_personal_data],
        max_length=TEXT,
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("filed by")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("changed by")
    )
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["organisation__name", "-year"]
        verbose_name = _("staff-diversity report")
        verbose_name_plural = _("staff-diversity reports")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(is_archived=False),
                name="diversity_one_report_per_year",
            ),
            models.CheckConstraint(condition=models.Q(year__gte=2000), name="diversity_year_from_2000"),
        ]

    def __str__(self):
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self):
        return reverse("diversity:organisation", kwargs={"slug": self.organisation.slug})

    @property
    def totals(self) -> dict:
        return {"staff": self.paid_staff, "leadership": self.leadership}

    def figures(self) -> dict:
        """Every figure of the report, with each category's "not known" rest."""
        return categories.complete(self.totals, self.counts or {})


class PopulationReference(models.Model):
    """Reference figures for Ghent's population (share of a category, in %), imported by the city per year."""

    year = models.PositiveSmallIntegerField(_("year"))
    code = models.CharField(_("figure"), max_length=60, help_text=_("A cell of a category, e.g. gender_women."))
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=1)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Made-up demo values, not real figures for Ghent.")
    )

    class Meta:
        ordering = ["year", "code"]
        verbose_name = _("population reference figure")
        verbose_name_plural = _("population reference figures")
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="diversity_one_reference_per_code")]

    def __str__(self):
        return f"{self.year} {self.code} {self.share}%"
