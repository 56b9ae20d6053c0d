"""The chart views: ranked scores as bars, and ranks across editions as lines."""

from __future__ import annotations

from collections.abc import Sequence

from cityrank.model import Rank, Ranking
from cityrank.numbers import format_number
from cityrank.views.base import (
    CITY,
    RANK,
    TIED,
    Bars,
    Cell,
    Column,
    RankLines,
    Report,
    Value,
    View,
    edition_caption,
    edition_title,
    score_column,
    top_rows,
    where,
)
from cityrank.views.editions import history_view


def chart_view(ranking: Ranking, top: int | None = None, from_min: bool = False) -> Report:
    """The ranked scores as bars from zero (or from the lowest score shown, ``from_min``)."""
    ranked = top_rows(ranking.ranked, top)
    scores = [r.entry.score for r in ranked if r.entry.score is not None]
    low = min(scores) if scores else 0.0
    start = low if from_min else min(0.0, low)
    caption = edition_caption(ranking)
    if from_min:
        caption = f"bars start at {format_number(start)}, not zero · {caption}"
    bars = Bars(
        tuple((r.rank, r.tied, r.entry.city, r.entry.score or 0.0) for r in ranked),
        start,
        edition_title(ranking),
        caption,
    )
    score = score_column(ranking.table)
    columns = (RANK, TIED, CITY, score, Column("bar_start", "Bar start", "number"))
    rows: list[tuple[Value | Cell, ...]] = [
        (r.rank, r.tied, r.entry.city, r.entry.score, start) for r in ranked
    ]
    notes = () if ranked else (f"No city has a score in {where(ranking)}: nothing to draw.",)
    return Report(View(columns, rows, bars.title, caption), notes=notes, chart=bars)


def rank_chart_view(rankings: Sequence[Ranking], names: Sequence[str]) -> Report:
    """Each named city's rank in every edition, for a line/dot chart."""
    history = history_view(rankings, names)
    cities: dict[str, list[Rank | None]] = {}
    for row in history.data.rows:
        city, rank = row[0], row[2]
        assert isinstance(city, str)
        cities.setdefault(city, []).append(rank if isinstance(rank, int | float) else None)
    editions = tuple(r.year or "" for r in rankings)
    chart = RankLines(
        editions,
        tuple((city, tuple(ranks)) for city, ranks in cities.items()),
        f"Rank by edition · {history.data.title.removeprefix('History · ')}",
        history.data.caption,
    )
    columns = (CITY, Column("year", "Year"), RANK)
    rows = [(row[0], row[1], row[2]) for row in history.data.rows]
    return Report(View(columns, rows, chart.title, chart.caption), chart=chart)
