from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from charter_portal.text_limits import TEXT


class TranslatedNameMixin(models.Model):
    """Reference data carries its own Dutch and English names, so it reads well in both languages."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class Function(TranslatedNameMixin):
    """One of the four functions of youth welfare work: leisure, welfare, bridge, signal."""

    LEISURE = "leisure"
    WELFARE = "welfare"
    BRIDGE = "bridge"
    SIGNAL = "signal"
    ORDER = (LEISURE, WELFARE, BRIDGE, SIGNAL)

    code = models.CharField(_("code"), max_length=20, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description_nl = models.TextField(_("description (Dutch)"), blank=True, max_length=TEXT)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=TEXT)

    class Meta:
        ordering = ["position"]
        verbose_name = _("function")
        verbose_name_plural = _("functions")

    @property
    def description(self) -> str:
        return self.description_en if (get_language() or "nl").startswith("en") else self.description_nl


class Sector(TranslatedNameMixin):
    """A sector an organisation works in, or that a bridge offer links to (R9)."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
