"""``show`` of a city tied with many others (issue 14, item 22): tables name the first ten
and say how many more; machine formats keep every name and give the count."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from cityrank.model import Entry, Rows
from conftest import Run, Write


def _tied_file(tied: int) -> str:
    """One leader, then ``tied`` cities level on 50 (T001 first), then one behind."""
    lines = ["city,score", "Leader,90"]
    lines += [f"T{n:03d},50" for n in range(1, tied + 1)]
    lines.append("Last,10")
    return "\n".join(lines) + "\n"


def test_the_table_names_ten_of_the_cities_tied_with_it_and_counts_the_rest(
    cityrank: Run, write: Write
) -> None:
    path = write("ties.csv", _tied_file(25))
    result = cityrank("show", "T001", "-d", str(path), "-f", "table")
    assert result.exit_code == 0, result.stderr
    names = ", ".join(f"T{n:03d}" for n in range(2, 12))
    assert re.search(rf"Tied with +{names} and 14 more  ", result.stdout)
    assert "T012" not in result.stdout


def test_a_thousand_more_are_counted_with_a_thousands_separator(
    cityrank: Run, write: Write
) -> None:
    path = write("ties.csv", _tied_file(1_500))
    result = cityrank("show", "T001", "-d", str(path), "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert "T011 and 1,489 more" in result.stdout


def test_ten_or_fewer_are_all_named_as_before(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", _tied_file(11))
    result = cityrank("show", "T005", "-d", str(path), "-f", "table")
    assert result.exit_code == 0, result.stderr
    names = ", ".join(f"T{n:03d}" for n in range(1, 12) if n != 5)
    assert re.search(rf"Tied with +{names}  ", result.stdout)
    assert "more" not in result.stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_lists_every_city_tied_with_it_and_the_count(
    cityrank: Run, write: Write, fmt: str
) -> None:
    path = write("ties.csv", _tied_file(25))
    result = cityrank("show", "T001", "-d", str(path), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["tied_with"] == [f"T{n:03d}" for n in range(2, 26)]
    assert doc["tied_with_count"] == 24
    keys = list(doc)
    assert keys.index("tied_with_count") == keys.index("tied_with") + 1


@pytest.mark.parametrize(("fmt", "sep"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_give_every_name_and_the_count(
    cityrank: Run, write: Write, fmt: str, sep: str
) -> None:
    path = write("ties.csv", _tied_file(25))
    result = cityrank("show", "T001", "-d", str(path), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    row = next(csv.DictReader(io.StringIO(result.stdout), delimiter=sep))
    assert row["tied_with"] == "|".join(f"T{n:03d}" for n in range(2, 26))
    assert row["tied_with_count"] == "24"


def test_the_count_is_zero_without_ties_and_empty_without_a_rank(
    cityrank: Run, write: Write
) -> None:
    path = write("ties.csv", "city,score\nA,3\nB,\nC,1\n")
    alone = json.loads(cityrank("show", "A", "-d", str(path), "-f", "json").stdout)
    assert alone["tied_with"] == [] and alone["tied_with_count"] == 0
    unranked = cityrank("show", "B", "-d", str(path), "-f", "json")
    assert unranked.exit_code == 0, unranked.stderr
    assert json.loads(unranked.stdout)["tied_with_count"] is None


def test_a_city_tied_with_thousands_is_not_made_an_entry_per_tie(
    cityrank: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The names of the tied cities are read from the name column, not from an entry each."""
    path = write("ties.csv", _tied_file(5_000))
    made = 0
    entry = Rows.entry

    def counted(self: Rows, i: int) -> Entry:
        nonlocal made
        made += 1
        return entry(self, i)

    monkeypatch.setattr(Rows, "entry", counted)
    result = cityrank("show", "T001", "-d", str(path), "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert "T011 and 4,989 more" in result.stdout
    assert made < 50
