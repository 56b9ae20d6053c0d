"""``--na TEXT``: a marker for a missing score, as published tables write it (issue 15).
Made-up data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import outcome as run

OECD = "region,value\nNorth,71.5\nSouth,..\nEast,64\nWest,n/a\n"


@pytest.fixture
def oecd(tmp_path: Path) -> str:
    path = tmp_path / "oecd.csv"
    path.write_text(OECD)
    return str(path)


def test_a_common_marker_gets_a_hint_naming_the_option(oecd: str) -> None:
    code, out, err = run("list", oecd, "-f", "csv")
    assert (code, out) == (1, "")
    assert err == (
        f'cityrank: error: {oecd}:3:2: score ".." in column "value" is not a number — '
        "if it marks a missing value, add --na '..'\n"
    )


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_marked_cells_are_missing_like_empty_ones(
    oecd: str, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITYRANK_ENGINE", engine)
    code, out, err = run("list", oecd, "--na", "..", "--na", "n/a", "-f", "csv")
    assert code == 0
    rows = [(r["rank"], r["city"], r["score"]) for r in csv.DictReader(io.StringIO(out))]
    assert rows == [
        ("1", "North", "71.5"),
        ("2", "East", "64"),
        ("", "South", ""),
        ("", "West", ""),
    ]
    assert err == (
        f"cityrank: warning: {oecd}: 2 rows have no score and are listed unranked "
        "(use --strict to make this an error)\n"
    )


def test_strict_names_the_marker(oecd: str) -> None:
    code, _, err = run("list", oecd, "--na", "..", "--na", "n/a", "--strict")
    assert code == 1
    assert err == (
        f'cityrank: error: {oecd}:3:2: missing score ".." in column "value" — fill it in, '
        "or drop --strict to list the city unranked\n"
    )


def test_a_marker_does_not_hide_the_score_column(tmp_path: Path) -> None:
    path = tmp_path / "headless.csv"
    path.write_text("place,pop\nA,..\nB,3\nC,5\n")
    code, _, err = run("list", str(path))
    assert code == 1 and "cannot tell which column is the score" in err
    code, out, _ = run("list", str(path), "--na", "..", "-f", "csv")
    assert code == 0
    assert out.splitlines()[1] == "1,false,C,5,0,,100,100"


def test_a_marker_is_compared_trimmed_and_whole(tmp_path: Path) -> None:
    path = tmp_path / "spaced.csv"
    path.write_text("city,score\nA, .. \nB,3\nC,...\n")
    code, _, err = run("list", str(path), "--na", "..")
    assert code == 1
    assert 'score "..." in column "score" is not a number' in err


def test_indicator_markers_are_missing_values_of_a_composite(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text("city,rd,industry\nA,1,2\nB,3,..\nC,5,6\n")
    weights = ("--weights", "rd=1,industry=1")
    code, _, err = run("list", str(path), *weights)
    assert code == 1
    assert err == (
        f'cityrank: error: {path}:3: indicator "industry" of B is "..", not a number — '
        "if it marks a missing value, add --na '..'\n"
    )
    code, _, err = run("list", str(path), *weights, "--na", "..")
    assert code == 1
    assert 'indicator "industry" has no value for B' in err
    code, out, _ = run("list", str(path), *weights, "--na", "..", "--missing", "renormalise")
    assert code == 0
    assert [r["city"] for r in csv.DictReader(io.StringIO(out))] == ["C", "B", "A"]
