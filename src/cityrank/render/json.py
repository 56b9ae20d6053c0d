"""JSON and JSON Lines: row objects (or a report's own document), UTF-8, plain numbers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from cityrank.numbers import json_number
from cityrank.render.cells import json_value
from cityrank.views.base import Report, Value, View
from cityrank.views.runs import RunRows

if TYPE_CHECKING:
    from cityrank.render import WriteOptions


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: JSON, or JSON Lines when ``options.fmt`` is jsonl."""
    (write_jsonl if options.fmt == "jsonl" else write_json)(report, out)


def _objects(view: View) -> Iterator[dict[str, Value]]:
    names = [c.name for c in view.columns]
    for row in view.rows:
        yield {name: json_value(v) for name, v in zip(names, row, strict=True)}


def _document(report: Report) -> object:
    if report.document is not None:
        return report.document
    return list(_objects(report.data))


def write_json(report: Report, out: TextIO) -> None:
    """A JSON array of row objects (or the report's own document), UTF-8, not ASCII-escaped."""
    if _streamed(report, out):
        return
    json.dump(_normalise(_document(report)), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def write_jsonl(report: Report, out: TextIO) -> None:
    """One JSON object per line (one line for a single-object document)."""
    if _streamed(report, out, lines=True):
        return
    if report.document is not None:
        items: Iterator[object] = iter([report.document])
    else:
        items = _objects(report.data)
    for item in items:
        out.write(json.dumps(_normalise(item), ensure_ascii=False, allow_nan=False))
        out.write("\n")


def _streamed(report: Report, out: TextIO, *, lines: bool = False) -> bool:
    """Whether ``report``'s rows are made as they are written (``RunRows``), and so written."""
    if report.document is not None or not isinstance(report.data.rows, RunRows):
        return False
    from cityrank.render.runs import write_json_runs

    write_json_runs(report.data, out, lines=lines)
    return True


def _normalise(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _normalise(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_normalise(v) for v in obj]
    if isinstance(obj, float):
        return json_number(obj)
    return obj
