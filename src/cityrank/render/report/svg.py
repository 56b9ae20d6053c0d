"""The report's charts as inline SVG, drawn here from the views' numbers: no library, no font
or script fetched. Colours are classes (``s0`` … ``s7``, the Okabe–Ito palette, which readers
with any common colour-vision deficiency can tell apart) set in the page's stylesheet, and
every series is named in text beside it too, so no chart depends on colour alone.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from cityrank.numbers import format_number
from cityrank.render.report.text import esc
from cityrank.views.base import Bars, RankLines
from cityrank.views.report.page import Spread, Stack

WIDTH = 720
ROW = 24  # a bar's band, in SVG units
LABEL = 190  # room for "=12 " and a city's name, left of the bars
VALUE = 70  # room for the value at a bar's end
PALETTE = 8
NAME = 26  # a name longer than this many columns is cut, whole in its tooltip


def short(name: str, width: int = NAME) -> str:
    """``name`` cut to ``width`` columns (wide CJK characters count two) with ``…``."""
    used = 0
    for i, ch in enumerate(name):
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > width:
            return name[:i] + "…"
    return name


def _n(x: float) -> str:
    """A coordinate, to a tenth of a unit."""
    return format_number(round(x, 1))


def _rank(rank: float, tied: bool) -> str:
    return f"{'=' if tied else ''}{format_number(rank)}"


def _svg(height: float, label: str, body: Sequence[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {_n(height)}" role="img" '
        f'aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{esc(label)}</title>{''.join(body)}</svg>"
    )


def _scale(values: Sequence[float]) -> tuple[float, float]:
    """The axis: from zero (or the lowest value, if below zero) to the highest (or zero)."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    return low, high if high > low else low + 1


def bar_chart(bars: Bars) -> str:
    """Scores as horizontal bars from zero, each labelled with its rank, city and value."""
    low, high = _scale([score for *_, score in bars.rows])
    room = WIDTH - LABEL - VALUE

    def x(v: float) -> float:
        return LABEL + room * (v - low) / (high - low)

    body = [_axis(x(0), 0, ROW * len(bars.rows))]
    for i, (rank, tied, city, score) in enumerate(bars.rows):
        y = i * ROW
        left, right = sorted((x(0), x(score)))
        tip = f"#{_rank(rank, tied)} {city}: {format_number(score)}"
        body.append(
            f'<g><title>{esc(tip)}</title><text x="{LABEL - 6}" y="{_n(y + 16)}" '
            f'text-anchor="end">{esc(_rank(rank, tied))} {esc(short(city))}</text>'
            f'<rect class="s0" x="{_n(left)}" y="{y + 4}" width="{_n(max(right - left, 0.5))}" '
            f'height="{ROW - 8}"/><text class="v" x="{_n(right + 4)}" y="{_n(y + 16)}">'
            f"{esc(format_number(score))}</text></g>"
        )
    return _svg(ROW * len(bars.rows) + 4, bars.title or "Scores", body)


def _axis(x: float, top: float, bottom: float) -> str:
    return f'<line class="axis" x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}"/>'


BUMP_BOTTOM = 15  # ranks below this are drawn on the chart's bottom line, marked "15+"
MARKS = ("circle", "square", "diamond", "triangle")


def bump_chart(lines: RankLines) -> str:
    """Each city's rank per edition as a line, rank 1 at the top, named at both ends.

    Ranks below ``BUMP_BOTTOM`` sit on the bottom line, which says so; an edition
    that does not rank a city breaks its line.
    """
    editions = lines.editions
    ranks = [r for _, series in lines.series for r in series if r is not None]
    bottom = min(max(ranks, default=1), BUMP_BOTTOM)
    left, right, top, step = 170, WIDTH - 170, 20, 26
    height = top + step * max(bottom - 1, 1) + 30

    def x(i: int) -> float:
        return left + (right - left) * (i / (len(editions) - 1) if len(editions) > 1 else 0.5)

    def y(rank: float) -> float:
        return top + step * (min(rank, bottom) - 1) * (bottom > 1)

    body = []
    for i, year in enumerate(editions):
        body.append(_axis(x(i), top - 10, y(bottom) + 6))
        body.append(f'<text class="v" x="{_n(x(i))}" y="{_n(height - 6)}" text-anchor="middle">')
        body.append(f"{esc(short(year, 10))}</text>")
    clipped = any(r > bottom for r in ranks)
    if clipped:
        body.append(
            f'<text class="v" x="{_n(right + 8)}" y="{_n(y(bottom) + 18)}">'
            f"{esc(f'{bottom} or lower')}</text>"
        )
    for n, (city, series) in enumerate(lines.series):
        colour = f"s{n % PALETTE}"
        points = [(i, r) for i, r in enumerate(series) if r is not None]
        tip = f"{city}: " + ", ".join(
            f"{year} #{format_number(r)}" if r is not None else f"{year} not ranked"
            for year, r in zip(editions, series, strict=True)
        )
        parts = [f'<g class="{colour}"><title>{esc(tip)}</title>']
        for run in _runs(series):
            coords = " ".join(f"{_n(x(i))},{_n(y(r))}" for i, r in run)
            parts.append(f'<polyline class="line" points="{coords}"/>')
        for i, r in points:
            parts.append(_mark(MARKS[n % len(MARKS)], x(i), y(r)))
        if points:
            first, last = points[0], points[-1]
            parts.append(_end_label(x(first[0]) - 10, y(first[1]), city, first[1], "end"))
            parts.append(_end_label(x(last[0]) + 10, y(last[1]), city, last[1], "start"))
        parts.append("</g>")
        body.append("".join(parts))
    return _svg(height, lines.title or "Rank by edition", body)


def _runs(series: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """The stretches of consecutive editions that rank the city."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, r in enumerate(series):
        if r is None:
            runs.append([])
        else:
            runs[-1].append((i, r))
    return [run for run in runs if len(run) > 1]


def _mark(shape: str, x: float, y: float) -> str:
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4.5"/>'
    if shape == "square":
        return f'<rect x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8"/>'
    if shape == "diamond":
        return f'<path d="M{_n(x)} {_n(y - 5.5)}l5.5 5.5-5.5 5.5-5.5-5.5z"/>'
    return f'<path d="M{_n(x)} {_n(y - 5.5)}l5.5 9.5h-11z"/>'


def _end_label(x: float, y: float, city: str, rank: float, anchor: str) -> str:
    text = f"#{format_number(rank)} {short(city, 18)}"
    return f'<text x="{_n(x)}" y="{_n(y + 4)}" text-anchor="{anchor}">{esc(text)}</text>'


def stack_chart(stack: Stack) -> str:
    """Each city's composite score as one bar per indicator's points, end to end, with a key."""
    key_rows = (len(stack.indicators) + 3) // 4
    head = 22 * key_rows + 6
    totals: list[float] = []
    for *_, split in stack.rows:
        totals.append(sum(p for p in split if p is not None and p > 0))
        totals.append(sum(p for p in split if p is not None and p < 0))
    low, high = _scale(totals)
    room = WIDTH - LABEL - VALUE

    def x(v: float) -> float:
        return LABEL + room * (v - low) / (high - low)

    body = []
    for n, name in enumerate(stack.indicators):
        kx, ky = 10 + (n % 4) * 175, 4 + 22 * (n // 4)
        body.append(
            f'<g class="s{n % PALETTE}"><rect x="{kx}" y="{ky}" width="14" height="14"/>'
            f'<text class="key" x="{kx + 20}" y="{ky + 12}">{esc(short(name, 22))}</text></g>'
        )
    body.append(_axis(x(0), head, head + ROW * len(stack.rows)))
    for i, (rank, tied, city, score, split) in enumerate(stack.rows):
        y = head + i * ROW
        body.append(
            f'<text x="{LABEL - 6}" y="{_n(y + 16)}" text-anchor="end">'
            f"{esc(_rank(rank, tied))} {esc(short(city))}</text>"
        )
        ahead, behind = 0.0, 0.0
        for n, (name, part) in enumerate(zip(stack.indicators, split, strict=True)):
            if part is None or part == 0:
                continue
            start = ahead if part > 0 else behind + part
            if part > 0:
                ahead += part
            else:
                behind += part
            tip = f"{city} · {name}: {format_number(part)} points"
            body.append(
                f'<rect class="s{n % PALETTE}" x="{_n(x(start))}" y="{y + 4}" '
                f'width="{_n(max(x(start + abs(part)) - x(start), 0.5))}" height="{ROW - 8}">'
                f"<title>{esc(tip)}</title></rect>"
            )
        shown = "—" if score is None else format_number(score)
        body.append(f'<text class="v" x="{_n(x(ahead) + 4)}" y="{_n(y + 16)}">{esc(shown)}</text>')
    return _svg(head + ROW * len(stack.rows) + 4, stack.title, body)


def spread_chart(spread: Spread) -> str:
    """Each city's 5–95 % rank interval as a line, its median rank as a dot, rank 1 at left."""
    room = WIDTH - LABEL - VALUE
    worst = max(spread.worst, 2.0)
    bottom = ROW * len(spread.rows)

    def x(rank: float) -> float:
        return LABEL + room * (rank - 1) / (worst - 1)

    body = [_axis(x(1), 0, bottom)]
    for rank, anchor in ((1.0, "start"), (worst, "end")):
        body.append(
            f'<text class="v" x="{_n(x(rank))}" y="{_n(bottom + 16)}" text-anchor="{anchor}">'
            f"rank {esc(format_number(rank))}</text>"
        )
    for i, (city, nominal, median, low, high) in enumerate(spread.rows):
        y = i * ROW + ROW / 2
        tip = (
            f"{city}: rank {format_number(nominal) if nominal is not None else '—'}, median "
            f"{format_number(median)}, 5–95 % {format_number(low)}–{format_number(high)}"
        )
        label = short(city) if nominal is None else f"{_rank(nominal, False)} {short(city)}"
        body.append(
            f'<g><title>{esc(tip)}</title><text x="{LABEL - 6}" y="{_n(y + 4)}" '
            f'text-anchor="end">{esc(label)}</text>'
            f'<line class="span s0" x1="{_n(x(low))}" y1="{_n(y)}" x2="{_n(x(high))}" '
            f'y2="{_n(y)}"/><circle class="s0" cx="{_n(x(median))}" cy="{_n(y)}" r="4.5"/>'
            f'<text class="v" x="{_n(x(high) + 8)}" y="{_n(y + 4)}">'
            f"{esc(f'{format_number(low)}–{format_number(high)}')}</text></g>"
        )
    return _svg(bottom + 22, spread.title, body)
