"""The ``stats`` view: distribution figures per edition, and a histogram of the latest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cityrank.core.stats import ranked_scores, score_decimals, score_stats
from cityrank.model import Ranking
from cityrank.numbers import format_number
from cityrank.views.base import (
    Cell,
    Column,
    Report,
    Tally,
    Value,
    View,
    edition_caption,
    edition_title,
)

STATS_COLUMNS = (
    Column("year", "Year"),
    Column("count", "Count", "int"),
    Column("ranked", "Ranked", "int"),
    Column("unranked", "Unranked", "int"),
    Column("min", "Min", "number"),
    Column("max", "Max", "number"),
    Column("mean", "Mean", "number"),
    Column("median", "Median", "number"),
    Column("stdev", "Std dev", "number"),
    Column("q1", "Q1", "number"),
    Column("q3", "Q3", "number"),
    Column("iqr", "IQR", "number"),
    Column("gap_1_2", "Gap #1–#2", "number"),
    Column("gap_1_median", "Gap #1–median", "number"),
    Column("top3_share", "Top-3 share", "percent"),
)


def stats_view(rankings: Sequence[Ranking]) -> Report:
    """Distribution figures per edition (see ``ranking.score_stats``), with a histogram."""
    rows: list[tuple[Value | Cell, ...]] = []
    for ranking in rankings:
        figures = score_stats(ranking)
        rows.append((ranking.year, *(figures[c.name] for c in STATS_COLUMNS[1:])))
    latest = rankings[-1]
    title = f"Statistics · {edition_title(latest)}" if len(rankings) == 1 else "Statistics"
    data = View(STATS_COLUMNS, rows, title, edition_caption(latest))
    people = [_stats_people(data)]
    people.append(histogram_view(latest))
    return Report(data, tuple(people))


def _stats_people(data: View) -> View:
    """The figures with editions as columns and measures as rows: easier to read."""
    measures = data.columns[1:]
    columns = (Column("measure", ""),) + tuple(
        Column(f"y{i}", str(row[0] or "")) for i, row in enumerate(data.rows)
    )
    rows: list[tuple[Value | Cell, ...]] = [
        (m.label, *(Cell(_value(row[i + 1]), m.kind) for row in data.rows))
        for i, m in enumerate(measures)
    ]
    return View(columns, rows, data.title, data.caption)


def _value(value: Value | Cell) -> Value:
    assert not isinstance(value, Cell)  # stats rows hold plain values
    return value


def histogram_view(ranking: Ranking, bins: int = 10) -> View:
    """Counts of scores in equal-width bins, each with a bar."""
    scores = ranked_scores(ranking)
    if not scores:
        return View((Column("bin", "Scores"),), [("no scores",)], "Histogram")
    low, high = min(scores), max(scores)
    bins = 1 if high == low else min(bins, len(scores))
    width = (high - low) / bins if bins > 1 else 1.0
    counts = [0] * bins
    for score, times in Counter(scores).items():  # once per distinct score
        counts[min(int((score - low) / width), bins - 1) if bins > 1 else 0] += times
    most = max(counts)
    rows: list[tuple[Value | Cell, ...]] = []
    places = score_decimals(ranking) + 1
    for i, count in enumerate(counts):
        a = round(low + i * width, places)
        b = round(low + (i + 1) * width, places) if bins > 1 else high
        bar = Cell(None, figure=Tally(count, most))
        rows.append((f"{format_number(a)} – {format_number(b)}", Cell(count, "int"), bar))
    columns = (Column("bin", "Scores"), Column("count", "Cities", "int"), Column("bar", ""))
    return View(columns, rows, f"Histogram · {edition_title(ranking)}")
