"""Writes of the charter app: publishing a version, signing, withdrawing (each appends to the hash chain)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from charter import anchors, events
from charter.models import Article, ChainEntry, ChainHead, CharterVersion, new_receipt_code
from charter.rules import can_manage_versions, can_sign_for, can_withdraw
from charter_portal import caching
from charter_portal.errors import StepNotAllowed
from charter_portal.mail import send_portal_mail
from charter_portal.permissions import actor_for
from charter_portal.personal_data import validate_no_personal_data


def _append_entry(**fields) -> ChainEntry:
    """Append one entry to the chain. The locked head row serialises concurrent appends."""
    with transaction.atomic():
        head, _created = ChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = ChainEntry(sequence=head.sequence + 1, previous_hash=head.last_hash, **fields)
        for _attempt in range(5):
            if not ChainEntry.objects.filter(receipt_code=entry.receipt_code).exists():
                break
            entry.receipt_code = new_receipt_code()
        entry.entry_hash = entry.compute_hash()
        entry.hmac = anchors.entry_hmac(entry.entry_hash)
        entry.save()
        head.sequence = entry.sequence
        head.last_hash = entry.entry_hash
        head.save(update_fields=["sequence", "last_hash"])
    return entry


@caching.bumps("charter")
def charter_sign(
    *,
    organisation,
    user,
    signer_name: str,
    signer_role: str,
    authorised: bool,
    password: str,
    version: CharterVersion | None = None,
) -> ChainEntry:
    """Sign the current (or given published) charter version for ``organisation``; e-mail the receipt."""
    actor = actor_for(user)
    if not can_sign_for(actor, organisation):
        if not organisation.can_act:
            raise StepNotAllowed(_("Only approved organisations can sign the charter."))
        raise StepNotAllowed(_("You can only sign for an organisation you are an admin of."))
    if not authorised:
        raise StepNotAllowed(_("Confirm that you are authorised to sign on behalf of the organisation."))
    if not user.check_password(password or ""):
        raise StepNotAllowed(_("The password is not correct."))
    signer_name, signer_role = (signer_name or "").strip(), (signer_role or "").strip()
    if not signer_name or not signer_role:
        raise StepNotAllowed(_("Fill in your full name and your role in the organisation."))
    version = version or CharterVersion.objects.current()
    if version is None or not version.is_published:
        raise StepNotAllowed(_("There is no published charter version to sign."))
    with transaction.atomic():
        # Taking the chain lock first makes the "already signed" check and the append one step.
        ChainHead.objects.select_for_update().get_or_create(pk=1)
        if ChainEntry.objects.active().filter(organisation=organisation, charter_version=version).exists():
            raise StepNotAllowed(
                _("%(organisation)s has already signed this version of the charter.")
                % {"organisation": organisation.name}
            )
        entry = _append_entry(
            kind=ChainEntry.Kind.SIGN,
            receipt_code=new_receipt_code(),
            charter_version=version,
            charter_hash=version.text_hash,
            organisation=organisation,
            organisation_name=organisation.name,
            signer=user,
            signer_name=signer_name,
            signer_role=signer_role,
            created_at=timezone.now(),
        )
    _send_receipt(entry, user)
    return entry


@caching.bumps("charter")
def charter_withdraw(*, signature: ChainEntry, user, reason: str) -> ChainEntry:
    """Withdraw an active signature with a reason: a new chain entry; the signature itself stays."""
    if not can_withdraw(actor_for(user), signature):
        raise StepNotAllowed(_("You can only withdraw a signature of an organisation you are an admin of."))
    if not signature.is_signature:
        raise StepNotAllowed(_("Only a signature can be withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise StepNotAllowed(_("Give the reason for the withdrawal."))
    try:
        validate_no_personal_data(reason)
    except ValidationError as exc:
        raise StepNotAllowed(exc.messages[0]) from exc
    with transaction.atomic():
        ChainHead.objects.select_for_update().get_or_create(pk=1)
        if ChainEntry.objects.filter(withdraws=signature).exists():
            raise StepNotAllowed(_("This signature has already been withdrawn."))
        try:
            entry = _append_entry(
                kind=ChainEntry.Kind.WITHDRAW,
                receipt_code=new_receipt_code(),
                charter_version_id=signature.charter_version_id,
                charter_hash=signature.charter_hash,
                organisation_id=signature.organisation_id,
                organisation_name=signature.organisation_name,
                signer=user,
                signer_name=user.get_full_name(),
                signer_role=signature.signer_role if signature.signer_id == user.pk else "",
                created_at=timezone.now(),
                reason=reason,
                withdraws=signature,
            )
        except IntegrityError as exc:  # the one-to-one on ``withdraws``: withdrawn in the meantime
            raise StepNotAllowed(_("This signature has already been withdrawn.")) from exc
    return entry


def _send_receipt(entry: ChainEntry, user) -> None:
    """E-mail the receipt in the signer's preferred language, after commit: a mail failure never undoes a signature."""
    language = getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = str(_("Your receipt for signing the youth work charter: %(code)s") % {"code": entry.receipt_display})
    send_portal_mail(
        to=user.email,
        language=language,
        subject=subject,
        body_template="charter/email/receipt.txt",
        context={
            "entry": entry,
            "verify_url": settings.SITE_URL + reverse("charter:verify_code", args=[entry.receipt_code]),
            "certificate_url": settings.SITE_URL + reverse("charter:certificate", args=[entry.receipt_code]),
        },
    )


@caching.bumps("charter")
def charter_version_draft(*, source: CharterVersion, label: str, by) -> CharterVersion:
    """A new draft version, a copy of ``source`` to edit before publishing."""
    if not can_manage_versions(actor_for(by)):
        raise StepNotAllowed(_("Only city admins manage charter versions."))
    label = (label or "").strip()
    if not label:
        raise StepNotAllowed(_("Give the new version a label."))
    if CharterVersion.objects.filter(label=label).exists():
        raise StepNotAllowed(_("A version with this label already exists."))
    with transaction.atomic():
        draft = CharterVersion.objects.create(
            label=label, introduction_nl=source.introduction_nl, introduction_en=source.introduction_en
        )
        for article in source.articles.all():
            Article.objects.create(version=draft, **article.as_canonical_dict())
    return draft


@caching.bumps("charter")
def charter_version_publish(*, version: CharterVersion, by) -> CharterVersion:
    """Publish a draft: it gets its hash and publication date, becomes current, and never changes again."""
    if not can_manage_versions(actor_for(by)):
        raise StepNotAllowed(_("Only city admins publish charter versions."))
    with transaction.atomic():
        version = CharterVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_published:
            raise StepNotAllowed(_("This version is already published."))
        articles = list(version.articles.all())
        counts = {section: sum(1 for a in articles if a.section == section) for section in Article.Section.values}
        if any(n != 10 for n in counts.values()):
            raise StepNotAllowed(_("A charter version needs 10 vision points and 10 working principles."))
        version.text_hash = version.compute_hash(articles)
        version.published_on = timezone.localdate()
        version.published_by = by
        version.is_published = True
        version.save()
        events.version_published(version, by=by)
    return version
