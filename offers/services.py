"""Writes on offers, collaborations and shared spaces: each one a transaction, each one versioned."""

from django.db import transaction
from django.utils import timezone

from charter_portal import caching
from charter_portal.concurrency import check_version, save_versioned
from offers import events
from offers.models import Collaboration, CollaborationMember, Offer, OfferTime, SharedSpace
from organisations.models import Organisation

OFFER_LINKS = ("functions", "neighbourhoods", "movement_circles", "bridge_sectors")
COLLABORATION_LINKS = ("neighbourhoods", "movement_circles")


def _set_links(instance, links: dict) -> None:
    for name, values in links.items():
        if values is not None:
            getattr(instance, name).set(values)


@caching.bumps("offers")
@transaction.atomic
def offer_save(*, offer: Offer, expected_version: int | None, links: dict, times: list[tuple] | None = None) -> Offer:
    """Create or update an offer with its functions, areas and (when given) its weekly ``(weekday, from, until)``
    times; raises StaleObjectError on a conflict."""
    offer.full_clean(exclude=["organisation"])
    if offer.status == Offer.Status.PUBLISHED and offer.published_at is None:
        offer.published_at = timezone.now()
    save_versioned(offer, expected_version)
    _set_links(offer, {name: links.get(name) for name in OFFER_LINKS})
    if times is not None:
        offer.times.all().delete()
        OfferTime.objects.bulk_create(
            [OfferTime(offer=offer, weekday=day, starts_at=start, ends_at=end) for day, start, end in times]
        )
    return offer


@caching.bumps("offers")
@transaction.atomic
def offer_duplicate(*, offer: Offer) -> Offer:
    """A draft copy of an offer, to register a similar activity quickly."""
    from django.utils.translation import gettext

    copy = Offer.objects.get(pk=offer.pk)
    copy.pk = copy.id = None
    copy.uuid = Offer._meta.get_field("uuid").default()
    copy.status = Offer.Status.DRAFT
    copy.published_at = None
    copy.version = 1
    copy.title = (gettext("Copy of %(title)s") % {"title": offer.title})[: Offer._meta.get_field("title").max_length]
    copy._state.adding = True
    copy.save()
    _set_links(copy, {name: list(getattr(offer, name).all()) for name in OFFER_LINKS})
    return copy


@caching.bumps("offers")
def offer_set_status(*, offer: Offer, status: str, expected_version: int | None = None) -> Offer:
    offer.status = status
    if status == Offer.Status.PUBLISHED and offer.published_at is None:
        offer.published_at = timezone.now()
    save_versioned(offer, expected_version, update_fields=["status", "published_at", "updated_at"])
    return offer


@caching.bumps("offers")
def offer_publish(*, offer: Offer, expected_version: int | None = None) -> Offer:
    return offer_set_status(offer=offer, status=Offer.Status.PUBLISHED, expected_version=expected_version)


@caching.bumps("offers")
def offer_unpublish(*, offer: Offer, expected_version: int | None = None) -> Offer:
    return offer_set_status(offer=offer, status=Offer.Status.DRAFT, expected_version=expected_version)


@caching.bumps("offers")
def offer_archive(*, offer: Offer, expected_version: int | None = None) -> Offer:
    return offer_set_status(offer=offer, status=Offer.Status.ARCHIVED, expected_version=expected_version)


@caching.bumps("offers")
@transaction.atomic
def offer_remove(*, offer: Offer) -> Offer:
    """Removing an offer archives it, a draft too: it leaves the lists and keeps its history (issue 17). Personal
    data found in it afterwards is purged by a city admin (``purge_personal_data``)."""
    return offer_archive(offer=offer)


# Collaborations --------------------------------------------------------------------------------


@caching.bumps("offers")
@transaction.atomic
def collaboration_create(
    *,
    collaboration: Collaboration,
    members: list[Organisation],
    links: dict,
    by,
    registered_by_city: bool = False,
) -> Collaboration:
    """Create a collaboration. The creating organisation (the coordinator) and, when the city registers an
    existing collaboration, every listed member are accepted at once; the others are invited."""
    collaboration.registered_by_city = registered_by_city
    collaboration.created_by = by
    collaboration.full_clean()
    save_versioned(collaboration, None)
    now = timezone.now()
    seen, invited = set(), []
    for organisation in [collaboration.coordinator, *members]:
        if organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        accepted = registered_by_city or organisation.pk == collaboration.coordinator_id
        CollaborationMember.objects.create(
            collaboration=collaboration,
            organisation=organisation,
            status=CollaborationMember.Status.ACCEPTED if accepted else CollaborationMember.Status.INVITED,
            responded_at=now if accepted else None,
        )
        if not accepted:
            invited.append(organisation)
    _set_links(collaboration, links)
    events.invited(collaboration, invited, by=by)
    return collaboration


@caching.bumps("offers")
@transaction.atomic
def collaboration_update(
    *,
    collaboration: Collaboration,
    expected_version: int | None,
    links: dict,
    invite: list[Organisation] = (),
    accept_at_once: bool = False,
    by=None,
) -> Collaboration:
    collaboration.full_clean()
    save_versioned(collaboration, expected_version)
    _set_links(collaboration, links)
    collaboration_invite(collaboration=collaboration, organisations=invite, accept_at_once=accept_at_once, by=by)
    return collaboration


@caching.bumps("offers")
def collaboration_invite(*, collaboration: Collaboration, organisations, accept_at_once: bool = False, by=None) -> None:
    """Invite organisations that are not yet members (a declined one is invited again); their admins are told."""
    now = timezone.now()
    status = CollaborationMember.Status.ACCEPTED if accept_at_once else CollaborationMember.Status.INVITED
    invited = []
    for organisation in organisations:
        member, created = CollaborationMember.objects.get_or_create(
            collaboration=collaboration,
            organisation=organisation,
            defaults={"status": status, "responded_at": now if accept_at_once else None},
        )
        if not created and member.status == CollaborationMember.Status.DECLINED:
            member.status = status
            member.responded_at = now if accept_at_once else None
            member.save(update_fields=["status", "responded_at"])
        elif not created:
            continue
        if member.status == CollaborationMember.Status.INVITED:
            invited.append(organisation)
    if not accept_at_once:
        events.invited(collaboration, invited, by=by)


@caching.bumps("offers")
@transaction.atomic
def collaboration_answer(
    *, member: CollaborationMember, accept: bool, expected_version: int | None = None, by=None
) -> CollaborationMember:
    """Accept or decline an invitation; refused with StaleObjectError when the collaboration changed since the
    version the person read (``None``: not checked)."""
    check_version(Collaboration.objects.select_for_update().get(pk=member.collaboration_id), expected_version)
    member.status = CollaborationMember.Status.ACCEPTED if accept else CollaborationMember.Status.DECLINED
    member.responded_at = timezone.now()
    member.save(update_fields=["status", "responded_at"])
    events.answered(member, accepted=accept, by=by)
    return member


# Shared spaces ---------------------------------------------------------------------------------


@caching.bumps("offers")
def space_save(*, space: SharedSpace, expected_version: int | None) -> SharedSpace:
    space.full_clean()
    save_versioned(space, expected_version)
    return space
