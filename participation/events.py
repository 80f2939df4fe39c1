"""What waits for city admins: a round about to open whose candidates young people raised, without their ranking."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.todo import TodoItem, register_todo
from participation.models import RoundYouthRanking, SignalCitation


@register_todo(domains=("participation", "signals"))
def youth_ranking_todos(actor) -> list[TodoItem]:
    """Rounds that open later, with a candidate that cites moments and no ranking attached. Three queries."""
    if not actor.is_city_admin:
        return []
    from signals.models import PrioritisationRound, RoundCandidate

    upcoming = list(
        PrioritisationRound.objects.filter(state=PrioritisationRound.State.OPEN, opens_at__gt=timezone.now())
        .exclude(pk__in=RoundYouthRanking.objects.values("round_id"))
        .only("pk", "title", "opens_at")
    )
    if not upcoming:
        return []
    raised = set(
        RoundCandidate.objects.filter(
            round__in=upcoming, signal_id__in=SignalCitation.objects.values("signal_id")
        ).values_list("round_id", flat=True)
    )
    return [
        TodoItem(
            kind="participation.attach_youth_ranking",
            title=_("Attach the young people's ranking of the round “%(round)s”") % {"round": item.title},
            url=reverse("participation:round_ranking", args=[item.pk]),
            due_on=timezone.localdate(item.opens_at),
            object_type="round",
            object_id=item.pk,
        )
        for item in upcoming
        if item.pk in raised
    ]
