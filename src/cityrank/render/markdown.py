"""GitHub-flavoured Markdown tables, with data escaped so it reads as text, never as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cityrank.render.cells import cell_text
from cityrank.render.markup import escape_markdown
from cityrank.render.safe import visible
from cityrank.views.base import Cell, Report, Value, View

if TYPE_CHECKING:
    from cityrank.render import WriteOptions


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: ``report``'s data as one Markdown table."""
    write_markdown(report.data, out)


def _markdown_cell(value: Value | Cell) -> str:
    """A cell's text for a Markdown table: markup escaped (``cityrank.render.markup``),
    line breaks as ``<br>``, control and bidi characters written escaped (``\\x1b``)."""
    return "<br>".join(escape_markdown(visible(line)) for line in cell_text(value).splitlines())


def write_markdown(view: View, out: TextIO) -> None:
    """A GitHub-flavoured Markdown table; numbers right-aligned, markup in data escaped."""
    out.write("| " + " | ".join(_markdown_cell(c.name) for c in view.columns) + " |\n")
    rule = ["---:" if c.kind not in ("text", "bool") else "---" for c in view.columns]
    out.write("| " + " | ".join(rule) + " |\n")
    for row in view.rows:
        out.write("| " + " | ".join(_markdown_cell(v) for v in row) + " |\n")
