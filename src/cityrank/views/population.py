"""What views ask of a whole edition for a few of its cities: neighbours, z-score, columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cityrank.core.ranking import column_ranks, numeric_columns, z_score
from cityrank.model import Entry, Rank, RankedEntry, Ranking


class Around(NamedTuple):
    """Where one city stands among the others (``show``)."""

    me: RankedEntry | None
    above: Entry | None  # the nearest city ahead with a different score
    below: Entry | None  # the nearest city behind with a different score
    tied_with: list[str]  # the other cities with its score, best first
    hood: Sequence[RankedEntry]  # two places either side, itself in the middle
    of: int  # how many cities are ranked


class Population:
    """What views need to know about a whole edition, asked for a few of its cities.

    This one works from the ranking's entries. ``cityrank.columnar`` answers
    the same questions column by column, for a ranking that holds only the
    cities asked about.
    """

    def __init__(self, ranking: Ranking) -> None:
        self.ranking = ranking

    def around(self, entry: Entry) -> Around:
        ranked = list(self.ranking.ranked)
        index = next((i for i, r in enumerate(ranked) if r.entry is entry), None)
        if index is None:
            return Around(None, None, None, [], [], len(ranked))
        score = entry.score
        # "Above" and "below" mean the nearest city with a different score, and
        # ties are equal scores, whatever rank the tie rule (ordinal) gives them.
        above = next((r.entry for r in reversed(ranked[:index]) if r.entry.score != score), None)
        below = next((r.entry for r in ranked[index + 1 :] if r.entry.score != score), None)
        tied_with = [
            r.entry.city for r in ranked if r.entry.score == score and r.entry is not entry
        ]
        hood = ranked[max(0, index - 2) : index + 3]
        return Around(ranked[index], above, below, tied_with, hood, len(ranked))

    def z_score(self, entry: Entry) -> float | None:
        return z_score(self.ranking, entry)

    def columns(
        self, entries: Sequence[Entry]
    ) -> tuple[dict[str, list[float | None]], dict[str, list[Rank | None]]]:
        """The file's numeric columns: each of ``entries``' values, and its rank on them."""
        ranking, table = self.ranking, self.ranking.table
        if table is None:
            return {}, {}
        everyone = [r.entry for r in ranking.ranked] + list(ranking.unranked)
        position = {id(e): i for i, e in enumerate(everyone)}
        at = [position[id(e)] for e in entries]
        values: dict[str, list[float | None]] = {}
        ranks: dict[str, list[Rank | None]] = {}
        for name, column in numeric_columns(table, everyone).items():
            column_rank = column_ranks(column, ranking.ties)
            values[name] = [column[i] for i in at]
            ranks[name] = [column_rank[i] for i in at]
        return values, ranks
