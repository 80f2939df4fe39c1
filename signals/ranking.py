"""The result of a prioritisation round: pure computation over plain candidates (no database).

Candidates are ranked by their vote total, highest first. Which signals become priority:

- the first ``top_n`` of the ranking that received at least one vote;
- ties are settled by the round's tie rule, chosen before voting opens:
  - ``endorsements_then_earlier``: among equal totals, the signal with more endorsements ranks higher,
    then the one reported earlier (it has waited longest), then the lower id; exactly ``top_n`` become
    priority (fewer when fewer received votes);
  - ``all_tied_priority``: among equal totals, the signal reported earlier ranks higher (for the order
    only); every candidate with the same total as the ``top_n``-th becomes priority too, so more than
    ``top_n`` signals can become priority and none is left out silently;
  - ``youth_ranking_first``: among equal totals, the signal ranked higher by young people (its rank in the round's
    young people's ranking, attached before voting opened and frozen since) ranks higher; a signal without a
    youth rank comes after those with one; then as ``endorsements_then_earlier``. Exactly ``top_n`` become
    priority. Without an attached ranking no signal has a youth rank, and the rule is
    ``endorsements_then_earlier``.
"""

from dataclasses import dataclass
from datetime import datetime

ENDORSEMENTS_THEN_EARLIER = "endorsements_then_earlier"
ALL_TIED_PRIORITY = "all_tied_priority"
YOUTH_RANKING_FIRST = "youth_ranking_first"


@dataclass(frozen=True)
class Candidate:
    signal_id: int
    votes: int
    endorsements: int
    submitted_at: datetime
    youth_rank: int | None = None  # the young people's ranking (1 = raised by the most young people); None: none


@dataclass(frozen=True)
class Ranked:
    signal_id: int
    votes: int
    rank: int
    is_priority: bool


def rank(candidates: list[Candidate], *, top_n: int, tie_rule: str) -> list[Ranked]:
    if tie_rule == ENDORSEMENTS_THEN_EARLIER:
        ordered = sorted(candidates, key=lambda c: (-c.votes, -c.endorsements, c.submitted_at, c.signal_id))
    elif tie_rule == YOUTH_RANKING_FIRST:
        ordered = sorted(
            candidates,
            key=lambda c: (
                -c.votes,
                c.youth_rank is None,
                c.youth_rank or 0,
                -c.endorsements,
                c.submitted_at,
                c.signal_id,
            ),
        )
    elif tie_rule == ALL_TIED_PRIORITY:
        ordered = sorted(candidates, key=lambda c: (-c.votes, c.submitted_at, c.signal_id))
    else:
        raise ValueError(tie_rule)
    voted = [c for c in ordered if c.votes > 0]
    chosen = {c.signal_id for c in voted[:top_n]}
    if tie_rule == ALL_TIED_PRIORITY and len(voted) > top_n:
        last = voted[top_n - 1].votes
        chosen |= {c.signal_id for c in voted if c.votes == last}
    return [
        Ranked(signal_id=c.signal_id, votes=c.votes, rank=position, is_priority=c.signal_id in chosen)
        for position, c in enumerate(ordered, start=1)
    ]
