"""CSV and TSV, written with the standard library's csv module: a header, then ``\\n`` lines."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, TextIO

from cityrank.render.cells import cell_text
from cityrank.views import Cell, Report, StreamedRows, Value, View

if TYPE_CHECKING:
    from cityrank.render import WriteOptions

# OWASP's list of characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: ``report``'s data as CSV, or as TSV when ``options.fmt`` is tsv."""
    delimiter = "\t" if options.fmt == "tsv" else ","
    write_delimited(report.data, out, delimiter, options.excel_safe)


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
