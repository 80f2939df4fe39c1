"""Demo signals (clearly marked as demo): every state with its timeline, one overdue, endorsements,
and one closed prioritisation round. Idempotent: does nothing when demo signals exist."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from neighbourhoods.demo import seed_movement_circles
from neighbourhoods.models import Neighbourhood
from organisations.demo import seed_foundation
from signals import deadlines, services
from signals.models import Endorsement, PrioritisationRound, ReminderSent, Signal, Status, TimelineEntry


def _foundation(log):
    world = seed_foundation()
    return world.organisations, world.users, seed_movement_circles()


# How far along the span between reporting and today each step happened (0 = reporting day, 1 = today).
_STEP_SHARE = {
    "submitted_at": 0.0,
    "acknowledged_at": 0.12,
    "started_at": 0.25,
    "answered_at": 0.7,
    "closed_at": 0.85,
}
_ENTRY_STEP = {
    "submitted": "submitted_at",
    "acknowledged": "acknowledged_at",
    "started": "started_at",
    "answered": "answered_at",
    "closed": "closed_at",
}


def _backdate(signal: Signal, days: int) -> None:
    """Spread a signal's steps over the last ``days`` days, as if it had been handled over time.

    Deadlines are recomputed from the new dates with the same rules as the services.
    """
    signal.refresh_from_db()
    now = timezone.now()

    def moment(share):
        return now - timedelta(days=days) + timedelta(days=days * share)

    updates = {}
    for field, share in _STEP_SHARE.items():
        if getattr(signal, field) is not None:
            updates[field] = moment(share)
    updates["acknowledge_due_on"] = deadlines.acknowledge_due(timezone.localdate(updates["submitted_at"]))
    updates["answer_due_on"] = deadlines.answer_due(timezone.localdate(updates["submitted_at"]))
    if signal.acknowledged_at:
        acknowledged_on = timezone.localdate(updates["acknowledged_at"])
        updates["acknowledged_on_time"] = acknowledged_on <= updates["acknowledge_due_on"]
    if signal.answered_at and signal.answered_on_time is not None:
        updates["answered_on_time"] = timezone.localdate(updates["answered_at"]) <= updates["answer_due_on"]
    reopened = signal.timeline.filter(kind=TimelineEntry.Kind.REOPENED).exists()
    if reopened:
        updates["answer_due_on"] = deadlines.answer_due(timezone.localdate(moment(0.9)))
    if signal.confirmation_requested_at:
        updates["confirmation_requested_at"] = moment(0.7)
    if signal.status == Status.SUBMITTED:
        updates["due_on"] = updates["acknowledge_due_on"]
    elif signal.status in (Status.ACKNOWLEDGED, Status.IN_PROGRESS):
        updates["due_on"] = updates["answer_due_on"]
    Signal.objects.filter(pk=signal.pk).update(**updates)
    for entry in signal.timeline.all():
        if entry.kind in _ENTRY_STEP and not (
            reopened and entry.kind == TimelineEntry.Kind.ANSWERED and entry.pk != _first_answer(signal)
        ):
            when = updates.get(_ENTRY_STEP[entry.kind], now)
        elif entry.kind == TimelineEntry.Kind.REOPENED:
            when = moment(0.9)
        elif entry.kind == TimelineEntry.Kind.ENDORSED:
            when = moment(0.05)
        else:
            when = moment(0.5)
        TimelineEntry.objects.filter(pk=entry.pk).update(created_at=when)
    Endorsement.objects.filter(signal=signal).update(created_at=moment(0.05))


def _first_answer(signal) -> int | None:
    return signal.timeline.filter(kind=TimelineEntry.Kind.ANSWERED).values_list("pk", flat=True).first()


@transaction.atomic
def seed(log) -> None:
    if Signal.objects.filter(is_demo=True).exists():
        log("signals: demo signals exist, nothing to do")
        return
    orgs, users, circles = _foundation(log)
    # Only organisations with an active charter signature vote in rounds: the charter's demo signs them
    # (idempotent; Buurtwerk Rabot's signature is withdrawn there, so it does not vote).
    from charter.demo import seed as seed_charter_signatures

    seed_charter_signatures(log)
    brug, rabot, samen = (
        users["brug.lid@demo.example"],
        users["rabot.admin@demo.example"],
        users["samensterk.admin@demo.example"],
    )
    city_admin, staff, welzijn = (
        users["stad.admin@demo.example"],
        users["stad.medewerker@demo.example"],
        users["welzijn.medewerker@demo.example"],
    )
    jeugddienst, welzijn_dienst = orgs["jeugddienst-demo"], orgs["welzijn-demo"]
    # New welfare signals go straight to the welfare service's inbox.
    services.routing_save(by=city_admin, choices={"welfare": welzijn_dienst})
    n = {x.number: x for x in Neighbourhood.objects.filter(number__in=[1, 2, 4, 7, 10, 13, 18])}

    def report(by, org, title, description, themes, children, **kw):
        return services.signal_report(
            by=by,
            organisation=orgs[org],
            title=title,
            description=description,
            themes=themes,
            children_affected=children,
            is_demo=True,
            **kw,
        )

    # 1. Just reported.
    s1 = report(
        brug,
        "de-brug-demo",
        "Speelplein Rabot 's avonds onverlicht (demo)",
        "Het speelplein is na 18 uur donker; kinderen blijven weg en ouders laten hen niet meer buiten spelen.",
        ["public_space", "leisure"],
        "21-50",
        neighbourhoods=[n[10]],
        actions_taken="We vroegen de buurtregisseur om het mee te nemen.",
        is_public=True,
    )
    _backdate(s1, 1)
    # 2. Reported twelve days ago and never acknowledged: overdue.
    s2 = report(
        rabot,
        "buurtwerk-rabot-demo",
        "Wachtlijst huiswerkbegeleiding te lang (demo)",
        "Jongeren uit het eerste middelbaar wachten maanden op huiswerkbegeleiding en haken af.",
        ["education"],
        "6-20",
        movement_circles=[circles["Beweegcirkel Noord (demo)"]],
    )
    _backdate(s2, 12)
    # 3. Acknowledged.
    s3 = report(
        samen,
        "samen-sterk-demo",
        "Geen betaalbare sportclub voor meisjes (demo)",
        "Meisjes van 12 tot 16 vinden geen sportaanbod dat betaalbaar en nabij is.",
        ["sport", "poverty"],
        "21-50",
        neighbourhoods=[n[18]],
    )
    services.signal_acknowledge(signal=s3, by=staff, responsible_body=jeugddienst)
    _backdate(s3, 4)
    # 4. In progress, with a public and an internal note, endorsed twice.
    s4 = report(
        brug,
        "de-brug-demo",
        "Jongeren zonder plek na sluiting jeugdhuis (demo)",
        "Sinds de sluiting van het jeugdhuis hangen jongeren rond aan het station; er is geen warme plek meer.",
        ["leisure", "welfare"],
        "51-100",
        movement_circles=[circles["Beweegcirkel West (demo)"]],
        actions_taken="Straathoekwerk gaat twee avonden per week langs.",
        is_public=True,
    )
    services.signal_endorse(signal=s4, by=rabot, observation="Wij zien dezelfde groep in onze buurt.")
    services.signal_endorse(signal=s4, by=samen)
    services.signal_acknowledge(signal=s4, by=city_admin, responsible_body=welzijn_dienst)
    services.signal_start(signal=s4, by=welzijn, note="We zoeken samen met partners een tijdelijke locatie.")
    services.signal_add_note(signal=s4, by=welzijn, text="Budget navragen bij het schepencollege.", is_internal=True)
    services.signal_comment(signal=s4, by=rabot, text="Kunnen we mee aan tafel zitten bij het zoeken naar een locatie?")
    services.action_add(
        signal=s4,
        by=welzijn,
        description="Tijdelijke locatie zoeken voor een open jeugdwerking aan het station",
        responsible_body=welzijn_dienst,
        due_on=timezone.localdate() + timedelta(days=21),
    )
    _backdate(s4, 20)
    # 5. Answered.
    s5 = report(
        rabot,
        "buurtwerk-rabot-demo",
        "Te weinig vakantieaanbod in juli (demo)",
        "In juli is er in de wijk nauwelijks betaalbaar vakantieaanbod voor kinderen van 6 tot 12.",
        ["leisure", "poverty"],
        "100+",
        neighbourhoods=[n[10], n[13]],
        is_public=True,
    )
    services.signal_endorse(signal=s5, by=brug, observation="Ook onze speelpleinwerking draait dan vol.")
    services.signal_acknowledge(signal=s5, by=staff, responsible_body=jeugddienst)
    services.signal_start(signal=s5, by=staff)
    summer = services.action_add(
        signal=s5,
        by=staff,
        description="Twee extra weken speelpleinwerking in de wijk",
        responsible_body=jeugddienst,
        due_on=timezone.localdate() + timedelta(days=150),
    )
    services.action_update(action=summer, by=staff, progress=30, note="Locatie en begeleiders vastgelegd.")
    services.action_add(  # overdue: on the to-do list and the dashboard
        signal=s5,
        by=staff,
        description="Vakantieaanbod bekendmaken via de scholen",
        responsible_body=jeugddienst,
        due_on=timezone.localdate() - timedelta(days=3),
    )
    services.signal_answer(
        signal=s5,
        by=staff,
        outcome="action_planned",
        answer="De Jeugddienst voorziet volgende zomer twee extra weken speelpleinwerking in de wijk.",
    )
    _backdate(s5, 25)
    # 6. Closed.
    s6 = report(
        samen,
        "samen-sterk-demo",
        "Onveilige oversteek aan de school (demo)",
        "Kinderen steken over op een drukke weg zonder zebrapad om naar de brede school te gaan.",
        ["public_space"],
        "21-50",
        neighbourhoods=[n[4]],
    )
    services.signal_acknowledge(signal=s6, by=staff, responsible_body=jeugddienst)
    services.signal_start(signal=s6, by=staff)
    services.signal_answer(
        signal=s6,
        by=staff,
        outcome="referred",
        answer="Doorverwezen naar de Mobiliteitsdienst, die een zebrapad en een snelheidsremmer plaatste.",
    )
    services.signal_close(signal=s6, by=samen, note="Opgelost, dank u.")
    _backdate(s6, 60)
    # 7. Answered, then reopened by the reporter.
    s7 = report(
        brug,
        "de-brug-demo",
        "Discriminatie aan de ingang van het zwembad (demo)",
        "Groepen jongeren met een migratieachtergrond worden geweigerd aan de ingang van het zwembad.",
        ["discrimination", "sport"],
        "6-20",
        city_wide=True,
    )
    services.signal_acknowledge(signal=s7, by=city_admin, responsible_body=welzijn_dienst)
    services.signal_start(signal=s7, by=welzijn)
    services.signal_answer(
        signal=s7, by=welzijn, outcome="not_feasible", answer="Het zwembad valt niet onder onze bevoegdheid."
    )
    services.signal_reopen(
        signal=s7, by=brug, reason="Het zwembad is stedelijk; wij vragen een gesprek met de uitbater."
    )
    _backdate(s7, 15)
    # A closed prioritisation round over the open signals.
    round_ = services.round_open(
        by=city_admin,
        title="Prioriteiten voorjaar (demo)",
        description="Welke signalen pakken we eerst aan?",
        signals=[s2, s4, s5, s7],
        votes_per_organisation=6,
        top_n=2,
    )
    services.round_vote(
        round=round_,
        by=users["brug.admin@demo.example"],
        organisation=orgs["de-brug-demo"],
        allocation={s4.pk: 4, s7.pk: 2},
    )
    services.round_vote(
        round=round_, by=samen, organisation=orgs["samen-sterk-demo"], allocation={s2.pk: 2, s4.pk: 2, s7.pk: 2}
    )
    round_ = services.round_close(round=round_, by=city_admin)
    now = timezone.now()
    PrioritisationRound.objects.filter(pk=round_.pk).update(
        opened_at=now - timedelta(days=10),
        opens_at=now - timedelta(days=10),
        closes_at=now - timedelta(days=2),
        closed_at=now - timedelta(days=2),
        is_demo=True,
    )
    TimelineEntry.objects.filter(kind=TimelineEntry.Kind.PRIORITY, signal__is_demo=True).update(
        created_at=now - timedelta(days=2)
    )
    ReminderSent.objects.filter(signal__is_demo=True).delete()
    log(f"signals: 7 demo signals in every state, 1 closed prioritisation round ({round_.title})")
