"""The glyphs drawn in table cells: movement arrows, sparklines, interval and histogram bars."""

from __future__ import annotations

from cityrank.model import Rank
from cityrank.numbers import format_number
from cityrank.views.base import Figure, Interval, Spark, Tally

SPARK = "▁▂▃▄▅▆▇█"
#: Cells of a robustness interval bar, and of the fullest histogram bin's bar.
INTERVAL_WIDTH = 16
TALLY_WIDTH = 30


def arrow(change: Rank) -> str:
    """``▲3`` for three places up, ``▼1`` for one down, ``=`` for no change."""
    if change > 0:
        return f"▲{format_number(change)}"
    if change < 0:
        return f"▼{format_number(-change)}"
    return "="


def sparkline(spark: Spark) -> str:
    """Ranks as bars, rank ``best`` the tallest; ``·`` where a city was not ranked."""
    best, worst = spark.best, spark.worst
    marks = []
    for r in spark.ranks:
        if r is None:
            marks.append("·")
            continue
        share = 1.0 if worst == best else (worst - r) / (worst - best)
        marks.append(SPARK[round(share * (len(SPARK) - 1))])
    return "".join(marks)


def interval_bar(interval: Interval, width: int = INTERVAL_WIDTH) -> str:
    """Ranks 1..``worst`` across ``width`` cells: ``━`` from ``low`` to ``high``, ``●`` at ``mid``.

    Rank 1 is the left end.
    """
    worst = interval.worst

    def cell(rank: float) -> int:
        return 0 if worst <= 1 else round((rank - 1) / (worst - 1) * (width - 1))

    line = ["·"] * width
    for i in range(cell(interval.low), cell(interval.high) + 1):
        line[i] = "━"
    line[cell(interval.mid)] = "●"
    return "".join(line)


def tally_bar(tally: Tally, width: int = TALLY_WIDTH) -> str:
    """``█`` cells in proportion to ``n``, the fullest bin ``width`` long; empty for none."""
    return "█" * round(width * tally.n / tally.most) if tally.n else ""


def figure_text(figure: Figure) -> str:
    """A figure drawn as one line of glyphs."""
    if isinstance(figure, Spark):
        return sparkline(figure)
    if isinstance(figure, Interval):
        return interval_bar(figure)
    return tally_bar(figure)
