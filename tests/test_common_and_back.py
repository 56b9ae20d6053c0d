"""``movers --common-only`` and ``back`` in ``history`` (issue 15, Editions). Made-up data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import outcome, rows


def run(*args: str) -> tuple[int, str, str]:
    return outcome(*args, env={"COLUMNS": "120"})


@pytest.fixture
def editions(tmp_path: Path) -> str:
    path = tmp_path / "editions.csv"
    path.write_text(
        "city,score,year\nA,1,2018\nB,2,2018\nD,9,2018\nA,2,2019\nB,1,2019\nC,5,2019\n"
        "A,3,2020\nD,1,2020\nB,2,2020\n"
    )
    return str(path)


def test_common_only_ranks_the_cities_in_both_editions(editions: str) -> None:
    args = ("movers", editions, "--from", "2018", "--to", "2019")
    code, out, _ = run(*args)
    assert code == 0
    assert {r["kind"] for r in rows(out)} == {"riser", "faller", "entry", "exit", "overtake"}
    code, out, _ = run(*args, "--common-only")
    assert code == 0
    assert [(r["kind"], r["city"], r["from_rank"], r["to_rank"]) for r in rows(out)] == [
        ("riser", "A", "2", "1"),
        ("faller", "B", "1", "2"),
        ("overtake", "A", "2", "1"),
    ]
    code, out, _ = run(*args, "--common-only", "-f", "table")
    assert "Ranked among the 2 cities in both editions (--common-only): left out 1 only in" in (
        " ".join(out.split())
    )


def test_history_says_back_for_a_return_and_gone_for_a_gap(editions: str) -> None:
    code, out, _ = run("history", "D", "C", "-d", editions)
    assert code == 0
    assert [(r["city"], r["year"], r["status"]) for r in rows(out)] == [
        ("D", "2018", ""),
        ("D", "2019", "gone"),
        ("D", "2020", "back"),
        ("C", "2018", ""),
        ("C", "2019", "new"),
        ("C", "2020", "gone"),
    ]
    code, out, _ = run("history", "D", "-d", editions, "-f", "table")
    assert "back" in out and "new" not in out
