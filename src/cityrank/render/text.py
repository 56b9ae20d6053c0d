"""Machine formats written with the standard library: CSV, TSV, JSON, JSON Lines, Markdown."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, TextIO

from cityrank.numbers import format_number, json_number
from cityrank.render.safe import visible
from cityrank.views import Cell, Report, StreamedRows, Value, View

# OWASP's list of characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain_value(value: Value | Cell) -> Value:
    return value.value if isinstance(value, Cell) else value


def cell_text(value: Value | Cell) -> str:
    """A value as a machine reads it: plain numbers, ``true``/``false``, empty for missing."""
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    return value


def json_value(value: Value | Cell) -> Value:
    value = plain_value(value)
    if isinstance(value, float):
        return json_number(value)
    return value


def write_delimited(
    view: View, out: TextIO, delimiter: str = ",", excel_safe: bool = False
) -> None:
    """CSV (or TSV with ``delimiter="\\t"``): a header row, then one line per row, ``\\n`` ends.

    ``excel_safe`` prefixes text cells that a spreadsheet would run as a
    formula with ``'``; numbers are never changed.
    """
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.name for c in view.columns])
    if isinstance(view.rows, StreamedRows) and not excel_safe:
        _write_streamed(view.rows, out, delimiter)
        return
    text_columns = [i for i, c in enumerate(view.columns) if c.kind == "text"]
    # The csv module quotes a field holding "\n" but not one holding a lone
    # "\r" (it only looks for the line terminator); such rows are quoted whole.
    has_cr = any(
        isinstance(v, str) and "\r" in v
        for row in view.rows
        for v in (row[i] for i in text_columns)
    )
    if not excel_safe and not has_cr:
        _write_fast(view, writer)
        return
    quoted = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in view.rows:
        cells = [
            "'" + v
            if excel_safe and isinstance(v, str) and v.startswith(_FORMULA_START)
            else cell_text(v)
            for v in row
        ]
        (quoted if has_cr and any("\r" in c for c in cells) else writer).writerow(cells)


def _write_streamed(rows: StreamedRows, out: TextIO, delimiter: str) -> None:
    """Rows that write themselves as bytes: straight to the binary stream under ``out``."""
    binary = getattr(out, "buffer", None)
    if binary is None:  # a text-only stream (io.StringIO)
        data = io.BytesIO()
        rows.write_delimited(data, delimiter)
        out.write(data.getvalue().decode("utf-8"))
        return
    out.flush()
    rows.write_delimited(binary, delimiter)
    binary.flush()


def _text_cell(value: Value | Cell) -> str:
    return "" if value is None else str(value)


def _number_cell(value: Value | Cell) -> str:
    kind = type(value)
    if kind is float:
        text = repr(value)
        # repr is the shortest round-tripping form: only "x.0" and exponents need work.
        if text[-2:] == ".0":
            return text[:-2] if value else "0"
        if "e" not in text:
            return text
    elif kind is int:
        return str(value)
    return cell_text(value)


def _write_fast(view: View, writer: Any) -> None:
    """Rows written with one formatter per column, chosen once: the path for large outputs."""
    formatters = [
        _text_cell if c.kind == "text" else _number_cell if c.kind != "bool" else cell_text
        for c in view.columns
    ]
    if any(isinstance(v, Cell) for row in view.rows[:1] for v in row):
        formatters = [cell_text] * len(view.columns)
    pairs = list(enumerate(formatters))
    writer.writerows([f(row[i]) for i, f in pairs] for row in view.rows)


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
    json.dump(_normalise(_document(report)), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def write_jsonl(report: Report, out: TextIO) -> None:
    """One JSON object per line (one line for a single-object document)."""
    if report.document is not None:
        items: Iterator[object] = iter([report.document])
    else:
        items = _objects(report.data)
    for item in items:
        out.write(json.dumps(_normalise(item), ensure_ascii=False, allow_nan=False))
        out.write("\n")


def _normalise(obj: object) -> object:
    if isinstance(obj, dict):
        return {k: _normalise(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_normalise(v) for v in obj]
    if isinstance(obj, float):
        return json_number(obj)
    return obj


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
