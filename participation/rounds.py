"""Young people's voice in a prioritisation round: the youth ranking of the candidates, a column beside the votes.

Each candidate is ranked by the young people who took part in the moments its signal cites (each moment once;
archived moments do not count); equal numbers share a rank, a candidate without cited moments has none. A city
admin attaches the ranking before voting opens; from then on it is frozen. The round page shows it through the
signals app's column hook (``signals.round_columns``); a number below 5 reads "fewer than 5".
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charter_portal import caching
from charter_portal.errors import StepNotAllowed
from participation.models import RoundYouthRanking, SignalCitation, participants_expression
from participation.voice import Figure

COLUMN_LABEL = gettext_lazy("Young people's ranking")


def is_frozen(round_) -> bool:
    return round_.state != round_.State.OPEN or round_.opens_at <= timezone.now()


def youth_counts(signal_ids) -> dict[int, int]:
    """Young people behind each signal: the participants of the active moments it cites, in one query."""
    rows = (
        SignalCitation.objects.filter(signal_id__in=signal_ids, moment__is_archived=False)
        .annotate(n=participants_expression("moment__"))
        .values_list("signal_id", "n")
    )
    counts: dict[int, int] = defaultdict(int)
    for signal_id, n in rows:
        counts[signal_id] += n
    return dict(counts)


def ranked(counts: dict[int, int], signal_ids) -> dict[int, int | None]:
    """Rank by young people, most first; equal numbers share a rank (1, 2, 2, 4); none without young people."""
    order = sorted((sid for sid in signal_ids if counts.get(sid)), key=lambda sid: -counts[sid])
    ranks, previous, rank = {}, None, 0
    for position, signal_id in enumerate(order, start=1):
        if counts[signal_id] != previous:
            rank, previous = position, counts[signal_id]
        ranks[signal_id] = rank
    return {sid: ranks.get(sid) for sid in signal_ids}


@caching.bumps("participation")
def youth_ranking_attach(*, round_, by) -> list[RoundYouthRanking]:
    """Attach (or attach again) the youth ranking of the round's candidates; refused once voting opened."""
    if is_frozen(round_):
        raise StepNotAllowed(_("The young people's ranking is frozen: voting has opened."))
    signal_ids = list(round_.entries.values_list("signal_id", flat=True))
    counts = youth_counts(signal_ids)
    ranks = ranked(counts, signal_ids)
    now = timezone.now()
    rows = [
        RoundYouthRanking(
            round=round_,
            signal_id=sid,
            participants=counts.get(sid, 0),
            rank=ranks[sid],
            attached_by=by,
            attached_at=now,
        )
        for sid in signal_ids
    ]
    with transaction.atomic():
        RoundYouthRanking.objects.filter(round=round_).delete()
        RoundYouthRanking.objects.bulk_create(rows)
    return rows


def cell(rank: int | None, participants: int) -> str:
    if rank is None:
        return "—"
    return _("%(rank)s (young people: %(n)s)") % {
        "rank": rank,
        "n": Figure(participants if participants >= 5 else None),
    }


def youth_ranking_column(round_, signal_ids):
    """The column beside the votes (``signals.round_columns``), from the frozen rows: one query."""
    from signals.round_columns import CandidateColumn

    rows = list(RoundYouthRanking.objects.filter(round=round_, signal_id__in=signal_ids))
    if not rows:
        return None
    return CandidateColumn(label=str(COLUMN_LABEL), values={r.signal_id: cell(r.rank, r.participants) for r in rows})


def frozen_youth_ranks(round_, signal_ids) -> dict[int, int]:
    """The attached ranking for the tie rule ``youth_ranking_first`` (``signals.round_columns``): one query."""
    rows = RoundYouthRanking.objects.filter(round=round_, signal_id__in=signal_ids, rank__isnull=False)
    return dict(rows.values_list("signal_id", "rank"))


def attach_link(round_, actor) -> list[tuple]:
    """On the round's page, for city admins until voting opens: where to attach the young people's ranking."""
    from django.urls import reverse

    if not actor.is_city_admin or is_frozen(round_):
        return []
    return [(_("Attach the young people's ranking"), reverse("participation:round_ranking", args=[round_.pk]))]
