"""The yearly reminder, as a notification kind (notifications app)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind

REMINDER = "diversity.report_open"

register_kind(
    REMINDER,
    category="organisation",
    title=_("The staff-diversity report for {year} is open: share your figures if you wish (voluntary)"),
)
