"""Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) to ``Columns``, by python-calamine.

One sheet is read: ``--sheet NAME|N``, else the first visible worksheet that
has data. Its cells become the texts a CSV of the sheet would hold (see
``cityrank.io.cells``) and go through the same ``Reading`` as a CSV file's
rows, so every option works alike. Messages name the sheet ``book.xlsx:Scores``
and its cells ``book.xlsx:Scores!B12`` (``SheetName``). python-calamine is
optional (``pip install 'cityrank[excel]'``) and imported only here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cityrank.errors import DataError, Problems, SheetName, UsageError, column_letters, quoted_list
from cityrank.io.cells import percent_text, sheet_text
from cityrank.io.columns import header_names
from cityrank.io.rows import Reading
from cityrank.io.sheet_styles import Cell, percent_cells
from cityrank.model import Columns, LoadOptions

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

#: Rows turned into texts and sorted into columns together.
BATCH = 65536
INSTALL = "pip install 'cityrank[excel]'"
_PLAIN_SHEET_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_LOCKED = (
    "is a password-protected workbook — open it, remove the password "
    "(Excel: File > Info > Protect Workbook) and save it, or save the sheet as CSV"
)


def is_encrypted(data: bytes) -> bool:
    """Whether an Office container holds an encrypted workbook (Excel's "Encrypt with
    Password" keeps the .xlsx in an OLE file as an ``EncryptedPackage`` stream)."""
    return "EncryptedPackage".encode("utf-16-le") in data


def check_workbook(data: bytes, name: str) -> None:
    """Raise ``DataError`` unless the zip or OLE container ``data`` holds a workbook."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if is_encrypted(data):
            raise DataError(_LOCKED, file=name, code="password")
        if not any(s.encode("utf-16-le") in data for s in ("Workbook", "Book")):
            raise DataError(
                "is an Office file but not a workbook (a .doc or .ppt?) — save the table "
                "as CSV, or as a workbook",
                file=name,
                code="binary",
            )
        return
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            ods = "mimetype" in names and archive.read("mimetype").startswith(_ODS)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _damaged(name, exc) from None
    if ods or names & {"xl/workbook.xml", "xl/workbook.bin"}:
        return
    raise DataError(
        "is a zip archive, not a workbook — unzip it and name the file inside",
        file=name,
        code="binary",
    )


def read_sheet(
    data: bytes, name: str, options: LoadOptions, problems: Problems, edition: str | None = None
) -> Columns:
    """The columns of one sheet of the workbook ``data``; ``name`` is how messages name it."""
    check_workbook(data, name)
    workbook = _open(data, name)
    sheet_name, sheet = _chosen(workbook, name, options.sheet)
    rows = _rows(sheet, name)
    source = SheetName(f"{name}:{_quoted(sheet_name)}")
    top = next((i for i, row in enumerate(rows) if _filled(row)), None)
    if top is None:
        raise DataError(
            "is an empty sheet — a score sheet needs a header row and at least one row",
            file=source,
            code="empty-file",
        )
    percent = percent_cells(data, sheet_name)
    width = len(rows[top])
    if options.no_header:
        reading = Reading([str(i) for i in range(1, width + 1)], source, top + 1, options)
        first = top
    else:
        header = [sheet_text(cell) for cell in rows[top]]
        _check_header(sheet, rows, top, header, source, problems)
        reading = Reading(header_names(header, source, top + 1, problems), source, top + 1, options)
        first = top + 1
    year = reading.found.year
    for start in range(first, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        reading.add(_texts(batch, start, year, percent), range(start + 1, start + 1 + len(batch)))
        if reading.footer is not None:
            last = max(i for i, row in enumerate(rows) if _filled(row))
            reading.footer_ends(last + 1)
            break
    return reading.columns(edition)


def _open(data: bytes, name: str) -> CalamineWorkbook:
    try:
        import python_calamine
    except ImportError:
        raise DataError(
            f"is a spreadsheet, and reading one needs python-calamine — {INSTALL}, "
            "or save the sheet as CSV",
            file=name,
            code="no-calamine",
        ) from None
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise DataError(_LOCKED, file=name, code="password") from None
    except python_calamine.CalamineError as exc:
        raise _damaged(name, exc) from None


def _damaged(name: str, exc: Exception) -> DataError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return DataError(
        f"cannot be read as a workbook ({reason}) — check that it is the file you meant, "
        "or open it and save it again, or save the sheet as CSV",
        file=name,
        code="bad-workbook",
    )


def _chosen(workbook: CalamineWorkbook, name: str, wanted: str | None) -> tuple[str, CalamineSheet]:
    """The name of the sheet to read and the sheet: ``wanted`` (a name, or a number from 1),
    else the first visible worksheet with data. (Each sheet is parsed when it is taken.)"""
    import python_calamine

    sheets = workbook.sheets_metadata
    names = [s.name for s in sheets]
    if wanted is not None:
        folded = [n for n in names if n.casefold() == wanted.strip().casefold()]
        chosen = None
        if wanted in names:
            chosen = wanted
        elif len(folded) == 1:
            chosen = folded[0]
        elif wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
            chosen = names[int(wanted) - 1]
        if chosen is not None:
            return chosen, _sheet(workbook, chosen, name)
        raise UsageError(
            f'--sheet "{wanted}": no such sheet in {name} — its sheets are: {quoted_list(names)}'
            f" (or give a number from 1 to {len(names)})",
            code="unknown-sheet",
        )
    worksheet = python_calamine.SheetTypeEnum.WorkSheet
    visible = python_calamine.SheetVisibleEnum.Visible
    for sheet in sheets:
        if sheet.typ != worksheet or sheet.visible != visible:
            continue
        found = _sheet(workbook, sheet.name, name)
        if found.height and found.width and any(map(_filled, found.iter_rows())):
            return sheet.name, found
    raise DataError(
        f"has no sheet with data (its sheets: {quoted_list(names)}) — fill one in, "
        "or choose a hidden one with --sheet",
        file=name,
        code="empty-file",
    )


def _sheet(workbook: CalamineWorkbook, sheet: str, name: str) -> CalamineSheet:
    import python_calamine

    try:
        return workbook.get_sheet_by_name(sheet)
    except python_calamine.CalamineError as exc:
        raise _damaged(name, exc) from None


def _rows(sheet: CalamineSheet, name: str) -> list[list[Any]]:
    import python_calamine

    try:
        return sheet.to_python(skip_empty_area=False)
    except python_calamine.CalamineError as exc:
        raise _damaged(name, exc) from None


def _quoted(sheet: str) -> str:
    """A sheet's name as a reference writes it: ``Scores``, ``'Scores 2020'``."""
    if _PLAIN_SHEET_NAME.fullmatch(sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def _filled(row: Sequence[Any]) -> bool:
    """Whether a row has a cell that is not empty (or blank text)."""
    return any(cell.strip() if type(cell) is str else cell is not None for cell in row)


def _texts(
    rows: Sequence[Sequence[Any]], start: int, year: int | None, percent: set[Cell]
) -> list[list[str]]:
    """Rows of cells as rows of texts; ``start`` is the first one's index in the sheet.

    A column is converted once per distinct value (scores, years and counts repeat),
    except one that holds booleans, which equal 0 and 1 as keys.
    """
    columns = [_column_texts(cells, i == year) for i, cells in enumerate(zip(*rows, strict=True))]
    texts = [list(row) for row in zip(*columns, strict=True)]
    for r, c in percent:
        at = r - start
        if 0 <= at < len(rows) and type(rows[at][c]) in (int, float):
            texts[at][c] = percent_text(float(rows[at][c]))
    return texts


def _column_texts(cells: tuple[Any, ...], year: bool) -> Sequence[str]:
    kinds = set(map(type, cells))
    if kinds == {str}:
        return cells
    if bool in kinds:
        return [sheet_text(cell, year) for cell in cells]
    text = {cell: sheet_text(cell, year) for cell in set(cells)}
    return list(map(text.__getitem__, cells))


def _check_header(
    sheet: CalamineSheet,
    rows: list[list[Any]],
    top: int,
    header: list[str],
    source: str,
    problems: Problems,
) -> None:
    """Report merged header cells, and empty ones over a column that holds data."""
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ():
        if r0 <= top <= r1 and c1 > c0:
            span = f"{column_letters(c0 + 1)}{top + 1}:{column_letters(c1 + 1)}{top + 1}"
            problems.error(
                DataError(
                    f"header cells {span} are merged — unmerge them and give each column "
                    "its own name",
                    file=source,
                    line=top + 1,
                    column=c0 + 1,
                    code="merged-header",
                )
            )
            return
    below = rows[top + 1 :]
    empty = [
        i
        for i, label in enumerate(header)
        if not label.strip() and any(_filled([row[i]]) for row in below)
    ]
    if empty:
        cells = ", ".join(f"{column_letters(i + 1)}{top + 1}" for i in empty)
        problems.error(
            DataError(
                f"header {'cell' if len(empty) == 1 else 'cells'} {cells} "
                f"{'is' if len(empty) == 1 else 'are'} empty over a column of data — name "
                "each column (if the table's header is further down, delete the rows above it)",
                file=source,
                line=top + 1,
                column=empty[0] + 1,
                code="empty-header",
            )
        )
