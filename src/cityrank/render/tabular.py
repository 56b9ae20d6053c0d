"""The tabulate formats (grid, github, latex, html …), with tabulate imported only here."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cityrank.render.cells import cell_text
from cityrank.render.markup import TABULATE_ESCAPES
from cityrank.render.safe import visible
from cityrank.views.base import Report, View

if TYPE_CHECKING:
    from cityrank.render import WriteOptions


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: ``report``'s data in tabulate's format ``options.fmt``."""
    write_tabulate(report.data, out, options.fmt)


def _unchanged(text: str) -> str:
    return text


def write_tabulate(view: View, out: TextIO, fmt: str) -> None:
    """``view`` in tabulate's ``fmt``; cells are written as text, so numbers keep their form.

    Control and bidi characters from data are written escaped (``\\x1b``).
    In a markup format (github, rst, textile …) every cell, the column names
    among them, is escaped for that markup too (``cityrank.render.markup``);
    tabulate itself escapes html and latex.
    """
    from tabulate import tabulate

    escape = TABULATE_ESCAPES.get(fmt, _unchanged)
    align = ["left" if c.kind in ("text", "bool") else "right" for c in view.columns]
    # These formats are read by people: data never reaches them as control codes.
    rows = [[escape(visible(cell_text(v))) for v in row] for row in view.rows]
    headers = [escape(visible(c.name)) for c in view.columns]
    out.write(tabulate(rows, headers, tablefmt=fmt, disable_numparse=True, colalign=align))
    out.write("\n")
