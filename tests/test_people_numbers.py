"""Issue 13 item 17: people read a score column under its own name, and big numbers grouped.
Made-up figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityrank.numbers import grouped
from conftest import invoke

POPULATIONS = "city,Value\nTokyo,37400068\nDelhi,28514000\nSmall,999.5\n"


def run(*args: str) -> tuple[int, str]:
    result = invoke(list(args), env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.stderr
    return result.exit_code, result.stdout


@pytest.fixture
def populations(tmp_path: Path) -> str:
    path = tmp_path / "populations.csv"
    path.write_text(POPULATIONS)
    return str(path)


def test_the_table_names_the_score_column_by_its_header(populations: str) -> None:
    _, out = run("list", populations, "-f", "table")
    header = next(line for line in out.splitlines() if "#" in line.split())
    assert header.split()[:3] == ["#", "City", "Value"]
    _, out = run("show", "delhi", "-d", populations, "-f", "table")
    assert "Value" in out and "Score" not in out


def test_a_generic_score_header_still_reads_score() -> None:
    _, out = run("list", "-f", "table")
    assert "Score" in out


def test_people_read_digits_in_groups_and_machines_plain(populations: str) -> None:
    _, out = run("list", populations, "-f", "table")
    assert "37,400,068" in out and "8,886,068" in out and "37,399,068.5" in out
    assert "999.5" in out
    _, out = run("list", populations, "-f", "csv")
    assert "1,false,Tokyo,37400068,0,,100,100" in out.splitlines()


@pytest.mark.parametrize(
    ("plain", "shown"),
    [
        ("0", "0"),
        ("999", "999"),
        ("1000", "1,000"),
        ("-1234567.25", "-1,234,567.25"),
        ("12345.6789", "12,345.6789"),
        ("0.00001", "0.00001"),
    ],
)
def test_grouping_splits_only_the_whole_part(plain: str, shown: str) -> None:
    assert grouped(plain) == shown
