"""Where a few cities stand in a whole edition: found by name, their neighbours, z-score, and
their ranks on the file's other numeric columns — asked column by column, so a million-row
edition costs a few passes over its columns, not a million entries."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from cityrank.core.lookup import city_key, find_city
from cityrank.core.ranking import rank_at
from cityrank.core.stats import z_score
from cityrank.model import NOT_MEASURES, Entry, Rank, RankedEntry, Ranking, Standings
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

    An exact name (by its key) is looked up in the key column; anything else
    (an alias, a prefix, a typo) goes through ``find_city`` over every entry.
    """
    ranked = ranking.ranked
    if isinstance(ranked, Standings) and ranked.rows.aliases is None:
        found = _by_key(ranking, ranked, city_key(query))
        if found is not None:
            return found
    everyone = [r.entry for r in ranked] + list(ranking.unranked)
    return find_city(everyone, query, where)


def _by_key(ranking: Ranking, ranked: Standings, wanted: str) -> Entry | None:
    """The one entry whose key is ``wanted``, if exactly one has it."""
    keys = ranked.rows.key
    unranked = list(ranked.unranked)
    if len(ranked) + len(unranked) == len(keys):  # the edition is the whole table: no copy
        if keys.count(wanted) != 1:
            return None
        row = keys.index(wanted)
        if row in unranked:
            return ranking.unranked[unranked.index(row)]
        return ranked[list(ranked.order).index(row)].entry
    in_order = list(map(keys.__getitem__, ranked.order))
    others = [keys[row] for row in unranked]
    if in_order.count(wanted) + others.count(wanted) != 1:
        return None
    if wanted in in_order:
        return ranked[in_order.index(wanted)].entry
    return ranking.unranked[others.index(wanted)]


class Population:
    """What views need to know about a whole edition, asked for a few of its cities."""

    def __init__(self, ranking: Ranking) -> None:
        self.ranking = ranking
        self._numeric: dict[str, list[float | None]] | None = None
        self._present: dict[str, list[float]] = {}

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
        tied_with = [ranked[p].entry.city for p in range(start, stop) if p != index]
        hood = ranked[max(0, index - 2) : index + 3]
        return Around(ranked[index], above, below, tied_with, hood, n)

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
        then unranked ones), highest value first, with the ranking's tie rule.
        """
        values: dict[str, list[float | None]] = {}
        ranks: dict[str, list[Rank | None]] = {}
        for name, column in self._numeric_columns().items():
            mine = [self._value(column, e) for e in entries]
            values[name] = mine
            present = self._present.setdefault(name, [v for v in column if v is not None])
            ranks[name] = [
                None if x is None else self._rank(column, present, x, e)
                for x, e in zip(mine, entries, strict=True)
            ]
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

    def _value(self, column: list[float | None], entry: Entry) -> float | None:
        return column[self._slot(entry)]

    def _slot(self, entry: Entry) -> int:
        """Where ``entry`` is in ``_everyone`` order."""
        index = self._position(entry)
        if index is not None:
            return index
        unranked = self.ranking.unranked
        return len(self.ranking.ranked) + next(i for i, e in enumerate(unranked) if e is entry)

    def _rank(
        self, column: list[float | None], present: list[float], x: float, entry: Entry
    ) -> Rank:
        """``entry``'s rank on ``column`` (value ``x``), highest first, by counting."""
        ahead = sum(map(x.__lt__, present))
        same = present.count(x)
        ties = self.ranking.ties
        position = dense = 0
        if ties == "dense":
            dense = len({v for v in present if v > x}) + 1
        elif ties == "ordinal":  # equal values keep the ranking's order
            position = ahead + column[: self._slot(entry)].count(x)
        return rank_at(ties, ahead, ahead + same, position, dense)


def _numbers(cells: Sequence[str]) -> list[float | None] | None:
    """Cells as numbers (``None`` for a blank one), or ``None`` if one is not a number."""
    distinct = list(dict.fromkeys(cells))
    joined = "".join(distinct)
    if joined.isascii() and "_" not in joined and not _LETTERS.search(joined) and all(distinct):
        # Plain numbers, as numbers.parse_number reads them: float() on them all at once.
        try:
            numbers = list(map(float, distinct))
        except ValueError:
            numbers = []
        if numbers and max(map(abs, numbers)) <= LIMIT:  # no inf from "1e400"
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
