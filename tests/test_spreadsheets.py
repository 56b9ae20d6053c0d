"""Spreadsheets (issue 16): .xlsx, .xls and .ods made by other libraries (openpyxl, xlwt, odfpy)
from the same made-up data as a CSV file rank alike under every command; cells keep their
meaning; errors name cells; bad workbooks are one line on stderr."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import openpyxl
import pytest
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from conftest import Run
from same_data import HEADER, ROWS, csv_text, outputs, stdin_outputs

DATA = Path(__file__).parent / "data" / "workbooks"
Rows = list[tuple[object, ...]]


def xlsx(path: Path, rows: Rows, sheet: str = "Scores", before: tuple[str, ...] = ()) -> Path:
    """A workbook by openpyxl: sheets ``before`` (empty), then ``sheet`` holding ``rows``."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    for name in before:
        book.create_sheet(name)
    first.title = sheet
    if before:
        book.move_sheet(first, offset=len(before))
    for row in rows:
        first.append(list(row))
    book.save(path)
    return path


def xls(path: Path, rows: Rows, sheet: str = "Scores") -> Path:
    book = xlwt.Workbook()
    table = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.write(r, c, value)
    book.save(str(path))
    return path


def ods(path: Path, rows: Rows, sheet: str = "Scores") -> Path:
    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for row in rows:
        line = TableRow()
        for value in row:
            if value is None:
                cell = TableCell()
            elif isinstance(value, str):
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            else:
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


MAKERS = {"xlsx": xlsx, "xls": xls, "ods": ods}


@pytest.fixture(scope="module")
def csv_outputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, str, str]]:
    path = tmp_path_factory.mktemp("csv") / "editions.csv"
    path.write_text(csv_text(), encoding="utf-8")
    return outputs(path)


@pytest.mark.parametrize("kind", list(MAKERS))
def test_every_command_ranks_a_workbook_as_its_csv(
    kind: str, tmp_path: Path, csv_outputs: list[tuple[int, str, str]]
) -> None:
    path = MAKERS[kind](tmp_path / f"editions.{kind}", [HEADER, *ROWS])
    assert outputs(path, f"{path}:Scores") == csv_outputs


@pytest.mark.parametrize("kind", list(MAKERS))
def test_a_workbook_on_standard_input_or_without_its_suffix_is_told_by_its_bytes(
    kind: str, tmp_path: Path, csv_outputs: list[tuple[int, str, str]]
) -> None:
    path = MAKERS[kind](tmp_path / f"editions.{kind}", [HEADER, *ROWS])
    assert stdin_outputs(path.read_bytes(), "<stdin>:Scores")[:3] == csv_outputs[:3]
    renamed = path.rename(tmp_path / "editions.data")
    assert outputs(renamed, f"{renamed}:Scores")[:3] == csv_outputs[:3]


def test_cells_keep_their_meaning(cityrank: Run, tmp_path: Path) -> None:
    """Shortest round-trip numbers, whole numbers without .0, percentages, dates in years."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["city", "score", "year", "share", "since", "member"])
    sheet.append(["Alpha", 99.82000000000001, 2020.0, 0.955, datetime.date(2001, 5, 1), True])
    sheet.append(["Bravo", 91.2, datetime.date(2020, 1, 1), 0.5, None, False])
    sheet.append(["Charlie", 108, datetime.datetime(2020, 6, 30, 12, 0), 1, None, None])
    for cell in ("D2", "D3"):
        sheet[cell].number_format = "0.0%"
    sheet["D4"].number_format = "0%"
    path = tmp_path / "cells.xlsx"
    book.save(path)
    done = cityrank("list", str(path), "--all-columns", "-f", "csv")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "rank,tied,city,score,year,gap_to_leader,gap_to_above,percentile,share_of_leader,"
        "share,since,member",
        "1,false,Charlie,108,2020,0,,100,100,100%,,",
        "2,false,Alpha,99.82,2020,8.18,8.18,50,92.43,95.5%,2001-05-01,TRUE",
        "3,false,Bravo,91.2,2020,16.8,8.62,0,84.44,50%,,FALSE",
    ]
    ranked = cityrank("list", str(path), "--score-col", "share", "-f", "csv")
    assert [line.split(",")[3] for line in ranked.stdout.splitlines()[1:]] == ["100", "95.5", "50"]


def test_percentages_of_an_ods_are_percentages(cityrank: Run, tmp_path: Path) -> None:
    document = OpenDocumentSpreadsheet()
    table = Table(name="Shares")
    for city, share in (("city", "share"), ("Alpha", 0.955), ("Bravo", 0.5)):
        row = TableRow()
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=city))
        row.addElement(cell)
        if isinstance(share, str):
            cell = TableCell(valuetype="string")
        else:
            cell = TableCell(valuetype="percentage", value=share)
        cell.addElement(P(text=str(share)))
        row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    path = tmp_path / "shares.ods"
    document.save(str(path))
    done = cityrank("list", str(path), "--score-col", "share", "-f", "csv")
    assert [line.split(",")[2:4] for line in done.stdout.splitlines()[1:]] == [
        ["Alpha", "95.5"],
        ["Bravo", "50"],
    ]


def test_a_sheet_is_chosen_by_name_or_number_else_the_first_with_data(
    cityrank: Run, tmp_path: Path
) -> None:
    path = xlsx(tmp_path / "book.xlsx", [("city", "score"), ("Lima", 1)], "Data", ("Notes",))
    for chosen in ([], ["--sheet", "Data"], ["--sheet", "data"], ["--sheet", "2"]):
        done = cityrank("list", str(path), *chosen, "-f", "csv")
        assert done.exit_code == 0, done.stderr
        assert done.stdout.splitlines()[1].startswith("1,false,Lima,1")
    empty = cityrank("list", str(path), "--sheet", "Notes")
    assert empty.exit_code == 1
    assert empty.stderr == (
        f"cityrank: error: {path}:Notes: is an empty sheet — a score sheet needs a header "
        "row and at least one row\n"
    )


def test_a_missing_sheet_is_a_usage_error_that_lists_the_sheets(
    cityrank: Run, tmp_path: Path
) -> None:
    path = xlsx(tmp_path / "book.xlsx", [("city", "score"), ("Lima", 1)], "Data", ("Notes",))
    done = cityrank("list", str(path), "--sheet", "Scores")
    assert done.exit_code == 2
    assert done.stderr == (
        f'cityrank: error: --sheet "Scores": no such sheet in {path} — its sheets are: '
        '"Notes", "Data" (or give a number from 1 to 2)\n'
    )


def test_a_workbook_without_data_is_one_error(cityrank: Run, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "blank.xlsx", [], "One", ("Two",))
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f'cityrank: error: {path}: has no sheet with data (its sheets: "Two", "One") — fill '
        "one in, or choose a hidden one with --sheet\n"
    )


@pytest.mark.parametrize("kind", list(MAKERS))
def test_errors_name_the_cell(cityrank: Run, tmp_path: Path, kind: str) -> None:
    rows: Rows = [("city", "score"), ("Lima", 1), ("Quito", "n.a."), ("Lima", 2)]
    path = MAKERS[kind](tmp_path / f"bad.{kind}", rows, "Scores 2020")
    done = cityrank("validate", str(path), "-f", "csv")
    assert done.stdout.splitlines()[1:] == [
        f'{path}:\'Scores 2020\',3,2,error,bad-number,"score ""n.a."" in column ""score"" '
        "is not a number — if it marks a missing value, add --na 'n.a.'\"",
        f'{path}:\'Scores 2020\',4,,error,duplicate-city,"duplicate city ""Lima"": same as '
        "line 2 — keep one row per city and year, or choose one with --on-duplicate "
        'first|last|max|min"',
    ]
    first = cityrank("list", str(path))
    assert first.exit_code == 1
    assert first.stderr.startswith(f"cityrank: error: {path}:'Scores 2020'!B3: score \"n.a.\"")
    rows_only = cityrank("list", str(path), "--na", "n.a.")
    assert rows_only.stderr.startswith(
        f"cityrank: error: {path}:'Scores 2020'!4:4: duplicate city \"Lima\""
    )


def test_an_empty_header_cell_over_data_names_its_column(cityrank: Run, tmp_path: Path) -> None:
    rows: Rows = [("Index 2020",), (), ("city", "score", None, None), ("Lima", 1, 5, None)]
    path = xlsx(tmp_path / "titled.xlsx", rows)
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}:Scores!B1: header cells B1, C1 are empty over a column of data — "
        "name each column (if the table's header is further down, delete the rows above it)\n"
    )


def test_merged_header_cells_are_named(cityrank: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (("city", "score", None, "rd"), ("Lima", 1, 2, 3)):
        sheet.append(list(row))
    sheet.merge_cells("B1:C1")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}:Sheet!B1: header cells B1:C1 are merged — unmerge them and "
        "give each column its own name\n"
    )


def test_a_password_protected_workbook_is_one_error(cityrank: Run) -> None:
    path = DATA / "password_protected.xlsx"
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}: is a password-protected workbook — open it, remove the "
        "password (Excel: File > Info > Protect Workbook) and save it, or save the sheet as CSV\n"
    )


def test_a_damaged_workbook_is_one_error(cityrank: Run, tmp_path: Path) -> None:
    data = xlsx(tmp_path / "good.xlsx", [("city", "score"), ("Lima", 1)]).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr.startswith(f"cityrank: error: {path}: cannot be read as a workbook (")
    assert done.stderr.endswith("or open it and save it again, or save the sheet as CSV\n")
    assert done.stderr.count("\n") == 1


def test_without_calamine_a_workbook_names_the_install(
    cityrank: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xlsx(tmp_path / "book.xlsx", [("city", "score"), ("Lima", 1)])
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails, as when missing
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}: is a spreadsheet, and reading one needs python-calamine — "
        "pip install 'cityrank[excel]', or save the sheet as CSV\n"
    )


def test_options_work_on_a_sheet_as_on_a_csv(cityrank: Run, tmp_path: Path) -> None:
    rows: Rows = [("Lima", 3, "x"), ("Quito", "..", "y"), ("Bogota", 3, "x")]
    path = xlsx(tmp_path / "headless.xlsx", rows)
    done = cityrank(
        "list", str(path), "-H", "--city-col", "1", "--score-col", "2", "--na", "..",
        "--where", "3=x", "-f", "csv",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert [line.split(",")[:4] for line in done.stdout.splitlines()[1:]] == [
        ["1", "true", "Lima", "3"],
        ["1", "true", "Bogota", "3"],
    ]


def test_sheet_on_a_file_that_is_not_a_workbook_is_a_usage_error(
    tmp_path: Path, cityrank: Run
) -> None:
    """Not silently ignored: the user meant a workbook."""
    path = tmp_path / "scores.csv"
    path.write_text("city,score\nA,1\nB,2\n")
    result = cityrank("list", str(path), "--sheet", "Scores")
    assert result.exit_code == 2
    assert result.stderr == (
        f"cityrank: error: --sheet Scores: {path} is not a workbook, and has no sheets — "
        "leave --sheet out for it\n"
    )
