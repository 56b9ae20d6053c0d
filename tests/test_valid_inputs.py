"""Files that must load: each file in tests/data/valid/ shows one input feature.

For each: exit 0, the ranked CSV (``cityrank list FILE -f csv``) has the expected
ranks, cities and scores, and stderr is empty unless a warning is expected.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

VALID_DIR = Path(__file__).parent / "data" / "valid"

Row = tuple[str, str, str]  # rank, city, score as printed in the CSV output

# Three cities with invented scores, written in many ways.
BASIC: list[Row] = [("1", "Wuhan", "85.1"), ("2", "Hangzhou", "80"), ("3", "Chengdu", "78.25")]

# (file in tests/data/valid/, extra args, expected (rank, city, score) rows in order,
#  the warning expected on stderr or None for an empty stderr)
VALID: list[tuple[str, tuple[str, ...], list[Row], str | None]] = [
    # -- encodings -----------------------------------------------------------
    ("bom_utf8.csv", (), BASIC, None),
    ("utf16le_bom.csv", (), BASIC, None),
    ("utf16be_bom.csv", (), BASIC, None),
    ("utf16le_no_bom.csv", ("--encoding", "utf-16-le"), BASIC, None),
    (
        "gbk.csv",
        ("--encoding", "gbk"),
        [("1", "武汉", "85.1"), ("2", "杭州", "80"), ("3", "成都", "78.25")],
        None,
    ),
    (
        "gbk.csv",
        ("--encoding", "gb18030"),
        [("1", "武汉", "85.1"), ("2", "杭州", "80"), ("3", "成都", "78.25")],
        None,
    ),
    (
        "latin1.csv",
        ("--encoding", "latin-1"),
        [("1", "Montréal", "77.5"), ("2", "Zürich", "76"), ("3", "Lyon", "71.5")],
        None,
    ),
    (
        "latin1.csv",
        ("--encoding", "cp1252"),
        [("1", "Montréal", "77.5"), ("2", "Zürich", "76"), ("3", "Lyon", "71.5")],
        None,
    ),
    ("accented_city.csv", (), [("1", "São Paulo", "70.2"), ("2", "Sao Luis", "65")], None),
    # -- delimiters and line ends --------------------------------------------
    ("semicolon.csv", (), BASIC, None),
    ("semicolon.csv", ("--delimiter", ";"), BASIC, None),
    ("tab.tsv", (), BASIC, None),
    ("tab.tsv", ("--delimiter", "tab"), BASIC, None),
    ("pipe.csv", (), BASIC, None),
    ("crlf.csv", (), BASIC, None),
    ("cr_only.csv", (), BASIC, None),
    ("no_final_newline.csv", (), BASIC, None),
    ("blank_lines.csv", (), BASIC, None),
    # -- quoting and cells ---------------------------------------------------
    ("quoted_newline.csv", (), BASIC, None),
    (
        "quoted_delimiter.csv",
        (),
        [("1", "Wuhan, Hubei", "85.1"), ("2", 'Hangzhou "HZ"', "80"), ("3", "Chengdu", "78.25")],
        None,
    ),
    # Padding inside a cell is data: names are written back exactly as read
    # (lookup ignores it, so `show wuhan` still finds "  Wuhan ").
    (
        "padded_cells.csv",
        (),
        [("1", "  Wuhan ", "85.1"), ("2", "Hangzhou ", "80"), ("3", " Chengdu", "78.25")],
        None,
    ),
    # -- numbers -------------------------------------------------------------
    (
        "thousands.csv",
        (),
        [("1", "Wuhan", "1234.5"), ("2", "Hangzhou", "1000"), ("3", "Chengdu", "999")],
        None,
    ),
    ("percent.csv", (), BASIC, None),
    ("plus_sign.csv", (), BASIC, None),
    ("scientific.csv", (), BASIC, None),
    (
        "negative.csv",
        (),
        [("1", "Hangzhou", "0"), ("2", "Wuhan", "-1.5"), ("3", "Chengdu", "-20")],
        None,
    ),
    (
        "ties.csv",
        (),
        [
            ("1", "Wuhan", "85.1"),
            ("2", "Hangzhou", "80"),
            ("2", "Chengdu", "80"),
            ("4", "Nanjing", "70"),
        ],
        None,
    ),
    # -- columns -------------------------------------------------------------
    (
        "chinese_headers.csv",
        (),
        [("1", "武汉", "85.1"), ("2", "杭州", "80"), ("3", "成都", "78.25")],
        None,
    ),
    ("tier2_headers.csv", (), BASIC, None),
    ("inferred_columns.csv", (), BASIC, None),
    ("empty_year_column.csv", (), BASIC, None),
    ("two_years.csv", (), [("1", "Wuhan", "85.1"), ("2", "Hangzhou", "80")], None),
    ("two_years.csv", ("--year", "2020"), [("1", "Hangzhou", "75"), ("2", "Wuhan", "70")], None),
    # -- an unranked row -----------------------------------------------------
    (
        "empty_score.csv",
        (),
        [("1", "Wuhan", "85.1"), ("2", "Chengdu", "78.25"), ("", "Hangzhou", "")],
        "1 row has no score",
    ),
]


def _ranked(stdout: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(stdout))
    assert reader.fieldnames is not None and reader.fieldnames[:4] == [
        "rank",
        "tied",
        "city",
        "score",
    ]
    return [(row["rank"], row["city"], row["score"]) for row in reader]


def _params() -> list[Any]:
    return [
        pytest.param(name, args, rows, warning, id=" ".join((name, *args)))
        for name, args, rows, warning in VALID
    ]


@pytest.mark.parametrize(("name", "args", "rows", "warning"), _params())
def test_valid_file(
    cityrank: Run,
    name: str,
    args: tuple[str, ...],
    rows: list[Row],
    warning: str | None,
) -> None:
    path = str(VALID_DIR / name)
    result = cityrank("list", "-f", "csv", *args, path)
    assert result.exit_code == 0, result.stderr
    if warning is None:
        assert result.stderr == ""
    else:
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"cityrank: warning: {path}: "), result.stderr
        assert warning in result.stderr
    assert _ranked(result.stdout) == rows


@pytest.mark.parametrize(("name", "args", "rows", "warning"), _params())
def test_output_reads_back_in(
    cityrank: Run,
    name: str,
    args: tuple[str, ...],
    rows: list[Row],
    warning: str | None,
) -> None:
    """CSV output of ``list --all-columns`` is itself a valid input with the same ranking."""
    path = str(VALID_DIR / name)
    first = cityrank("list", "-f", "csv", "--all-columns", *args, path)
    assert first.exit_code == 0, first.stderr
    again = cityrank("list", "-f", "csv", "-", input=first.stdout.encode("utf-8"))
    assert again.exit_code == 0, again.stderr
    assert _ranked(again.stdout) == _ranked(first.stdout)


def test_every_valid_file_has_an_expectation() -> None:
    on_disk = {p.name for p in VALID_DIR.iterdir() if p.is_file() and p.name[0] != "."}
    assert on_disk == {name for name, *_ in VALID}


@pytest.mark.parametrize("where", ["note", "city"])
def test_long_field(cityrank: Run, write: Callable[[str, str | bytes], Path], where: str) -> None:
    """A field longer than the csv module's default limit (131072 characters) loads."""
    long = "x, y\n" * 40_000  # 200000 characters, with delimiters and line ends inside
    long_city = "Longcity " + "z" * 200_000
    if where == "note":
        content = f'city,score,note\nWuhan,85.1,"{long}"\nHangzhou,80,short\n'
        expected = [("1", "Wuhan", "85.1"), ("2", "Hangzhou", "80")]
    else:
        content = f"city,score\n{long_city},85.1\nHangzhou,80\n"
        expected = [("1", long_city, "85.1"), ("2", "Hangzhou", "80")]
    path = write("long_field.csv", content)
    result = cityrank("list", "-f", "csv", "--all-columns", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert _ranked(result.stdout) == expected
    if where == "note":
        notes = [row["note"] for row in csv.DictReader(io.StringIO(result.stdout))]
        assert notes == [long, "short"]


def test_stdin(cityrank: Run) -> None:
    data = (VALID_DIR / "crlf.csv").read_bytes()
    result = cityrank("list", "-f", "csv", "-", input=data)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert _ranked(result.stdout) == BASIC
