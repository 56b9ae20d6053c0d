"""Tables at the edges of a terminal: too narrow for every column (or for any table), a
``COLUMNS`` of 0, a standard output that is not UTF-8, and file names that are not UTF-8."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityrank.cli import app
from conftest import Run, invoke

# Wide numbers and a long name: the table cannot fit 80 columns whole.
WIDE = (
    "city,score,year,population,area_km2,founded,motto\n"
    "Llanfairpwllgwyngyll,218.123456,2020,21893456,1234.5678,1850,Onwards and upwards always\n"
    "Beta,99.8234,2020,3400000,890.25,1901,Ever\n"
    "Gamma,12.5,2020,120,7.75,2001,\n"
)
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


def _numbers(text: str) -> set[str]:
    return set(NUMBER.findall(text))


def _table(cityrank: Run, columns: int, *args: str) -> str:
    result = cityrank(*args, "-f", "table", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert isinstance(out, str)
    return out


# --- 13.11: numbers are never cut -------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80, 100])
def test_a_narrow_table_keeps_every_number_whole_and_says_what_it_left_out(
    cityrank: Run, write: Callable[[str, str], Path], columns: int
) -> None:
    data = str(write("wide.csv", WIDE))
    csv = cityrank("list", data, "--all-columns", "-f", "csv").stdout
    table = _table(cityrank, columns, "list", data, "--all-columns")
    assert "…" not in table
    assert max(len(line) for line in table.splitlines()) <= columns
    left_out = re.search(r"(\d+) columns? left out: (.*?) — widen the terminal", table, re.S)
    assert left_out is not None, table
    note = "choose columns with --columns, or use --format csv to see them all"
    assert note in " ".join(table.split())
    missing = " ".join(left_out.group(2).split()).split(", ")
    assert len(missing) == int(left_out.group(1))
    # What is left out is the rightmost columns, and every number shown is whole.
    assert missing[-1] == "motto"
    header = csv.splitlines()[0].split(",")
    people = [i for i, name in enumerate(header) if name not in ("tied", "year")]
    kept = people[: len(people) - len(missing)]
    assert len(kept) >= 3  # rank, city, score at least
    shown = _numbers(table)
    for row in csv.splitlines()[1:]:
        cells = row.split(",")
        for i in kept:
            if NUMBER.fullmatch(cells[i]):
                assert cells[i] in shown, (header[i], cells[i], table)


def test_the_options_the_note_names_exist(cityrank: Run) -> None:
    shown = cityrank("list", "--help", env={"COLUMNS": "200"}).stdout
    assert "--format" in shown
    assert "--columns" in shown


def test_a_table_that_fits_has_no_note(cityrank: Run) -> None:
    assert "left out" not in _table(cityrank, 100, "list", "--all-columns")


def test_long_text_folds_before_a_column_is_left_out(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    data = str(write("long.csv", "city,score\n" + "Xy" * 30 + ",1\nB,2\n"))
    table = _table(cityrank, 80, "list", data)
    assert "left out" not in table
    assert "Score" in table and "XyXyXyXy" in table
    pieces = re.findall(r"[Xy]{2,}", table)
    assert len(pieces) > 1 and "".join(pieces) == "Xy" * 30  # folded over lines, whole


def test_piped_and_csv_output_do_not_depend_on_the_width(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    data = str(write("wide.csv", WIDE))
    wide = cityrank("list", data, "--all-columns", env={"COLUMNS": "200"})
    narrow = cityrank("list", data, "--all-columns", env={"COLUMNS": "5"})
    assert wide.stdout == narrow.stdout
    assert wide.stdout.startswith("rank,tied,city,score")


def test_compare_leaves_out_the_rightmost_cities(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    cities = ["Amsterdam", "Barcelona", "Copenhagen", "Dusseldorf", "Edinburgh"]
    rows = "".join(f"{c},{90 - i}.25\n" for i, c in enumerate(cities))
    data = str(write("five.csv", "city,score\n" + rows))
    table = _table(cityrank, 50, "compare", *cities, "-d", data)
    assert "Amsterdam" in table and "90.25" in table
    assert re.search(r"columns? left out: .*Edinburgh", " ".join(table.split()))


# --- 14.23: a width below what any table needs ------------------------------------


def test_a_very_narrow_terminal_gets_one_line_per_cell(cityrank: Run) -> None:
    out = _table(cityrank, 5, "list")
    lines = out.splitlines()
    for line in ("#: 1", "City: Beijing", "Score: 99.82", "Gap to #1: 8.62", "% of #1: 91.36 %"):
        assert line in lines, out


def test_show_in_a_very_narrow_terminal_reads_as_field_and_value(
    cityrank: Run,
) -> None:
    lines = _table(cityrank, 8, "show", "beijing").splitlines()
    assert "Score: 99.82" in lines and "Rank: 1" in lines


def test_columns_zero_is_no_width_given_not_nothing(cityrank: Run) -> None:
    out = _table(cityrank, 0, "list")
    assert "Beijing" in out and "99.82" in out and "Shanghai" in out


# --- 14.10: a standard output that is not UTF-8, and file names that are not UTF-8 --


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cityrank", *args],
        capture_output=True,
        env={**os.environ, "COLUMNS": "100", **env},
        timeout=60,
    )


def _in(charset: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """Run in-process with standard output in ``charset``, strict as Python makes it."""
    result = CliRunner(charset=charset).invoke(app, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_stdout_that_is_not_utf8_gets_ascii_glyphs(encoding: str) -> None:
    done = _run("list", "-f", "table", env={"PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    table = done.stdout.decode(encoding)  # strict: every byte is in the encoding
    assert " ---" in table  # the rule under the header
    assert "  -  " in table  # the missing gap above the leader
    assert "Beijing    99.82" in table


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_every_people_view_writes_to_a_stdout_that_is_not_utf8(
    encoding: str, write: Callable[[str, str], Path]
) -> None:
    two = str(write("two.csv", "city,score,year\nA,1,2019\nB,2,2019\nA,3,2020\nB,1,2020\n"))
    for args in (
        ("list", "--all-columns"),
        ("compare", "beijing", "shenzhen"),
        ("show", "beijing"),
        ("stats",),
        ("validate",),
        ("chart",),
        ("history", "a", "b", "-d", two),
        ("chart", two, "--history", "a", "--history", "b"),
        ("movers", two),
    ):
        code, out, err = _in(encoding, *args, "-f", "table")
        assert code == 0 and err == b"", (args, err)
        assert out.decode(encoding).strip(), args
    code, out, _ = _in(encoding, "list", "--all-columns", "-f", "table", env={"COLUMNS": "200"})
    assert "\\u5317\\u4eac|Peking" in out.decode(encoding)  # 北京, escaped


@pytest.fixture
def latin1_name(tmp_path: Path) -> str:
    """A data file whose name holds the Latin-1 byte for é: not UTF-8."""
    path = tmp_path / os.fsdecode(b"caf\xe9.csv")
    path.write_bytes(b"city,score\nA,2\nB,1\nB,3\n")
    return str(path)


NOT_UTF8_NAMES = pytest.mark.skipif(
    sys.platform == "win32", reason="file names there are always Unicode"
)


@NOT_UTF8_NAMES
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped(latin1_name: str, encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding}  # strict, unlike a terminal's surrogateescape
    done = _run("validate", latin1_name, env=env)
    assert done.returncode == 1 and done.stderr == b""
    assert b"caf\\xe9.csv,4,,error,duplicate-city" in done.stdout


@NOT_UTF8_NAMES
def test_every_output_of_a_file_named_in_latin1_is_written(
    latin1_name: str, tmp_path: Path
) -> None:
    target = tmp_path / "report.csv"
    code, _, err = _in("utf-8", "validate", latin1_name, "-o", str(target))
    assert code == 1 and err == b""
    assert "caf\\xe9.csv,4,,error" in target.read_text(encoding="utf-8")
    code, out, _ = _in("utf-8", "validate", latin1_name, "-f", "table")
    # The table wraps at its width, which a long temporary path can reach: read it unwrapped.
    assert code == 1 and b"/caf\\xe9.csv:4: error: duplicate city" in b" ".join(out.split())
    code, out, _ = _in("utf-8", "validate", latin1_name, "-f", "json")
    assert code == 1 and json.loads(out)[0]["file"].endswith("/caf\\xe9.csv")
    ranked = str(tmp_path / os.fsdecode(b"caf\xe9-2020.csv"))
    Path(ranked).write_bytes(b"city,score\nA,2\nB,1\n")
    for args in (("list", "-f", "table"), ("stats", "-f", "table"), ("list",), ("stats",)):
        code, out, err = _in("utf-8", *args, ranked)
        assert code == 0 and err == b"", (args, err)
        if "table" in args:
            assert b"caf\\xe9-2020.csv" in b"".join(out.split())  # the title, maybe wrapped


@NOT_UTF8_NAMES
def test_an_error_names_an_undecodable_file_with_its_byte_escaped(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"caf\xe9.csv")
    path.write_bytes(b"city,score\nA,high\n")
    code, _, err = _in("utf-8", "list", str(path))
    assert code == 1
    assert err.startswith(b"cityrank: error: ") and b"caf\\xe9.csv:2" in err


def test_a_table_too_narrow_for_the_score_lists_rows_instead_of_dropping_it(
    tmp_path: Path,
) -> None:
    """Rank and city alone say nothing: below three columns' width, rows become lines."""
    path = tmp_path / "two.csv"
    path.write_text("city,score\nBeijing,99.82\nShenzhen,91.2\n")
    result = invoke(["list", str(path), "-f", "table"], env={"COLUMNS": "20"})
    assert result.exit_code == 0
    assert "Score: 99.82" in result.stdout
    assert "Score: 91.2" in result.stdout
