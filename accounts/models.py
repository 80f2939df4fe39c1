import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from charter_portal.personal_data import validate_no_personal_data


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. Rights come from memberships of organisations."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True, validators=[validate_no_personal_data])
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("nl", _("Dutch")), ("en", _("English"))],
        default="nl",
        help_text=_("E-mails from the portal are sent in this language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    email_confirmed = models.BooleanField(
        _("e-mail address confirmed"),
        default=True,
        help_text=_(
            "Off for an account registered by its owner until they follow the link mailed to the address; until "
            "then the account cannot log in. Accounts made by invitation or by an admin need no confirmation."
        ),
    )
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("Whether the user can log into the Django admin site.")
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    erased_at = models.DateTimeField(
        _("erased"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the account was erased at its owner's request: name and address are gone."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        if self.erased_at:
            return self.former_member_label()
        return self.full_name or self.email

    def get_full_name(self):
        return str(self)

    def former_member_label(self) -> str:
        """How an erased account is named where it acted: "a former member of <organisation>" (the memberships stay,
        without a name or an address to lead back to the person); ended memberships count too."""
        memberships = self.memberships(manager="all_objects").select_related("organisation")
        names = sorted({membership.organisation.name for membership in memberships})
        if not names:
            return str(_("a former member of the portal"))
        return str(_("a former member of %(organisation)s")) % {"organisation": _(" and ").join(names)}

    def get_short_name(self):
        if self.erased_at:
            return self.former_member_label()
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def save(self, *args, **kwargs):
        # ``set_password`` leaves the new password in ``_password`` until the save: every way to change or reset
        # a password (the portal's pages, the admin, ``changepassword``) passes here, so API tokens end with it.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.revoke_all(user=self)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations that can still be accepted: not used, not withdrawn, not expired."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mailed, single-use invitation to join an organisation. Only a hash of the token is stored."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=[("admin", _("admin")), ("member", _("member"))], default="member"
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("nl", _("Dutch")), ("en", _("English"))],
        default="nl",
        help_text=_("The language of the invitation e-mail; a new account starts with it."),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("used by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_open(self) -> bool:
        return not self.is_used and self.revoked_at is None and not self.is_expired


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def revoke_all(self, *, user) -> int:
        """Revoke every active token of ``user`` (a password change or reset)."""
        return self.active().filter(user=user).update(revoked_at=timezone.now())

    def for_key(self, key: str):
        """The active token whose secret is ``key``, with its user, in one indexed query; ``None`` if there is none."""
        key_hash = ApiToken.hash_key(key)
        token = self.active().select_related("user").filter(key_hash=key_hash).first()
        # The index found the row by its hash; compare again in constant time so no timing tells how much matched.
        if token is None or not hmac.compare_digest(token.key_hash, key_hash):
            return None
        return token


class ApiToken(models.Model):
    """A named API key of one person. Only a SHA-256 of the secret is stored; the prefix identifies it on pages."""

    PREFIX_LENGTH = 8
    # ``last_used_at`` is written at most this often, not on every request.
    LAST_USED_PRECISION = timedelta(minutes=5)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script that uses it."),
        validators=[validate_no_personal_data],
    )
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        # The secret is 256 random bits, so a fast hash suffices: nobody can guess one from its hash.
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def mark_used(self) -> None:
        """Remember when the token was last used, writing at most once per ``LAST_USED_PRECISION``."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= self.LAST_USED_PRECISION:
            type(self).objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
