"""Issue 13 item 18: ``--decimals N`` sets the places of derived figures in every format,
rounded once from the exact value; without it nothing changes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import outcome as run


def figures(out: str) -> list[tuple[str, ...]]:
    keys = ("gap_to_leader", "gap_to_above", "percentile", "share_of_leader")
    return [tuple(row[k] for k in keys) for row in csv.DictReader(io.StringIO(out))]


def test_the_default_is_as_before() -> None:
    assert figures(run("list")[1]) == [
        ("0", "", "100", "100"),
        ("8.62", "8.62", "50", "91.36"),
        ("11.82", "3.2", "0", "88.16"),
    ]


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        ("0", [("0", "", "100", "100"), ("9", "9", "50", "91"), ("12", "3", "0", "88")]),
        (
            "4",
            [
                ("0", "", "100", "100"),
                ("8.62", "8.62", "50", "91.3645"),
                ("11.82", "3.2", "0", "88.1587"),
            ],
        ),
    ],
)
def test_gaps_percentiles_and_shares_take_the_places(
    places: str, expected: list[tuple[str, ...]]
) -> None:
    code, out, _ = run("list", "--decimals", places)
    assert code == 0
    assert figures(out) == expected


def test_show_and_compare_take_the_places_in_json_and_csv() -> None:
    shown = json.loads(run("show", "shenzhen", "--decimals", "1", "-f", "json")[1])
    assert (shown["share_of_leader"], shown["gap_to_leader"]) == (91.4, 8.6)
    code, out, _ = run("compare", "beijing", "shenzhen", "--decimals", "3")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[1]["gap_to_reference_pct"] == "-8.636"


def test_composite_scores_are_rounded_once_to_the_places(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text("city,a,b\nX,1,2\nY,3,4\nZ,5,9\n")
    code, out, _ = run("list", str(path), "--weights", "a=1,b=2", "--decimals", "1")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    # 100 · (1/3 · 0.5 + 2/3 · 2/7) = 35.714…: one decimal, from the exact value.
    assert [(r["city"], r["score"], r["gap_to_above"]) for r in rows] == [
        ("Z", "100", ""),
        ("Y", "35.7", "64.3"),
        ("X", "0", "35.7"),
    ]


@pytest.mark.parametrize("bad", ["-1", "13", "two"])
def test_places_out_of_range_are_usage_errors(bad: str) -> None:
    code, out, _ = run("list", "--decimals", bad)
    assert (code, out) == (2, "")
