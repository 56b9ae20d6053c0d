"""The people view as Rich tables: numbers right-aligned, ties as ``=2``, data as literal text."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cityrank.numbers import format_number
from cityrank.render.glyphs import arrow, figure_text
from cityrank.render.printable import literal
from cityrank.views.base import Cell, Column, Kind, Report, Value, View

if TYPE_CHECKING:
    from rich.console import RenderableType

    from cityrank.render import WriteOptions

MISSING = "—"


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: the people view as Rich prints it.

    For a terminal (``options.terminal``) Rich picks the width and colours from
    the stream and the environment; for a file, 120 columns and no colour.
    Nothing from data is read as markup or emoji codes.
    """
    from rich.console import Console

    console = (
        Console(file=out, highlight=False, markup=False, emoji=False)
        if options.terminal
        else Console(
            file=out, highlight=False, markup=False, emoji=False, width=120, color_system=None
        )
    )
    console.print(render_report(report))


def people_text(value: Value, kind: Kind, tied: bool = False) -> str:
    """How a value reads in a table: ``=2`` for a tied rank, ``91.37 %`` for a percentage,
    ``▲3`` for a ``change`` of three places up."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if kind == "change":
            return arrow(value)
        text = format_number(value)
        if kind == "rank" and tied:
            return f"={text}"
        if kind == "percent":
            return f"{text} %"
        return text
    return literal(value)


def _cell(
    value: Value | Cell, column: Column, row: tuple[Value | Cell, ...], names: list[str]
) -> tuple[str, str]:
    """A cell's text and its style."""
    if isinstance(value, Cell):
        if value.figure is not None:
            return figure_text(value.figure), ""
        text = people_text(value.value, value.kind, value.tied)
        best = "bold green" if value.best else ""
        return text, _change_style(value.value, value.kind) or best
    tied = False
    if column.tie_column is not None and column.tie_column in names:
        tied = bool(row[names.index(column.tie_column)])
    return people_text(value, column.kind, tied), _change_style(value, column.kind)


def _change_style(value: Value, kind: Kind) -> str:
    """Green for a move up, red for a move down."""
    if kind != "change" or isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return "green" if value > 0 else "red" if value < 0 else ""


def render_view(view: View) -> RenderableType:
    """One view as a Rich table; nothing in it is read as markup."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    shown = [i for i, c in enumerate(view.columns) if c.people]
    names = [c.name for c in view.columns]
    table = Table(
        box=box.SIMPLE_HEAD if len(shown) > 1 else None,
        pad_edge=len(shown) > 1,
        show_header=any(view.columns[i].label for i in shown),
        header_style="bold",
    )
    for i in shown:
        column = view.columns[i]
        numeric = column.kind not in ("text", "bool")
        table.add_column(Text(literal(column.label)), justify="right" if numeric else "left")
    for row in view.rows:
        cells = []
        for i in shown:
            value = row[i]
            text, style = _cell(value, view.columns[i], row, names)
            right = isinstance(value, Cell) and value.kind not in ("text", "bool")
            cells.append(Text(text, style=style, justify="right" if right else None))
        table.add_row(*cells)
    return table


def render_report(report: Report) -> RenderableType:
    """A report's people view: each table under its title, then the sentences and captions.

    Titles and captions stand outside the tables, left-aligned, so a narrow
    table does not squeeze them into a column of short lines.
    """
    from rich.console import Group
    from rich.text import Text

    if report.chart is not None:
        return _render_chart(report)
    views = report.people or ((report.data,) if report.data.rows else ())
    parts: list[RenderableType] = []
    for view in views:
        if view.title:
            parts.append(Text(literal(view.title), style="bold"))
        parts.append(render_view(view))
    parts.extend(Text(literal(note)) for note in report.notes)
    captions = dict.fromkeys(v.caption for v in views if v.caption)
    parts.extend(Text(literal(c), style="dim") for c in captions)
    return Group(*parts)


def _render_chart(report: Report) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from cityrank.render.chart import BarChart, RankChart
    from cityrank.views.base import Bars

    chart = report.chart
    assert chart is not None
    drawing = BarChart(chart) if isinstance(chart, Bars) else RankChart(chart)
    parts: list[RenderableType] = [Text(literal(chart.title), style="bold"), drawing]
    parts.extend(Text(literal(note)) for note in report.notes)
    if chart.caption:
        parts.append(Text(literal(chart.caption), style="dim"))
    return Group(*parts)
