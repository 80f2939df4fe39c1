"""Who may sign the charter, withdraw a signature, see a receipt and publish a charter version."""

from django.http import Http404

from charter_portal.permissions.core import Actor, actor_for, deny


def can_sign_for(actor: Actor, organisation) -> bool:
    """Organisation admins of an approved, active organisation (city services included)."""
    return organisation.can_act and (actor.is_admin_of(organisation.pk) or actor.is_superuser)


def signing_organisation_ids(actor: Actor) -> frozenset:
    """The organisations this person may sign for (the Actor only knows approved, active ones)."""
    return actor.admin_organisation_ids


def can_see_receipt(actor: Actor, entry) -> bool:
    """Members of the organisation and city staff see the private receipt page (codes are not listed publicly)."""
    return actor.is_member_of(entry.organisation_id) or actor.is_city_staff


def can_withdraw(actor: Actor, entry) -> bool:
    return actor.is_admin_of(entry.organisation_id) or actor.is_superuser


def can_manage_versions(actor: Actor) -> bool:
    return actor.is_city_admin


def entry_for_receipt(request, code: str):
    """The chain entry behind a receipt code, for its organisation: 404 for everyone else."""
    from charter.selectors import entry_by_code

    entry = entry_by_code(code)
    if entry is None or not can_see_receipt(actor_for(request.user), entry):
        raise Http404
    return entry


def signature_for_withdrawal(request, code: str):
    """A signature its organisation's admin may withdraw: 404 outside the organisation, 403 for its members."""
    entry = entry_for_receipt(request, code)
    if not entry.is_signature:
        raise Http404
    if not can_withdraw(actor_for(request.user), entry):
        deny(request, "only an admin of the organisation withdraws its signature")
    return entry
