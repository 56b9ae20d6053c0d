"""Rows of cell texts to ``Columns``: the one place where the readers' rows become columns.

The stdlib's CSV reader, the spreadsheet, JSON and Parquet readers split
their input into rows of texts and hand them here, so that blank rows,
footnotes, ragged rows, the roles of the columns and every message about
them are the same whatever the input's kind.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Sequence
from operator import itemgetter

from cityrank.errors import DataError
from cityrank.io.columns import NO_COLUMN, Found, Roles, detect_by_name, detect_by_values, settle
from cityrank.io.decimals import decimal_mode, with_decimal_points
from cityrank.model import Coded, Columns, LoadOptions
from cityrank.numbers import parse_number


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


class Reading:
    """The columns of one table as its batches of rows come in, whatever reader splits the rows.

    ``add`` takes rows of cell texts and the line (or sheet row) each starts on;
    ``columns`` gives the finished ``Columns``. ``delimiter`` is the one of a
    delimited text (decimal commas are guessed in some), ``None`` for other input.
    """

    def __init__(
        self,
        columns: list[str],
        name: str,
        header_line: int,
        options: LoadOptions,
        delimiter: str | None = None,
    ) -> None:
        self.header = columns
        self.decimals = decimal_mode(options, delimiter)
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

    def add(self, batch: list[list[str]], starts: Sequence[int]) -> None:
        """Sort a batch into the columns; ``starts`` is the line each row starts on."""
        width = self.width
        city = self.roles.city if self.roles is not None else None
        even = set(map(len, batch)) == {width}
        cities = list(map(itemgetter(city), batch)) if city is not None and even else None
        if cities is None or not all(map(str.strip, cities)):
            # blank or ragged rows: kept or reported one by one
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
        if 3 * len(self.cells) >= width:  # the batch turned into columns at once, in C
            transposed: Sequence[Sequence[str]] = list(zip(*batch, strict=True))
            for i, column in self.cells.items():
                column.extend(transposed[i])
        else:  # a few columns of many: only those
            for i, column in self.cells.items():
                column.extend(
                    cities if i == city and cities is not None else list(map(itemgetter(i), batch))
                )
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

    def footer_ends(self, last: int) -> None:
        """Count the footnotes' lines, from their first to ``last``, the last that is not blank."""
        assert self.footer is not None
        first = self.footer[0]
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
                self.header,
                texts,
                found,
                self.name,
                self.header_line,
                self.options.na,
                comma=self.decimals != "off",
            )
            self.roles = settle(self.header, found, self.options, self.name)
        roles = self.roles
        year = self.cells[roles.year].coded() if roles.year is not None else None
        if roles.year is not None and year is not None and not any(t.strip() for t in year.texts):
            # A year column empty in every row says nothing: it is one of the others.
            self.cells[roles.year] = _plain(self.cells[roles.year])
            roles = settle(self.header, found._replace(year=None), self.options, self.name)
            year = None
        columns = Columns(
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
        return with_decimal_points(columns, self.decimals, self.options.na)


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
