"""The tabulate formats (grid, github, latex, html …), with tabulate imported only here."""

from __future__ import annotations

from typing import TextIO

from cityrank.render.text import cell_text
from cityrank.views import View


def write_tabulate(view: View, out: TextIO, fmt: str) -> None:
    """``view`` in tabulate's ``fmt``; cells are written as text, so numbers keep their form."""
    from tabulate import tabulate

    align = ["left" if c.kind in ("text", "bool") else "right" for c in view.columns]
    rows = [[cell_text(v) for v in row] for row in view.rows]
    headers = [c.name for c in view.columns]
    out.write(tabulate(rows, headers, tablefmt=fmt, disable_numparse=True, colalign=align))
    out.write("\n")
