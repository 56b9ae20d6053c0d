"""The standard library's reader: delimited text to ``Columns``, a batch of rows at a time."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from cityrank.errors import DataError, Problems
from cityrank.io.columns import Found, header_names
from cityrank.io.dialect import excel_separator, sniff_delimiter
from cityrank.io.rows import Reading
from cityrank.model import Columns, LoadOptions

if TYPE_CHECKING:
    from _csv import Reader

#: Rows read and sorted into columns together: bounds the rows held as lists.
BATCH = 65536

#: ``progress(done, total)``, called now and then while a file is read.
Progress = Callable[[int, int], None]


class Opened(NamedTuple):
    """A delimited text opened for reading: the strict csv reader of its rows, the stream it
    reads (whose position is the progress), the delimiter (``--delimiter``, Excel's ``sep=``
    line, else sniffed), and the physical lines before the reader's first (1 after ``sep=``)."""

    reader: Reader
    stream: io.StringIO
    delimiter: str
    offset: int


def csv_rows(text: str, options: LoadOptions) -> Opened:
    """``text`` opened as ``Opened`` says."""
    stream = io.StringIO(text, newline="")
    excel_hint = excel_separator(text)
    offset = 0
    if excel_hint:
        stream.readline()  # Excel's "sep=;" line names the delimiter; it is not the header
        offset = 1
    delimiter = options.delimiter or excel_hint or sniff_delimiter(text)
    csv.field_size_limit(2**31 - 1)
    # strict: an unclosed quote or text after a closing quote is an error,
    # where the lenient reader would silently swallow or join the text.
    return Opened(csv.reader(stream, delimiter=delimiter, strict=True), stream, delimiter, offset)


def read_csv(
    text: str,
    name: str,
    options: LoadOptions,
    problems: Problems,
    edition: str | None = None,
    progress: Progress | None = None,
) -> Columns:
    """One file's text as columns; ``name`` is how messages refer to it.

    Blank lines and rows of blank cells are skipped; a row with another
    number of fields than the header is left out and reported with its line
    (``Columns.rejected``). A quoting error ends the reading; it is reported
    after the problems of the rows before it (``Columns.pending``).
    """
    reader, stream, delimiter, offset = csv_rows(text, options)
    end = offset  # the last physical line read
    header: list[str] | None = None
    try:
        for row in reader:
            start, end = end + 1, reader.line_num + offset
            if row and any(cell.strip() for cell in row):
                header = row
                break
    except csv.Error as exc:
        raise csv_error(exc, name, end + 1) from None
    if header is None:
        raise DataError(
            "is empty — a score file needs a header row and at least one row",
            file=name,
            code="empty-file",
        )
    if options.no_header:
        names = [str(i) for i in range(1, len(header) + 1)]
        rows = Reading(names, name, start, options, delimiter)
        rows.add([header], _starts([header], start - 1, end))
    else:
        columns = header_names(header, name, start, problems)
        rows = Reading(columns, name, start, options, delimiter)
    while True:
        batch: list[list[str]] = []
        try:
            batch.extend(itertools.islice(reader, BATCH))
        except csv.Error as exc:
            rows.pending = csv_error(exc, name, end + _span(batch) + 1)
        if not batch:
            break
        before, end = end, reader.line_num + offset
        rows.add(batch, _starts(batch, before, end))
        if rows.footer is not None:  # before a quoting error, which is then in the footnotes
            rows.footer_ends(text.rstrip().count("\n") + 1)
            rows.pending = None
            break
        if rows.pending is not None:
            break
        if progress is not None:
            progress(stream.tell(), len(text))
    return rows.columns(edition)


def _breaks(row: list[str]) -> int:
    """Line breaks inside a record's quoted fields (CRLF, LF or CR: one each)."""
    return sum(f.count("\n") + f.count("\r") - f.count("\r\n") for f in row)


def _span(rows: list[list[str]]) -> int:
    """Physical lines the records ``rows`` take up."""
    return len(rows) + sum(map(_breaks, rows))


def _starts(rows: list[list[str]], before: int, end: int) -> Sequence[int]:
    """The line each record starts on, from the line after ``before``; the last ends at ``end``."""
    if end - before == len(rows):  # one line each
        return range(before + 1, end + 1)
    starts = []
    line = before + 1
    for row in rows:
        starts.append(line)
        line += 1 + _breaks(row)
    return starts


def csv_error(exc: csv.Error, name: str, line: int) -> DataError:
    reason = str(exc)
    if "unexpected end of data" in reason:
        message = (
            "a quoted field that starts on this line is never closed — "
            "add the closing quote, or remove the stray one"
        )
    elif "expected after" in reason:
        message = (
            "text follows the closing quote of a field — write a quote inside a "
            'quoted field as two quotes (""), or remove the stray one'
        )
    else:
        message = f"unreadable CSV ({reason}) — check the quoting on this line"
    return DataError(message, file=name, line=line, code="csv-syntax")


__all__ = ["BATCH", "Found", "Progress", "csv_error", "read_csv"]
