"""What an organisation's public profile shows, from the portal's own data: the functions it realises alone (its
published, running offers) and through collaborations (the functions its collaborations' members offer, and the
roles it declared), its charter signature, its collaborations, its shared spaces and its mentorships. Every
organisation gets the same block: there is no ranking by size."""

from django.utils import timezone

from charter.selectors import active_signatures
from offers.models import Collaboration, CollaborationMember, Offer, SharedSpace
from organisations.models import Function
from support.models import CollaborationRole
from support.selectors import agreed_mentorships_of


def recognition_of(organisation) -> dict:
    today = timezone.localdate()
    running = Offer.objects.running_on(today).publicly_visible()
    alone = set(
        running.filter(organisation=organisation)
        .values_list("functions__code", flat=True)
        .exclude(functions__code=None)
    )
    collaborations = list(
        Collaboration.objects.running_on(today)
        .filter(
            members__organisation=organisation,
            members__status=CollaborationMember.Status.ACCEPTED,
        )
        .order_by("name")
        .distinct()
    )
    partners = CollaborationMember.objects.filter(
        collaboration__in=[c.pk for c in collaborations], status=CollaborationMember.Status.ACCEPTED
    ).values("organisation_id")
    together = set(
        running.filter(organisation_id__in=partners)
        .values_list("functions__code", flat=True)
        .exclude(functions__code=None)
    ) | set(
        CollaborationRole.objects.filter(organisation=organisation, collaboration__in=[c.pk for c in collaborations])
        .values_list("functions__code", flat=True)
        .exclude(functions__code=None)
    )
    functions = [
        {"name": f.name, "alone": f.code in alone, "together": f.code in together and f.code not in alone}
        for f in Function.objects.all()
    ]
    return {
        "organisation": organisation,
        "functions": [f for f in functions if f["alone"] or f["together"]],
        "is_signatory": active_signatures().filter(organisation=organisation).exists(),
        "collaborations": collaborations,
        "spaces": list(SharedSpace.objects.listed().filter(organisation=organisation, conditions__is_public=True)),
        "mentorships": list(agreed_mentorships_of(organisation.pk)),
    }
