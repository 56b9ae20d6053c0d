"""Columns by position (issue 16): --city-col 2 --score-col 5 name columns by their number from
1 when no header has that name, as csvcut -c 2 does; with -H the names are those numbers, so
both agree. Made-up data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

TABLE = "id,Municipio,Region,Notes,Puntaje\n1,Lima,Costa,x,71.5\n2,Cusco,Sierra,y,80\n"


def ranked(out: str) -> list[list[str]]:
    return [line.split(",")[2:4] for line in out.splitlines()[1:]]


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_columns_are_chosen_by_number(
    cityrank: Run, write: Callable[[str, str], Path], engine: str
) -> None:
    path = write("numbered.csv", TABLE)
    done = cityrank(
        "list", str(path), "--city-col", "2", "--score-col", "5", "-f", "csv",
        env={"CITYRANK_ENGINE": engine},
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert ranked(done.stdout) == [["Cusco", "80"], ["Lima", "71.5"]]


def test_a_header_with_that_name_wins(cityrank: Run, write: Callable[[str, str], Path]) -> None:
    path = write("named.csv", "5,city,score\n10,Lima,1\n20,Cusco,2\n")
    done = cityrank("list", str(path), "--score-col", "5", "-f", "csv")
    assert ranked(done.stdout) == [["Cusco", "20"], ["Lima", "10"]]


def test_without_a_header_numbers_and_names_agree(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("headless.csv", "Lima,Costa,71.5\nCusco,Sierra,80\n")
    done = cityrank("list", str(path), "-H", "--city-col", "1", "--score-col", "3", "-f", "csv")
    assert ranked(done.stdout) == [["Cusco", "80"], ["Lima", "71.5"]]


def test_a_number_past_the_last_column_is_a_usage_error(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("numbered.csv", TABLE)
    done = cityrank("list", str(path), "--city-col", "2", "--score-col", "6")
    assert done.exit_code == 2
    assert done.stderr == (
        f'cityrank: error: --score-col "6": no such column in {path} — its columns are: "id", '
        '"Municipio", "Region", "Notes", "Puntaje" (or give a column\'s number, 1 to 5)\n'
    )


def test_a_year_column_by_number(cityrank: Run, write: Callable[[str, str], Path]) -> None:
    path = write("years.csv", "Ort,Jahr,Wert\nLima,2019,1\nLima,2020,2\nCusco,2020,3\n")
    done = cityrank(
        "list", str(path), "--city-col", "1", "--year-col", "2", "--score-col", "3",
        "--year", "2019", "-f", "csv",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1:] == ["1,false,Lima,1,2019,0,,100,100"]
