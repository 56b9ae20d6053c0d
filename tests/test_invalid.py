"""Malformed input: each file in tests/data/invalid/ has one defect and must end in one error line.

The contract: exit 1 for bad data (2 for usage errors), nothing on stdout, and on
stderr exactly one line ``cityrank: error: FILE:LINE[:COLUMN]: what — what to do``,
no traceback. The expectations sit next to each file name in ``INVALID``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

DATA = Path(__file__).parent / "data"
INVALID_DIR = DATA / "invalid"
VALID_DIR = DATA / "valid"


@dataclass(frozen=True)
class AnyOf:
    """At least one of these phrases (for wording the fix may choose)."""

    phrases: tuple[str, ...]

    def __init__(self, *phrases: str) -> None:
        object.__setattr__(self, "phrases", phrases)


@dataclass(frozen=True)
class Not:
    """A phrase the message must not contain (advice that cannot work)."""

    phrase: str


Expect = str | AnyOf | Not

# (file in tests/data/invalid/, extra args, exit code, expected pieces of the message)
# "{file}" stands for the path given on the command line, so "{file}:3:2: " pins
# the line and column; "{file}: " is a problem of the whole file, with no line.
INVALID: list[tuple[str, tuple[str, ...], int, tuple[Expect, ...]]] = [
    # -- columns -----------------------------------------------------------
    (
        "missing_score_column.csv",
        (),
        1,
        ("{file}:1: ", "cannot tell which column is the score", "no numeric column", "--score-col"),
    ),
    (
        "no_numeric_column.csv",
        (),
        1,
        ("{file}:1: ", "no numeric column", '"province"', "--score-col"),
    ),
    (
        "ambiguous_score.csv",
        (),
        1,
        ("{file}:1: ", "several numeric columns", '"alpha", "beta"', "--score-col"),
    ),
    (
        "ambiguous_city.csv",
        (),
        1,
        ("{file}:1: ", "several columns could be the city", '"城市"', "--city-col"),
    ),
    (
        "duplicate_header.csv",
        (),
        1,
        ("{file}:1:3: ", "columns 2 and 3", 'both named "Score"', "rename"),
    ),
    # -- rows ----------------------------------------------------------------
    (
        "ragged_row_long.csv",
        (),
        1,
        ("{file}:3: ", "expected 2 fields", "found 3"),
    ),
    (
        "ragged_row_short.csv",
        (),
        1,
        ("{file}:3: ", "expected 3 fields", "found 2"),
    ),
    (
        "ragged_after_quoted_newline.csv",  # the row before spans lines 2-3
        (),
        1,
        ("{file}:4: ", "expected 3 fields", "found 2"),
    ),
    (
        "mixed_delimiters.csv",
        (),
        1,
        ("{file}:3: ", "expected 2 fields", "found 1", "delimiter"),
    ),
    (
        "unterminated_quote.csv",  # the quote opened on line 3 never closes
        (),
        1,
        (
            "{file}:3: ",
            "quote",
            AnyOf("unterminated", "unclosed", "not closed", "never closed", "closing quote"),
        ),
    ),
    (
        "empty_city.csv",
        (),
        1,
        ("{file}:3:1: ", "empty city name", '"city"'),
    ),
    (
        "year_partly_empty.csv",
        (),
        1,
        ("{file}:3:3: ", "empty year", '"year"', "--year-col"),
    ),
    (
        "empty_score_strict.csv",
        ("--strict",),
        1,
        ("{file}:3:2: ", "empty score", "--strict"),
    ),
    (
        "duplicate_city.csv",
        (),
        1,
        ("{file}:4: ", 'duplicate city "Wuhan"', "line 2"),
    ),
    (
        "duplicate_city_case.csv",
        (),
        1,
        ("{file}:4: ", 'duplicate city "WUHAN"', "line 2", '"Wuhan"'),
    ),
    (
        "duplicate_city_nfd.csv",  # NFC "São Paulo" on line 2, NFD on line 4
        (),
        1,
        ("{file}:4: ", "duplicate city", "line 2", "the same name in another Unicode form"),
    ),
    (
        "duplicate_city_year.csv",  # Wuhan 2020 is fine; wuhan 2021 repeats line 2
        (),
        1,
        ("{file}:5: ", 'duplicate city "wuhan" in 2021', "line 2"),
    ),
    # -- numbers -------------------------------------------------------------
    (
        "non_numeric_score.csv",
        (),
        1,
        ("{file}:3:2: ", '"n/a"', "not a number", '"score"'),
    ),
    (
        "nan_score.csv",
        (),
        1,
        ("{file}:3:2: ", '"NaN"', "not a finite number"),
    ),
    (
        "inf_score.csv",
        (),
        1,
        ("{file}:3:2: ", '"inf"', "not a finite number"),
    ),
    (
        "overflow_score.csv",
        (),
        1,
        ("{file}:3:2: ", '"1e400"', "finite"),
    ),
    (
        "decimal_comma.csv",
        (),
        1,
        ("{file}:2:2: ", '"85,5"', "not a number"),
    ),
    # -- whole file ----------------------------------------------------------
    (
        "empty.csv",
        (),
        1,
        ("{file}: ", "is empty", "header row"),
    ),
    (
        "whitespace_only.csv",
        (),
        1,
        ("{file}: ", "is empty"),
    ),
    (
        "header_only.csv",
        (),
        1,
        ("{file}:1: ", "has a header but no rows"),
    ),
    (
        "header_after_blank_lines.csv",
        (),
        1,
        ("{file}:3: ", "has a header but no rows"),
    ),
    (
        "binary.csv",
        (),
        1,
        ("{file}:3: ", "binary", "NUL"),  # a PNG: the NUL comes after "\r\n\x1a\n"
    ),
    # -- encodings -----------------------------------------------------------
    (
        "utf16le_without_bom.csv",
        (),
        1,
        ("{file}:1: ", "NUL", "UTF-16", "--encoding utf-16-le"),
    ),
    (
        "latin1_without_flag.csv",  # é on line 4; gb18030 would misread it
        (),
        1,
        (
            "{file}:4: ",
            "0xe9",
            "not valid utf-8",
            "--encoding",
            AnyOf("cp1252", "latin-1", "windows-1252"),
        ),
    ),
    (
        "latin1_cr_only_without_flag.csv",  # old Mac line ends: é on line 3
        (),
        1,
        ("{file}:3: ", "not valid utf-8", "--encoding"),
    ),
    (
        "gbk_without_flag.csv",
        (),
        1,
        ("{file}:1: ", "not valid utf-8", "--encoding", AnyOf("gb18030", "gbk")),
    ),
    (
        # An odd trailing byte on line 3; 上 (U+4E0A) holds a 0x0A byte that is no line end.
        # The BOM fixes the encoding, so --encoding cannot help.
        "utf16_truncated.csv",
        (),
        1,
        (
            "{file}:3: ",
            AnyOf("utf-16", "UTF-16"),
            AnyOf(
                "truncated", "odd number of bytes", "incomplete", "cut off", "ends in the middle"
            ),
            Not("--encoding"),
        ),
    ),
    (
        "utf16_lone_surrogate.csv",  # an unpaired surrogate on line 3
        (),
        1,
        ("{file}:3: ", AnyOf("utf-16", "UTF-16"), Not("--encoding")),
    ),
]

# Usage errors (exit 2) with a good file and a bad option.
USAGE: list[tuple[str, tuple[str, ...], int, tuple[Expect, ...]]] = [
    (
        "crlf.csv",
        ("--city-col", "nope"),
        2,
        ('--city-col "nope"', "no such column in {file}", '"city", "score"'),
    ),
    (
        "crlf.csv",
        ("--score-col", "nope"),
        2,
        ('--score-col "nope"', "no such column in {file}"),
    ),
    (
        "crlf.csv",
        ("--encoding", "no-such-codec"),
        2,
        ('unknown encoding "no-such-codec"', "utf-8"),
    ),
    (
        "crlf.csv",
        ("--delimiter", "ab"),
        2,
        ('invalid delimiter "ab"', "one character"),
    ),
    (
        "crlf.csv",
        ("--score-col", "city"),
        2,
        ('cannot both be column "city"',),
    ),
]


def _check(expect: Expect, message: str, file: str) -> None:
    """One expected piece; phrases other than the location must not match the file name."""
    if not (isinstance(expect, str) and "{file}" in expect):
        message = message.replace(file, "FILE")
    if isinstance(expect, AnyOf):
        wanted = [p.format(file=file) for p in expect.phrases]
        assert any(p in message for p in wanted), f"none of {wanted} in {message!r}"
    elif isinstance(expect, Not):
        assert expect.phrase.format(file=file) not in message, message
    else:
        assert expect.format(file=file) in message, message


def assert_one_error(result: Any, exit_code: int, expected: tuple[Expect, ...], file: str) -> None:
    """Exit code, empty stdout, one ``cityrank: error:`` line, and each expected piece."""
    stderr: str = result.stderr
    assert "Traceback" not in stderr
    assert result.exit_code == exit_code, stderr
    assert result.stdout == ""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith("cityrank: error: "), stderr
    message = stderr[len("cityrank: error: ") : -1]
    for expect in expected:
        _check(expect, message, file)


def _params(
    table: list[tuple[str, tuple[str, ...], int, tuple[Expect, ...]]],
) -> list[Any]:
    return [
        pytest.param(name, args, code, expected, id=" ".join((name, *args)))
        for name, args, code, expected in table
    ]


@pytest.mark.parametrize(("name", "args", "exit_code", "expected"), _params(INVALID))
def test_invalid_file(
    cityrank: Run,
    name: str,
    args: tuple[str, ...],
    exit_code: int,
    expected: tuple[Expect, ...],
) -> None:
    path = str(INVALID_DIR / name)
    result = cityrank("list", "-f", "csv", *args, path)
    assert_one_error(result, exit_code, expected, path)


@pytest.mark.parametrize(("name", "args", "exit_code", "expected"), _params(USAGE))
def test_usage_error(
    cityrank: Run,
    name: str,
    args: tuple[str, ...],
    exit_code: int,
    expected: tuple[Expect, ...],
) -> None:
    path = str(VALID_DIR / name)
    result = cityrank("list", "-f", "csv", *args, path)
    assert_one_error(result, exit_code, expected, path)


def test_every_invalid_file_has_an_expectation() -> None:
    on_disk = {p.name for p in INVALID_DIR.iterdir() if p.is_file() and p.name[0] != "."}
    assert on_disk == {name for name, *_ in INVALID}


def test_stdin_is_named_in_the_error(cityrank: Run) -> None:
    data = (INVALID_DIR / "nan_score.csv").read_bytes()
    result = cityrank("list", "-f", "csv", "-", input=data)
    assert_one_error(result, 1, ("{file}:3:2: ", "not a finite number"), "<stdin>")


def test_duplicate_across_files_names_both(
    cityrank: Run, write: Callable[[str, str | bytes], Path]
) -> None:
    first = write("first.csv", "city,score\nWuhan,85.1\n")
    second = write("second.csv", "city,score\nHangzhou,80\nwuhan,70\n")
    result = cityrank("list", "-f", "csv", str(first), str(second))
    assert_one_error(result, 1, ("{file}:3: ", 'duplicate city "wuhan"', f"{first}:2"), str(second))


@pytest.mark.parametrize(
    "command", [("compare", "wuhan", "hangzhou"), ("show", "wuhan")], ids=" ".join
)
def test_other_commands_report_the_same_error(cityrank: Run, command: tuple[str, ...]) -> None:
    path = str(INVALID_DIR / "non_numeric_score.csv")
    result = cityrank(*command, "-f", "csv", "-d", path)
    assert_one_error(result, 1, ("{file}:3:2: ", '"n/a"', "not a number"), path)
