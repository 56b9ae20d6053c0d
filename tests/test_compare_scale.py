"""``compare`` at scale (issue 14, items 20 and 21) and its difference column in words
(issue 13, item 12).

Very wide files and many names are made small here; the large sizes are timed
by hand. Work that must not be repeated per name is guarded by counting calls.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
from pathlib import Path
from typing import Any, SupportsIndex

import pytest

from cityrank import load, rank
from cityrank.core.standing import Population
from cityrank.model import Entry, Rows, TieMethod
from conftest import Run, Write

# --- very wide files (14.20) -------------------------------------------------


def _wide_file(path: Path, columns: int) -> Path:
    header = ["city", "score", *(f"c{i}" for i in range(columns))]
    lines = [",".join(header)]
    for r, city in enumerate(["Alpha", "Beta", "Gamma"]):
        lines.append(",".join([city, str(90 - r), *(str((i + r) % 7) for i in range(columns))]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_compare_of_thousands_of_columns_gives_each_its_value_and_rank(
    cityrank: Run, tmp_path: Path
) -> None:
    path = _wide_file(tmp_path / "wide.csv", 3_000)
    result = cityrank("compare", "alpha", "gamma", "-d", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    header, alpha, gamma = list(csv.reader(io.StringIO(result.stdout)))
    assert len(header) == 7 + 2 * 3_000
    assert header[7:11] == ["c0", "c0_rank", "c1", "c1_rank"]
    assert header[-2:] == ["c2999", "c2999_rank"]
    at = header.index("c2999")
    # c2999 is 2999 % 7 = 3 for Alpha and (2999 + 2) % 7 = 5 for Gamma, which ranks first.
    assert (alpha[at], alpha[at + 1], gamma[at], gamma[at + 1]) == ("3", "3", "5", "1")


def test_a_wide_file_is_named_and_parsed_once_per_column_not_once_per_cell(
    cityrank: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cityrank.core.other_columns as other_columns
    import cityrank.core.standing as standing
    import cityrank.views.base as base
    import cityrank.views.compare as compare

    calls = {"extra_names": 0, "numbers": 0}
    # The functions compare and standing call (compare's extra_names is base's).
    names, numbers = base.extra_names, other_columns.cell_numbers

    def counted_names(*args: Any, **kwargs: Any) -> list[str]:
        calls["extra_names"] += 1
        return names(*args, **kwargs)

    def counted_numbers(*args: Any, **kwargs: Any) -> list[float | None] | None:
        calls["numbers"] += 1
        return numbers(*args, **kwargs)

    monkeypatch.setattr(compare, "extra_names", counted_names)
    monkeypatch.setattr(standing, "cell_numbers", counted_numbers)
    path = _wide_file(tmp_path / "wide.csv", 500)
    result = cityrank("compare", "alpha", "beta", "gamma", "-d", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3
    assert calls == {"extra_names": 1, "numbers": 500}


# --- many names (14.21) ------------------------------------------------------


def _tall_file(path: Path, rows: int, aliases: bool = False) -> Path:
    rnd = random.Random(7)
    lines = ["city,score,m" + (",aliases" if aliases else "")]
    for n in range(rows):
        alias = f",Alias{n:04d}|Other{n:04d}" if aliases else ""
        lines.append(f"Town {n:04d},{rnd.randint(0, 60)},{rnd.randint(0, 9)}{alias}")
    lines.append("Nowhere," + ("," if aliases else "") + ",")  # unranked, and found too
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _count_entries(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many rows are made entries (``Rows.entry``): a pass over every city makes each."""
    made = {"entries": 0}
    entry = Rows.entry

    def counted_entry(self: Rows, i: int) -> Entry:
        made["entries"] += 1
        return entry(self, i)

    monkeypatch.setattr(Rows, "entry", counted_entry)
    return made


@pytest.mark.parametrize(
    ("aliases", "name"),
    [(True, "alias{:04d}"), (True, "other{:04d}"), (False, "town {:04d}"), (False, "town {:04d}")],
    ids=["alias", "second-alias", "exact", "exact-again"],
)
def test_many_names_are_found_from_one_index_not_a_pass_each(
    cityrank: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aliases: bool, name: str
) -> None:
    path = _tall_file(tmp_path / "tall.csv", 2_000, aliases)
    wanted = [name.format(n) for n in range(0, 2_000, 50)]  # 40 names
    made = _count_entries(monkeypatch)
    result = cityrank("compare", *wanted, "nowhere", "-d", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    cities = [row["city"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert cities == [f"Town {n:04d}" for n in range(0, 2_000, 50)] + ["Nowhere"]
    assert made["entries"] < 5 * len(cities)  # about once each, not 2,000 per name


class _Scanned(list[str]):
    """A key column that counts the full passes made over it by ``count`` and ``index``."""

    passes = 0

    def count(self, value: str) -> int:
        _Scanned.passes += 1
        return super().count(value)

    def index(self, value: str, start: SupportsIndex = 0, stop: SupportsIndex = sys.maxsize) -> int:
        _Scanned.passes += 1
        return super().index(value, start, stop)


def test_exact_names_scan_the_key_column_a_few_times_not_once_per_name(tmp_path: Path) -> None:
    from cityrank.model import Standings
    from cityrank.views.compare import compare_view

    ranking = rank(load(str(_tall_file(tmp_path / "tall.csv", 2_000))))
    standings = ranking.ranked
    assert isinstance(standings, Standings)
    columns = standings.rows._asdict()
    standings.rows = Rows(**{**columns, "key": _Scanned(columns["key"])})
    _Scanned.passes = 0
    names = [f"town {n:04d}" for n in range(0, 2_000, 50)]
    report = compare_view(ranking, names)
    assert [row[0] for row in report.data.rows] == [f"Town {n:04d}" for n in range(0, 2_000, 50)]
    assert _Scanned.passes <= 6  # a scan for each of the first three names, then one index


def test_prefixes_of_many_names_are_found_from_the_index(
    cityrank: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"P{n:04d}ville,{n % 17}" for n in range(2_000)]
    path = write("prefixes.csv", "city,score\n" + "\n".join(rows) + "\n")
    made = _count_entries(monkeypatch)
    prefixes = [f"p{n:04d}" for n in range(0, 2_000, 50)]  # each the start of one name
    result = cityrank("compare", *prefixes, "-d", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    cities = [row["city"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert cities == [f"P{n:04d}ville" for n in range(0, 2_000, 50)]
    assert made["entries"] < 5 * len(cities)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("town 00", '"town 00" is the start of several city names in {where}: "Town 00'),
        ("tovn 0003", 'no city "tovn 0003" in {where} — did you mean "Town 0003"'),
        ("qqqqq", "no city \"qqqqq\" in {where} — run 'cityrank list' to see the names"),
        ("t0", 'no city "t0" in {where} — '),
    ],
    ids=["ambiguous-prefix", "did-you-mean", "not-found", "too-short"],
)
def test_messages_are_the_same_whichever_place_the_name_has(
    cityrank: Run, tmp_path: Path, bad: str, message: str
) -> None:
    """Early names are found by a scan, later ones from the index: the same words either way."""
    path = _tall_file(tmp_path / "tall.csv", 300)
    good = [f"town {n:04d}" for n in range(100, 110)]
    said = set()
    for before in (0, 1, 2, 3, 8):
        names = [*good[:before], bad, *good[before:]]
        result = cityrank("compare", *names, "-d", str(path), "-f", "csv")
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[-1].startswith("cityrank: error: " + message.format(where=path))
        said.add(lines[-1])
    assert len(said) == 1


def test_the_same_city_twice_is_refused_from_the_index_too(cityrank: Run, tmp_path: Path) -> None:
    path = _tall_file(tmp_path / "tall.csv", 300)
    names = [f"town {n:04d}" for n in range(100, 110)] + ["TOWN 0101"]
    result = cityrank("compare", *names, "-d", str(path), "-f", "csv")
    assert result.exit_code == 2
    assert '"TOWN 0101" is Town 0101, which is already in the comparison' in result.stderr


def test_a_name_shared_by_two_cities_is_ambiguous_from_the_index_too(
    cityrank: Run, write: Write
) -> None:
    rows = [f"C{n:02d},{n}," for n in range(20)] + ["Twin,5,Gemini", "Double,6,gemini"]
    path = write("twins.csv", "city,score,aliases\n" + "\n".join(rows) + "\n")
    names = [f"c{n:02d}" for n in range(6)]
    result = cityrank("compare", *names, "gemini", "-d", str(path), "-f", "csv")
    assert result.exit_code == 2
    assert '"gemini" names several cities in' in result.stderr
    assert '"Double", "Twin"' in result.stderr  # best first


@pytest.mark.parametrize("ties", ["competition", "modified", "dense", "ordinal", "fractional"])
def test_ranks_on_a_column_are_the_same_for_many_cities_as_for_one(
    tmp_path: Path, ties: TieMethod
) -> None:
    """Many cities share one sort of each column; one city counts: the same ranks."""
    rnd = random.Random(ties)
    lines = ["city,score,m,n"]
    for c in range(60):
        score = "" if c % 13 == 0 else str(rnd.randint(0, 9))
        m = "" if c % 7 == 0 else str(rnd.randint(0, 5))
        lines.append(f"City{c},{score},{m},{rnd.random():.1f}")
    path = tmp_path / "ranks.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ranking = rank(load(str(path)), ties=ties)
    everyone = [r.entry for r in ranking.ranked] + list(ranking.unranked)
    population = Population(ranking)
    values, ranks = population.columns(everyone)
    for i, entry in enumerate(everyone):
        one_values, one_ranks = Population(ranking).columns([entry])
        assert {k: v[0] for k, v in one_values.items()} == {k: v[i] for k, v in values.items()}
        assert {k: r[0] for k, r in one_ranks.items()} == {k: r[i] for k, r in ranks.items()}


# --- the difference column in words (13.12) ----------------------------------


def test_the_rank_difference_says_who_is_ahead_in_words(cityrank: Run) -> None:
    ahead = cityrank("compare", "beijing", "shenzhen", "-f", "table")
    assert ahead.exit_code == 0, ahead.stderr
    assert re.search(r"Rank +1 +2 +1 place ahead  ", ahead.stdout)
    behind = cityrank("compare", "shanghai", "beijing", "-f", "table")
    assert re.search(r"Rank +3 +1 +2 places behind  ", behind.stdout)


def test_ranks_on_other_columns_and_editions_read_the_same_way(cityrank: Run, write: Write) -> None:
    path = write(
        "e.csv",
        "city,year,score,m\nA,2019,5,1\nB,2019,6,2\nC,2019,1,3\nA,2020,7,9\nB,2020,6,2\nC,2020,7,1\n",
    )
    result = cityrank("compare", "a", "b", "-d", str(path), "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert re.search(r"m rank +1 +2 +1 place ahead  ", result.stdout)
    assert re.search(r"Rank 2019 +2 +1 +1 place behind  ", result.stdout)
    assert re.search(r"Rank 2020 +=1 +3 +2 places ahead  ", result.stdout)
    level = cityrank("compare", "a", "c", "-d", str(path), "-f", "table")
    assert re.search(r"Rank +=1 +=1 +level  ", level.stdout)


def test_machines_keep_the_signed_gap_to_the_first_city(cityrank: Run) -> None:
    result = cityrank("compare", "shenzhen", "beijing", "-f", "json")
    rows = {r["city"]: r for r in json.loads(result.stdout)}
    assert rows["Beijing"]["gap_to_reference"] == 8.62  # Beijing's score − Shenzhen's
    assert "place" not in result.stdout
