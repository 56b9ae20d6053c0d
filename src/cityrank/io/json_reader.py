"""JSON and JSON Lines to ``Columns``: an array of flat objects, or objects one after another
(one per line), as cityrank's own ``-f json`` and ``-f jsonl`` write them.

Each object is a row and its keys are the columns, in the order they first
appear; a key an object lacks is an empty cell, as ``null`` is. A number
keeps the text it has in the file (``85.50`` has two decimals, as in a CSV),
``true`` and ``false`` are those words. A nested object or array is an error
naming its key. The rows go through the same ``Reading`` as a CSV file's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from cityrank.errors import DataError, Problems
from cityrank.io.columns import header_names
from cityrank.io.rows import Reading
from cityrank.model import Columns, LoadOptions

_SPACE = re.compile(r"[ \t\n\r]*")
_SHAPE = (
    "cityrank reads an array of flat objects ([{...}, {...}]) or one object per line (JSON Lines)"
)


class _Object(list[tuple[str, object]]):
    """A JSON object as its pairs, in order, repeated keys and all."""


_DECODER = json.JSONDecoder(
    object_pairs_hook=_Object, parse_float=str, parse_int=str, parse_constant=str
)


def read_json(
    text: str, name: str, options: LoadOptions, problems: Problems, edition: str | None = None
) -> Columns:
    """The columns of a JSON array of objects, or of JSON Lines; ``name`` names the file."""
    rows = list(_objects(text.lstrip("\ufeff"), name))
    if not rows:
        raise DataError(
            f"holds no objects — {_SHAPE}, one object for each city",
            file=name,
            code="empty-file",
        )
    keys: dict[str, None] = {}
    for _, pairs in rows:
        for key, _ in pairs:
            keys.setdefault(key, None)
    first = rows[0][0]
    columns = header_names(list(keys), name, first, problems)
    reading = Reading(columns, name, first, options._replace(no_header=False))
    cells = [_cells(pairs, keys, name, line) for line, pairs in rows]
    reading.add(cells, [line for line, _ in rows])
    return reading.columns(edition)


def _cells(pairs: _Object, keys: dict[str, None], name: str, line: int) -> list[str]:
    """One object's values in the order of ``keys``, as texts."""
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in values:
            raise DataError(
                f'key "{key}" is given twice in one object — keep one',
                file=name,
                line=line,
                code="duplicate-key",
            )
        values[key] = _text(value, key, name, line)
    return [values.get(key, "") for key in keys]


def _text(value: object, key: str, name: str, line: int) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    what = "an object" if isinstance(value, _Object) else "an array"
    raise DataError(
        f'key "{key}" holds {what}, not one value — {_SHAPE}: flatten it first '
        f"(e.g. with jq) or leave it out",
        file=name,
        line=line,
        code="nested-json",
    )


def _objects(text: str, name: str) -> Iterator[tuple[int, _Object]]:
    """Each object of the text and the line it starts on."""
    lines = _Lines(text)
    at = _SPACE.match(text).end()  # type: ignore[union-attr]
    array = text.startswith("[", at)
    if array:
        at = _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
        if text.startswith("]", at):
            return
    elif not text.startswith("{", at):
        raise DataError(f"is not JSON of rows — {_SHAPE}", file=name, code="bad-json")
    count = 0
    while at < len(text):
        try:
            value, end = _DECODER.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            raise _syntax(exc, name) from None
        count += 1
        if not isinstance(value, _Object):
            kind = "an array" if isinstance(value, list) else "a single value"
            raise DataError(
                f"item {count} is {kind}, not an object — {_SHAPE}",
                file=name,
                line=lines.at(at),
                code="bad-json",
            )
        yield lines.at(at), value
        at = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if not array:
            continue
        if text.startswith(",", at):
            at = _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
        elif text.startswith("]", at):
            rest = _SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
            if rest < len(text):
                raise DataError(
                    "has more after the array's closing ] — remove it",
                    file=name,
                    line=lines.at(rest),
                    code="bad-json",
                )
            return
        else:
            problem = "ends inside the array" if at >= len(text) else "expected , or ] here"
            raise DataError(
                f"is not valid JSON: {problem} — fix it, or export the data again",
                file=name,
                line=lines.at(min(at, len(text))),
                code="bad-json",
            )
    if array:
        raise DataError(
            "is not valid JSON: the array is never closed (is the file cut short?) — "
            "export the data again",
            file=name,
            line=lines.at(len(text)),
            code="bad-json",
        )


def _syntax(exc: json.JSONDecodeError, name: str) -> DataError:
    return DataError(
        f"is not valid JSON: {exc.msg} (column {exc.colno}) — fix it, or export the data again",
        file=name,
        line=exc.lineno,
        code="bad-json",
    )


class _Lines:
    """Line numbers of places in a text, counted on from the last place asked about."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.place = 0
        self.line = 1

    def at(self, place: int) -> int:
        if place < self.place:  # not expected: places come in order
            return self.text.count("\n", 0, place) + 1
        self.line += self.text.count("\n", self.place, place)
        self.place = place
        return self.line
