"""The tabulate formats (grid, github, latex, html …), with tabulate imported only here."""

from __future__ import annotations

from typing import TextIO

from cityrank.render.safe import visible
from cityrank.render.text import cell_text
from cityrank.views import View


def write_tabulate(view: View, out: TextIO, fmt: str) -> None:
    """``view`` in tabulate's ``fmt``; cells are written as text, so numbers keep their form.

    Control and bidi characters from data are written escaped (``\\x1b``).
    """
    from tabulate import tabulate

    align = ["left" if c.kind in ("text", "bool") else "right" for c in view.columns]
    # These formats are read by people: data never reaches them as control codes.
    rows = [[visible(cell_text(v)) for v in row] for row in view.rows]
    headers = [visible(c.name) for c in view.columns]
    out.write(tabulate(rows, headers, tablefmt=fmt, disable_numparse=True, colalign=align))
    out.write("\n")
