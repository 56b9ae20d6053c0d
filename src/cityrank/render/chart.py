"""Terminal charts drawn with Rich: bars of ranked scores, and ranks across editions.

A chart's lines are never folded, since a number split over two lines would
misread: where a chart is wider than the console, the terminal wraps them.
Names and glyphs are spelled for the console's encoding (``render.printable``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cityrank.numbers import format_number
from cityrank.render.printable import encodable, literal
from cityrank.views.base import Bars, RankLines

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

EIGHTHS = " ▏▎▍▌▋▊▉"
MARKERS = "●■▲◆★✚"
COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")


def bar(length: float) -> str:
    """A bar ``length`` cells long, to an eighth of a cell."""
    eighths = max(0, round(length * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def _pad(text: str, width: int, cell_len: int) -> str:
    return text + " " * max(0, width - cell_len)


def _whole(text: str = "", style: str | None = None) -> Text:
    """A line of a chart, never folded."""
    from rich.text import Text

    return Text(text, style=style or "", no_wrap=True, overflow="ignore")


class BarChart:
    """One bar per city — rank, name, bar, score — fitted to the console's width."""

    def __init__(self, chart: Bars) -> None:
        self.chart = chart

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len

        rows = self.chart.rows
        encoding = options.encoding
        ranks = [("=" if tied else "") + format_number(rank) for rank, tied, _, _ in rows]
        names = [encodable(literal(city), encoding) for _, _, city, _ in rows]
        scores = [format_number(score) for *_, score in rows]
        rank_w = max(map(len, ranks), default=1)
        name_w = max(map(cell_len, names), default=1)
        score_w = max(map(len, scores), default=1)
        room = max(5, options.max_width - rank_w - name_w - score_w - 4)
        top = max((score for *_, score in rows), default=0.0)
        span = top - self.chart.start
        for rank, name, score_text, (_, _, _, score) in zip(
            ranks, names, scores, rows, strict=True
        ):
            length = room * (score - self.chart.start) / span if span > 0 else room
            line = _whole(f"{rank:>{rank_w}} ")
            line.append(_pad(name, name_w, cell_len(name)))
            line.append(" ")
            drawn = encodable(bar(length), encoding)
            line.append(drawn, style="cyan")
            line.append(" " * (room - cell_len(drawn) + 1))
            line.append(f"{score_text:>{score_w}}")
            yield line


class RankChart:
    """Each city's rank per edition as dots joined by thin lines, rank 1 at the top."""

    MAX_ROWS = 20

    def __init__(self, chart: RankLines) -> None:
        self.chart = chart

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        editions = self.chart.editions
        encoding = options.encoding
        ranks = [r for _, series in self.chart.series for r in series if r is not None]
        worst = max(ranks, default=1)
        rows = min(self.MAX_ROWS, int(worst))
        per_row = worst / rows if rows else 1.0

        def row_of(rank: float) -> int:
            return min(rows - 1, int((rank - 1) / per_row)) if rows > 1 else 0

        label_w = len(format_number(worst)) + 1
        step = max(4, min(12, (options.max_width - label_w - 2) // max(1, len(editions))))
        width = step * max(1, len(editions))
        grid = [[" "] * width for _ in range(rows)]
        styles: list[list[str]] = [[""] * width for _ in range(rows)]
        dot = encodable("·", encoding)
        for n, (_, series) in enumerate(self.chart.series):
            marker = encodable(MARKERS[n % len(MARKERS)], encoding)
            colour = COLOURS[n % len(COLOURS)]
            points = [
                (i * step + step // 2, row_of(r)) for i, r in enumerate(series) if r is not None
            ]
            for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
                for x in range(x0 + 1, x1):
                    y = round(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
                    if grid[y][x] == " ":
                        grid[y][x], styles[y][x] = dot, colour
            for x, y in points:
                grid[y][x], styles[y][x] = marker, f"bold {colour}"
        for y in range(rows):
            low = 1 + y * per_row
            label = format_number(round(low)) if y == 0 or y == rows - 1 or y % 5 == 0 else ""
            line = _whole(encodable(f"{label:>{label_w}} │", encoding), style="dim")
            for x in range(width):
                line.append(grid[y][x], style=styles[y][x] or None)
            yield line
        yield _whole(encodable(" " * label_w + " └" + "─" * width, encoding), style="dim")
        axis = _whole(" " * (label_w + 2))
        for label in editions:
            axis.append(f"{encodable(literal(label), encoding)[: step - 1]:^{step}}")
        yield axis
        yield from self._legend(encoding)

    def _legend(self, encoding: str) -> Iterator[Text]:
        from rich.text import Text

        legend = Text()
        for n, (city, _) in enumerate(self.chart.series):
            marker = encodable(MARKERS[n % len(MARKERS)], encoding)
            legend.append(f"{marker} ", style=f"bold {COLOURS[n % len(COLOURS)]}")
            legend.append(encodable(literal(city), encoding) + "   ")
        yield legend
