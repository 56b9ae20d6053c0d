"""``--columns LIST``: the columns shown, in order, by machine name (issue 15)."""

from __future__ import annotations

import json

import pytest

from conftest import invoke, outcome


def run(*args: str) -> tuple[int, str, str]:
    return outcome(*args, env={"COLUMNS": "120"})


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_machine_output_has_exactly_the_columns_asked_for(fmt: str) -> None:
    code, out, _ = run("list", "--columns", "city,gap_to_leader,rank", "-f", fmt)
    sep = "," if fmt == "csv" else "\t"
    assert code == 0
    assert out.splitlines() == [
        sep.join(["city", "gap_to_leader", "rank"]),
        sep.join(["Beijing", "0", "1"]),
        sep.join(["Shenzhen", "8.62", "2"]),
        sep.join(["Shanghai", "11.82", "3"]),
    ]


def test_json_objects_keep_the_order_asked_for() -> None:
    code, out, _ = run("list", "--columns", "score,city", "-f", "json")
    assert code == 0
    assert [list(row) for row in json.loads(out)] == [["score", "city"]] * 3
    code, out, _ = run("show", "beijing", "--columns", "rank,score", "-f", "json")
    assert json.loads(out) == {"rank": 1, "score": 99.82}


def test_the_table_shows_the_columns_asked_for() -> None:
    code, out, _ = run("list", "--columns", "city,rank", "-f", "table")
    assert code == 0
    header = next(line for line in out.splitlines() if "#" in line.split())
    assert header.split() == ["City", "#"]
    assert "Score" not in out


def test_a_tied_rank_still_reads_as_tied(tmp_path: object) -> None:
    result = invoke(
        ["list", "-", "--columns", "rank,city", "-f", "table"],
        input="city,score\nA,2\nB,2\nC,1\n",
    )
    assert result.exit_code == 0
    assert "=1" in result.stdout


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("city,bogus", '--columns: no column "bogus" here — choose from: rank, tied, city, '),
        ("city,,rank", '--columns "city,,rank": name the columns, separated by commas'),
        ("city,city", '--columns "city,city": "city" is named twice'),
    ],
)
def test_bad_lists_are_usage_errors(value: str, message: str) -> None:
    code, out, err = run("list", "--columns", value)
    assert (code, out) == (2, "")
    assert err.startswith("cityrank: error: " + message)
