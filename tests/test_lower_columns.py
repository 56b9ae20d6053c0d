"""``--lower COLUMN``: lower is better on a file's column when show and compare rank cities on
it (issue 15). Made-up figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import outcome


def run(*args: str) -> tuple[int, str, str]:
    return outcome(*args, env={"COLUMNS": "120"})


@pytest.fixture
def regions(tmp_path: Path) -> str:
    path = tmp_path / "regions.csv"
    path.write_text("city,score,unemployment,income\nA,90,12.5,30\nB,80,4.1,45\nC,70,7.0,20\n")
    return str(path)


def test_a_low_rate_ranks_first_on_its_column(regions: str) -> None:
    before = json.loads(run("show", "A", "-d", regions, "-f", "json")[1])
    assert (before["unemployment_rank"], before["strongest_column"]) == (1, "unemployment")
    after = json.loads(run("show", "A", "-d", regions, "--lower", "unemployment", "-f", "json")[1])
    assert after["unemployment"] == 12.5  # the value itself is unchanged
    assert (after["unemployment_rank"], after["income_rank"]) == (3, 2)
    assert (after["strongest_column"], after["weakest_column"]) == ("income", "unemployment")


def test_compare_ranks_and_marks_the_lower_column_lowest_first(regions: str) -> None:
    code, out, _ = run("compare", "A", "B", "-d", regions, "--lower", "UNEMPLOYMENT")
    assert code == 0
    ranks = [(r["city"], r["unemployment_rank"]) for r in csv.DictReader(io.StringIO(out))]
    assert ranks == [("A", "3"), ("B", "1")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "A", "--lower", "nope"], '--lower "nope": no such column among the file'),
        (["list", "--lower", "income"], "--lower applies to show and compare"),
    ],
)
def test_bad_uses_are_usage_errors(regions: str, args: list[str], message: str) -> None:
    code, out, err = run(*args, "-d", regions)
    assert (code, out) == (2, "")
    assert err.startswith("cityrank: error: " + message)
