"""``--by COLUMN`` in compare, chart, stats, history, movers and validate (issue 15): ranks
within each group, the overall rank beside, a city that changed group as ``regrouped``.
Made-up data."""

from __future__ import annotations

import csv
import io
import json
import statistics
from pathlib import Path

import pytest

from conftest import outcome, rows

# Nice moves from France to Monaco; Porto's group (Portugal) has no 2020 row.
CITIES = """city,country,score,year
Madrid,Spain,80,2019
Valencia,Spain,70,2019
Lyon,France,75,2019
Paris,France,90,2019
Nice,France,65,2019
Porto,Portugal,50,2019
Madrid,Spain,85,2020
Valencia,Spain,72,2020
Barcelona,Spain,78,2020
Lyon,France,74,2020
Paris,France,88,2020
Nice,Monaco,60,2020
"""

ENGINES = ["python", "arrow"]


def run(*args: str, engine: str = "python") -> tuple[int, str, str]:
    return outcome(*args, env={"CITYRANK_ENGINE": engine, "COLUMNS": "120"})


@pytest.fixture
def cities(tmp_path: Path) -> str:
    path = tmp_path / "cities.csv"
    path.write_text(CITIES)
    return str(path)


@pytest.mark.parametrize("engine", ENGINES)
def test_compare_ranks_each_city_in_its_group_with_its_overall_rank(
    cities: str, engine: str
) -> None:
    code, out, err = run(
        "compare", "valencia", "lyon", "-d", cities, "--by", "country", "-f", "csv", engine=engine
    )
    assert (code, err) == (0, "")
    got = [
        (r["city"], r["rank"], r["percentile"], r["rank_2019"], r["rank_2020"], r["country"])
        for r in rows(out)
    ]
    # Spain 2020: Madrid 85, Barcelona 78, Valencia 72; France 2020: Paris 88, Lyon 74.
    assert got == [
        ("Valencia", "3", "0", "2", "3", "Spain"),
        ("Lyon", "2", "0", "2", "2", "France"),
    ]
    assert [r["overall_rank"] for r in rows(out)] == ["5", "4"]


def test_compare_says_who_leads_in_the_whole_edition(cities: str) -> None:
    code, out, _ = run(
        "compare", "valencia", "lyon", "-d", cities, "--by", "country", "-f", "table"
    )
    assert code == 0
    text = " ".join(out.split())
    # Overall, Lyon is 4th and Valencia 5th: one place apart (in their groups: 2nd and 3rd).
    assert "Lyon leads Valencia by 2 points (2.8 % more than Valencia), one place apart." in text
    assert "Overall rank 5 4 1 place behind" in text
    assert "country Spain France" in text


@pytest.mark.parametrize("engine", ENGINES)
def test_chart_draws_one_block_per_group(cities: str, engine: str) -> None:
    code, out, _ = run("chart", cities, "--by", "country", "--top", "2", "-f", "csv", engine=engine)
    assert code == 0
    assert [(r["country"], r["rank"], r["city"]) for r in rows(out)] == [
        ("France", "1", "Paris"),
        ("France", "2", "Lyon"),
        ("Monaco", "1", "Nice"),
        ("Spain", "1", "Madrid"),
        ("Spain", "2", "Barcelona"),
    ]
    code, out, _ = run("chart", cities, "--by", "country", "--from-min", "-f", "table")
    assert code == 0
    headings = [line.split(" · country: ")[1] for line in out.splitlines() if "country: " in line]
    assert headings == ["France", "Monaco", "Spain"]
    assert "bars start at 72, not zero" in out  # Spain's own start
    assert "ranked within each country" in out


@pytest.mark.parametrize("engine", ENGINES)
def test_stats_gives_each_group_and_edition_its_figures(cities: str, engine: str) -> None:
    code, out, _ = run("stats", cities, "--by", "country", "-f", "csv", engine=engine)
    assert code == 0
    got = {(r["country"], r["year"]): (r["count"], r["mean"]) for r in rows(out)}
    scores: dict[tuple[str, str], list[float]] = {}
    for r in csv.DictReader(io.StringIO(CITIES)):
        scores.setdefault((r["country"], r["year"]), []).append(float(r["score"]))
    expected = {
        key: (str(len(values)), f"{statistics.mean(values):.4f}".rstrip("0").rstrip("."))
        for key, values in scores.items()
    }
    assert got == expected


def test_stats_with_a_year_keeps_the_groups_of_that_edition(cities: str) -> None:
    code, out, _ = run("stats", cities, "--by", "country", "--year", "2019", "-f", "csv")
    assert code == 0
    assert [r["country"] for r in rows(out)] == ["France", "Portugal", "Spain"]
    code, out, _ = run("stats", cities, "--by", "country", "--year", "2019", "-f", "table")
    assert "· 2019 · country: Portugal" in " ".join(out.split())  # a long title may wrap


@pytest.mark.parametrize("engine", ENGINES)
def test_history_ranks_within_the_group_of_each_edition(cities: str, engine: str) -> None:
    code, out, _ = run(
        "history", "valencia", "nice", "-d", cities, "--by", "country", "-f", "csv", engine=engine
    )
    assert code == 0
    got = [
        (r["city"], r["year"], r["rank"], r["rank_change"], r["status"], r["country"])
        for r in rows(out)
    ]
    assert got == [
        ("Valencia", "2019", "2", "", "", "Spain"),
        ("Valencia", "2020", "3", "-1", "", "Spain"),
        # Third of three in France, first of one in Monaco: no rank change to speak of.
        ("Nice", "2019", "3", "", "", "France"),
        ("Nice", "2020", "1", "", "regrouped", "Monaco"),
    ]
    code, out, _ = run("history", "nice", "-d", cities, "--by", "country", "-f", "table")
    assert "regrouped" in out and "Monaco" in out


@pytest.mark.parametrize("engine", ENGINES)
def test_movers_move_within_groups_and_a_regrouped_city_is_no_entry_or_exit(
    cities: str, engine: str
) -> None:
    code, out, err = run("movers", cities, "--by", "country", "-f", "csv", engine=engine)
    assert (code, err) == (0, "")
    got = [
        (r["country"], r["kind"], r["city"], r["from_rank"], r["to_rank"], r["from_group"])
        for r in rows(out)
    ]
    assert got == [
        ("Monaco", "regrouped", "Nice", "3", "1", "France"),
        ("Portugal", "exit", "Porto", "1", "", ""),
        ("Spain", "faller", "Valencia", "2", "3", ""),
        ("Spain", "entry", "Barcelona", "", "2", ""),
    ]


def test_movers_by_group_in_a_table_and_as_json(cities: str) -> None:
    code, out, _ = run("movers", cities, "--by", "country", "-f", "table")
    assert code == 0
    assert "From another country · 2019 → 2020 · country: Monaco" in out
    assert "country Spain: 2019 → 2020: 0 cities up, 1 down, 1 unchanged; 1 new" in out
    text = " ".join(out.split())
    assert "1 city changed country from 2019 to 2020" in text
    code, out, _ = run("movers", cities, "--by", "country", "-f", "json")
    first = json.loads(out)[0]
    assert (first["kind"], first["from_group"], first["rank_change"]) == (
        "regrouped",
        "France",
        None,
    )


def test_movers_overtakes_are_within_a_group(tmp_path: Path) -> None:
    path = tmp_path / "swap.csv"
    path.write_text(
        "city,region,score,year\n"
        "A,North,10,1\nB,North,20,1\nC,South,30,1\n"
        "A,North,25,2\nB,North,20,2\nC,South,5,2\n"
    )
    code, out, _ = run("movers", str(path), "--by", "region", "-f", "csv")
    assert code == 0
    overtakes = [
        (r["region"], r["city"], r["other_city"]) for r in rows(out) if r["kind"] == "overtake"
    ]
    # Overall, A and B also pass C; within the North, A passes B only.
    assert overtakes == [("North", "A", "B")]


def test_a_hostile_group_name_is_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.csv"
    path.write_text("city,group,score\nA,[bold]x[/bold]\x1b[2J,1\nB,plain,2\n")
    code, out, _ = run("chart", str(path), "--by", "group", "-f", "table")
    assert code == 0
    assert "[bold]x[/bold]" in out and "\x1b" not in out


def test_validate_checks_the_groups(cities: str, tmp_path: Path) -> None:
    code, out, _ = run("validate", cities, "--by", "country")
    assert (code, rows(out)) == (0, [])
    blank = tmp_path / "blank.csv"
    blank.write_text("city,region,score\nA,,1\nB,,2\n")
    code, out, _ = run("validate", str(blank), "--by", "region")
    assert code == 1
    assert '--by "region": the column is empty in every row' in rows(out)[0]["message"]


def test_compare_groups_the_digits_of_large_differences_for_people(tmp_path: Path) -> None:
    """Populations: the difference and the sentence read 590,215, as the scores do."""
    path = tmp_path / "people.csv"
    path.write_text("city,population\nValencia,800215\nCebu,210000\n")
    code, out, _ = run("compare", "valencia", "cebu", "-d", str(path), "-f", "table")
    assert code == 0
    text = " ".join(out.split())
    assert "+590,215 (+281.1 %)" in text
    assert "Valencia leads Cebu by 590,215 points" in text
