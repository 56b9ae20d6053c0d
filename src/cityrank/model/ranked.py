"""The records of ranking: an edition's standings kept as columns, and the ranking of it."""

from __future__ import annotations

import operator
from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar, overload

from cityrank.model.records import Entry, Rank, Rows, TieMethod
from cityrank.model.table import Table

_Item = TypeVar("_Item")


class RankedEntry(NamedTuple):
    """An entry with its place in a ranking and the figures derived from it.

    Gaps are distances in score points (never negative), rounded to the
    decimals of the scores involved; ``gap_to_above`` is ``None`` for the
    leaders. ``percentile`` is the share of the other ranked cities this one
    beats (0-100, two decimals); ``share_of_leader`` is the score as a
    percentage of the leader's, or with lower-is-better the leader's as a
    percentage of the score, so the leader is 100 and the others less
    (``None`` unless the scores involved are above 0).
    """

    entry: Entry
    rank: Rank
    tied: bool
    gap_to_leader: float
    gap_to_above: float | None
    percentile: float
    share_of_leader: float | None


class Figures(NamedTuple):
    """What a ranked row shows besides its name, column by column, indexed by score code:
    the same for every row with that score text. ``None`` for a code not ranked here.

    ``rank`` is ``None`` with ordinal ties, where each row has its own;
    ``start`` and ``stop`` are the positions of the code's group of equal scores.
    """

    rank: Sequence[Rank | None]
    tied: Sequence[bool | None]
    gap_to_leader: Sequence[float | None]
    gap_to_above: Sequence[float | None]
    percentile: Sequence[float | None]
    share_of_leader: Sequence[float | None]
    start: Sequence[int | None]
    stop: Sequence[int | None]


class Made(Sequence[_Item]):
    """A sequence whose items are made on demand by ``at``: rows kept as columns."""

    @abstractmethod
    def at(self, index: int) -> _Item:
        """Item ``index`` (from 0, within range)."""

    @overload
    def __getitem__(self, index: int) -> _Item: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_Item]: ...
    def __getitem__(self, index: int | slice) -> _Item | Sequence[_Item]:
        if isinstance(index, slice):
            return [self.at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.at(index)

    def __iter__(self) -> Iterator[_Item]:
        return map(self.at, range(len(self)))


class Standings(Made[RankedEntry]):
    """One edition's ranked rows, best first, kept as columns; each made an entry when asked.

    ``order[p]`` is the table row at position ``p``; ``codes[p]`` is its score
    code, which indexes ``figures``. With ordinal ties the rank is the
    position plus one. ``unranked`` are the rows of the edition without a
    score, in file order.
    """

    def __init__(
        self,
        rows: Rows,
        order: Sequence[int],
        codes: Sequence[int],
        figures: Figures,
        unranked: Sequence[int] = (),
    ) -> None:
        self.rows = rows
        self.order = order
        self.codes = codes
        self.figures = figures
        self.unranked = unranked
        # Each position's entry is made once, so that views may match rows by identity.
        self._made: dict[int, RankedEntry] = {}
        self._positions: dict[int, int] = {}  # id of a made entry → its position

    def __len__(self) -> int:
        return len(self.order)

    def at(self, position: int) -> RankedEntry:
        made = self._made.get(position)
        if made is not None:
            return made
        f, code = self.figures, self.codes[position]
        rank = f.rank[code]
        entry = self.rows.entry(self.order[position])
        made = RankedEntry(
            entry,
            rank if rank is not None else position + 1,
            bool(f.tied[code]),
            f.gap_to_leader[code] or 0.0,
            f.gap_to_above[code],
            f.percentile[code] or 0.0,
            f.share_of_leader[code],
        )
        self._made[position] = made
        self._positions[id(entry)] = position
        return made

    def span(self, position: int) -> tuple[int, int]:
        """The positions ``start``–``stop`` of the group of equal scores at ``position``."""
        code = self.codes[position]
        start, stop = self.figures.start[code], self.figures.stop[code]
        assert start is not None and stop is not None
        return start, stop

    def position(self, entry: Entry) -> int | None:
        """The position of ``entry``, one that this ranking made (``None`` for any other)."""
        return self._positions.get(id(entry))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        if len(self) != len(other):
            return False
        return all(map(operator.eq, self, other))

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Ranking:
    """One edition ranked: ranked entries best first, then the unranked ones."""

    ranked: Sequence[RankedEntry]
    unranked: Sequence[Entry]
    ties: TieMethod
    lower_is_better: bool
    year: str | None = None
    table: Table | None = field(default=None, repr=False, compare=False)
    #: ``--decimals``: the places of every derived figure, instead of each one's own.
    decimals: int | None = None

    @property
    def size(self) -> int:
        return len(self.ranked) + len(self.unranked)
