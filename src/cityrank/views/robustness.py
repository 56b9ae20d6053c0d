"""The ``robustness`` view: how far each city's rank moves when the weights vary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cityrank.core.composite.table import composite_of
from cityrank.model import Ranking
from cityrank.numbers import format_number
from cityrank.views.base import (
    CITY,
    Cell,
    Column,
    Interval,
    Report,
    Value,
    View,
    edition_caption,
    edition_title,
)

if TYPE_CHECKING:
    from cityrank.core.composite.robustness import Robustness


ROBUSTNESS_COLUMNS = (
    CITY,
    Column("nominal_rank", "Rank", "rank"),
    Column("median_rank", "Median", "rank"),
    Column("rank_p05", "5 %", "rank"),
    Column("rank_p95", "95 %", "rank"),
    Column("p_first", "P(#1)", "number"),
    Column("p_top_k", "P(top k)", "number"),
)


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def _people_row(
    city: str,
    ranks: tuple[int | None, float | None, float | None, float | None],
    first: float | None,
    top: float | None,
    worst: float,
) -> tuple[Value | Cell, ...]:
    """A city's row as people see it: ``ranks`` are its nominal rank and the 5th, 50th and
    95th percentiles of its ranks over the samples."""
    nominal, low, mid, high = ranks
    span: Value | Cell = ""
    bar: Value | Cell = ""
    if low is not None and mid is not None and high is not None:
        span = f"{format_number(low)}–{format_number(high)}"
        bar = Cell(None, figure=Interval(low, mid, high, worst))
    return (
        city,
        Cell(nominal, "rank"),
        Cell(mid, "rank"),
        span,
        bar,
        Cell(round(100 * first, 1) if first is not None else None, "percent"),
        Cell(round(100 * top, 1) if top is not None else None, "percent"),
    )


def robustness_view(
    ranking: Ranking, result: Robustness, top_k: int, weight_noise: float, vary_method: bool
) -> Report:
    """Per city: nominal rank and how far it moves when weights (and methods) vary."""
    table = ranking.table
    composite = composite_of(table)
    assert composite is not None
    entries = composite[ranking.year].entries
    order = sorted(
        range(len(entries)),
        key=lambda i: (result.nominal_rank[i] is None, result.nominal_rank[i] or 0),
    )
    rows: list[tuple[Value | Cell, ...]] = []
    people: list[tuple[Value | Cell, ...]] = []
    # Percentile ranks are interpolated: rounded once, to two places, wherever they show.
    worst = max((r for r in result.rank_p95 if r is not None), default=1.0)
    worst = round(worst, 2)
    for i in order:
        low, mid, high = (
            _round(result.rank_p05[i], 2),
            _round(result.median_rank[i], 2),
            _round(result.rank_p95[i], 2),
        )
        first, top = result.p_first[i], result.p_top_k[i]
        rows.append(
            (
                entries[i].city,
                result.nominal_rank[i],
                mid,
                low,
                high,
                _round(first, 4),
                _round(top, 4),
            )
        )
        ranks = (result.nominal_rank[i], low, mid, high)
        people.append(_people_row(entries[i].city, ranks, first, top, worst))
    title = f"Robustness · {edition_title(ranking)}"
    caption = f"{result.samples} samples, {_varied(weight_noise, vary_method)}"
    caption += f" · {edition_caption(ranking)}"
    data = View(ROBUSTNESS_COLUMNS, rows, title, caption)
    view = View(_people_columns(worst, top_k), people, title, caption)
    note = (
        f"Mean Spearman correlation between the nominal ranking and the samples: "
        f"{format_number(round(result.mean_spearman, 3))}."
    )
    return Report(data, (view,), notes=(note,))


def _varied(weight_noise: float, vary_method: bool) -> str:
    """What the samples vary, for the caption."""
    varied = "weights ±" + format_number(round(100 * weight_noise, 2)) + " %"
    if vary_method:
        varied += ", normalisation and aggregation"
    return varied


def _people_columns(worst: float, top_k: int) -> tuple[Column, ...]:
    return (
        CITY,
        Column("nominal", "Rank", "rank"),
        Column("median", "Median", "rank"),
        Column("interval", "5–95 %", "rank"),
        Column("bar", f"rank 1 … {format_number(worst)}"),
        Column("first", "P(#1)", "percent"),
        Column("top", f"P(top {top_k})", "percent"),
    )
