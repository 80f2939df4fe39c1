"""Extra columns beside the votes on a prioritisation round's page, filled by other apps.

An app above signals registers a provider at start-up::

    from signals.round_columns import CandidateColumn, register_candidate_column

    @register_candidate_column
    def youth_ranking(round, signal_ids) -> CandidateColumn | None:
        return CandidateColumn(label=_("Young people's ranking"), values={signal_id: "2", ...})

``values`` maps a candidate's signal id to what the cell shows (text or a number); a provider returns None when
it has nothing for the round. It must read in a fixed number of queries, whatever the number of candidates.
The page template shows the columns in its ``extra_headers`` block and beside each candidate.

The tie rule ``youth_ranking_first`` needs the young people's rank of each candidate, frozen when voting opened;
the app that keeps that ranking provides it (``provide_youth_ranks``). Without a provider, or without a ranking
attached to the round, no candidate has a youth rank.
"""

from dataclasses import dataclass, field

_providers = []
_youth_ranks = []
_links = []


@dataclass(frozen=True)
class CandidateColumn:
    label: str
    values: dict = field(default_factory=dict)


def register_candidate_column(provider):
    if provider not in _providers:
        _providers.append(provider)
    return provider


def candidate_columns(round, signal_ids) -> list[CandidateColumn]:
    columns = []
    for provider in _providers:
        column = provider(round, list(signal_ids))
        if column is not None:
            columns.append(column)
    return columns


def provide_youth_ranks(provider):
    """Register ``provider(round, signal_ids) -> {signal_id: rank}`` (the frozen young people's ranking)."""
    if provider not in _youth_ranks:
        _youth_ranks.append(provider)
    return provider


def youth_ranks_available() -> bool:
    return bool(_youth_ranks)


def youth_ranks(round, signal_ids) -> dict:
    """The young people's rank of each candidate that has one, in a fixed number of queries."""
    ranks = {}
    for provider in _youth_ranks:
        ranks.update(provider(round, list(signal_ids)))
    return ranks


def register_round_link(provider):
    """Register ``provider(round, actor) -> [(label, url), ...]``: steps another app offers on the round's page."""
    if provider not in _links:
        _links.append(provider)
    return provider


def round_links(round, actor) -> list[tuple]:
    return [link for provider in _links for link in provider(round, actor)]
