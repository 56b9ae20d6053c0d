"""Decimal commas (issue 16): --decimal-comma reads 85,5 as 85.5 and 1.234,5 as 1234.5; a ;- or
tab-delimited file whose every score has one is read so by itself, said once on stderr; a
comma-delimited file never guesses; output always has decimal points. Made-up data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cityrank.numbers import decimal_point
from conftest import Run

NOTE = (
    'cityrank: warning: {path}: read "85,5" as 85.5: every score has a decimal comma — '
    "give --decimal-point if the comma separates thousands\n"
)


def scores(out: str) -> list[list[str]]:
    """City and score of each row of ``list -f csv``."""
    return [line.split(",")[2:4] for line in out.splitlines()[1:]]


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("85,5", "85.5"),
        ("1.234,5", "1234.5"),
        ("1.234.567,25", "1234567.25"),
        (" -0,50 ", "-0.50"),
        ("12,5 %", "12.5 %"),
        ("88", "88"),
        ("1.234", "1234"),
        ("85.5", None),
        ("12,34,5", None),
        ("n/a", None),
    ],
)
def test_decimal_point_of_a_number_with_a_decimal_comma(text: str, point: str | None) -> None:
    assert decimal_point(text) == point


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_the_option_reads_decimal_commas_and_thousands_dots(
    cityrank: Run, write: Callable[[str, str], Path], engine: str
) -> None:
    path = write("eu.csv", "city;score;rd\nLima;1.234,5;2,5\nQuito;85,5;3\nCusco;85,50;1.000\n")
    done = cityrank(
        "list", str(path), "--decimal-comma", "--all-columns", "-f", "csv",
        env={"CITYRANK_ENGINE": engine},
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "rank,tied,city,score,gap_to_leader,gap_to_above,percentile,share_of_leader,rd",
        "1,false,Lima,1234.5,0,,100,100,2.5",
        "2,true,Quito,85.5,1149,1149,0,6.93,3",
        "2,true,Cusco,85.5,1149,1149,0,6.93,1000",
    ]


@pytest.mark.parametrize("delimiter", [";", "\t"])
@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_a_semicolon_or_tab_file_whose_scores_all_have_commas_is_read_so_and_told(
    cityrank: Run, write: Callable[[str, str], Path], delimiter: str, engine: str
) -> None:
    rows = ["city", "score"], ["Quito", "85,5"], ["Lima", "90"], ["Cusco", "7,25"]
    path = write("eu.csv", "".join(delimiter.join(row) + "\n" for row in rows))
    done = cityrank("list", str(path), "-f", "csv", env={"CITYRANK_ENGINE": engine})
    assert done.exit_code == 0
    assert scores(done.stdout) == [["Lima", "90"], ["Quito", "85.5"], ["Cusco", "7.25"]]
    assert done.stderr == NOTE.format(path=path)
    several = cityrank("compare", "lima", "quito", "-d", str(path), "-f", "csv")
    assert several.stderr.count("decimal comma") == 1


def test_decimal_point_turns_the_guess_off(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("eu.csv", "city;score\nQuito;85,5\nLima;90\n")
    done = cityrank("list", str(path), "--decimal-point")
    assert done.exit_code == 1
    assert done.stderr == (
        f'cityrank: error: {path}:2:2: score "85,5" in column "score" is not a number — '
        "if its comma is a decimal mark, add --decimal-comma\n"
    )


def test_no_guess_when_a_score_is_written_otherwise(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("mixed.csv", "city;score\nQuito;85,5\nLima;90.5\n")
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert "decimal comma" not in done.stderr
    assert done.stderr.startswith(f'cityrank: error: {path}:2:2: score "85,5"')


def test_a_comma_delimited_file_never_guesses(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("quoted.csv", 'city,score\nQuito,"85,5"\nLima,"90,25"\n')
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f'cityrank: error: {path}:2:2: score "85,5" in column "score" is not a number — '
        "if its comma is a decimal mark, add --decimal-comma\n"
    )
    asked = cityrank("list", str(path), "--decimal-comma", "-f", "csv")
    assert scores(asked.stdout) == [["Lima", "90.25"], ["Quito", "85.5"]]


def test_a_score_column_told_by_its_values_may_have_decimal_commas(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("unnamed.csv", "place;measure\nQuito;85,5\nLima;90\n")
    done = cityrank("list", str(path), "-f", "csv")
    assert done.exit_code == 0, done.stderr
    assert scores(done.stdout) == [["Lima", "90"], ["Quito", "85.5"]]


def test_decimal_commas_in_json_text_are_read_when_asked(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("eu.json", '[{"city": "Quito", "score": "85,5"}, {"city": "Lima", "score": 90}]')
    guessed = cityrank("list", str(path))
    assert guessed.exit_code == 1  # not delimited text: nothing is guessed
    done = cityrank("list", str(path), "--decimal-comma", "-f", "csv")
    assert scores(done.stdout) == [["Lima", "90"], ["Quito", "85.5"]]
