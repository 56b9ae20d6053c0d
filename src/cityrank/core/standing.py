"""Where a few cities stand in a whole edition: found by name, their neighbours, z-score, and
their ranks on the file's other numeric columns — asked column by column, so a million-row
edition costs a few passes over its columns, not a million entries."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, overload

from cityrank.core.finder import CityFinder
from cityrank.core.other_columns import (
    COUNTED,
    cell_numbers,
    counted_rank,
    may_be_numbers,
    sorted_ranks,
)
from cityrank.core.standing_arrow import ArrowNumbers, arrow_numbers
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
)

#: How many places either side of a city its neighbourhood reaches.
NEIGHBOURS = 2


class Place(NamedTuple):
    """Where one ranked city stands, as positions in the ranking: itself at ``index``, its
    group of equal scores ``start``–``stop``, and its neighbourhood ``first``–``last``."""

    at: int
    start: int
    stop: int
    first: int
    last: int

    @property
    def above(self) -> int | None:
        """The nearest position ahead with a different score, ``None`` for the leaders."""
        return self.start - 1 if self.start else None

    def below(self, n: int) -> int | None:
        """The nearest position behind with a different score, among ``n`` ranked."""
        return self.stop if self.stop < n else None


class Around(NamedTuple):
    """Where one city stands among the others (``show``)."""

    me: RankedEntry | None
    above: Entry | None  # the nearest city ahead with a different score
    below: Entry | None  # the nearest city behind with a different score
    tied_with: Sequence[str]  # the other cities with its score, best first (read when asked)
    hood: Sequence[RankedEntry]  # NEIGHBOURS places either side, itself in the middle
    of: int  # how many cities are ranked
    place: Place | None = None  # the same, as positions in the ranking


class _Others(Sequence[str]):
    """The names at positions ``start``–``stop`` but ``index``'s, read only when asked: a city
    may be tied with a million others, and a card names ten of them."""

    def __init__(self, names: Callable[[int, int], list[str]], place: Place) -> None:
        self._names = names
        self._place = place

    def __len__(self) -> int:
        return self._place.stop - self._place.start - 1

    def _at(self, i: int) -> int:
        """The position of the ``i``-th other city."""
        p = self._place
        return p.start + i if p.start + i < p.at else p.start + i + 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self._names(q, q + 1)[0] for q in map(self._at, range(*i.indices(len(self))))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        q = self._at(i % len(self))
        return self._names(q, q + 1)[0]

    def __iter__(self) -> Iterator[str]:
        p = self._place
        yield from self._names(p.start, p.at)
        yield from self._names(p.at + 1, p.stop)


def find_entry(ranking: Ranking, query: str, where: str) -> Entry:
    """The entry of ``ranking`` that ``query`` names (see ``lookup.find_city``).

    For one name; a command given several asks one ``CityFinder`` for each.
    """
    return CityFinder(ranking).find(query, where)


class Population:
    """What views need to know about a whole edition, asked for a few of its cities."""

    def __init__(self, ranking: Ranking) -> None:
        self.ranking = ranking
        self._numeric: dict[str, list[float | None] | ArrowNumbers] | None = None
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
        index = self._position(entry)
        if index is None:
            return Around(None, None, None, [], [], len(self.ranking.ranked))
        return self.around_at(self.place(index))

    def place(self, index: int, group: tuple[int, int] | None = None) -> Place:
        """The ``Place`` of position ``index``; ``group``, if known, is its tie group's span."""
        # "Above" and "below" mean the nearest city with a different score, and
        # ties are equal scores, whatever rank the tie rule (ordinal) gives them.
        start, stop = group or self._group(index)
        n = len(self.ranking.ranked)
        return Place(index, start, stop, max(0, index - NEIGHBOURS), min(n, index + NEIGHBOURS + 1))

    def places(self, count: int) -> Iterator[Place]:
        """The ``Place`` of each of the first ``count`` positions, each tie group found once."""
        group = (0, 0)
        for index in range(min(count, len(self.ranking.ranked))):
            if index >= group[1]:
                group = self._group(index)
            yield self.place(index, group)

    def around_at(self, place: Place) -> Around:
        """``around`` of the city at ``place``."""
        ranked = self.ranking.ranked
        n = len(ranked)
        above, below = place.above, place.below(n)
        return Around(
            ranked[place.at],
            ranked[above].entry if above is not None else None,
            ranked[below].entry if below is not None else None,
            _Others(self._cities, place),
            ranked[place.first : place.last],
            n,
            place,
        )

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
        at = list(map(self._at, slots))
        ties = self.ranking.ties
        table = self.ranking.table
        lower = set(table.lower_columns) if table is not None else set()
        numeric = self._numeric_columns()
        for name, column in numeric.items():
            if isinstance(column, ArrowNumbers) and len(entries) <= COUNTED:
                values[name] = mine = column.at(at)
                everyone = self._everyone() if ties == "ordinal" and self._whole() else None
                ranks[name] = column.counted_ranks(ties, name in lower, mine, slots, everyone)
                continue
            if isinstance(column, ArrowNumbers):  # many cities: one sort of the plain values
                column = numeric[name] = column.to_list()  # kept: a value replaced, not added
            mine = list(map(column.__getitem__, at))
            values[name] = mine
            if ties == "ordinal" and self._whole():  # equal values keep the ranking's order
                column = list(map(column.__getitem__, self._everyone()))
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
                    None if x is None else counted_rank(ties, column, present, x, slot)
                    for x, slot in zip(mine, slots, strict=True)
                ]
            else:
                ranks[name] = sorted_ranks(ties, column, present, mine, slots)
        return values, ranks

    def _everyone(self) -> list[int]:
        """Row numbers of the edition's cities: the ranked ones best first, then the unranked."""
        ranked = self.ranking.ranked
        assert isinstance(ranked, Standings)
        return [*ranked.order, *ranked.unranked]

    def _whole(self) -> bool:
        """Whether the edition is every row of the table (then its columns are not copied)."""
        ranked, table = self.ranking.ranked, self.ranking.table
        if not isinstance(ranked, Standings) or table is None:
            return False
        return len(ranked.order) + len(ranked.unranked) == len(table.rows)

    def _at(self, slot: int) -> int:
        """Where the city at ``slot`` (see ``_slot``) is in ``_numeric_columns``' lists."""
        if not self._whole():
            return slot
        ranked = self.ranking.ranked
        assert isinstance(ranked, Standings)
        n = len(ranked.order)
        return ranked.order[slot] if slot < n else ranked.unranked[slot - n]

    def _numeric_columns(self) -> dict[str, list[float | None] | ArrowNumbers]:
        """The extra columns whose every non-empty cell is a number, as values in file order
        when the edition is the whole table, else in ``_everyone`` order (see ``_at``); in
        Arrow where ``standing_arrow`` reads them. Columns that number rows rather than
        measure cities are left out."""
        if self._numeric is not None:
            return self._numeric
        self._numeric = {}
        table = self.ranking.table
        if table is None or not table.extra_columns:
            return self._numeric
        whole = self._whole() or not isinstance(self.ranking.ranked, Standings)
        for index, name in enumerate(table.extra_columns):
            if "_".join(name.casefold().split()) in NOT_MEASURES:
                continue
            cells = table.rows.extra[index]
            if not may_be_numbers(cells):  # a column of names, told by its first one
                continue
            cells = cells if whole else list(map(cells.__getitem__, self._everyone()))
            fast = arrow_numbers(cells)
            if fast is not None:
                if fast.has_values():
                    self._numeric[name] = fast
                continue
            column = cell_numbers(cells)
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
