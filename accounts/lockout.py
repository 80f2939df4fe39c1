"""How django-axes counts failed logins here: per (e-mail address as the login reads it, client address), with a
higher cap per client address over all e-mail addresses. Never per e-mail address alone, which would let anyone lock
a city admin out by typing wrong passwords for them.

Login finds the account case-insensitively (``User.objects.get_by_natural_key``), so the counter must too: otherwise
every capitalisation of an address gets its own five tries, and the right password with other capitals walks into
a locked account. ``settings.AXES_USERNAME_CALLABLE`` points to ``normalised_username``.

Axes has one failure limit for all its lockout parameters, so the per-address cap
(``settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS``) is this handler's: ``settings.AXES_HANDLER`` points to it.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def normalised_username(request, credentials=None):
    """The typed e-mail address without surrounding spaces, in one case.

    Upper- then lower-casing also folds characters that the database's case-insensitive match treats as one
    letter (``ſ`` and ``s``): counting a few spellings together is safe, counting them apart is not."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return value.strip().upper().lower() if isinstance(value, str) else value


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, which also locks a client address out after many failures over all accounts."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS:
            # Reported as the account limit reached: axes then refuses and shows its lockout page.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    @staticmethod
    def address_failures(request) -> int:
        """Recent failures from this client address, for every e-mail address it tried."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
