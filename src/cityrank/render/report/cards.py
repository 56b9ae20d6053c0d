"""Every city's card as one JSON block in the page, from which the page's script draws the
card that the address asks for (``page.js``, ``card``): 10,000 cards drawn as HTML would
be some 30 MB, their texts as JSON about 2.

Each text is what ``cityrank show`` prints (``render.people.people_text``), hidden
characters written as escapes (``render.printable.literal``); the script sets it as
text, never as markup. A field that is the same on every card is given once; a text
that recurs (a shared rank, a tie's names) is given once in ``pool`` and referred to by
its index there.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence

from cityrank.render.printable import literal
from cityrank.render.report.html import NUMERIC, cell_text
from cityrank.views.base import Cell, Column, Each, Sheet, Value
from cityrank.views.report.cards import Cards

Texts = list[str | None]
#: A field of every card: the one text they all share, or each card's (a text, ``None``, or
#: the index of a text in ``pool``).
Field = str | None | list[str | int | None]


def cards_json(cards: Cards) -> str:
    """The cards as JSON that is safe inside ``<script type="application/json">``: no ``<``,
    ``>`` or ``&`` (so no ``</script>`` or ``<!--``), nor U+2028/U+2029, written as such."""
    fields: list[Texts] = []  # every per-card field, to be packed once their texts are known

    def field(texts: Texts) -> int:
        fields.append(texts)
        return len(fields) - 1

    text_column = Column("text", "")
    lines = []
    for line in cards.lines:
        entry: dict[str, object] = {
            "label": literal(line.label),
            "values": field([_text(v, text_column) for v in line.values]),
        }
        if line.refs is not None:
            entry["refs"] = line.refs
        lines.append(entry)
    hood = cards.hood
    document: dict[str, object] = {
        "title": literal(cards.title),
        "cities": field([literal(c) for c in cards.cities]),
        "shown": cards.shown,
        "lines": lines,
        "hood": {
            "title": hood.title,
            "head": [literal(c.label) for c in hood.columns],
            "numeric": [c.kind in NUMERIC for c in hood.columns],
            "back": hood.back,
            "ahead": hood.ahead,
            "lines": hood.lines,
        },
        "sheets": [_sheet(sheet, field) for sheet in cards.sheets],
        "notes": [
            {"each": field([literal(n[k]) if k < len(n) else None for n in cards.notes])}
            for k in range(max(map(len, cards.notes), default=0))
        ],
    }
    pool, packed = _pack(fields)
    document["pool"] = pool
    text = json.dumps(_resolve(document, packed), ensure_ascii=False, separators=(",", ":"))
    for ch, escape in _UNSAFE.items():
        text = text.replace(ch, escape)
    return text


_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _text(value: Value | Cell, column: Column) -> str | None:
    """A card's text for ``value`` as ``show`` prints it; ``None`` for no line at all."""
    if value is None:
        return None
    return literal(cell_text(value, column))


def _shown(value: Value | Cell, column: Column) -> str:
    return literal(cell_text(value, column))


def _sheet(sheet: Sheet, field: Callable[[Texts], int]) -> dict[str, object]:
    rows = []
    for row in sheet.rows:
        cells: list[object] = []
        for cell, column in zip(row, sheet.columns, strict=True):
            if isinstance(cell, Each):
                cells.append({"each": field([_shown(v, column) for v in cell.values])})
            else:
                cells.append(_shown(cell, column))
        rows.append(cells)
    return {
        "title": sheet.title,
        "head": [literal(c.label) for c in sheet.columns],
        "numeric": [c.kind in NUMERIC for c in sheet.columns],
        "rows": rows,
    }


def _pack(fields: Sequence[Texts]) -> tuple[list[str], list[Field]]:
    """The texts that recur, and each field as its shared text or its cards' texts, those
    that recur as their index in the first list."""
    counts = Counter(t for texts in fields for t in texts if t is not None and len(t) > 1)
    pool = [t for t, n in counts.most_common() if n > 1]
    index = {t: i for i, t in enumerate(pool)}
    packed: list[Field] = []
    for texts in fields:
        if texts and all(t == texts[0] for t in texts):
            packed.append(texts[0])
        else:
            packed.append([index.get(t, t) if t is not None else None for t in texts])
    return pool, packed


def _resolve(document: object, packed: Sequence[Field]) -> object:
    """``document`` with each field's number (``field``'s answer) replaced by the field."""
    if isinstance(document, dict):
        return {
            k: packed[v]
            if k in ("values", "cities", "each") and isinstance(v, int)
            else _resolve(v, packed)
            for k, v in document.items()
        }
    if isinstance(document, list):
        return [_resolve(v, packed) for v in document]
    return document
