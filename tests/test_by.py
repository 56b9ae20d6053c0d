"""``list --by COLUMN``: ranks within groups (issue 15). Made-up data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import outcome

CITIES = """city,country,score,year
Madrid,Spain,80,2019
Valencia,Spain,70,2019
Lyon,France,75,2019
Paris,France,90,2019
Madrid,Spain,85,2020
Valencia,Spain,72,2020
Barcelona,Spain,78,2020
Lyon,France,74,2020
Paris,France,88,2020
Nice,,60,2020
"""


def run(*args: str, engine: str = "python") -> tuple[int, str, str]:
    return outcome(*args, env={"CITYRANK_ENGINE": engine, "COLUMNS": "120"})


@pytest.fixture
def cities(tmp_path: Path) -> str:
    path = tmp_path / "cities.csv"
    path.write_text(CITIES)
    return str(path)


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_each_group_is_ranked_on_its_own_with_the_overall_rank_beside(
    cities: str, engine: str
) -> None:
    code, out, err = run("list", cities, "--by", "country", "-f", "csv", engine=engine)
    assert (code, err) == (0, "")
    got = [
        (r["country"], r["rank"], r["city"], r["rank_change"], r["percentile"], r["overall_rank"])
        for r in csv.DictReader(io.StringIO(out))
    ]
    assert got == [
        ("France", "1", "Paris", "0", "100", "1"),
        ("France", "2", "Lyon", "0", "0", "4"),
        ("Spain", "1", "Madrid", "0", "100", "2"),
        ("Spain", "2", "Barcelona", "", "50", "3"),
        ("Spain", "3", "Valencia", "-1", "0", "5"),
        ("", "1", "Nice", "", "100", "6"),
    ]


def test_top_is_per_group_and_each_group_has_a_heading(cities: str) -> None:
    code, out, _ = run("list", cities, "--by", "country", "--top", "1", "-f", "table")
    assert code == 0
    headings = [line for line in out.splitlines() if " · country: " in line]
    assert [h.split(" · country: ")[1].strip() for h in headings] == ["France", "Spain", "(none)"]
    assert "Lyon" not in out and "Paris" in out and "Madrid" in out
    assert "ranked within each country" in " ".join(out.split())


def test_an_earlier_edition_ranks_within_its_groups(cities: str) -> None:
    code, out, _ = run("list", cities, "--by", "country", "--year", "2019", "-f", "csv")
    assert code == 0
    assert [(r["country"], r["rank"], r["city"]) for r in csv.DictReader(io.StringIO(out))] == [
        ("France", "1", "Paris"),
        ("France", "2", "Lyon"),
        ("Spain", "1", "Madrid"),
        ("Spain", "2", "Valencia"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--by", "nope"], '--by "nope": no such column in {f} — its columns are: "city"'),
        (["list", "--by", "city"], '--by "city": the groups cannot be the city, score or year'),
        (["robustness", "--by", "country"], "--by ranks within groups in list, show, compare"),
    ],
)
def test_bad_groups_are_usage_errors(cities: str, args: list[str], message: str) -> None:
    code, out, err = run(*args, "-d", cities)
    assert (code, out) == (2, "")
    assert err.startswith("cityrank: error: " + message.format(f=cities)), err


def test_an_empty_group_column_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("city,region,score\nA,,1\nB,,2\n")
    code, _, err = run("list", str(path), "--by", "region")
    assert code == 2
    assert '--by "region": the column is empty in every row' in err


def test_show_ranks_a_city_in_its_group_and_says_its_overall_rank(cities: str) -> None:
    code, out, _ = run("show", "valencia", "-d", cities, "--by", "country", "-f", "json")
    assert code == 0
    shown = json.loads(out)
    assert (shown["rank"], shown["of"], shown["above_city"]) == (3, 3, "Barcelona")
    assert (shown["country"], shown["overall_rank"], shown["overall_of"]) == ("Spain", 5, 6)
    assert [n["city"] for n in shown["neighbours"]] == ["Madrid", "Barcelona", "Valencia"]
    code, out, _ = run("show", "valencia", "-d", cities, "--by", "country", "-f", "table")
    assert "Overall rank" in out and "Spain" in out
