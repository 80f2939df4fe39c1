"""Keeps each offer's search text (offers/search.py) true to what it shows, whichever code changed it."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from offers.models import Offer
from organisations.models import Organisation


def _refresh(offer_ids):
    from offers.search import offer_search_refresh

    offer_search_refresh(Offer.objects.filter(pk__in=offer_ids))


@receiver(post_save, sender=Offer, dispatch_uid="offers.search_text.offer")
def offer_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= {"status", "published_at", "updated_at", "version"}):
        return
    _refresh([instance.pk])


def _links_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        if pk_set:
            _refresh(pk_set)
        return
    _refresh([instance.pk])


for _through in (Offer.functions.through, Offer.neighbourhoods.through, Offer.movement_circles.through):
    m2m_changed.connect(_links_changed, sender=_through, dispatch_uid=f"offers.search_text.{_through.__name__}")


@receiver(post_save, sender=Organisation, dispatch_uid="offers.search_text.organisation")
def organisation_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    ids = list(
        Offer.objects.filter(organisation=instance)
        .exclude(search_text__contains=_folded_name(instance))
        .values_list("pk", flat=True)
    )
    if ids:
        _refresh(ids)


def _folded_name(organisation) -> str:
    from charter_portal.search import fold

    return fold(organisation.name)
