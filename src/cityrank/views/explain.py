"""How a composite score is made, indicator by indicator, and how two cities' scores differ."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from cityrank.core.composite.table import Explained, composite_of
from cityrank.core.stats import column_ranks
from cityrank.model import Entry, Rank, Ranking
from cityrank.numbers import difference, format_number
from cityrank.views.base import Column, Each, Sheet, Value


class Part(NamedTuple):
    """One indicator's share in one city's composite score."""

    column: str
    raw: float | None
    normalised: float | None
    weight: float | None
    contribution: float | None
    share: float | None  # percent of the score
    rank: Rank | None  # among the edition's cities, on the normalised value
    exact: float | None = None  # the contribution before rounding


#: Under a breakdown whose rounded parts do not add up to its rounded total.
ROUNDING_NOTE = "Parts may not add up to the total because of rounding."


def adds_up(parts: Sequence[float], total: float) -> bool:
    """Whether ``parts`` as printed add up to ``total`` as printed."""
    printed = sum((Decimal(format_number(p)) for p in parts), Decimal(0))
    return printed == Decimal(format_number(total))


def explain(ranking: Ranking, entry: Entry) -> list[Part]:
    """How ``entry``'s composite score is made, indicator by indicator ([] without one)."""
    return explain_all(ranking, [entry])[0]


def explain_all(ranking: Ranking, entries: Sequence[Entry]) -> list[list[Part]]:
    """``explain`` of each of ``entries``, each indicator ranked once for them all."""
    table = ranking.table
    composite = composite_of(table)
    if not composite or ranking.year not in composite:
        return [[] for _ in entries]
    made = composite[ranking.year]
    result = made.result
    ranks = {c: column_ranks(result.normalised[c], ranking.ties) for c in made.spec.columns}
    if len(entries) == 1:
        return [_parts(made, made.index(entries[0]), ranks)]
    where: dict[str, int] = {}  # each key's first position, as Explained.index finds it
    for i, e in enumerate(made.entries):
        where.setdefault(e.key, i)
    return [_parts(made, where[entry.key], ranks) for entry in entries]


def _parts(made: Explained, i: int, ranks: dict[str, list[Rank | None]]) -> list[Part]:
    """The parts of the score at ``i`` of ``made``'s lists."""
    result = made.result
    score = result.exact[i] if result.exact else result.scores[i]
    parts = []
    for column in made.spec.columns:
        normalised = result.normalised[column]
        contribution = result.contributions[column][i]
        exact = result.exact_contributions[column][i] if result.exact_contributions else None
        if exact is None:
            exact = contribution
        weight = result.weights[column][i]
        value = normalised[i]
        parts.append(
            Part(
                column,
                made.raw[column][i],
                round(value, 4) if value is not None else None,
                round(weight, 4) if weight is not None else None,
                contribution,
                round(100 * exact / score, 2) if exact is not None and score else None,
                ranks[column][i],
                exact,
            )
        )
    return parts


def indicators_sheet(explained: Sequence[list[Part]]) -> Sheet:
    """The composite score of each of several cities (``explain`` of each, indicators in the
    same order), indicator by indicator."""
    columns = (
        Column("indicator", "Indicator"),
        Column("value", "Value", "number"),
        Column("normalised", "Normalised", "number"),
        Column("weight", "Weight", "number"),
        Column("contribution", "Points", "number"),
        Column("share", "Share", "percent"),
        Column("rank", "Rank", "rank"),
    )
    rows: list[tuple[Value | Each, ...]] = []
    for k, part in enumerate(explained[0] if explained else []):
        mine = [parts[k] for parts in explained]
        rows.append(
            (
                part.column,
                Each([p.raw for p in mine]),
                Each([p.normalised for p in mine]),
                Each([p.weight for p in mine]),
                Each([p.contribution for p in mine]),
                Each([p.share for p in mine]),
                Each([p.rank for p in mine]),
            )
        )
    return Sheet("Composite score, indicator by indicator", columns, rows)


def _strongest_sentence(parts: list[Part]) -> str:
    rated = [p for p in parts if p.rank is not None]
    if not rated:
        return "No indicator has a value."
    top = min(rated, key=lambda p: p.rank or 0)
    bottom = max(rated, key=lambda p: p.rank or 0)
    return (
        f"Strongest indicator: {top.column} (#{format_number(top.rank or 0)}); "
        f"weakest: {bottom.column} (#{format_number(bottom.rank or 0)})."
    )


def difference_by_indicator(ranking: Ranking, a: Entry, b: Entry) -> list[tuple[str, float]] | None:
    """``a``'s score minus ``b``'s, split by indicator, each part rounded once from the
    exact contributions (so, rounded apart, they may not add up to the difference)."""
    first, second = explain(ranking, a), explain(ranking, b)
    if not first or not second or a.score is None or b.score is None:
        return None
    split = []
    for x, y in zip(first, second, strict=True):
        cx, cy = x.exact or 0.0, y.exact or 0.0
        split.append((x.column, difference(cx, a.decimals, cy, b.decimals)))
    return split
