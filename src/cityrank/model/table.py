"""The table that loading makes: the rows of one or more files, the names of their columns,
and what was said about them on the way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from cityrank.model.records import Entry, Rows, rows_of, year_order


@dataclass(frozen=True)  # no slots: cached properties live in the instance dict
class Table:
    """The rows of one or more files, with the names of the columns they came from."""

    rows: Rows
    source: str
    city_column: str
    score_column: str
    year_column: str | None = None
    extra_columns: tuple[str, ...] = ()
    title: str | None = None
    citation: str | None = None
    warnings: tuple[str, ...] = ()
    #: How many rows ``--where`` kept, and on which conditions, for captions.
    selection: str | None = None
    #: The file's columns on which lower is better (``--lower``), when cities are ranked on them.
    lower_columns: tuple[str, ...] = ()
    #: The columns of ``--key`` other than the city column, among ``extra_columns``.
    key_columns: tuple[str, ...] = ()

    @classmethod
    def of_entries(cls, entries: Sequence[Entry], **fields: object) -> Table:
        """A table of ``entries`` (made one by one, as a test or a library user would)."""
        return cls(rows_of(entries), **fields)  # type: ignore[arg-type]

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every row as an ``Entry``, in file order (made on first use: costly at 1M rows)."""
        return tuple(map(self.rows.entry, range(len(self.rows))))

    @cached_property
    def by_year(self) -> dict[str | None, Sequence[int]]:
        """The row numbers of each edition, in file order (key ``None``: rows without a year)."""
        years = self.rows.year
        if not years:
            return {}
        first = years[0]
        if years.count(first) == len(years):  # one edition: no per-row work
            return {first: range(len(years))}
        groups: dict[str | None, list[int]] = {}
        for i, year in enumerate(years):
            groups.setdefault(year, []).append(i)
        return dict(groups)

    @property
    def years(self) -> tuple[str, ...]:
        """The editions present, oldest first (numerically when they are numbers)."""
        return tuple(sorted((y for y in self.by_year if y is not None), key=year_order))

    def rows_for(self, year: str | None) -> Sequence[int]:
        """The row numbers of edition ``year`` (every row for ``None``)."""
        if year is None:
            return range(len(self.rows))
        return self.by_year.get(year, ())

    def entries_for(self, year: str | None) -> tuple[Entry, ...]:
        return tuple(map(self.rows.entry, self.rows_for(year)))
