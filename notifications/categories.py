"""The kinds of e-mail a person can choose, and how often."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    ACTION_NEEDED = "action_needed", _("Action needed (approvals, invitations, deadlines)")
    SIGNALS = "signals", _("Signals")
    COVENANTS = "covenants", _("Covenants")
    COLLABORATIONS = "collaborations", _("Collaborations")
    CHARTER = "charter", _("Charter")
    ORGANISATION = "organisation", _("Your organisation")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("No e-mail")
