"""GitHub-flavoured Markdown tables, with data escaped so it cannot break the table."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cityrank.render.cells import cell_text
from cityrank.render.safe import visible
from cityrank.views.base import Cell, Report, Value, View

if TYPE_CHECKING:
    from cityrank.render import WriteOptions


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: ``report``'s data as one Markdown table."""
    write_markdown(report.data, out)


def _markdown_cell(value: Value | Cell) -> str:
    """A cell's text for a Markdown table: ``|`` and ``\\`` escaped, line breaks as
    ``<br>``, control and bidi characters written escaped (``\\x1b``)."""
    text = cell_text(value).replace("\\", "\\\\").replace("|", "\\|")
    return visible("<br>".join(text.splitlines()))


def write_markdown(view: View, out: TextIO) -> None:
    """A GitHub-flavoured Markdown table; numbers right-aligned, ``|`` in data escaped."""
    out.write("| " + " | ".join(_markdown_cell(c.name) for c in view.columns) + " |\n")
    rule = ["---:" if c.kind not in ("text", "bool") else "---" for c in view.columns]
    out.write("| " + " | ".join(rule) + " |\n")
    for row in view.rows:
        out.write("| " + " | ".join(_markdown_cell(v) for v in row) + " |\n")
