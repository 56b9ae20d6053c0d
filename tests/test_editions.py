"""Editions over time: movement in list, history, movers, overtakes, compare across years.

All data here is fictional except the 2020 figures of the bundled sample.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityrank.core.editions import movements, overtakes, rank_editions
from cityrank.errors import Problems as _Problems
from cityrank.model import LoadOptions, Ranking
from cityrank.pipeline import load, parse_text
from conftest import Run, Write, rows

Y2019 = "city,score\nShenzhen,95\nBeijing,93\nShanghai,88\nHangzhou,80\nGone,70\n"
Y2020 = "city,score\nBeijing,99.82\nShenzhen,91.2\nShanghai,88\nHangzhou,85\nWuhan,81\n"


@pytest.fixture
def two_years(write: Write) -> list[str]:
    return [str(write("index_2019.csv", Y2019)), str(write("index_2020.csv", Y2020))]


def test_list_shows_movement_since_the_previous_edition(
    cityrank: Run, two_years: list[str]
) -> None:
    out = rows(cityrank("list", *two_years, "-f", "csv").stdout)
    assert [
        (r["city"], r["year"], r["previous_rank"], r["rank_change"], r["score_change"]) for r in out
    ] == [
        ("Beijing", "2020", "2", "1", "6.82"),
        ("Shenzhen", "2020", "1", "-1", "-3.8"),
        ("Shanghai", "2020", "3", "0", "0"),
        ("Hangzhou", "2020", "4", "0", "5"),
        ("Wuhan", "2020", "", "", ""),
    ]
    table = cityrank("list", *two_years, "-f", "table").stdout
    for mark in ("▲1", "▼1", "new"):
        assert mark in table
    assert "Ranked in 2019, not in 2020: Gone." in table


def test_compare_to_picks_another_edition(cityrank: Run, two_years: list[str]) -> None:
    out = rows(cityrank("list", *two_years, "--year", "2019", "--compare-to", "2020").stdout)
    assert out[0]["city"] == "Shenzhen" and out[0]["rank_change"] == "1"
    bad = cityrank("list", *two_years, "--compare-to", "2018")
    assert bad.exit_code == 2 and "it has 2019, 2020" in bad.stderr


def test_a_year_column_gives_editions_too(cityrank: Run, write: Write) -> None:
    path = write("both.csv", "city,score,year\nA,1,2019\nB,2,2019\nA,3,2020\nB,2,2020\n")
    out = rows(cityrank("list", str(path)).stdout)
    assert [(r["city"], r["rank_change"]) for r in out] == [("A", "1"), ("B", "-1")]


def test_cities_match_across_editions_by_key_and_alias(write: Write) -> None:
    old = write("a_2019.csv", "city,score\nSao Paulo,2\nBombay,1\n")
    new = write("a_2020.csv", "city,score,aliases\nSão Paulo,1,\nMumbai,2,Bombay\n")
    editions = rank_editions(load([old, new]))
    moves = movements(editions[1], editions[0])
    assert {r.entry.city: moves[id(r.entry)].rank_change for r in editions[1].ranked} == {
        "Mumbai": 1,
        "São Paulo": -1,
    }


def test_two_files_with_one_edition_is_an_error_naming_both(cityrank: Run, write: Write) -> None:
    a = write("x_2020.csv", Y2020)
    b = write("y_2020.csv", Y2019)
    result = cityrank("list", str(a), str(b))
    assert result.exit_code == 1
    assert str(a) in result.stderr and str(b) in result.stderr


def test_label_names_an_edition(cityrank: Run, write: Write) -> None:
    old = write("old.csv", Y2019)
    new = write("new.csv", Y2020)
    result = cityrank(
        "list", str(old), str(new), "--label", "old.csv=2019", "--label", "new.csv=2020"
    )
    assert result.exit_code == 0, result.stderr
    assert rows(result.stdout)[0]["previous_rank"] == "2"
    unlabelled = cityrank("list", str(old), str(new), "--label", "old.csv=2019")
    assert unlabelled.exit_code == 1 and "--label" in unlabelled.stderr


def test_history_one_row_per_city_and_edition(cityrank: Run, two_years: list[str]) -> None:
    args = ["history", "beijing", "wuhan", "-d", two_years[0], "-d", two_years[1]]
    out = rows(cityrank(*args).stdout)
    assert [
        (r["city"], r["year"], r["rank"], r["rank_change"], r["score_cagr_pct"]) for r in out
    ] == [
        ("Beijing", "2019", "2", "", "7.33"),
        ("Beijing", "2020", "1", "1", "7.33"),
        ("Wuhan", "2019", "", "", ""),
        ("Wuhan", "2020", "5", "", ""),
    ]
    table = cityrank(*args, "-f", "table").stdout
    assert "▆█" in table and "7.33 %" in table


def test_movers_rows_and_sentences(cityrank: Run, two_years: list[str]) -> None:
    out = rows(cityrank("movers", *two_years).stdout)
    assert [(r["kind"], r["city"], r["other_city"], r["from_rank"], r["to_rank"]) for r in out] == [
        ("riser", "Beijing", "", "2", "1"),
        ("faller", "Shenzhen", "", "1", "2"),
        ("entry", "Wuhan", "", "", "5"),
        ("exit", "Gone", "", "5", ""),
        ("overtake", "Beijing", "Shenzhen", "2", "1"),
    ]
    table = cityrank("movers", *two_years, "-f", "table").stdout
    assert "Beijing overtook Shenzhen: #2 in 2019 → #1 in 2020" in table


def test_movers_needs_two_editions(cityrank: Run) -> None:
    result = cityrank("movers")
    assert result.exit_code == 2
    assert "movers needs two editions" in result.stderr


def test_compare_across_editions_says_when_the_lead_changed(
    cityrank: Run, two_years: list[str]
) -> None:
    args = ["compare", "beijing", "shenzhen", "-d", two_years[0], "-d", two_years[1]]
    out = rows(cityrank(*args).stdout)
    assert [(r["city"], r["rank_2019"], r["rank_2020"]) for r in out] == [
        ("Beijing", "2", "1"),
        ("Shenzhen", "1", "2"),
    ]
    table = " ".join(cityrank(*args, "-f", "table").stdout.split())
    assert "The lead changed hands in 2020 (Beijing ahead of Shenzhen)." in table


def test_show_json_is_unchanged_by_history(cityrank: Run, two_years: list[str]) -> None:
    doc = json.loads(cityrank("show", "beijing", "-d", two_years[1], "-f", "json").stdout)
    assert doc["rank"] == 1


def _ranking_pair(old: list[int], new: list[int]) -> list[Ranking]:
    lines = ["city,score,year"]
    lines += [f"c{i},{s},2019" for i, s in enumerate(old)]
    lines += [f"c{i},{s},2020" for i, s in enumerate(new)]
    table = parse_text("\n".join(lines) + "\n", "t.csv", LoadOptions(), _Problems())
    return rank_editions(table)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 25).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(0, 6), min_size=n, max_size=n),
            st.lists(st.integers(0, 6), min_size=n, max_size=n),
        )
    )
)
def test_overtakes_equal_every_swapped_pair(scores: tuple[list[int], list[int]]) -> None:
    old, new = _ranking_pair(*scores)
    rank_old = {r.entry.key: r.rank for r in old.ranked}
    rank_new = {r.entry.key: r.rank for r in new.ranked}
    expected = {
        (a, b)
        for a in rank_new
        for b in rank_new
        if rank_old[a] > rank_old[b] and rank_new[a] < rank_new[b]
    }
    found = {(o.city.entry.key, o.other.entry.key) for o in overtakes(new, old)}
    assert found == expected


def test_labels_are_matched_by_base_name_or_path(tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(Y2020, encoding="utf-8")
    for label in (str(path), "scores.csv"):
        table = load(path, LoadOptions(labels=((label, "2021"),)))
        assert table.years == ("2021",)
