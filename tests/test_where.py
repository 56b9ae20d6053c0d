"""``--where``: rows chosen before duplicates, editions and ranks (issue 15). Made-up data in
the shape of a UN city-population table: several kinds of row per city."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import invoke
from conftest import outcome as run

UN = """Country,City,City type,Sex,Year,Value
Argentina,BUENOS AIRES,City proper,Both Sexes,2010,2890151
Argentina,BUENOS AIRES,Urban agglomeration,Both Sexes,2010,13639000
Argentina,CORDOBA,City proper,Both Sexes,2010,1329604
Argentina,ROSARIO,City proper,Both Sexes,2010,948312
Argentina,ROSARIO,City proper,Male,2010,450000
Chile,SANTIAGO,City proper,Both Sexes,2010,..
"""
PROPER = ["--where", "City type=City proper", "--where", "Sex=Both Sexes"]


@pytest.fixture
def un(tmp_path: Path) -> str:
    path = tmp_path / "un.csv"
    path.write_text(UN)
    return str(path)


def cities(out: str) -> list[tuple[str, str]]:
    return [(row["rank"], row["city"]) for row in csv.DictReader(io.StringIO(out))]


def test_without_a_filter_the_kinds_of_row_clash(un: str) -> None:
    code, _, err = run("list", un, "-f", "csv")
    assert code == 1
    assert "BUENOS AIRES" in err


def test_rows_are_filtered_before_duplicates_and_ranks(un: str) -> None:
    code, out, err = run("list", un, *PROPER, "--where", "Country!=Chile", "-f", "csv")
    assert (code, err) == (0, "")
    assert cities(out) == [("1", "BUENOS AIRES"), ("2", "CORDOBA"), ("3", "ROSARIO")]
    assert out.splitlines()[3].endswith(",0,32.81")  # percentile and share among the kept


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_the_table_says_how_many_rows_were_kept(un: str, engine: str) -> None:
    args = ("list", un, *PROPER, "--where", "Country!=Chile", "-f", "table")
    code, out, _ = run(*args, env={"CITYRANK_ENGINE": engine, "COLUMNS": "200"})
    assert code == 0
    assert "3 of 6 rows: City type = City proper, Sex = Both Sexes, Country != Chile" in out


def test_numbers_compare_as_numbers_and_non_numbers_are_counted(un: str) -> None:
    code, out, err = run("list", un, *PROPER, "--where", "Value>1000000", "-f", "csv")
    assert code == 0
    assert cities(out) == [("1", "BUENOS AIRES"), ("2", "CORDOBA")]
    assert err == (
        f"cityrank: warning: {un}: --where Value > 1000000: 1 row is left out because "
        '"Value" holds no number there\n'
    )


def test_regular_expressions_search_the_cell(un: str) -> None:
    code, out, _ = run("list", un, *PROPER, "--where", "City~^(CO|RO)", "-f", "csv")
    assert code == 0
    assert [c for _, c in cities(out)] == ["CORDOBA", "ROSARIO"]
    code, out, _ = run("list", un, *PROPER, "--where", "City!~^S", "-f", "csv")
    assert [c for _, c in cities(out)] == ["BUENOS AIRES", "CORDOBA", "ROSARIO"]


def test_show_and_compare_see_only_the_rows_kept(un: str) -> None:
    argentina = [*PROPER, "--where", "Country=Argentina"]
    code, out, _ = run("show", "rosario", "-d", un, *argentina, "-f", "csv")
    assert code == 0
    shown = next(csv.DictReader(io.StringIO(out)))
    assert (shown["rank"], shown["of"], shown["above_city"]) == ("3", "3", "CORDOBA")
    code, _, err = run("show", "santiago", "-d", un, *argentina)
    assert code == 2
    assert err.startswith('cityrank: error: no city "santiago" in ')
    code, out, _ = run("compare", "cordoba", "rosario", "-d", un, *argentina, "-f", "csv")
    assert code == 0
    assert [row["rank"] for row in csv.DictReader(io.StringIO(out))] == ["2", "3"]


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("Town=x", '--where "Town": no such column in {un} — its columns are: "Country", '),
        ("City type", '--where "City type": write COLUMN=VALUE, COLUMN>NUMBER or COLUMN~REGEX'),
        ("=x", '--where "=x": write COLUMN=VALUE'),
        ("Value>abc", '--where "Value>abc": > compares numbers, and "abc" is not one'),
        ("City~(", '--where "City~(": "(" is not a regular expression'),
        ("Sex=both sexes", "--where Sex = both sexes keeps none of the 6 rows of {un} — "),
    ],
)
def test_bad_conditions_are_usage_errors(un: str, expr: str, message: str) -> None:
    code, out, err = run("list", un, "--where", expr, "-f", "csv")
    assert (code, out) == (2, "")
    assert err.startswith("cityrank: error: " + message.format(un=un)), err
    assert err.count("\n") == 1


def test_the_operator_that_comes_first_splits_the_condition(un: str) -> None:
    code, out, _ = run("list", un, *PROPER, "--where", "Value>=1329604", "-f", "csv")
    assert [c for _, c in cities(out)] == ["BUENOS AIRES", "CORDOBA"]
    code, out, _ = run("list", un, *PROPER, "--where", "Value<=948312", "-f", "csv")
    assert [c for _, c in cities(out)] == ["ROSARIO"]


def test_validate_checks_the_rows_the_filter_keeps(un: str) -> None:
    code, out, _ = run("validate", un, *PROPER, "--where", "Country=Argentina")
    assert code == 0, out
    code, out, _ = run("validate", un)
    assert code == 1


WORDS = st.sampled_from(["red", "green", "blue", "Red", " red ", "10", "9.5", "x"])


@given(st.lists(st.tuples(WORDS, st.integers(0, 99)), min_size=1, max_size=25))
def test_equals_keeps_exactly_the_rows_whose_trimmed_cell_is_the_value(
    rows: list[tuple[str, int]],
) -> None:
    text = "city,kind,score\n" + "".join(f"C{i},{k},{s}\n" for i, (k, s) in enumerate(rows))
    expected = [f"C{i}" for i, (k, _) in enumerate(rows) if k.strip() == "red"]
    result = invoke(["list", "-", "--where", "kind=red", "-f", "csv"], input=text)
    if not expected:
        assert result.exit_code == 2
        return
    assert result.exit_code == 0, result.stderr
    assert sorted(r["city"] for r in csv.DictReader(io.StringIO(result.stdout))) == sorted(expected)
