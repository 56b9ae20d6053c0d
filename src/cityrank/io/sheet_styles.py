"""Which cells of a sheet are percentages, read from the workbook itself: python-calamine gives a
cell's number without its format, so 95.5% comes as 0.955.

An ``.xlsx`` says it in styles: a number format with ``%`` (built-in 9 and 10,
or one of its own), and the cells whose style has one. An ``.ods`` marks the
cell itself (``office:value-type="percentage"``). Neither is looked for in a
sheet unless the workbook has such a format, so most workbooks cost nothing
here. An ``.xls`` (BIFF) is not looked into: its percentages are read as
their values.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

#: ``(row, column)`` of a cell, both from 0.
Cell = tuple[int, int]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
#: Excel's built-in percentage formats: ``0%`` and ``0.00%``.
_BUILT_IN_PERCENT = frozenset({9, 10})
#: What a format code says literally (quoted text, escaped characters, [colours]).
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_REFERENCE = re.compile(rb'\br="([A-Z]+)([0-9]+)"')


def percent_cells(data: bytes, sheet: str) -> set[Cell]:
    """The cells of ``sheet`` (by name) in workbook ``data`` whose format is a percentage."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return set()  # an .xls: no percentages looked for
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            return _xlsx_percent_cells(archive, names, sheet)
        if "content.xml" in names:
            return _ods_percent_cells(archive, sheet)
    return set()


def _is_percent(code: str) -> bool:
    return "%" in _LITERAL.sub("", code)


def _xlsx_percent_cells(archive: zipfile.ZipFile, names: set[str], sheet: str) -> set[Cell]:
    if "xl/styles.xml" not in names:
        return set()
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    percent = set(_BUILT_IN_PERCENT)
    for fmt in styles.iter(f"{_MAIN}numFmt"):
        if _is_percent(fmt.get("formatCode", "")):
            percent.add(int(fmt.get("numFmtId", "-1")))
    xfs = styles.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return set()
    ids = [str(i) for i, xf in enumerate(xfs) if int(xf.get("numFmtId", "0")) in percent]
    if not ids:
        return set()
    path = _sheet_path(archive, sheet)
    if path is None or path not in names:
        return set()
    styled = re.compile(rb'<(?:\w+:)?c\s[^>]*?\bs="(?:' + "|".join(ids).encode() + rb')"[^>]*>')
    cells: set[Cell] = set()
    for tag in styled.finditer(archive.read(path)):
        found = _REFERENCE.search(tag.group())
        if found is not None:
            cells.add((int(found.group(2)) - 1, _column_index(found.group(1).decode())))
    return cells


def _sheet_path(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The part of the archive that holds ``sheet``: the workbook names it by relationship."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relation = next(
        (s.get(_DOC_REL) for s in workbook.iter(f"{_MAIN}sheet") if s.get("name") == sheet), None
    )
    if relation is None or "xl/_rels/workbook.xml.rels" not in archive.namelist():
        return None
    links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for link in links.iter(f"{_RELS}Relationship"):
        if link.get("Id") == relation:
            target = link.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _ods_percent_cells(archive: zipfile.ZipFile, sheet: str) -> set[Cell]:
    content = archive.read("content.xml")
    if b'value-type="percentage"' not in content:
        return set()
    cells: set[Cell] = set()
    inside = False
    row = column = 0
    rows_repeated = 1
    for event, element in ElementTree.iterparse(io.BytesIO(content), ("start", "end")):
        tag = element.tag
        if tag == f"{_TABLE}table":
            inside = event == "start" and element.get(f"{_TABLE}name") == sheet
            if not inside and cells:
                break
        elif not inside:
            pass
        elif tag == f"{_TABLE}table-row":
            if event == "start":
                column = 0
                rows_repeated = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            else:
                row += rows_repeated
        elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell") and event == "start":
            repeated = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            if element.get(f"{_OFFICE}value-type") == "percentage":
                for r in range(row, row + min(rows_repeated, 1 << 16)):
                    cells.update((r, c) for c in range(column, column + min(repeated, 1 << 14)))
            column += repeated
        if event == "end":
            element.clear()
    return cells
