"""``--key COLUMNS``: a city identified by several columns, a shared name shown qualified
(issue 15). Made-up scores for real place names that several countries share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cityrank.io.arrow_reader import read_arrow
from cityrank.model import LoadOptions
from conftest import outcome, rows

# Made-up scores. Valencia: Spain and the Philippines; Hamilton: Canada, New Zealand
# and Bermuda; Concepción (Chile) and Concepcion (Philippines) fold to one name key.
WORLD = """Country,City,Score,Year
Spain,Valencia,80,2020
Philippines,Valencia,60,2020
Japan,Tokyo,90,2020
Canada,Hamilton,70,2020
New Zealand,Hamilton,65,2020
Bermuda,Hamilton,50,2020
Chile,Concepción,55,2020
Philippines,Concepcion,45,2020
Spain,Valenciana,40,2020
Spain,Valencia,78,2019
Japan,Tokyo,91,2019
Chile,Concepción,50,2019
Canada,Hamilton,75,2019
"""
KEY = ["--key", "Country,City"]
ENGINES = ["python", "arrow"]


def run(*args: str, engine: str = "python") -> tuple[int, str, str]:
    return outcome(*args, env={"CITYRANK_ENGINE": engine})


@pytest.fixture
def world(tmp_path: Path) -> str:
    path = tmp_path / "world.csv"
    path.write_text(WORLD, encoding="utf-8")
    # Not vacuous: Arrow's reader really reads this file.
    assert read_arrow(path.read_bytes(), str(path), LoadOptions(), None)
    return str(path)


def test_without_a_key_a_shared_name_is_a_duplicate(world: str) -> None:
    code, out, err = run("list", world, "-f", "csv")
    assert (code, out) == (1, "")
    assert err.startswith(f'cityrank: error: {world}:3: duplicate city "Valencia" in 2020')


@pytest.mark.parametrize("engine", ENGINES)
def test_the_same_name_in_two_countries_is_two_cities(world: str, engine: str) -> None:
    code, out, err = run("list", world, *KEY, "-f", "csv", engine=engine)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "rank,tied,city,score,year,previous_rank,rank_change,previous_score,score_change,"
        "gap_to_leader,gap_to_above,percentile,share_of_leader,Country"
    )
    assert [(r["rank"], r["city"], r["Country"]) for r in rows(out)] == [
        ("1", "Tokyo", "Japan"),
        ("2", "Valencia (Spain)", "Spain"),
        ("3", "Hamilton (Canada)", "Canada"),
        ("4", "Hamilton (New Zealand)", "New Zealand"),
        ("5", "Valencia (Philippines)", "Philippines"),
        ("6", "Concepción (Chile)", "Chile"),
        ("7", "Hamilton (Bermuda)", "Bermuda"),
        ("8", "Concepcion (Philippines)", "Philippines"),
        ("9", "Valenciana", "Spain"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_json_gains_the_key_columns_and_tables_show_the_qualified_names(
    world: str, engine: str
) -> None:
    code, out, _ = run("list", world, *KEY, "-f", "json", engine=engine)
    assert code == 0
    first, second = json.loads(out)[:2]
    assert (first["city"], first["Country"]) == ("Tokyo", "Japan")
    assert (second["city"], second["Country"]) == ("Valencia (Spain)", "Spain")
    code, out, _ = run("list", world, *KEY, "-f", "table", engine=engine)
    assert code == 0
    assert "Hamilton (Bermuda)" in out and "Concepcion (Philippines)" in out
    assert "Country" not in out  # people read the key in the name


def test_the_city_column_need_not_be_named_and_the_order_is_the_keys(tmp_path: Path) -> None:
    path = tmp_path / "provinces.csv"
    path.write_text(
        "City,Province,Country,Score\n"
        "Hamilton,Ontario,Canada,70\n"
        "Hamilton,Waikato,New Zealand,65\n"
        "Toronto,Ontario,Canada,90\n"
    )
    code, out, _ = run("list", str(path), "--key", "Country,Province", "-f", "csv")
    assert code == 0
    assert [r["city"] for r in rows(out)] == [
        "Toronto",
        "Hamilton (Canada, Ontario)",
        "Hamilton (New Zealand, Waikato)",
    ]
    assert list(rows(out)[0])[-2:] == ["Country", "Province"]


def test_the_output_reads_back_in_with_the_same_key(world: str, tmp_path: Path) -> None:
    code, out, _ = run("list", world, *KEY, "--year", "2020", "-f", "csv")
    assert code == 0
    again = tmp_path / "again.csv"
    again.write_text(out, encoding="utf-8")
    code, back, err = run("list", str(again), *KEY, "--score-col", "score", "-f", "csv")
    assert (code, err) == (0, "")
    assert [r["city"] for r in rows(back)] == [r["city"] for r in rows(out)]


@pytest.mark.parametrize("engine", ENGINES)
def test_any_city_is_found_by_its_qualified_name(world: str, engine: str) -> None:
    for typed, city in [
        ("Valencia (Spain)", "Valencia (Spain)"),
        ("valencia (philippines)", "Valencia (Philippines)"),
        ("Tokyo (Japan)", "Tokyo"),
        ("Tokyo", "Tokyo"),
        ("concepcion (chile)", "Concepción (Chile)"),
        ("Valenciana", "Valenciana"),
    ]:
        code, out, err = run("show", typed, "-d", world, *KEY, "-f", "csv", engine=engine)
        assert (code, err) == (0, ""), typed
        assert rows(out)[0]["city"] == city
    code, out, _ = run(
        "compare", "Hamilton (Canada)", "hamilton (bermuda)", "-d", world, *KEY, "-f", "csv"
    )
    assert code == 0
    assert [(r["city"], r["rank"]) for r in rows(out)] == [
        ("Hamilton (Canada)", "3"),
        ("Hamilton (Bermuda)", "7"),
    ]


def test_a_bare_name_of_several_cities_is_a_usage_error_listing_them(world: str) -> None:
    code, out, err = run("show", "Valencia", "-d", world, *KEY)
    assert (code, out) == (2, "")
    assert err == (
        f'cityrank: error: "Valencia" names several cities in {world} (2020): '
        '"Valencia (Spain)", "Valencia (Philippines)" — type one of them as it is listed\n'
    )
    code, _, err = run("compare", "hamilton", "tokyo", "-d", world, *KEY)
    assert code == 2
    assert '"Hamilton (Canada)", "Hamilton (New Zealand)", "Hamilton (Bermuda)"' in err


def test_a_bare_name_finds_its_one_city_before_a_longer_name(tmp_path: Path) -> None:
    path = tmp_path / "spain.csv"
    path.write_text("Country,City,Score\nSpain,Valencia,80\nSpain,Valenciana,40\n")
    code, out, err = run("show", "valencia", "-d", str(path), *KEY, "-f", "csv")
    assert (code, err) == (0, "")
    assert rows(out)[0]["city"] == "Valencia"


@pytest.mark.parametrize("engine", ENGINES)
def test_editions_match_cities_by_the_full_key(world: str, engine: str) -> None:
    code, out, _ = run("list", world, *KEY, "-f", "csv", engine=engine)
    moved = {r["city"]: (r["previous_rank"], r["rank_change"]) for r in rows(out)}
    assert moved["Valencia (Spain)"] == ("2", "0")
    assert moved["Valencia (Philippines)"] == ("", "")  # new, not Spain's Valencia
    assert moved["Hamilton (Canada)"] == ("3", "0")
    code, out, _ = run("movers", world, *KEY, "-f", "csv", engine=engine)
    assert code == 0
    entries = sorted(r["city"] for r in rows(out) if r["kind"] == "entry")
    assert entries == [
        "Concepcion (Philippines)",
        "Hamilton (Bermuda)",
        "Hamilton (New Zealand)",
        "Valencia (Philippines)",
        "Valenciana",
    ]
    code, out, _ = run("history", "Valencia (Spain)", "-d", world, *KEY, "-f", "csv")
    assert code == 0
    assert [(r["city"], r["year"], r["rank"]) for r in rows(out)] == [
        ("Valencia (Spain)", "2019", "2"),
        ("Valencia (Spain)", "2020", "2"),
    ]


def test_a_city_has_its_qualified_name_in_every_edition(world: str) -> None:
    # Only Spain's Valencia is in 2019, but the name is shared in the data: it keeps it.
    code, out, _ = run("list", world, *KEY, "--year", "2019", "-f", "csv")
    assert code == 0
    assert [r["city"] for r in rows(out)] == [
        "Tokyo",
        "Valencia (Spain)",
        "Hamilton (Canada)",
        "Concepción (Chile)",
    ]


def test_names_shared_only_across_editions_are_told_apart_too(tmp_path: Path) -> None:
    path = tmp_path / "apart.csv"
    path.write_text(
        "Country,City,Score,Year\nSpain,Valencia,80,2019\nPhilippines,Valencia,60,2020\n"
    )
    code, _, err = run("history", "Valencia", "-d", str(path), *KEY)
    assert code == 2
    assert '"Valencia (Spain)", "Valencia (Philippines)"' in err
    code, out, _ = run("history", "Valencia (Philippines)", "-d", str(path), *KEY, "-f", "csv")
    assert code == 0
    assert [(r["year"], r["rank"]) for r in rows(out)] == [("2019", ""), ("2020", "1")]


@pytest.mark.parametrize("engine", ENGINES)
def test_duplicates_are_by_the_full_key(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "Country,City,Score\nSpain,Valencia,80\nPhilippines,Valencia,60\nspain,Valencia,82\n"
    )
    code, out, err = run("list", str(path), *KEY, engine=engine)
    assert (code, out) == (1, "")
    assert err.startswith(
        f'cityrank: error: {path}:4: duplicate city "Valencia (spain)": same as line 2 '
        '("Valencia (Spain)")'
    )
    code, out, err = run("list", str(path), *KEY, "--on-duplicate", "max", "-f", "csv")
    assert code == 0
    assert [(r["city"], r["score"]) for r in rows(out)] == [
        ("Valencia (spain)", "82"),
        ("Valencia (Philippines)", "60"),
    ]
    assert "1 city has several rows in one edition" in err


def test_files_read_together_match_by_the_full_key(tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_text("Country,City,Score\nSpain,Valencia,80\n")
    two.write_text("Country,City,Score\nPhilippines,Valencia,60\n")
    code, out, err = run("list", str(one), str(two), *KEY, "-f", "csv")
    assert (code, err) == (0, "")
    assert [r["city"] for r in rows(out)] == ["Valencia (Spain)", "Valencia (Philippines)"]
    two.write_text("Country,City,Score\nSpain,Valencia,60\n")
    code, _, err = run("list", str(one), str(two), *KEY)
    assert code == 1
    assert f'{two}:2: duplicate city "Valencia (Spain)": same as {one}:2' in err


def test_without_other_key_columns_nothing_changes(world: str) -> None:
    assert run("list", world, "--key", "City")[:2] == run("list", world)[:2]
    code, out, _ = run("list", world, "--key", "Country", "-f", "csv")
    assert (code, out) == run("list", world, *KEY, "-f", "csv")[:2]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            "Nation,City",
            '--key "Nation": no such column in {file} — its columns are: '
            '"Country", "City", "Score", "Year"',
        ),
        ("Country,Score", '--key "Score" is the score column — the key names the columns'),
        ("Year,City", '--key "Year" is the year column — the key names the columns'),
        (" , ", '--key " , ": name the columns that identify a city, comma-separated'),
    ],
)
def test_a_bad_key_is_a_usage_error(world: str, key: str, message: str, engine: str) -> None:
    code, out, err = run("list", world, "--key", key, engine=engine)
    assert (code, out) == (2, "")
    assert err.startswith("cityrank: error: " + message.format(file=world))


def test_look_alike_names_are_still_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "alike.csv"
    path.write_text("Country,City,Score\nFrance,Paris,80\nFrance,P\u0430ris,60\n", encoding="utf-8")
    code, _, err = run("list", str(path), *KEY, "-f", "csv")
    assert code == 0
    assert "differ only by look-alike characters" in err
