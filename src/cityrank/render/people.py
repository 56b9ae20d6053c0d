"""The people view as Rich tables: numbers right-aligned, ties as ``=2``, data as literal text.

The tables and charts are laid out when Rich draws them, for the width and the
encoding of the stream they go to (see ``cityrank.render.fit`` and
``cityrank.render.printable``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from cityrank.numbers import format_number, grouped
from cityrank.render.fit import Shown, fit_table, left_out_note, row_lines
from cityrank.render.glyphs import arrow, figure_text
from cityrank.render.printable import encodable, literal
from cityrank.views.base import Cell, Column, Kind, Report, Value, View

if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from cityrank.render import WriteOptions

MISSING = "—"


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: the people view as Rich prints it.

    For a terminal (``options.terminal``) Rich picks the width and colours from
    the stream and the environment (``COLUMNS=0`` counts as unset, as for
    ``shutil``: the terminal's width, else 80); for a file, 120 columns and no
    colour. Nothing from data is read as markup or emoji codes. A line that
    must not be folded (a row where no table fits) is left for the terminal to
    wrap, not cropped.
    """
    import shutil

    from rich.console import Console

    def console(width: int | None, colour: bool) -> Console:
        return Console(
            file=out,
            width=width,
            color_system="auto" if colour else None,
            highlight=False,
            markup=False,
            emoji=False,
        )

    drawn = console(None, True) if options.terminal else console(120, False)
    if drawn.width < 1:
        drawn = console(shutil.get_terminal_size().columns, True)
    drawn.print(render_report(report), crop=False)


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
        text = grouped(format_number(value))
        if kind == "rank" and tied:
            return f"={text}"
        if kind == "percent":
            return f"{text} %"
        return text
    return literal(value)


def _numeric(kind: Kind) -> bool:
    return kind not in ("text", "bool")


def _shown(
    value: Value | Cell, column: Column, row: tuple[Value | Cell, ...], names: list[str]
) -> Shown:
    """A cell's text and style, and whether it is a number or a figure that stays whole."""
    if isinstance(value, Cell):
        if value.figure is not None:
            return Shown(figure_text(value.figure), whole=True)
        text = people_text(value.value, value.kind, value.tied)
        best = "bold green" if value.best else ""
        numeric = _numeric(value.kind)
        style = _change_style(value.value, value.kind) or best
        return Shown(text, style, right=numeric, whole=numeric)
    tied = False
    if column.tie_column is not None and column.tie_column in names:
        tied = bool(row[names.index(column.tie_column)])
    text = people_text(value, column.kind, tied)
    return Shown(text, _change_style(value, column.kind), whole=_numeric(column.kind))


def _change_style(value: Value, kind: Kind) -> str:
    """Green for a move up, red for a move down."""
    if kind != "change" or isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return "green" if value > 0 else "red" if value < 0 else ""


def render_view(view: View) -> RenderableType:
    """One view as a Rich table fitted to the width it is drawn in; nothing in it is markup."""
    return _FittedView(view)


class _FittedView:
    """A view drawn as a table as wide as the console allows, or as lines where none fits."""

    def __init__(self, view: View) -> None:
        self.view = view

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        view, encoding = self.view, options.encoding
        shown = [i for i, c in enumerate(view.columns) if c.people]
        names = [c.name for c in view.columns]
        labels = [encodable(literal(view.columns[i].label), encoding) for i in shown]
        rows = [[_shown(row[i], view.columns[i], row, names) for i in shown] for row in view.rows]
        if options.ascii_only:
            rows = [[c._replace(text=encodable(c.text, encoding)) for c in row] for row in rows]
        plan = fit_table(labels, rows, options.max_width, cell_len)
        if plan is None:
            for line in row_lines(labels, rows):
                yield Text(line, no_wrap=True, overflow="ignore")
            return
        numeric = [_numeric(view.columns[i].kind) for i in shown]
        yield _table(labels, rows, numeric, plan.keep, plan.widths, _box(options.ascii_only))
        if plan.keep < len(labels):
            note = left_out_note(labels[plan.keep :])
            yield Text(encodable(note, encoding), style="dim")


def _box(ascii_only: bool) -> Box:
    """The table's rules: a line under the header, drawn in ASCII where the stream needs it."""
    from rich import box

    if not ascii_only:
        return box.SIMPLE_HEAD
    # Rich would swap in its ASCII grid, boxing every cell: keep the one rule.
    return box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


def _table(
    labels: Sequence[str],
    rows: Sequence[Sequence[Shown]],
    numeric: Sequence[bool],
    keep: int,
    widths: tuple[int, ...] | None,
    rules: Box,
) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=rules if len(labels) > 1 else None,
        pad_edge=len(labels) > 1,
        show_header=any(labels),
        header_style="bold",
    )
    for i in range(keep):
        table.add_column(
            Text(labels[i]),
            justify="right" if numeric[i] else "left",
            overflow="fold",
            width=None if widths is None else widths[i],
        )
    for row in rows:
        table.add_row(
            *(Text(c.text, style=c.style, justify="right" if c.right else None) for c in row[:keep])
        )
    return table


def render_report(report: Report) -> RenderableType:
    """A report's people view: each table under its title, then the sentences and captions.

    Titles and captions stand outside the tables, left-aligned, so a narrow
    table does not squeeze them into a column of short lines.
    """
    return _Page(report)


class _Page:
    """A report's people view, its text spelled for the console's encoding when drawn."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        def line(text: str, style: str = "") -> Text:
            return Text(encodable(literal(text), options.encoding), style=style)

        report = self.report
        if report.chart is not None:
            yield line(report.chart.title, "bold")
            yield from _charts(report, line)
            yield from (line(note) for note in report.notes)
            if report.chart.caption:
                yield line(report.chart.caption, "dim")
            return
        views = report.people or ((report.data,) if report.data.rows else ())
        for view in views:
            if view.title:
                yield line(view.title, "bold")
            yield render_view(view)
        yield from (line(note) for note in report.notes)
        captions = dict.fromkeys(v.caption for v in views if v.caption)
        yield from (line(caption, "dim") for caption in captions)


def _charts(report: Report, line: Callable[[str, str], RenderableType]) -> Iterator[RenderableType]:
    """The report's chart; each of several under its title."""
    from cityrank.render.chart import BarChart, RankChart
    from cityrank.views.base import Bars, Charts

    chart = report.chart
    assert chart is not None
    if isinstance(chart, Charts):
        for part in chart.parts:
            yield line(part.title, "bold")
            yield BarChart(part)
            if part.caption and part.caption != chart.caption:  # e.g. where its bars start
                yield line(part.caption, "dim")
        return
    yield BarChart(chart) if isinstance(chart, Bars) else RankChart(chart)
