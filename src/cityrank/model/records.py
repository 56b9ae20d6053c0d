"""The records of reading: options, columns as a reader gives them, entries and rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple, TypeVar

TieMethod = Literal["competition", "modified", "dense", "ordinal", "fractional"]
TIE_METHODS: tuple[TieMethod, ...] = ("competition", "modified", "dense", "ordinal", "fractional")
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

_T = TypeVar("_T")

#: A row filter of ``--where``: column, operator, value (see ``core.where``).
Condition = tuple[str, str, str]
#: A rank is a whole number, except with fractional ties (2.5).
Rank = int | float


class LoadOptions(NamedTuple):
    """How to read files: forced columns, delimiter, encoding, and strictness.

    ``strict`` turns an empty score (normally an unranked row and a warning)
    into an error. ``labels`` pairs a file (as named on the command line, or
    its base name) with the edition it holds, for files without a year column.
    ``keep_extra`` false drops the file's other columns (less memory when a
    command does not show them). ``no_score`` reads no score column at all
    (every row unranked, every other column kept): for a composite index,
    whose score is computed from indicator columns. ``where`` keeps only the rows
    that meet every condition, before anything else looks at them. A score cell
    whose trimmed text is one of ``na`` is missing, as an empty one is.
    """

    city_col: str | None = None
    score_col: str | None = None
    year_col: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    strict: bool = False
    labels: tuple[tuple[str, str], ...] = ()
    keep_extra: bool = True
    no_score: bool = False
    where: tuple[Condition, ...] = ()
    na: tuple[str, ...] = ()
    #: The first row is data; the columns are named ``1``, ``2``, ``3``…
    no_header: bool = False
    #: What to do with several rows of a city in one edition (``core.duplicates``).
    on_duplicate: str = "error"
    #: The column whose values group the rows (``--by``): the reader keeps it.
    by: str | None = None
    #: The columns that, with the city column, identify a city (``--key``, ``core.keys``):
    #: the reader keeps them.
    key: tuple[str, ...] = ()
    #: The sheet of a workbook to read: its name, or its number from 1 (default: the first
    #: with data).
    sheet: str | None = None
    #: Whether ``85,5`` is 85.5: yes, no, or ``None`` to tell from a ``;``- or tab-delimited
    #: file's scores.
    decimal_comma: bool | None = None


class Coded(NamedTuple):
    """A column of texts as codes into its distinct texts: ``texts[codes[i]]`` is row ``i``'s.

    Most score and year columns hold few distinct texts, so whatever depends
    only on the text is worked out once per distinct text.
    """

    codes: Sequence[int]
    texts: Sequence[str]

    @classmethod
    def of(cls, cells: Sequence[str]) -> Coded:
        distinct = dict.fromkeys(cells)
        index = {text: i for i, text in enumerate(distinct)}
        return cls(list(map(index.__getitem__, cells)), list(distinct))

    def cells(self) -> list[str]:
        return list(map(self.texts.__getitem__, self.codes))


class Columns(NamedTuple):
    """One file as a reader gives it: the cells of the columns a command needs, row-aligned.

    ``lines`` is the physical line each row starts on. ``score`` is ``None``
    when no score column is read (a composite index); ``year`` is ``None``
    without a year column, and then ``edition`` (from ``--label`` or the
    file name) is every row's. ``pending`` is a problem that stopped the
    reader (a quote never closed): it is reported after the problems of the
    rows before it, as a reader going row by row would.
    """

    source: str
    header_line: int
    city_column: str
    score_column: str
    year_column: str | None
    extra_columns: tuple[str, ...]
    city: Sequence[str]
    score: Coded | None
    year: Coded | None
    aliases: Sequence[str] | None
    extra: tuple[Sequence[str], ...]
    lines: Sequence[int]
    #: Where the city, score and year columns are in the file (0-based), for messages.
    positions: tuple[int, int, int | None] = (0, 0, None)
    edition: str | None = None
    rejected: tuple[tuple[int, Exception], ...] = ()
    pending: Exception | None = None
    #: Where footnotes begin (their first line) and how many lines they take, if any:
    #: after a blank line, a row that does not fit the table ends it.
    footer: tuple[int, int] | None = None
    #: What the reader decided that a user should hear once (decimal commas read as points).
    notes: tuple[str, ...] = ()


class Entry(NamedTuple):
    """One row of a score file.

    ``score`` is ``None`` for a row whose score cell is empty (unranked);
    ``decimals`` is how many decimal places its text had, so arithmetic on
    scores can be rounded back to what the data can express. ``extra`` holds
    the row's other cells as read, aligned with ``Table.extra_columns``.
    ``exact`` is the unrounded value of a computed score (a composite index,
    whose ``score`` is rounded to ``decimals``): arithmetic on the score
    starts from it, so a gap is rounded once.
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
    exact: float | None = None


class Rows(NamedTuple):
    """A table's rows column by column, all aligned: row ``i`` is ``Entry`` number ``i``.

    ``score`` codes point into ``values`` and ``decimals`` (one per distinct
    score text; ``None`` for no score), so figures that depend only on the
    score are computed once per distinct score.
    """

    city: Sequence[str]
    key: Sequence[str]
    score: Sequence[int]
    values: Sequence[float | None]
    decimals: Sequence[int]
    year: Sequence[str | None]
    line: Sequence[int]
    file: Sequence[str]
    aliases: Sequence[tuple[str, ...]] | None
    extra: tuple[Sequence[str], ...]
    #: Per score code, the unrounded value of a computed score (see ``Entry.exact``).
    exact: Sequence[float | None] | None = None

    def entry(self, i: int) -> Entry:
        code = self.score[i]
        return Entry(
            self.city[i],
            self.key[i],
            self.values[code],
            self.decimals[code],
            self.year[i],
            self.line[i],
            self.file[i],
            self.aliases[i] if self.aliases is not None else (),
            tuple(column[i] for column in self.extra),
            self.exact[code] if self.exact is not None else None,
        )

    def __len__(self) -> int:
        return len(self.city)

    def take(self, keep: Sequence[int], extra: Sequence[int] | None = None) -> Rows:
        """Rows ``keep`` of these, in that order, with the extra columns ``extra`` (default
        all). Not ``_replace``: ``__len__`` counts rows, not fields, which it relies on."""

        def pick(cells: Sequence[_T]) -> list[_T]:
            return list(map(cells.__getitem__, keep))

        columns = self.extra if extra is None else tuple(self.extra[i] for i in extra)
        return Rows(
            pick(self.city),
            pick(self.key),
            pick(self.score),
            self.values,
            self.decimals,
            pick(self.year),
            pick(self.line),
            pick(self.file),
            pick(self.aliases) if self.aliases is not None else None,
            tuple(pick(c) for c in columns),
            self.exact,
        )


def rows_of(entries: Sequence[Entry]) -> Rows:
    """The columns of ``entries`` (each with its own score code)."""
    return Rows(
        city=[e.city for e in entries],
        key=[e.key for e in entries],
        score=range(len(entries)),
        values=[e.score for e in entries],
        decimals=[e.decimals for e in entries],
        year=[e.year for e in entries],
        line=[e.line for e in entries],
        file=[e.file for e in entries],
        aliases=[e.aliases for e in entries] if any(e.aliases for e in entries) else None,
        extra=tuple(zip(*(e.extra for e in entries), strict=True)) if entries else (),
        exact=[e.exact for e in entries] if any(e.exact is not None for e in entries) else None,
    )


def year_order(year: str) -> tuple[int, float, str]:
    """Sort key that puts numeric editions in numeric order, before named ones."""
    try:
        return (0, float(year), year)
    except ValueError:
        return (1, 0.0, year)
