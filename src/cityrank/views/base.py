"""The shapes every view is made of (columns, cells, views, reports) and the helpers they share."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from cityrank.core.finder import CityFinder
from cityrank.errors import UsageError
from cityrank.model import TIE_PATTERNS, Entry, Made, Rank, RankedEntry, Ranking, Table
from cityrank.numbers import format_number

if TYPE_CHECKING:
    from cityrank.core.composite.table import Explained

#: How a value reads. ``change`` is a rank change in places, positive for a
#: move up (render draws it as an arrow); text in a ``change`` column, such as
#: ``new``, is shown as it is.
Kind = Literal["text", "rank", "number", "percent", "bool", "int", "change"]
Value = str | int | float | bool | None


class Column(NamedTuple):
    """A column: its stable machine ``name``, the ``label`` people read, and its type.

    ``tie_column`` names the boolean column that marks a ``rank`` as tied
    (shown as ``=2`` to people); ``people`` is false for columns a table
    does not need to show (the ``tied`` flag itself), ``machine`` false for
    columns only people need (the ``change`` arrows, which machines get as
    ``rank_change`` numbers).
    """

    name: str
    label: str
    kind: Kind = "text"
    tie_column: str | None = None
    people: bool = True
    machine: bool = True


class Each(NamedTuple):
    """A table cell that is each city's own, among the cells all cities share."""

    values: Sequence[Value | Cell]


class Sheet(NamedTuple):
    """A table in ``show`` of each of several cities, row for row the same items (the file's
    other columns, the indicators); a cell is shared (a value) or each city's (``Each``)."""

    title: str
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Value | Each, ...]]

    def view(self, i: int) -> View:
        """City ``i``'s table."""
        rows = [tuple(c.values[i] if isinstance(c, Each) else c for c in row) for row in self.rows]
        return View(self.columns, rows, self.title)


class CodedRows(Made[tuple[Value, ...]]):
    """Rows whose cells, but for a few, are the same for every row with the same code.

    Row ``i`` is ``before[codes[i]] + (city[i],) + after[codes[i]]`` followed by
    its ``tail`` cells (one sequence per column). With ``ordinal`` the first
    cell of each of the first ``ranked`` rows is its position plus one. A
    ranked list shares its figures among the rows of each distinct score, so
    a writer formats each code's cells once (``cityrank.render.delimited``).
    """

    def __init__(
        self,
        codes: Sequence[int],
        before: Sequence[tuple[Value, ...]],
        city: Sequence[str],
        after: Sequence[tuple[Value, ...]],
        tail: tuple[Sequence[str], ...] = (),
        ordinal: int = 0,
    ) -> None:
        self.codes = codes
        self.before = before
        self.city = city
        self.after = after
        self.tail = tail
        self.ordinal = ordinal

    def __len__(self) -> int:
        return len(self.codes)

    def at(self, i: int) -> tuple[Value, ...]:
        code = self.codes[i]
        head = self.before[code]
        if i < self.ordinal:
            head = (i + 1, *head[1:])
        return (*head, self.city[i], *self.after[code], *(column[i] for column in self.tail))


class Spark(NamedTuple):
    """A city's rank in each edition, for a sparkline: rank ``best`` is the tallest mark."""

    ranks: tuple[Rank | None, ...]  # None where the city was not ranked
    best: float
    worst: float


class Interval(NamedTuple):
    """A rank interval on the ranks 1 … ``worst``: ``low`` to ``high``, ``mid`` marked in it."""

    low: float
    mid: float
    high: float
    worst: float


class Tally(NamedTuple):
    """A histogram bin's count ``n``, drawn as a bar against the fullest bin's ``most``."""

    n: int  # not "count": a NamedTuple field cannot shadow tuple.count
    most: int


#: Numbers that people see as a picture rather than as text.
Figure = Spark | Interval | Tally


class Cell(NamedTuple):
    """A value with its own type, for tables whose rows mix kinds (``compare``, ``show``).

    A cell with a ``figure`` is drawn from its numbers (``value`` is then
    ``None``); such cells are only in views for people.
    """

    value: Value
    kind: Kind = "text"
    tied: bool = False
    best: bool = False
    figure: Figure | None = None


class View(NamedTuple):
    """A titled table of rows, aligned with ``columns``."""

    columns: tuple[Column, ...]
    rows: Sequence[tuple[Value | Cell, ...]]
    title: str = ""
    caption: str = ""

    def for_machines(self) -> View:
        """This view without the columns only people read."""
        keep = [i for i, c in enumerate(self.columns) if c.machine]
        if len(keep) == len(self.columns):
            return self
        rows = [tuple(row[i] for i in keep) for row in self.rows]
        return View(tuple(self.columns[i] for i in keep), rows, self.title, self.caption)


class Bars(NamedTuple):
    """A horizontal bar chart of ranked scores; bars grow from ``start``."""

    rows: tuple[tuple[Rank, bool, str, float], ...]  # rank, tied, city, score
    start: float
    title: str = ""
    caption: str = ""


class RankLines(NamedTuple):
    """Ranks of a few cities across editions, rank 1 at the top."""

    editions: tuple[str, ...]
    series: tuple[tuple[str, tuple[Rank | None, ...]], ...]  # city, rank per edition
    title: str = ""
    caption: str = ""


class Charts(NamedTuple):
    """Bar charts one after another, each under its own title (a group's, with ``--by``)."""

    parts: tuple[Bars, ...]
    title: str = ""
    caption: str = ""


class Report(NamedTuple):
    """What a command shows: ``data`` for machines; ``people`` when people see it otherwise.

    ``document`` is the JSON shape when it is richer than ``data``'s rows
    (``show``'s nested neighbours); ``notes`` are sentences under the table;
    ``chart`` replaces the tables for people (``cityrank chart``).
    """

    data: View
    people: tuple[View, ...] = ()
    document: object = None
    notes: tuple[str, ...] = ()
    status: int = 0
    chart: Bars | RankLines | Charts | None = None


def edition_title(ranking: Ranking) -> str:
    table = ranking.table
    name = (table.title or table.source) if table else "ranking"
    return f"{name} · {ranking.year}" if ranking.year else name


def _composite_of(table: Table | None) -> Mapping[str | None, Explained] | None:
    """``composite_of(table)``, without importing its module for a table that cannot be a
    composite: one exists only once ``core.composite.table`` is loaded (its import is
    most of what a plain ``list`` would import for it)."""
    home = sys.modules.get("cityrank.core.composite.table")
    if home is None:
        return None
    found: Mapping[str | None, Explained] | None = home.composite_of(table)
    return found


def edition_caption(ranking: Ranking) -> str:
    parts = []
    table = ranking.table
    if table and table.citation:
        parts.append(f"Source: {table.citation}")
    if table and table.selection:
        parts.append(table.selection)
    composite = _composite_of(table)
    if composite:
        spec = next(iter(composite.values())).spec
        weights = ", ".join(
            f"{i.column}{' (lower)' if i.direction == 'lower' else ''} {format_number(i.weight)}"
            for i in spec.indicators
        )
        parts.append(f"score: composite of {weights} ({spec.normalisation}, {spec.aggregation})")
    parts.append(f"ties: {ranking.ties} ({TIE_PATTERNS[ranking.ties]})")
    if ranking.lower_is_better:
        parts.append("lower score is better")
    return " · ".join(parts)


def where(ranking: Ranking) -> str:
    """How messages name the data: ``sample_data.csv (2020)``."""
    source = ranking.table.source if ranking.table else "the data"
    return f"{source} ({ranking.year})" if ranking.year else source


RANK = Column("rank", "#", "rank", tie_column="tied")
TIED = Column("tied", "Tied", "bool", people=False)
CITY = Column("city", "City")
SCORE = Column("score", "Score", "number")
#: Score headers that say nothing more than "score": the table says "Score" for them.
GENERIC_SCORES = frozenset(
    {"", "score", "scores", "total_score", "overall_score", "composite", "得分", "总分", "综合得分"}
)


def score_label(table: Table | None) -> str:
    """What people read over the scores: "Score", or the file's own header when it says
    more (``Value`` of populations, ``CPI``)."""
    header = table.score_column if table is not None else ""
    plain = "_".join(header.casefold().replace("-", " ").split())
    return "Score" if plain in GENERIC_SCORES else header


def score_column(table: Table | None) -> Column:
    """``SCORE``, labelled as ``score_label`` says."""
    label = score_label(table)
    return SCORE if label == SCORE.label else SCORE._replace(label=label)


YEAR = Column("year", "Year", "text", people=False)
LIST_FIGURES = (
    Column("gap_to_leader", "Gap to #1", "number"),
    Column("gap_to_above", "Gap to above", "number"),
    Column("percentile", "Percentile", "number"),
    Column("share_of_leader", "% of #1", "percent"),
)


MOVEMENT = (
    Column("change", "Change", "change", machine=False),
    Column("previous_rank", "Previous rank", "rank", people=False),
    Column("rank_change", "Rank change", "int", people=False),
    Column("previous_score", "Previous score", "number", people=False),
    Column("score_change", "Score change", "number", people=False),
)


def extra_names(extra: Sequence[str], columns: Sequence[Column]) -> list[str]:
    """Names for a file's own columns next to ours: ``original_rank`` where ``rank`` is taken.

    Keeps the output readable back in: no two columns share a name.
    """
    taken = {c.name.casefold() for c in columns}
    names = []
    for name in extra:
        while name.casefold() in taken:
            name = f"original_{name}"
        taken.add(name.casefold())
        names.append(name)
    return names


def top_rows(ranked: Sequence[RankedEntry], top: int | None) -> Sequence[RankedEntry]:
    """The first ``top`` rows, and every row tied with the last of them."""
    if top is None or top >= len(ranked):
        return ranked
    if top <= 0:
        return ()
    cut = top
    last = ranked[top - 1].entry.score
    while cut < len(ranked) and ranked[cut].entry.score == last:
        cut += 1
    return ranked[:cut]


def resolve_cities(ranking: Ranking, names: Sequence[str]) -> list[Entry]:
    """The entries ``names`` refer to, in order; the same city twice is a usage error."""
    found: list[Entry] = []
    finder = CityFinder(ranking)  # one index for all the names, not a pass per name
    for name in names:
        entry = finder.find(name, where(ranking))
        if entry in found:
            raise UsageError(
                f'"{name}" is {entry.city}, which is already in the comparison — '
                "name each city once",
                code="repeated-city",
            )
        found.append(entry)
    return found


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _count(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"
