"""Filter widgets shared by the list pages of every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


def any_yes_no() -> forms.Select:
    """A select that reads "Any / Yes / No" instead of Django's "Unknown / Yes / No"."""
    return forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
