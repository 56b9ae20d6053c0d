"""Frozen data classes that carry a table of scores and its rankings between layers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from cityrank.core.composite import Explained

TieMethod = Literal["competition", "modified", "dense", "ordinal", "fractional"]
TIE_METHODS: tuple[TieMethod, ...] = (
    "competition",
    "modified",
    "dense",
    "ordinal",
    "fractional",
)
TIE_PATTERNS: dict[TieMethod, str] = {
    "competition": "1224",
    "modified": "1334",
    "dense": "1223",
    "ordinal": "1234",
    "fractional": "1 2.5 2.5 4",
}

#: Column names that number rows rather than measure cities: never a score,
#: never a column to rank cities on.
NOT_MEASURES = frozenset({"rank", "id", "#", "no", "number", "排名", "序号"})

#: A rank is a whole number, except with fractional ties (2.5).
Rank = int | float


class Entry(NamedTuple):
    """One row of a score file.

    Entries and ranked entries are named tuples rather than frozen data
    classes: as immutable, and five times faster to create, which counts
    when a file has a million rows.

    ``score`` is ``None`` for a row whose score cell is empty (unranked);
    ``decimals`` is how many decimal places its text had, so arithmetic on
    scores can be rounded back to what the data can express. ``extra`` holds
    the row's other cells as read, aligned with ``Table.extra_columns``.
    """

    city: str
    key: str
    score: float | None
    decimals: int
    year: str | None
    line: int
    file: str
    aliases: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


@dataclass(frozen=True)  # no slots: by_year is cached in the instance dict
class Table:
    """The rows of one or more files, with the names of the columns they came from."""

    entries: tuple[Entry, ...]
    source: str
    city_column: str
    score_column: str
    year_column: str | None = None
    extra_columns: tuple[str, ...] = ()
    title: str | None = None
    citation: str | None = None
    warnings: tuple[str, ...] = ()
    #: With a composite index: how each edition's scores were made.
    composite: Mapping[str | None, Explained] | None = None

    @cached_property
    def by_year(self) -> dict[str | None, tuple[Entry, ...]]:
        """The entries of each edition, in file order (key ``None``: rows without a year)."""
        groups: dict[str | None, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.year, []).append(entry)
        return {year: tuple(group) for year, group in groups.items()}

    @property
    def years(self) -> tuple[str, ...]:
        """The editions present, oldest first (numerically when they are numbers)."""
        return tuple(sorted((y for y in self.by_year if y is not None), key=year_order))

    def entries_for(self, year: str | None) -> tuple[Entry, ...]:
        if year is None:
            return self.entries
        return self.by_year.get(year, ())


def year_order(year: str) -> tuple[int, float, str]:
    """Sort key that puts numeric editions in numeric order, before named ones."""
    try:
        return (0, float(year), year)
    except ValueError:
        return (1, 0.0, year)


class RankedEntry(NamedTuple):
    """An entry with its place in a ranking and the figures derived from it.

    Gaps are distances in score points (never negative), rounded to the
    decimals of the scores involved; ``gap_to_above`` is ``None`` for the
    leaders. ``percentile`` is the share of the other ranked cities this one
    beats (0-100, two decimals); ``share_of_leader`` is the score as a
    percentage of the leader's (``None`` unless the leader scores above 0).
    """

    entry: Entry
    rank: Rank
    tied: bool
    gap_to_leader: float
    gap_to_above: float | None
    percentile: float
    share_of_leader: float | None


@dataclass(frozen=True, slots=True)
class Ranking:
    """One edition ranked: ranked entries best first, then the unranked ones."""

    ranked: tuple[RankedEntry, ...]
    unranked: tuple[Entry, ...]
    ties: TieMethod
    lower_is_better: bool
    year: str | None = None
    table: Table | None = field(default=None, repr=False, compare=False)

    @property
    def size(self) -> int:
        return len(self.ranked) + len(self.unranked)
