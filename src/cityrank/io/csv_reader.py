"""The standard library's reader: delimited text to ``Columns``, a batch of rows at a time."""

from __future__ import annotations

import csv
import io
import itertools
from array import array
from collections.abc import Callable, Sequence

from cityrank.errors import DataError, Problems
from cityrank.io.columns import (
    NO_COLUMN,
    Found,
    Roles,
    detect_by_name,
    detect_by_values,
    header_names,
    settle,
)
from cityrank.io.dialect import excel_separator, sniff_delimiter
from cityrank.model import Coded, Columns, LoadOptions
from cityrank.numbers import parse_number

#: Rows read and sorted into columns together: bounds the rows held as lists.
BATCH = 65536

#: ``progress(done, total)``, called now and then while a file is read.
Progress = Callable[[int, int], None]


class _Column:
    """Cells of one column as they arrive; a score or year column is coded as it goes."""

    def __init__(self, coded: bool) -> None:
        self.cells: list[str] = []
        self.codes: list[int] = []
        self.index: dict[str, int] | None = {} if coded else None

    def extend(self, cells: Sequence[str]) -> None:
        index = self.index
        if index is None:
            self.cells.extend(cells)
            return
        for text in dict.fromkeys(cells):
            index.setdefault(text, len(index))
        self.codes.extend(map(index.__getitem__, cells))

    def coded(self) -> Coded:
        if self.index is None:  # a column found to be the score only from its values
            return Coded.of(self.cells)
        return Coded(self.codes, list(self.index))

    def texts(self) -> Sequence[str]:
        return self.coded().cells() if self.index is not None else self.cells


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
    stream = io.StringIO(text, newline="")
    excel_hint = excel_separator(text)
    offset = 0  # physical lines before the reader's first
    if excel_hint:
        stream.readline()  # Excel's "sep=;" line names the delimiter; it is not the header
        offset = 1
    delimiter = options.delimiter or excel_hint or sniff_delimiter(text)
    csv.field_size_limit(2**31 - 1)
    # strict: an unclosed quote or text after a closing quote is an error,
    # where the lenient reader would silently swallow or join the text.
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
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
        rows = _Reading(names, name, start, options)
        rows.add([header], start - 1, end)
    else:
        rows = _Reading(header_names(header, name, start, problems), name, start, options)
    while True:
        batch: list[list[str]] = []
        try:
            batch.extend(itertools.islice(reader, BATCH))
        except csv.Error as exc:
            rows.pending = csv_error(exc, name, end + _span(batch) + 1)
        if not batch:
            break
        before, end = end, reader.line_num + offset
        rows.add(batch, before, end)
        if rows.footer is not None:  # before a quoting error, which is then in the footnotes
            rows.footer_ends(text)
            rows.pending = None
            break
        if rows.pending is not None:
            break
        if progress is not None:
            progress(stream.tell(), len(text))
    return rows.columns(edition)


class _Reading:
    """The columns of one file as its batches of rows come in."""

    def __init__(self, columns: list[str], name: str, header_line: int, options: LoadOptions):
        self.header = columns
        self.name = name
        self.header_line = header_line
        self.options = options
        self.width = len(columns)
        self.found = detect_by_name(columns, name, header_line, options)
        self.roles: Roles | None = None
        if self.found.city is not None and self.found.score is not None:
            self.roles = settle(columns, self.found, options, name)
        self.keep = self._kept()
        coded = {i for i in (self.found.score, self.found.year) if i is not None}
        self.cells = {i: _Column(i in coded) for i in self.keep}
        self.lines: list[Sequence[int]] = []
        self.rejected: list[tuple[int, Exception]] = []
        self.pending: DataError | None = None
        self.folded_header = [cell.strip().casefold() for cell in columns]
        #: The line of the first blank row since the last row kept, if any.
        self.blank: int | None = None
        self.footer: tuple[int, int] | None = None

    def _kept(self) -> list[int]:
        roles = self.roles
        if roles is None:  # the city or score is known only from the values: keep all
            return list(range(self.width))
        wanted = [roles.city, roles.score, roles.year, roles.aliases, *roles.extra]
        return sorted({i for i in wanted if i is not None and i != NO_COLUMN})

    def add(self, batch: list[list[str]], before: int, end: int) -> None:
        """Sort a batch into the columns; it takes up the lines after ``before`` to ``end``."""
        starts = _starts(batch, before, end)
        width = self.width
        city = self.roles.city if self.roles is not None else None
        even = set(map(len, batch)) == {width}
        cities = [row[city] for row in batch] if city is not None and even else None
        clean = cities is not None and all(map(str.strip, cities))
        if not clean:  # blank or ragged rows: kept or reported one by one
            kept, lines = [], []
            for line, row in zip(starts, batch, strict=True):
                filled = any(map(str.strip, row))
                if not filled:
                    self.blank = self.blank or line
                elif self.blank is not None and self._foreign(row):
                    self.footer = (line, 0)  # the rest of the file is footnotes
                    break
                elif len(row) == width:
                    kept.append(row)
                    lines.append(line)
                    self.blank = None
                else:
                    self.rejected.append((line, self._ragged(line, len(row))))
            batch, starts, cities = kept, lines, None
        if not batch:
            return
        for i, column in self.cells.items():
            column.extend(cities if i == city and cities is not None else [r[i] for r in batch])
        self.lines.append(starts)

    def _data_as_header(self, found: Found) -> None:
        """Refuse a first row that is data: no column named as cityrank knows them, and a
        number where a header would be (a whole number like 2020 may name an edition)."""
        if any(role is not None for role in found):
            return
        for label in self.header:
            try:
                value = parse_number(label)[0]
            except ValueError:
                continue
            if not (value.is_integer() and 1800 <= value <= 2200):
                shown = ", ".join(f'"{cell}"' for cell in self.header[:3])
                raise DataError(
                    f"the first row looks like data ({shown}) — add --no-header "
                    "if the file has no header row",
                    file=self.name,
                    line=self.header_line,
                    code="no-header",
                )

    def _foreign(self, row: list[str]) -> bool:
        """Whether a row after a blank line is not the table's: another number of cells, or
        the header again."""
        return len(row) != self.width or [c.strip().casefold() for c in row] == self.folded_header

    def footer_ends(self, text: str) -> None:
        """Count the footnotes' lines, from their first to the last that is not blank."""
        assert self.footer is not None
        first = self.footer[0]
        last = text.rstrip().count("\n") + 1
        self.footer = (first, last - first + 1)

    def _ragged(self, line: int, found: int) -> DataError:
        return DataError(
            f"expected {self.width} fields like the header, found {found} — "
            "fix the row's delimiters or quote fields that contain them",
            file=self.name,
            line=line,
            code="ragged-row",
        )

    def columns(self, edition: str | None) -> Columns:
        """The finished columns: roles settled from the values if the header did not tell."""
        if not self.lines and not self.rejected and self.pending is None:
            raise DataError(
                "has a header but no rows — add at least one city with a score",
                file=self.name,
                line=self.header_line,
                code="no-rows",
            )
        found = self.found
        if self.roles is None:
            if not self.options.no_header:
                self._data_as_header(found)
            texts = [self.cells[i].texts() for i in range(self.width)]
            found = detect_by_values(
                self.header, texts, found, self.name, self.header_line, self.options.na
            )
            self.roles = settle(self.header, found, self.options, self.name)
        roles = self.roles
        year = self.cells[roles.year].coded() if roles.year is not None else None
        if roles.year is not None and year is not None and not any(t.strip() for t in year.texts):
            # A year column empty in every row says nothing: it is one of the others.
            self.cells[roles.year] = _plain(self.cells[roles.year])
            roles = settle(self.header, found._replace(year=None), self.options, self.name)
            year = None
        return Columns(
            source=self.name,
            header_line=self.header_line,
            city_column=self.header[roles.city],
            score_column=self.header[roles.score] if roles.score != NO_COLUMN else "",
            year_column=self.header[roles.year] if roles.year is not None else None,
            extra_columns=tuple(self.header[i] for i in roles.extra),
            city=self.cells[roles.city].texts(),
            score=self.cells[roles.score].coded() if roles.score != NO_COLUMN else None,
            year=year,
            aliases=self.cells[roles.aliases].texts() if roles.aliases is not None else None,
            extra=tuple(self.cells[i].texts() for i in roles.extra),
            lines=_joined(self.lines),
            positions=(roles.city, roles.score, roles.year),
            edition=edition,
            rejected=tuple(self.rejected),
            pending=self.pending,
            footer=self.footer,
        )


def _plain(column: _Column) -> _Column:
    plain = _Column(coded=False)
    plain.cells = list(column.texts())
    return plain


def _joined(parts: list[Sequence[int]]) -> Sequence[int]:
    """The lines of every batch as one sequence: a range when they follow one another."""
    if not parts:
        return range(0)
    first, last = parts[0], parts[-1]
    if first and last and last[-1] - first[0] + 1 == sum(map(len, parts)):
        return range(first[0], last[-1] + 1)
    return array("q", itertools.chain.from_iterable(parts))


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
