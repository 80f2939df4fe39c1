"""What signals tell people through the portal's notifications, and what they put on the "waiting for you" list.

Imported from ``SignalsConfig.ready()``. The to-do provider reads the current state in a fixed number of queries.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import register_kind
from notifications.todo import TodoItem, register_todo
from signals.models import PrioritisationRound, Signal, SignalAction, Status

KINDS = {
    "signals.assigned": ("action_needed", _("{actor} made {body} responsible for the signal “{signal}”")),
    "signals.reopened": ("action_needed", _("{actor} reopened the signal “{signal}”: it needs a new answer")),
    "signals.reassigned": ("signals", _("{actor} handed the signal “{signal}” to {body}")),
    "signals.confirmation_asked": (
        "action_needed",
        _("Is the problem of your signal “{signal}” resolved? Please confirm"),
    ),
    "signals.commented": ("signals", _("{actor} commented on the signal “{signal}”")),
    "signals.action_planned": ("action_needed", _("{actor} planned an action for {body} on “{signal}”: {action}")),
    "signals.action_news": ("signals", _("{actor} planned an action on your signal “{signal}”: {action}")),
    "signals.action_updated": ("signals", _("{actor} updated an action on “{signal}”: {action} ({status})")),
    "signals.merged": ("signals", _("{actor} merged your signal “{signal}” into “{into}”")),
    "signals.round_opened": ("action_needed", _("The prioritisation round “{round}” is open for votes")),
    "signals.round_closing": ("action_needed", _("The prioritisation round “{round}” closes in two days")),
    "signals.round_result": ("signals", _("The result of the prioritisation round “{round}” is published")),
    # The steps of a signal, for every member of the organisation that reported it.
    "signals.acknowledged": ("signals", _("{actor} acknowledged your signal “{signal}”")),
    "signals.started": ("signals", _("{actor} started work on your signal “{signal}”")),
    "signals.answered": ("signals", _("{actor} answered your signal “{signal}”")),
    "signals.closed": ("signals", _("{actor} closed your signal “{signal}”")),
    "signals.step_reopened": ("signals", _("{actor} reopened your signal “{signal}”")),
    "signals.confirmed": ("signals", _("{actor} confirmed that the problem of the signal “{signal}” is resolved")),
    "signals.endorsed": ("signals", _("{actor} endorsed the signal “{signal}”")),
    "signals.endorsed_answered": ("signals", _("{actor} answered the signal “{signal}” that you endorsed")),
}

for code, (category, title) in KINDS.items():
    register_kind(code, category=category, title=title)


@register_todo(domains=("signals",))
def signal_todos(actor) -> list[TodoItem]:
    """Acknowledge and answer for the responsible body and city staff, actions due, confirmations waiting for the
    reporter, rounds to vote in or to close. Four queries, whatever the number of items."""
    if not actor.is_authenticated:
        return []
    from signals import rules

    items = []
    member_ids = actor.member_organisation_ids
    waiting = Q(status__in=[Status.ACKNOWLEDGED, Status.IN_PROGRESS], responsible_body_id__in=member_ids)
    waiting |= Q(status=Status.SUBMITTED, responsible_body_id__in=member_ids)
    if actor.is_city_staff:
        waiting |= Q(status=Status.SUBMITTED, responsible_body__isnull=True)
    confirm = Q(
        status=Status.ANSWERED,
        confirmation="",
        confirmation_requested_at__isnull=False,
        organisation_id__in=member_ids,
    )
    for signal in Signal.objects.filter(waiting | confirm, merged_into__isnull=True).only(
        "pk", "title", "status", "due_on", "confirmation_requested_at", "organisation_id"
    ):
        if signal.status == Status.ANSWERED:
            items.append(
                TodoItem(
                    kind="signals.confirm",
                    title=str(_("Confirm whether “%(signal)s” is resolved") % {"signal": signal.title}),
                    url=signal.get_absolute_url(),
                    due_on=signal.reopen_deadline,
                    object_type="signal",
                    object_id=signal.pk,
                )
            )
            continue
        step = _("Acknowledge") if signal.status == Status.SUBMITTED else _("Answer")
        items.append(
            TodoItem(
                kind="signals.acknowledge" if signal.status == Status.SUBMITTED else "signals.answer",
                title=f"{step}: {signal.title}",
                url=signal.get_absolute_url(),
                due_on=signal.due_on,
                object_type="signal",
                object_id=signal.pk,
            )
        )
    actions = SignalAction.objects.filter(responsible_body_id__in=member_ids).exclude(status__in=SignalAction.FINISHED)
    for action in actions.select_related("signal").only("pk", "description", "due_on", "signal__id", "signal__title"):
        items.append(
            TodoItem(
                kind="signals.action",
                title=str(
                    _("Action on “%(signal)s”: %(action)s")
                    % {"signal": action.signal.title, "action": action.description[:80]}
                ),
                url=action.signal.get_absolute_url(),
                due_on=action.due_on,
                object_type="signal_action",
                object_id=action.pk,
            )
        )
    voting_ids = rules.voting_organisation_ids(actor) if actor.admin_organisation_ids else frozenset()
    if voting_ids or actor.is_city_admin:
        now = timezone.now()
        for item in PrioritisationRound.objects.filter(state=PrioritisationRound.State.OPEN).only(
            "pk", "title", "opens_at", "closes_at", "state"
        ):
            if actor.is_city_admin and item.closes_at and item.closes_at <= now:
                title = _("Publish the result of the round “%(round)s”")
            elif voting_ids and item.is_open:
                title = _("Vote in the prioritisation round “%(round)s”")
            elif actor.is_city_admin and not item.has_started:
                title = _("Prepare the prioritisation round “%(round)s” before it opens")
            else:
                continue
            items.append(
                TodoItem(
                    kind="signals.round",
                    title=str(title % {"round": item.title}),
                    url=item.get_absolute_url(),
                    due_on=timezone.localdate(item.closes_at) if item.closes_at else None,
                    object_type="round",
                    object_id=item.pk,
                )
            )
    return items
