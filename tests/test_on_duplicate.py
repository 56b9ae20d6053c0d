"""``--on-duplicate``: census and estimate rows of one city, one of them kept (issue 15).
Made-up data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import outcome as run

ROWS = "city,score,kind\nA,1,census\nA,3,estimate\nB,2,census\nC,,census\nC,5,estimate\n"


@pytest.fixture
def doubled(tmp_path: Path) -> str:
    path = tmp_path / "doubled.csv"
    path.write_text(ROWS)
    return str(path)


def kept(out: str) -> list[tuple[str, str, str]]:
    return [(r["rank"], r["city"], r["score"]) for r in csv.DictReader(io.StringIO(out))]


def test_the_default_is_an_error_that_names_the_option(doubled: str) -> None:
    code, out, err = run("list", doubled)
    assert (code, out) == (1, "")
    assert err == (
        f'cityrank: error: {doubled}:3: duplicate city "A": same as line 2 — keep one row per '
        "city and year, or choose one with --on-duplicate first|last|max|min\n"
    )


@pytest.mark.parametrize(
    ("rule", "words", "expected"),
    [
        ("first", "the first row", [("1", "B", "2"), ("2", "A", "1"), ("", "C", "")]),
        ("last", "the last row", [("1", "C", "5"), ("2", "A", "3"), ("3", "B", "2")]),
        ("max", "the highest score", [("1", "C", "5"), ("2", "A", "3"), ("3", "B", "2")]),
        ("min", "the lowest score", [("1", "C", "5"), ("2", "B", "2"), ("3", "A", "1")]),
    ],
)
@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_a_rule_keeps_one_row_per_city_and_says_so(
    doubled: str,
    rule: str,
    words: str,
    expected: list[tuple[str, str, str]],
    engine: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CITYRANK_ENGINE", engine)
    code, out, err = run("list", doubled, "--on-duplicate", rule, "-f", "csv")
    assert code == 0
    assert kept(out) == expected
    assert err.splitlines()[0] == (
        f"cityrank: warning: {doubled}: 2 cities have several rows in one edition: kept "
        f"{words} of each (--on-duplicate {rule}), left out 2"
    )


def test_duplicates_across_files_follow_the_rule(tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_text("city,score\nA,1\nB,2\n")
    two.write_text("city,score\nA,4\nC,3\n")
    code, _, err = run("list", str(one), str(two))
    assert code == 1 and 'duplicate city "A"' in err
    code, out, _ = run("list", str(one), str(two), "--on-duplicate", "max", "-f", "csv")
    assert code == 0
    assert kept(out) == [("1", "A", "4"), ("2", "C", "3"), ("3", "B", "2")]


def test_validate_applies_the_rule(doubled: str) -> None:
    code, out, _ = run("validate", doubled, "--on-duplicate", "last")
    assert code == 0
    assert ",warning,duplicates-kept," in out


def test_validate_lists_a_duplicate_across_files_instead_of_crashing(tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_text("city,score\nA,1\nB,2\n")
    two.write_text("city,score\nA,4\nC,3\n")
    code, out, _ = run("validate", str(one), str(two))
    assert code == 1
    assert out.splitlines()[1].startswith(f"{two},2,,error,duplicate-city,")
