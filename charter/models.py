import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter import canonical
from charter_portal.concurrency import VersionedModel
from charter_portal.personal_data import validate_no_personal_data
from charter_portal.text_limits import LONG_TEXT, SHORT_TEXT


class ImmutableError(Exception):
    """Raised on any attempt to change what must never change (a published charter version, a chain entry)."""


def _english() -> bool:
    return (get_language() or "nl").startswith("en")


class CharterVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        """The version people sign now: the most recently published one."""
        return self.published().order_by("-published_on", "-pk").first()


class CharterVersion(VersionedModel):
    """One version of the charter text. Drafts may be edited; a published version never changes."""

    label = models.CharField(_("label"), max_length=50, unique=True, help_text=_("For example “2020” or “2026”."))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    introduction_nl = models.TextField(_("introduction (Dutch)"), max_length=LONG_TEXT)
    introduction_en = models.TextField(_("introduction (English)"), max_length=LONG_TEXT)
    text_hash = models.CharField(
        _("SHA-256 of the canonical text"), max_length=64, blank=True, help_text=_("Set when the version is published.")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CharterVersionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_published=False)
                | (models.Q(published_on__isnull=False) & ~models.Q(text_hash="")),
                name="published_version_has_date_and_hash",
            )
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if self._stored_is_published():
            raise ImmutableError("A published charter version never changes; publish a new version instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_is_published():
            raise ImmutableError("A published charter version is never deleted.")
        return super().delete(*args, **kwargs)

    def _stored_is_published(self) -> bool:
        if self.pk is None:
            return False
        return bool(type(self)._base_manager.filter(pk=self.pk).values_list("is_published", flat=True).first())

    @property
    def introduction(self) -> str:
        return self.introduction_en if _english() else self.introduction_nl

    @property
    def introduction_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.introduction.split("\n\n") if p.strip()]

    def compute_hash(self, articles=None) -> str:
        """The SHA-256 of this version's canonical text (see ``charter.canonical``)."""
        articles = self.articles.all() if articles is None else articles
        return canonical.charter_hash(
            label=self.label,
            introduction_nl=self.introduction_nl,
            introduction_en=self.introduction_en,
            articles=[a.as_canonical_dict() for a in articles],
        )


class Article(models.Model):
    """A vision point or working principle: a body text and, for some, a list of bullets.

    Edits of a draft's articles are guarded by the draft's own ``version`` (see ``views.edit_article``).
    """

    class Section(models.TextChoices):
        VISION = "vision", _("Shared vision")
        PRINCIPLE = "principle", _("Working principles")

    version = models.ForeignKey(
        CharterVersion, on_delete=models.CASCADE, related_name="articles", verbose_name=_("charter version")
    )
    section = models.CharField(_("section"), max_length=10, choices=Section.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_nl = models.TextField(_("text (Dutch)"), max_length=LONG_TEXT)
    body_en = models.TextField(_("text (English)"), max_length=LONG_TEXT)
    bullets_nl = models.JSONField(_("bullets (Dutch)"), default=list, blank=True)
    bullets_en = models.JSONField(_("bullets (English)"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "-section", "number"]  # "vision" sorts after "principle", hence descending
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["version", "section", "number"], name="one_article_per_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=10), name="article_number_1_to_10"),
        ]

    def __str__(self):
        if self.section == self.Section.VISION:
            return str(_("Vision point %(number)s") % {"number": self.number})
        return str(_("Working principle %(number)s") % {"number": self.number})

    def save(self, *args, **kwargs):
        if self._version_is_published():
            raise ImmutableError("The articles of a published charter version never change.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version_is_published():
            raise ImmutableError("The articles of a published charter version are never deleted.")
        return super().delete(*args, **kwargs)

    def _version_is_published(self) -> bool:
        return bool(
            CharterVersion._base_manager.filter(pk=self.version_id).values_list("is_published", flat=True).first()
        )

    @property
    def anchor(self) -> str:
        return f"{self.section}-{self.number}"

    @property
    def title(self) -> str:
        return self.title_en if _english() else self.title_nl

    @property
    def body(self) -> str:
        return self.body_en if _english() else self.body_nl

    @property
    def bullets(self) -> list[str]:
        return self.bullets_en if _english() else self.bullets_nl

    @property
    def heading(self) -> str:
        """The title if there is one, else the first sentence of the text (for the table of contents)."""
        if self.title:
            return self.title
        first = self.body.split(". ")[0].rstrip(":.")
        return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"

    def as_canonical_dict(self) -> dict:
        return {
            "section": self.section,
            "number": self.number,
            "title_nl": self.title_nl,
            "title_en": self.title_en,
            "body_nl": self.body_nl,
            "body_en": self.body_en,
            "bullets_nl": self.bullets_nl,
            "bullets_en": self.bullets_en,
        }


RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: easy to read aloud and type
RECEIPT_LENGTH = 12  # 60 bits


def new_receipt_code() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def normalise_receipt_code(text: str) -> str:
    """Accept what people type: lower case, spaces and dashes are fine."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


class ChainEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("Chain entries are never updated.")

    def delete(self):
        raise ImmutableError("Chain entries are never deleted.")

    def signatures(self):
        return self.filter(kind=ChainEntry.Kind.SIGN)

    def active(self):
        """Signatures that were not withdrawn."""
        return self.signatures().filter(withdrawal__isnull=True)


class ChainEntry(models.Model):
    """One append-only entry of the signature chain: a signature or a withdrawal.

    Never updated or deleted (the model refuses, and a database trigger refuses too). The ``entry_hash``
    covers every other column and the previous entry's hash (see ``charter.canonical``); ``hmac`` ties the
    entry to a key outside the database (see ``charter.anchors``).
    """

    class Kind(models.TextChoices):
        SIGN = "sign", _("signature")
        WITHDRAW = "withdraw", _("withdrawal")

    sequence = models.PositiveBigIntegerField(_("sequence number"), primary_key=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    receipt_code = models.CharField(_("receipt code"), max_length=RECEIPT_LENGTH, unique=True)
    charter_version = models.ForeignKey(
        CharterVersion, on_delete=models.PROTECT, related_name="chain_entries", verbose_name=_("charter version")
    )
    charter_hash = models.CharField(_("charter version hash"), max_length=64)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="charter_entries",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    signer_name = models.CharField(_("full name"), max_length=150)
    signer_role = models.CharField(
        _("role in the organisation"), max_length=150, validators=[validate_no_personal_data]
    )
    created_at = models.DateTimeField(_("time"))
    reason = models.TextField(_("reason"), blank=True, validators=[validate_no_personal_data], max_length=SHORT_TEXT)
    withdraws = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="withdrawal",
        verbose_name=_("withdrawn signature"),
    )
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64, unique=True)
    entry_hash = models.CharField(_("entry hash"), max_length=64, unique=True)
    # "<key id>:<HMAC-SHA256 of the entry hash>" under a key kept outside the database (charter/anchors.py). Set
    # once: the append-only trigger allows an UPDATE only to fill an empty one (charter/migrations/0006).
    hmac = models.CharField(_("HMAC"), max_length=100, blank=True, default="", editable=False)

    objects = ChainEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("signature chain entry")
        verbose_name_plural = _("signature chain entries")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="sign", withdraws__isnull=True))
                | (models.Q(kind="withdraw", withdraws__isnull=False) & ~models.Q(reason="")),
                name="chain_entry_kind_fields",
            ),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.get_kind_display()} {self.organisation_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("Chain entries are never updated.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("Chain entries are never deleted.")

    @property
    def is_signature(self) -> bool:
        return self.kind == self.Kind.SIGN

    @property
    def receipt_display(self) -> str:
        code = self.receipt_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    def payload(self) -> dict:
        return canonical.entry_payload(
            sequence=self.sequence,
            kind=self.kind,
            receipt_code=self.receipt_code,
            charter_version_id=self.charter_version_id,
            charter_hash=self.charter_hash,
            organisation_id=self.organisation_id,
            organisation_name=self.organisation_name,
            signer_user_id=self.signer_id,
            signer_name=self.signer_name,
            signer_role=self.signer_role,
            created_at=self.created_at,
            reason=self.reason,
            withdraws_sequence=self.withdraws_id,
            previous_hash=self.previous_hash,
        )

    def compute_hash(self) -> str:
        return canonical.sha256(self.payload())


class ChainHead(models.Model):
    """One row holding the chain's last sequence and hash. Appends lock it, so they happen one at a time."""

    sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=canonical.GENESIS_HASH)

    class Meta:
        verbose_name = _("signature chain head")
        verbose_name_plural = _("signature chain head")

    def __str__(self):
        return f"#{self.sequence}"
