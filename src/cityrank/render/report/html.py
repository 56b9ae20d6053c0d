"""The report's HTML: views as tables (numbers right-aligned, ties as ``=2``, movement as
arrows) and sections. Cells read as ``cityrank`` prints them for people
(``render.people.people_text``); every text is escaped (``render.report.text``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Sequence
from typing import NamedTuple

from cityrank.numbers import format_number
from cityrank.render.glyphs import figure_text
from cityrank.render.people import people_text
from cityrank.render.report.text import attr, esc
from cityrank.views.base import Cell, Column, Kind, Value, View

NUMERIC: frozenset[Kind] = frozenset({"rank", "number", "percent", "int", "change"})


def _cell(value: Value | Cell, column: Column, tied: bool) -> tuple[str, str, str | None]:
    """A cell's text, its class and its sort value (``data-v``, where the text is not the
    number: a tied rank ``=2``, a change ``▲3``)."""
    kind, best = column.kind, False
    if isinstance(value, Cell):
        if value.figure is not None:
            return figure_text(value.figure), "g", None
        kind, tied, best = value.kind, value.tied, value.best
        value = value.value
    text = people_text(value, kind, tied)
    classes = "" if kind in NUMERIC else "t"
    if kind == "change" and isinstance(value, int | float) and not isinstance(value, bool):
        classes = "up" if value > 0 else "down" if value < 0 else ""
    if best:  # the city a card is about, the better of two in a comparison
        classes = f"{classes} b".lstrip()
    sort = None
    if isinstance(value, int | float) and not isinstance(value, bool) and kind in NUMERIC:
        number = format_number(value)
        sort = number if number != text else None
    return text, classes, sort


class Grid(NamedTuple):
    """A view's table in parts: its header row, each body row, and each column's width in
    ``ch`` as far as it can be told from the text (wide CJK characters count two)."""

    head: str
    rows: list[str]
    widths: list[int]


def text_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def grid(
    view: View,
    *,
    keys: Sequence[str] | None = None,
    anchors: Sequence[str | None] | None = None,
    cards: Collection[str] = (),
    targets: bool = True,
) -> Grid:
    """``view``'s columns that people see, as a header and rows of cells.

    With ``keys``, each row carries its lookup keys (``data-key``) for the
    search box; with ``anchors``, a city with a card in ``cards`` links to it,
    and (with ``targets``) the row is itself the target of its anchor.
    """
    names = [c.name for c in view.columns]
    shown = [i for i, c in enumerate(view.columns) if c.people]
    ties = {
        i: names.index(c.tie_column) for i, c in enumerate(view.columns) if c.tie_column in names
    }
    city = names.index("city") if "city" in names else None
    widths = [text_width(view.columns[i].label) + 2 for i in shown]  # + the sort arrow
    head = _head(view, shown)
    # A ranked list repeats its figures (scores, gaps, ranks) down the rows: each distinct
    # value of a column is made into its cell once.
    made: list[dict[tuple[type, Value, bool], str]] = [{} for _ in shown]
    rows = []
    for r, row in enumerate(view.rows):
        fragment = anchors[r] if anchors is not None else None
        attrs = f' data-key="{attr(keys[r])}"' if keys is not None else ""
        if targets and fragment is not None:
            attrs += f' id="{esc(fragment)}"'
        parts = [f"<tr{attrs}>"]
        for n, i in enumerate(shown):
            value = row[i]
            tied = bool(row[ties[i]]) if i in ties else False
            memo = (type(value), value, tied) if not isinstance(value, Cell) else None
            if i != city and memo is not None and memo in made[n]:
                parts.append(made[n][memo])
                continue
            text, classes, sort = _cell(value, view.columns[i], tied)
            width = text_width(text)
            if width > widths[n]:
                widths[n] = width
            if i == city:  # a row's heading is left-aligned text already (page.css)
                classes = " ".join(c for c in classes.split() if c != "t")
            extra = f' class="{classes}"' if classes else ""
            if sort is not None:
                extra += f' data-v="{sort}"'
            if i == city:
                linked = fragment if fragment is not None and fragment in cards else None
                parts.append(_row_heading(text, extra, linked))
                continue
            cell = f"<td{extra}>{esc(text)}</td>"
            if memo is not None:
                made[n][memo] = cell
            parts.append(cell)
        parts.append("</tr>")
        rows.append("".join(parts))
    return Grid(head, rows, widths)


def _head(view: View, shown: Sequence[int]) -> str:
    """The header row of the columns ``shown``; empty when none has a label."""
    if not any(view.columns[i].label for i in shown):
        return ""
    cells = []
    for i in shown:
        column = view.columns[i]
        kind = "number" if column.kind in NUMERIC else "text"
        # Rows come best first: a table led by its ranks is sorted by them.
        order = ' aria-sort="ascending"' if i == shown[0] and column.kind == "rank" else ""
        cells.append(f'<th scope="col" data-type="{kind}"{order}>{esc(column.label)}</th>')
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def _row_heading(text: str, extra: str, card: str | None) -> str:
    """A row's city cell, a link to its card when it has one (``card``: the anchor)."""
    shown = esc(text)
    if card is not None:
        shown = f'<a href="#{esc(card)}">{shown}</a>'
    return f'<th scope="row"{extra}>{shown}</th>'


def view_table(
    view: View,
    *,
    table_id: str | None = None,
    keys: Sequence[str] | None = None,
    anchors: Sequence[str | None] | None = None,
    cards: Collection[str] = (),
    targets: bool = True,
) -> str:
    """``view`` as one ``<table>`` (see ``grid`` for the arguments)."""
    made = grid(view, keys=keys, anchors=anchors, cards=cards, targets=targets)
    opening = f'<table id="{table_id}">' if table_id else "<table>"
    return f"{opening}{made.head}<tbody>{''.join(made.rows)}</tbody></table>"


def cell_text(value: Value | Cell, column: Column) -> str:
    """A cell's text, as ``cityrank`` prints it for people (a tied rank ``=2``, ``91.36 %``)."""
    return _cell(value, column, False)[0]


def paragraphs(sentences: Sequence[str], tag: str = "p") -> str:
    if tag == "li":
        return "<ul>" + "".join(f"<li>{esc(s)}</li>" for s in sentences) + "</ul>"
    return "".join(f"<{tag}>{esc(s)}</{tag}>" for s in sentences)
