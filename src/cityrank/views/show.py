"""The ``show`` view: one city's standing, neighbours, other columns and its ranks on them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

from cityrank.core.ranking import score_difference
from cityrank.core.standing import Around, Place, Population
from cityrank.model import Entry, Rank, RankedEntry, Ranking
from cityrank.numbers import format_number
from cityrank.views.base import (
    CITY,
    RANK,
    Cell,
    Column,
    Each,
    Report,
    Sheet,
    Value,
    View,
    edition_caption,
    edition_title,
    extra_names,
    resolve_cities,
    score_column,
    score_label,
    where,
)
from cityrank.views.explain import (
    ROUNDING_NOTE,
    Part,
    _strongest_sentence,
    adds_up,
    explain,
    indicators_sheet,
)

SHOW_COLUMNS = (
    Column("city", "City"),
    Column("year", "Year"),
    Column("rank", "Rank", "rank", tie_column="tied"),
    Column("tied", "Tied", "bool"),
    Column("of", "Of", "int"),
    Column("tied_with", "Tied with"),
    Column("tied_with_count", "Tied with (count)", "int"),
    Column("score", "Score", "number"),
    Column("share_of_leader", "% of #1", "percent"),
    Column("gap_to_leader", "Gap to #1", "number"),
    Column("above_city", "City above"),
    Column("gap_to_above", "Gap to city above", "number"),
    Column("below_city", "City below"),
    Column("lead_over_below", "Lead over city below", "number"),
    Column("percentile", "Percentile", "number"),
    Column("z_score", "z-score", "number"),
)


def show_view(ranking: Ranking, name: str, population: Population | None = None) -> Report:
    """Everything about one city: standing, neighbours, its other columns and ranks on them.

    ``population`` answers for the whole edition (default: from ``ranking``).
    """
    population = population or Population(ranking)
    entry = resolve_cities(ranking, [name])[0]
    table = ranking.table
    around = population.around(entry)
    standing = Standing(entry, around, population.z_score(entry))
    summary = _summary(entry, around, standing.z_score, ranking.decimals)
    values, ranks = population.columns([entry])
    numeric = {n: v[0] for n, v in values.items()}
    col_rank = {n: r[0] for n, r in ranks.items()}
    extra = dict(zip(table.extra_columns, entry.extra, strict=True)) if table else {}
    strongest, weakest = _strongest_and_weakest(col_rank)
    columns = list(SHOW_COLUMNS)
    row: list[Value] = list(summary.values())
    rank_columns = [Column(f"{n}_rank", f"{n} rank", "rank") for n in col_rank]
    closing = [Column("strongest_column", "Strongest"), Column("weakest_column", "Weakest")]
    parts = explain(ranking, entry)
    indicator_columns, indicator_values = _indicator_fields(parts) if parts else ([], [])
    # cityrank's own names stay (JSON's nested "neighbours" among them); a file
    # column that clashes with one is renamed (original_rank), as in list and compare.
    ours = [*columns, *rank_columns, *closing, *indicator_columns, Column("neighbours", "")]
    labels = extra_names(list(extra), ours)
    for (name, cell), label in zip(extra.items(), labels, strict=True):
        columns.append(Column(label, name, "number" if name in numeric else "text"))
        row.append(numeric[name] if name in numeric else cell)
    columns += rank_columns
    row += [col_rank[name] for name in col_rank]
    columns += closing
    row += [strongest, weakest]
    columns += indicator_columns
    row += indicator_values
    data = View(tuple(columns), [tuple(row)], edition_title(ranking), edition_caption(ranking))

    document: dict[str, object] = dict(zip([c.name for c in columns], row, strict=True))
    document["tied_with"] = list(around.tied_with)
    document["neighbours"] = [
        {"rank": r.rank, "tied": r.tied, "city": r.entry.city, "score": r.entry.score}
        for r in around.hood
    ]
    people = _show_people(ranking, entry, standing, extra, numeric, col_rank)
    if parts:
        people += (indicators_sheet([parts]).view(0),)
    notes = show_notes(ranking, standing, parts, col_rank)
    return Report(data, people, document=document, notes=notes)


def show_notes(
    ranking: Ranking, standing: Standing, parts: list[Part], col_rank: dict[str, Rank | None]
) -> tuple[str, ...]:
    """The sentences under ``show``'s tables: why a city is unranked, its strongest and weakest
    indicator (with a composite) or column, and whether the parts add up."""
    entry = standing.entry
    if standing.around.me is None:
        return (f"{entry.city} has no score in {where(ranking)}, so it is not ranked.",)
    if parts:
        notes: tuple[str, ...] = (_strongest_sentence(parts),)
        given = [p.contribution for p in parts if p.contribution is not None]
        if entry.score is not None and not adds_up(given, entry.score):
            notes += (ROUNDING_NOTE,)
        return notes
    strongest, weakest = _strongest_and_weakest(col_rank)
    if strongest and weakest and strongest != weakest:
        return (
            f"Strongest on {strongest} (#{format_number(col_rank[strongest] or 0)}), "
            f"weakest on {weakest} (#{format_number(col_rank[weakest] or 0)}).",
        )
    return ()


def _summary(
    entry: Entry, around: Around, z_score: float | None, places: int | None = None
) -> dict[str, Value]:
    """The city's standing, keyed by ``SHOW_COLUMNS``' names, in their order."""
    me, above, below, tied_with = around.me, around.above, around.below, around.tied_with
    return {
        "city": entry.city,
        "year": entry.year,
        "rank": me.rank if me else None,
        "tied": me.tied if me else None,
        "of": around.of,
        "tied_with": "|".join(tied_with) if tied_with else None,
        "tied_with_count": len(tied_with) if me else None,
        "score": entry.score,
        "share_of_leader": me.share_of_leader if me else None,
        "gap_to_leader": me.gap_to_leader if me else None,
        "above_city": above.city if above else None,
        "gap_to_above": me.gap_to_above if me else None,
        "below_city": below.city if below else None,
        "lead_over_below": _points(entry, below, places) if below is not None else None,
        "percentile": me.percentile if me else None,
        "z_score": z_score,
    }


def _strongest_and_weakest(col_rank: dict[str, Rank | None]) -> tuple[str | None, str | None]:
    """The columns the city ranks best and worst on (``None`` without a ranked column)."""
    rated = [(r, n) for n, r in col_rank.items() if r is not None]
    if not rated:
        return None, None
    return min(rated, key=lambda p: p[0])[1], max(rated, key=lambda p: p[0])[1]


def _indicator_fields(parts: list[Part]) -> tuple[list[Column], list[Value]]:
    """Each indicator's figures as columns and values, then the strongest and weakest one."""
    columns: list[Column] = []
    values: list[Value] = []
    for part in parts:
        for field_name, kind, value in (
            ("normalised", "number", part.normalised),
            ("weight", "number", part.weight),
            ("contribution", "number", part.contribution),
            ("share_pct", "percent", part.share),
            ("indicator_rank", "rank", part.rank),
        ):
            columns.append(Column(f"{part.column}_{field_name}", field_name, kind))  # type: ignore[arg-type]
            values.append(value)
    placed = [p for p in parts if p.rank is not None]
    top = min(placed, key=lambda p: p.rank or 0).column if placed else None
    bottom = max(placed, key=lambda p: p.rank or 0).column if placed else None
    columns += [Column("strongest_indicator", ""), Column("weakest_indicator", "")]
    values += [top, bottom]
    return columns, values


def _points(a: Entry, b: Entry, places: int | None = None) -> float | None:
    if a.score is None or b.score is None:
        return None
    return abs(score_difference(a, b, places))


#: How many of the cities tied with it a table names before it counts the rest.
NAMED_TIES = 10


def _some(names: Sequence[str]) -> str:
    """The first ``NAMED_TIES`` names, then how many more: ``A, B, … J and 999,989 more``."""
    shown = ", ".join(names[:NAMED_TIES])
    more = len(names) - NAMED_TIES
    return f"{shown} and {more:,} more" if more > 0 else shown


class Line(NamedTuple):
    """One line of ``show``'s summary for several cities: its label, and each city's value
    (``None`` where that city has no such line). A label with ``refs`` says ``{}`` for the
    name of the city at each city's ``refs`` position in the ranking (``Gap to {}``)."""

    label: str
    values: Sequence[Value | Cell]
    refs: Sequence[int | None] | None = None


class Standing(NamedTuple):
    """What ``show`` says of one city comes from: where it stands, and its z-score."""

    entry: Entry
    around: Around
    z_score: float | None


#: Where the rank and the score are among ``summary_lines``.
RANK_LINE, SCORE_LINE = 0, 3


def summary_lines(ranking: Ranking, cities: Sequence[Standing]) -> list[Line]:
    """``show``'s summary of each of ``cities``, line by line: rank of N, ties, score, gaps,
    percentile and z-score (an unranked city has its rank line only)."""
    ranked = [c.around.me for c in cities]

    def each(value: Callable[[Standing, RankedEntry], Value | Cell]) -> list[Value | Cell]:
        return [None if me is None else value(c, me) for c, me in zip(cities, ranked, strict=True)]

    def ref(where: Callable[[Place], int | None]) -> list[int | None]:
        return [None if c.around.place is None else where(c.around.place) for c in cities]

    n = len(ranking.ranked)
    rank = each(lambda c, me: Cell(me.rank, "rank", tied=me.tied))
    return [
        Line("Rank", [r if r is not None else "unranked — no score" for r in rank]),
        Line("Of", each(lambda c, me: Cell(c.around.of, "int"))),
        Line("Tied with", each(lambda c, me: _some(c.around.tied_with) or None)),
        Line(score_label(ranking.table), each(lambda c, me: Cell(c.entry.score, "number"))),
        Line("Share of #1", each(lambda c, me: Cell(me.share_of_leader, "percent"))),
        Line("Gap to #1", each(lambda c, me: Cell(me.gap_to_leader, "number"))),
        Line(
            "Gap to {}",
            each(lambda c, me: None if c.around.above is None else Cell(me.gap_to_above, "number")),
            ref(lambda p: p.above),
        ),
        Line(
            "Lead over {}",
            each(
                lambda c, me: (
                    None
                    if c.around.below is None
                    else Cell(_points(c.entry, c.around.below, ranking.decimals), "number")
                )
            ),
            ref(lambda p: p.below(n)),
        ),
        Line("Percentile", each(lambda c, me: Cell(me.percentile, "number"))),
        Line("z-score", each(lambda c, me: Cell(c.z_score, "number"))),
    ]


def other_columns(
    extra: Sequence[str],
    cells: Sequence[Sequence[str]],
    numeric: Collection[str],
    ranks: Mapping[str, Sequence[Rank | None]],
) -> Sheet | None:
    """The file's other columns of several cities: each city's cell (``cells[k][i]`` for
    column ``k``, city ``i``) and, on a numeric column, its rank."""
    if not extra:
        return None
    rows: list[tuple[Value | Each, ...]] = []
    for name, column in zip(extra, cells, strict=True):
        mine = ranks.get(name)
        rank: Value | Each = None if mine is None else Each([Cell(r, "rank") for r in mine])
        rows.append((name, Each(list(column)), rank if name in numeric else None))
    columns = (Column("column", "Column"), Column("value", "Value"), Column("rank", "Rank", "rank"))
    return Sheet("Other columns", columns, rows)


def _show_people(
    ranking: Ranking,
    entry: Entry,
    standing: Standing,
    extra: dict[str, str],
    numeric: dict[str, float | None],
    col_rank: dict[str, Rank | None],
) -> tuple[View, ...]:
    two = (Column("field", ""), Column("value", ""))
    lines: list[tuple[Value | Cell, ...]] = []
    for line in summary_lines(ranking, [standing]):
        value = line.values[0]
        if value is None:
            continue
        ref = line.refs[0] if line.refs is not None else None
        label = line.label if ref is None else line.label.replace("{}", _name(ranking, ref))
        lines.append((label, value))
    title = f"{entry.city} · {edition_title(ranking)}"
    views = [View(two, lines, title, edition_caption(ranking))]
    hood = standing.around.hood
    if hood:
        rows: list[tuple[Value | Cell, ...]] = [
            (
                Cell(r.rank, "rank", tied=r.tied, best=r.entry is entry),
                Cell(r.entry.city, best=r.entry is entry),
                Cell(r.entry.score, "number", best=r.entry is entry),
            )
            for r in hood
        ]
        views.append(View((RANK, CITY, score_column(ranking.table)), rows, "Neighbourhood"))
    ranks = {name: [r] for name, r in col_rank.items()}
    sheet = other_columns(list(extra), [[c] for c in extra.values()], numeric, ranks)
    if sheet is not None:
        views.append(sheet.view(0))
    return tuple(views)


def _name(ranking: Ranking, position: int) -> str:
    return ranking.ranked[position].entry.city
