"""Where a few cities stand in a whole edition: found by name, their neighbours, z-score, and
their ranks on the file's other numeric columns — asked column by column, so a million-row
edition costs a few passes over its columns, not a million entries."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from cityrank.core.finder import CityFinder
from cityrank.core.ranking import rank_at
from cityrank.core.stats import z_score
from cityrank.errors import UsageError
from cityrank.model import (
    NOT_MEASURES,
    Entry,
    Rank,
    RankedEntry,
    Ranking,
    Standings,
    Table,
    TieMethod,
)
from cityrank.numbers import LIMIT, parse_number

# Letters float() reads ("nan", "inf") and parse_number does not, but the exponent's.
_LETTERS = re.compile(r"[a-df-zA-DF-Z]")


class Around(NamedTuple):
    """Where one city stands among the others (``show``)."""

    me: RankedEntry | None
    above: Entry | None  # the nearest city ahead with a different score
    below: Entry | None  # the nearest city behind with a different score
    tied_with: list[str]  # the other cities with its score, best first
    hood: Sequence[RankedEntry]  # two places either side, itself in the middle
    of: int  # how many cities are ranked


def find_entry(ranking: Ranking, query: str, where: str) -> Entry:
    """The entry of ``ranking`` that ``query`` names (see ``lookup.find_city``).

    For one name; a command given several asks one ``CityFinder`` for each.
    """
    return CityFinder(ranking).find(query, where)


class Population:
    """What views need to know about a whole edition, asked for a few of its cities."""

    def __init__(self, ranking: Ranking) -> None:
        self.ranking = ranking
        self._numeric: dict[str, list[float | None]] | None = None
        self._present: dict[str, list[float]] = {}
        self._unranked: dict[int, int] | None = None  # id of an unranked entry → its index

    def _position(self, entry: Entry) -> int | None:
        ranked = self.ranking.ranked
        if isinstance(ranked, Standings):
            return ranked.position(entry)
        return next((i for i, r in enumerate(ranked) if r.entry is entry), None)

    def ranked(self, entry: Entry) -> RankedEntry | None:
        """``entry``'s standing in the ranking, ``None`` if it is unranked."""
        index = self._position(entry)
        return self.ranking.ranked[index] if index is not None else None

    def around(self, entry: Entry) -> Around:
        ranked = self.ranking.ranked
        n = len(ranked)
        index = self._position(entry)
        if index is None:
            return Around(None, None, None, [], [], n)
        # "Above" and "below" mean the nearest city with a different score, and
        # ties are equal scores, whatever rank the tie rule (ordinal) gives them.
        start, stop = self._group(index)
        above = ranked[start - 1].entry if start else None
        below = ranked[stop].entry if stop < n else None
        tied_with = self._cities(start, index) + self._cities(index + 1, stop)
        hood = ranked[max(0, index - 2) : index + 3]
        return Around(ranked[index], above, below, tied_with, hood, n)

    def _cities(self, start: int, stop: int) -> list[str]:
        """The names at positions ``start``–``stop``, read without making an entry each
        (a city may be tied with a million others)."""
        ranked = self.ranking.ranked
        if isinstance(ranked, Standings):
            return list(map(ranked.rows.city.__getitem__, ranked.order[start:stop]))
        return [ranked[p].entry.city for p in range(start, stop)]

    def _group(self, index: int) -> tuple[int, int]:
        """The positions ``start``–``stop`` of the scores equal to the one at ``index``."""
        ranked = self.ranking.ranked
        if isinstance(ranked, Standings):
            return ranked.span(index)
        score = ranked[index].entry.score
        start, stop = index, index + 1
        while start and ranked[start - 1].entry.score == score:
            start -= 1
        while stop < len(ranked) and ranked[stop].entry.score == score:
            stop += 1
        return start, stop

    def z_score(self, entry: Entry) -> float | None:
        return z_score(self.ranking, entry)

    def columns(
        self, entries: Sequence[Entry]
    ) -> tuple[dict[str, list[float | None]], dict[str, list[Rank | None]]]:
        """The file's numeric columns: each of ``entries``' values, and its rank on them.

        Ranks are on all of the edition's cities (ranked ones, best first,
        then unranked ones), highest value first — lowest first on the table's
        ``lower_columns`` — with the ranking's tie rule.
        """
        values: dict[str, list[float | None]] = {}
        ranks: dict[str, list[Rank | None]] = {}
        slots = [self._slot(e) for e in entries]
        ties = self.ranking.ties
        table = self.ranking.table
        lower = set(table.lower_columns) if table is not None else set()
        for name, column in self._numeric_columns().items():
            mine = list(map(column.__getitem__, slots))
            values[name] = mine
            if name in lower:  # ranked highest first on the negated values: lowest first
                column = [None if v is None else -v for v in column]
                mine = [None if v is None else -v for v in mine]
                name_key = f"-{name}"
            else:
                name_key = name
            present = self._present.get(name_key)
            if present is None:
                present = self._present[name_key] = [v for v in column if v is not None]
            if len(entries) <= COUNTED:
                ranks[name] = [
                    None if x is None else _counted_rank(ties, column, present, x, slot)
                    for x, slot in zip(mine, slots, strict=True)
                ]
            else:
                ranks[name] = _sorted_ranks(ties, column, present, mine, slots)
        return values, ranks

    def _everyone(self) -> list[int]:
        """Row numbers of the edition's cities: the ranked ones best first, then the unranked."""
        ranked = self.ranking.ranked
        assert isinstance(ranked, Standings)
        return [*ranked.order, *ranked.unranked]

    def _numeric_columns(self) -> dict[str, list[float | None]]:
        """The extra columns whose every non-empty cell is a number, as values in ``_everyone``
        order. Columns that number rows rather than measure cities are left out."""
        if self._numeric is not None:
            return self._numeric
        self._numeric = {}
        table = self.ranking.table
        if table is None or not table.extra_columns:
            return self._numeric
        everyone = self._everyone() if isinstance(self.ranking.ranked, Standings) else None
        for index, name in enumerate(table.extra_columns):
            if "_".join(name.casefold().split()) in NOT_MEASURES:
                continue
            cells = table.rows.extra[index]
            if everyone is None:
                column = _numbers(cells)
            elif len(everyone) == len(cells):  # the whole table: read it in file order first
                found = _numbers(cells)
                column = None if found is None else list(map(found.__getitem__, everyone))
            else:
                column = _numbers(list(map(cells.__getitem__, everyone)))
            if column is not None and any(v is not None for v in column):
                self._numeric[name] = column
        return self._numeric

    def _slot(self, entry: Entry) -> int:
        """Where ``entry`` is in ``_everyone`` order."""
        index = self._position(entry)
        if index is not None:
            return index
        if self._unranked is None:
            self._unranked = {id(e): i for i, e in enumerate(self.ranking.unranked)}
        return len(self.ranking.ranked) + self._unranked[id(entry)]


#: Up to this many cities, each rank on a column is counted in a pass over it;
#: more share one sort of the column.
COUNTED = 3


def _counted_rank(
    ties: TieMethod, column: list[float | None], present: list[float], x: float, slot: int
) -> Rank:
    """The rank of value ``x`` at ``slot`` of ``column``, highest first, by counting."""
    ahead = sum(map(x.__lt__, present))
    same = present.count(x)
    position = dense = 0
    if ties == "dense":
        dense = len({v for v in present if v > x}) + 1
    elif ties == "ordinal":  # equal values keep the ranking's order
        position = ahead + column[:slot].count(x)
    return rank_at(ties, ahead, ahead + same, position, dense)


def _sorted_ranks(
    ties: TieMethod,
    column: list[float | None],
    present: list[float],
    mine: list[float | None],
    slots: list[int],
) -> list[Rank | None]:
    """``_counted_rank`` of each of ``mine`` (at ``slots``), from one sort of the column."""
    ascending = sorted(present)
    distinct = sorted(set(present)) if ties == "dense" else []
    earlier: dict[float, list[int]] = {}  # with ordinal: the slots of each value asked for
    if ties == "ordinal":
        wanted = {x for x in mine if x is not None}
        for slot, v in enumerate(column):
            if v in wanted:
                earlier.setdefault(v, []).append(slot)
    ranks: list[Rank | None] = []
    for x, slot in zip(mine, slots, strict=True):
        if x is None:
            ranks.append(None)
            continue
        above = bisect.bisect_right(ascending, x)
        ahead = len(ascending) - above
        same = above - bisect.bisect_left(ascending, x)
        position = dense = 0
        if ties == "dense":
            dense = len(distinct) - bisect.bisect_right(distinct, x) + 1
        elif ties == "ordinal":
            position = ahead + bisect.bisect_left(earlier[x], slot)
        ranks.append(rank_at(ties, ahead, ahead + same, position, dense))
    return ranks


def _numbers(cells: Sequence[str]) -> list[float | None] | None:
    """Cells as numbers (``None`` for a blank one), or ``None`` if one is not a number."""
    # A column of nearly all distinct cells (amounts) is read whole: a sample says so.
    sample = cells[:: max(1, len(cells) // 2000)]
    whole = len(set(sample)) >= 0.99 * len(sample)
    distinct = cells if whole else list(dict.fromkeys(cells))
    joined = "".join(distinct)
    if joined.isascii() and "_" not in joined and not _LETTERS.search(joined) and all(distinct):
        # Plain numbers, as numbers.parse_number reads them: float() on them all at once.
        try:
            numbers = list(map(float, distinct))
        except ValueError:
            numbers = []
        if numbers and max(map(abs, numbers)) <= LIMIT:  # no inf from "1e400"
            if whole:
                return list(numbers)
            fast = dict(zip(distinct, numbers, strict=True))
            return list(map(fast.__getitem__, cells))
    parsed: dict[str, float | None] = {}
    for text in distinct:
        if not text.strip():
            parsed[text] = None
            continue
        try:
            parsed[text] = parse_number(text)[0]
        except ValueError:
            return None
    return list(map(parsed.__getitem__, cells))


def lower_columns(table: Table, names: Sequence[str]) -> tuple[str, ...]:
    """For ``Table.lower_columns``: the file's columns ``--lower`` names (case-insensitive);
    an unknown one is a usage error listing the others."""
    by_name = {c.casefold(): c for c in table.extra_columns}
    found = []
    for name in names:
        column = by_name.get(name.strip().casefold())
        if column is None:
            raise UsageError(
                f'--lower "{name}": no such column among the file\'s other columns — they '
                f"are: {', '.join(table.extra_columns) or 'none'}",
                code="unknown-column",
            )
        found.append(column)
    return tuple(found)
