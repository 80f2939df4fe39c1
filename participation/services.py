"""Writes of the participation app: moments with their themes, concerns, wishes and quotes; citations; feedback."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charter_portal import caching
from charter_portal.concurrency import save_versioned
from participation.models import (
    AGE_BAND_FIELDS,
    MAX_QUOTES,
    MAX_RANKED,
    MomentPoint,
    MomentQuote,
    MomentTheme,
    OfferFeedback,
    ParticipationMoment,
    SignalCitation,
)


@dataclass(frozen=True)
class PointData:
    text: str
    function: object = None
    time_band: str = ""
    neighbourhood: object = None


@dataclass(frozen=True)
class QuoteData:
    text: str
    is_public: bool = False


def moment_problems(moment: ParticipationMoment, *, neighbourhoods, themes: dict) -> dict[str, list[str]]:
    """The charter's rules for a moment, per field, in the person's language (empty: the moment may be saved)."""
    errors: dict[str, list[str]] = {}
    if moment.held_on and moment.held_on > timezone.localdate():
        errors.setdefault("held_on", []).append(_("A moment cannot lie in the future."))
    has_area = bool(neighbourhoods) or moment.movement_circle_id is not None
    if moment.city_wide and has_area:
        errors.setdefault("city_wide", []).append(
            _("A city-wide moment names no neighbourhood or movement circle; untick city-wide or remove them.")
        )
    elif not moment.city_wide and not has_area:
        errors.setdefault("neighbourhoods", []).append(
            _("Choose the neighbourhoods or the movement circle of the moment, or tick city-wide.")
        )
    elif neighbourhoods and moment.movement_circle_id is not None:
        errors.setdefault("neighbourhoods", []).append(_("Choose neighbourhoods or one movement circle, not both."))
    participants = moment.participants
    if participants < 1:
        errors.setdefault(AGE_BAND_FIELDS["12_15"], []).append(_("Give how many young people took part, per age band."))
    for code, raised_by in themes.items():
        if raised_by > participants:
            errors.setdefault(f"theme_{code}", []).append(
                _("More young people raised this theme than took part (%(n)s).") % {"n": participants}
            )
    if not moment.confirmed_not_identifying:
        errors.setdefault("confirmed_not_identifying", []).append(
            _("Confirm that nothing in this moment identifies a child or young person.")
        )
    return errors


@caching.bumps("participation")
def moment_save(
    *,
    moment: ParticipationMoment,
    by,
    expected_version: int | None,
    neighbourhoods,
    themes: dict,
    concerns: list[PointData],
    wishes: list[PointData],
    quotes: list[QuoteData],
) -> ParticipationMoment:
    """Create or change a moment and replace what young people said in it; every aggregate follows at once."""
    errors = moment_problems(moment, neighbourhoods=neighbourhoods, themes=themes)
    if len(concerns) > MAX_RANKED or len(wishes) > MAX_RANKED:
        errors.setdefault("__all__", []).append(_("At most five concerns and five wishes."))
    if len(quotes) > MAX_QUOTES:
        errors.setdefault("__all__", []).append(_("At most five quotes."))
    try:
        moment.full_clean(exclude=["created_by", "organisation"], validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    rows = [
        MomentPoint(
            kind=kind,
            rank=rank,
            text=p.text,
            function=p.function,
            time_band=p.time_band or "",
            neighbourhood=p.neighbourhood,
        )
        for kind, points in ((MomentPoint.Kind.CONCERN, concerns), (MomentPoint.Kind.WISH, wishes))
        for rank, p in enumerate(points, start=1)
    ]
    quote_rows = [MomentQuote(position=i, text=q.text, is_public=q.is_public) for i, q in enumerate(quotes, start=1)]
    for row in (*rows, *quote_rows):
        try:
            row.clean_fields(exclude=["moment"])
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                errors.setdefault("__all__", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if moment.pk is None:
            moment.created_by = by
        save_versioned(moment, expected_version if moment.pk else None)
        moment.neighbourhoods.set(neighbourhoods)
        moment.themes.all().delete()
        MomentTheme.objects.bulk_create(
            MomentTheme(moment=moment, code=code, raised_by=n) for code, n in themes.items() if n
        )
        moment.points.all().delete()
        for row in rows:
            row.moment = moment
        MomentPoint.objects.bulk_create(rows)
        moment.quotes.all().delete()
        for row in quote_rows:
            row.moment = moment
        MomentQuote.objects.bulk_create(quote_rows)
    return moment


@caching.bumps("participation")
def moment_archive(*, moment: ParticipationMoment, expected_version: int | None) -> None:
    """Archive a moment: it leaves every aggregate; its record stays for the organisation."""
    moment.is_archived = True
    save_versioned(moment, expected_version, update_fields=["is_archived"])


@caching.bumps("participation")
def citations_set(*, signal, moment_ids, by) -> None:
    """The moments a signal cites: only moments of the signal's reporting organisation that are not archived."""
    allowed = set(
        ParticipationMoment.objects.active()
        .filter(organisation_id=signal.organisation_id, pk__in=moment_ids)
        .values_list("pk", flat=True)
    )
    if set(moment_ids) - allowed:
        raise ValidationError({"moments": [_("A signal can only cite moments of its own organisation.")]})
    with transaction.atomic():
        SignalCitation.objects.filter(signal=signal).exclude(moment_id__in=allowed).delete()
        existing = set(SignalCitation.objects.filter(signal=signal).values_list("moment_id", flat=True))
        SignalCitation.objects.bulk_create(
            SignalCitation(signal=signal, moment_id=pk, cited_by=by) for pk in sorted(allowed - existing)
        )


# Anonymous feedback ----------------------------------------------------------------------------------------

# One answer per offer per device a day; an address (a youth house's wifi serves a whole group) a few more.
FEEDBACK_PER_DEVICE = 1
FEEDBACK_PER_ADDRESS = 10
_DAY = 24 * 60 * 60


class FeedbackLimit(Exception):
    """This device or address already answered for this offer today."""


def _daily_salt(day) -> str:
    """A random salt per day, shared by every process through the cache and gone after it: yesterday's hashes
    cannot be linked to today's, and an address cannot be found again by trying every address."""
    key = f"participation:feedback-salt:{day.isoformat()}"
    cache.add(key, secrets.token_hex(32), timeout=_DAY + 3600)
    return cache.get(key) or secrets.token_hex(32)


def _hashed(kind: str, value: str, offer_id: int, day) -> str:
    digest = hmac.new(_daily_salt(day).encode(), f"{kind}:{offer_id}:{value}".encode(), hashlib.sha256)
    return f"participation:feedback:{kind}:{digest.hexdigest()}"


def _take(key: str, limit: int) -> bool:
    """Count one use of ``key`` within 24 hours; False when the limit is already reached."""
    if cache.add(key, 1, timeout=_DAY):
        return True
    try:
        used = cache.incr(key)
    except ValueError:
        cache.add(key, 1, timeout=_DAY)
        return True
    return used <= limit


def feedback_give(*, offer, rating: int, comes_back: bool | None, address: str, device: str) -> OfferFeedback:
    """Store one anonymous answer. Only salted daily hashes of the address and the device are kept, in the cache,
    for 24 hours, to limit answers; nothing about who answered reaches the database."""
    if rating not in OfferFeedback.Rating.values:
        raise ValidationError({"rating": [_("Choose one of the five faces.")]})
    day = timezone.localdate()
    # A caller without a device token (an API client that keeps none) is limited by its address alone.
    limits = [(_hashed("address", address or "", offer.pk, day), FEEDBACK_PER_ADDRESS)]
    if device:
        limits.append((_hashed("device", device, offer.pk, day), FEEDBACK_PER_DEVICE))
    if any(cache.get(key, 0) >= limit for key, limit in limits):
        raise FeedbackLimit
    if not all(_take(key, limit) for key, limit in limits):
        raise FeedbackLimit
    return OfferFeedback.objects.create(offer=offer, given_on=day, rating=rating, comes_back=comes_back)


FEEDBACK_THRESHOLD = 5


def new_device_token() -> str:
    return secrets.token_urlsafe(24)


def feedback_cookie_name() -> str:
    return "__Host-youth-device" if not settings.DEBUG else "youth-device"
