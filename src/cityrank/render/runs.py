"""CSV, TSV, JSON and JSON Lines of rows made in runs (``RunRows``): a run at a time, the
cells its rows share formatted once, so a hundred million rows stream in constant memory.

The bytes are those ``delimited`` and ``json`` write for the same rows as a list.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from json.encoder import JSONEncoder, encode_basestring
from typing import TextIO

from cityrank.render.cells import cell_text, csv_cell, json_value
from cityrank.views.base import Cell, Value, View
from cityrank.views.runs import RunRows

#: About how many characters are joined into one write.
_HELD = 1 << 20

Cells = tuple[Value, ...]


class _Joined:
    """Text for ``out``, joined from its pieces and written about a megabyte at a time."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.parts: list[str] = []
        self.held = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.held += len(text)
        if self.held > _HELD:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.parts))
        self.parts.clear()
        self.held = 0


class _Shared:
    """The text of a run's shared cells, made once for all the runs that share their tuples
    (an overtaker tied with others has many runs). Looked up by the tuples' identity:
    they are held here, so no other tuple takes their id."""

    def __init__(self, make: Callable[[Cells, Cells], tuple[str, str]]) -> None:
        self._make = make
        self._made: dict[int, tuple[Cells, Cells, str, str]] = {}

    def __call__(self, before: Cells, after: Cells) -> tuple[str, str]:
        made = self._made.get(id(before))
        if made is None or made[0] is not before or made[1] is not after:
            made = self._made[id(before)] = (before, after, *self._make(before, after))
        return made[2], made[3]


def write_delimited_runs(view: View, out: TextIO, delimiter: str) -> None:
    """The rows of ``view`` (``RunRows``) as CSV lines after the header; a row holding a
    carriage return is quoted whole, as ``write_delimited`` quotes it."""
    rows = view.rows
    assert isinstance(rows, RunRows)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    quoted = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def put(row: Sequence[Value | Cell]) -> None:
        cells = [cell_text(v) for v in row]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)

    def shared(before: Cells, after: Cells) -> tuple[str, str]:
        lead = "".join(csv_cell(cell_text(v), delimiter) + delimiter for v in before)
        trail = "".join(delimiter + csv_cell(cell_text(v), delimiter) for v in after)
        return lead, trail + "\n"

    texts = _Shared(shared)
    joined = _Joined(out)
    for row in rows.head:
        put(row)
    for before, values, after in rows.runs():
        if not values:
            continue
        lead, trail = texts(before, after)
        every = "".join(values)
        if "\r" in every or "\r" in lead or "\r" in trail:
            joined.flush()
            for value in values:
                put((*before, value, *after))
            continue
        if delimiter in every or '"' in every or "\n" in every:
            values = [csv_cell(v, delimiter) for v in values]
        joined.add(lead + (trail + lead).join(values) + trail)
    joined.flush()


def write_json_runs(view: View, out: TextIO, *, lines: bool) -> None:
    """The rows of ``view`` (``RunRows``) as a JSON array of objects indented by two, or with
    ``lines`` as JSON Lines, byte for byte as ``json.dump`` writes them."""
    rows = view.rows
    assert isinstance(rows, RunRows)
    encode = JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    keys = [encode(c.name) + ": " for c in view.columns]
    # An object is its opening, its fields joined by the separator, and its closing;
    # JSON objects in an array are separated by ",\n", JSON Lines end with "\n".
    opening, separator, closing, between = (
        ("{", ", ", "}\n", "") if lines else ("  {\n    ", ",\n    ", "\n  }", ",\n")
    )

    def fields(cells: Sequence[Value | Cell], names: Sequence[str]) -> list[str]:
        return [name + encode(json_value(v)) for name, v in zip(names, cells, strict=True)]

    def shared(before: Cells, after: Cells) -> tuple[str, str]:
        width = len(before)
        lead = "".join(f + separator for f in fields(before, keys[:width])) + keys[width]
        trail = "".join(separator + f for f in fields(after, keys[width + 1 :]))
        return opening + lead, trail + closing

    texts = _Shared(shared)
    joined = _Joined(out)
    start, started = ("" if lines else "[\n"), False
    for row in rows.head:
        joined.add(start + opening + separator.join(fields(row, keys)) + closing)
        start, started = between, True
    for before, values, after in rows.runs():
        if values:
            lead, trail = texts(before, after)
            names = (trail + between + lead).join(map(encode_basestring, values))
            joined.add(start + lead + names + trail)
            start, started = between, True
    if not lines:
        joined.add("\n]\n" if started else "[]\n")
    joined.flush()
