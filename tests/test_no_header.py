"""Files without a header row: ``-H/--no-header``, and an error instead of losing the first
row (issue 15). Made-up data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import outcome

ROWS = "Beijing,99.82,north\nShenzhen,91.2,south\nShanghai,88,east\n"


def run(*args: str, engine: str = "python") -> tuple[int, str, str]:
    return outcome(*args, env={"CITYRANK_ENGINE": engine})


@pytest.fixture
def headless(tmp_path: Path) -> str:
    path = tmp_path / "headless.csv"
    path.write_text(ROWS)
    return str(path)


def test_a_first_row_of_data_is_an_error_not_a_lost_leader(headless: str) -> None:
    code, out, err = run("list", headless)
    assert (code, out) == (1, "")
    assert err == (
        f'cityrank: error: {headless}:1: the first row looks like data ("Beijing", "99.82", '
        '"north") — add --no-header if the file has no header row\n'
    )


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_no_header_reads_the_first_row_as_data(headless: str, engine: str) -> None:
    code, out, err = run("list", headless, "-H", "-f", "csv", engine=engine)
    assert (code, err) == (0, "")
    assert [(r["rank"], r["city"]) for r in csv.DictReader(io.StringIO(out))] == [
        ("1", "Beijing"),
        ("2", "Shenzhen"),
        ("3", "Shanghai"),
    ]


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_columns_are_named_by_position(headless: str, engine: str) -> None:
    args = ("--no-header", "--city-col", "3", "--score-col", "2", "--all-columns", "-f", "csv")
    code, out, _ = run("list", headless, *args, engine=engine)
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0] == "rank,tied,city,score,gap_to_leader,gap_to_above,percentile,share_of_leader,1"
    )
    assert lines[1] == "1,false,north,99.82,0,,100,100,Beijing"


def test_problems_name_the_first_line_as_a_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Beijing,abc\nShenzhen,91.2\n")
    code, _, err = run("list", str(path), "-H", "--city-col", "1", "--score-col", "2")
    assert code == 1
    assert err.startswith(f'cityrank: error: {path}:1:2: score "abc" in column "2" is not a number')


@pytest.mark.parametrize("header", ["region,2020", "city,score", "name,value,year"])
def test_a_header_that_names_years_or_known_columns_is_a_header(
    tmp_path: Path, header: str
) -> None:
    path = tmp_path / "headed.csv"
    width = header.count(",") + 1
    rows = "".join(",".join(["A", "1", "2020"][:width]) + "\n" for _ in range(1))
    path.write_text(header + "\n" + rows + rows.replace("A", "B").replace(",1", ",2"))
    code, _, err = run("list", str(path))
    assert code == 0, err


def test_arrow_reads_a_headerless_file_itself() -> None:
    """Not a fallback: Arrow's reader serves ``--no-header`` with the columns named."""
    pytest.importorskip("pyarrow")
    from cityrank.io.arrow_reader import read_arrow
    from cityrank.model import LoadOptions

    options = LoadOptions(no_header=True, city_col="1", score_col="2")
    columns = read_arrow(ROWS.encode(), "headless.csv", options, None)
    assert columns is not None
    assert (list(columns.lines), columns.city[0]) == ([1, 2, 3], "Beijing")
