"""Extra columns beside the votes on a prioritisation round's page, filled by other apps.

An app above signals registers a provider at start-up::

    from signals.round_columns import CandidateColumn, register_candidate_column

    @register_candidate_column
    def youth_ranking(round, signal_ids) -> CandidateColumn | None:
        return CandidateColumn(label=_("Young people's ranking"), values={signal_id: "2", ...})

``values`` maps a candidate's signal id to what the cell shows (text or a number); a provider returns None when
it has nothing for the round. It must read in a fixed number of queries, whatever the number of candidates.
The page template shows the columns in its ``extra_headers`` block and beside each candidate.
"""

from dataclasses import dataclass, field

_providers = []


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
