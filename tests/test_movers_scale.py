"""movers at scale: overtakes counted for the table, streamed for machines, --within, and
capped lists of entries and exits (issue 14 item 18, issue 13 item 13).

All data here is fictional.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import random
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cityrank.core.overtakes as overtakes_module
from cityrank.core.editions import overtakes, rank_editions
from cityrank.errors import Problems
from cityrank.model import LoadOptions, Ranking
from cityrank.pipeline import parse_text
from cityrank.render.delimited import write_delimited
from cityrank.render.json import write_json, write_jsonl
from cityrank.views.base import Column, Report, View
from cityrank.views.runs import Run, RunRows
from conftest import invoke


def editions_csv(old: list[int | None], new: list[int | None]) -> str:
    """Two editions of cities c0, c1 …; ``None`` leaves a city out of that edition."""
    lines = ["city,score,year"]
    lines += [f"c{i},{s},2019" for i, s in enumerate(old) if s is not None]
    lines += [f"c{i},{s},2020" for i, s in enumerate(new) if s is not None]
    return "\n".join(lines) + "\n"


def reversed_csv(n: int) -> str:
    """``n`` cities whose order is reversed: every pair swaps, n(n-1)/2 overtakes."""
    return editions_csv(list(range(n)), list(range(n, 0, -1)))


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = invoke(list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ranked(text: str) -> tuple[Ranking, Ranking]:
    later, earlier = rank_editions(parse_text(text, "t.csv", LoadOptions(), Problems()))[::-1]
    return later, earlier


def reference(text: str, within: int | None = None) -> list[tuple[str, str]]:
    """Every overtake, found by comparing every pair (O(n²)), in the order movers lists them:
    the overtaker's rank now, the overtaken's rank now, then, among cities tied now, the
    rank before and the order in the later edition."""
    now, before = ranked(text)
    old = {r.entry.key: r.rank for r in before.ranked}
    cities = list(now.ranked)
    if within is not None and within < len(cities):
        last = cities[within - 1].entry.score
        cities = cities[:within] + [r for r in cities[within:] if r.entry.score == last]
    both = [(j, r) for j, r in enumerate(c for c in cities if c.entry.key in old)]
    pairs = [
        ((a.rank, b.rank, old[a.entry.key], i, old[b.entry.key], j), (a.entry.city, b.entry.city))
        for i, a in both
        for j, b in both
        if a.rank < b.rank and old[a.entry.key] > old[b.entry.key]
    ]
    return [names for _, names in sorted(pairs)]


def overtake_rows(stdout: str) -> list[tuple[str, str]]:
    rows = csv.DictReader(io.StringIO(stdout))
    return [(r["city"], r["other_city"]) for r in rows if r["kind"] == "overtake"]


# Scores from a few values, so that ties are common; some cities in one edition only.
scores = st.integers(2, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=n, max_size=n),
        st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=n, max_size=n),
    )
)


@settings(max_examples=40, deadline=None)
@given(scores, st.sampled_from(["competition", "fractional", "dense", "ordinal"]), st.booleans())
def test_machine_formats_list_every_overtake_in_order(
    pair: tuple[list[int | None], list[int | None]], ties: str, tree: bool
) -> None:
    text = editions_csv(*pair)
    if text.count("2019") < 1 or text.count("2020") < 1:
        return
    with pytest.MonkeyPatch.context() as patch:
        # 0: every group's overtaken cities found by the tree search, not by a scan.
        patch.setattr(overtakes_module, "_SCAN_RATIO", 0 if tree else 64)
        code, out, _ = run("movers", "-", "-f", "csv", "--ties", ties, input=text)
        assert code == 0
        expected = reference(text) if ties != "ordinal" else None
        found = overtake_rows(out)
        if expected is not None:
            assert found == expected
        code, out, _ = run("movers", "-", "-f", "jsonl", "--ties", ties, input=text)
        lines = [json.loads(line) for line in out.splitlines()]
        assert [(r["city"], r["other_city"]) for r in lines if r["kind"] == "overtake"] == found


@settings(max_examples=60, deadline=None)
@given(scores, st.integers(1, 12))
def test_counted_overtakes_equal_the_pairs_that_swapped(
    pair: tuple[list[int | None], list[int | None]], within: int
) -> None:
    text = editions_csv(*pair)
    if text.count("2019") < 1 or text.count("2020") < 1:
        return
    now, before = ranked(text)
    for limit in (None, within):
        expected = reference(text, limit)
        found = overtakes(now, before, limit)
        assert found.count == len(expected)
        assert [(o.city.entry.city, o.other.entry.city) for o in found] == expected


def test_table_says_twenty_overtakes_and_how_many_more() -> None:
    code, out, _ = run("movers", "-", "-f", "table", input=reversed_csv(40))
    assert code == 0
    sentences = [line.strip() for line in out.splitlines() if " overtook " in line]
    assert len(sentences) == 20
    assert sentences[:2] == [
        "c0 overtook c1: #40 in 2019 → #1 in 2020",
        "c0 overtook c2: #40 in 2019 → #1 in 2020",
    ]
    assert "… and 760 more (-f csv lists all)" in out
    assert "780 overtakes." in " ".join(out.split())


def test_machine_formats_list_all_of_them() -> None:
    code, out, _ = run("movers", "-", "-f", "csv", input=reversed_csv(40))
    assert code == 0 and len(overtake_rows(out)) == 780
    code, out, _ = run("movers", "-", "-f", "json", input=reversed_csv(40))
    assert sum(r["kind"] == "overtake" for r in json.loads(out)) == 780


def test_overtakes_are_streamed_in_memory_that_does_not_grow_with_them(tmp_path: Path) -> None:
    """600 cities reversed: 179,700 overtake rows (7 MB of CSV) made and written in a
    fraction of the memory that holding them takes (42 MB before they were streamed;
    now about 5, most of it a megabyte of lines joined per write)."""
    data = tmp_path / "editions.csv"
    data.write_text(reversed_csv(600), encoding="utf-8")
    target = tmp_path / "out.csv"
    tracemalloc.start()
    try:
        code, _, _ = run("movers", str(data), "-f", "csv", "-o", str(target))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 0
    with target.open(encoding="utf-8") as written:
        assert sum(1 for line in written if line.startswith("overtake,")) == 179_700
    assert peak < 12_000_000, peak


def test_within_keeps_overtakes_among_the_top_n() -> None:
    code, out, _ = run("movers", "-", "--within", "5", "-f", "csv", input=reversed_csv(40))
    assert code == 0
    found = overtake_rows(out)
    assert len(found) == 10
    assert {city for pair in found for city in pair} == {"c0", "c1", "c2", "c3", "c4"}
    code, out, _ = run("movers", "-", "--within", "5", "-f", "table", input=reversed_csv(40))
    text = " ".join(out.split())
    assert "Overtakes among the top 5 of 2020" in text
    assert "10 overtakes among the top 5 of 2020." in text
    assert "more (-f csv" not in text


def test_within_keeps_the_cities_tied_at_the_cut() -> None:
    # c2 and c3 tie for third in 2020: both are in the top 3.
    text = editions_csv([4, 3, 2, 1], [1, 2, 3, 3])
    code, out, _ = run("movers", "-", "--within", "3", "-f", "csv", input=text)
    assert code == 0
    assert overtake_rows(out) == reference(text, 3) != reference(text, 2)


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_within_must_be_a_positive_number(value: str) -> None:
    code, out, err = run("movers", "-", "--within", value, input=reversed_csv(5))
    assert code == 2 and out == ""
    assert "Invalid value for '--within'" in err and "Traceback" not in err


def test_movers_caps_entries_and_exits_and_says_where_the_rest_are() -> None:
    text = editions_csv([*range(15), None], [*([None] * 15), 1])
    code, out, _ = run("movers", "-", "-f", "table", input=text)
    assert code == 0
    assert "Ranked in 2019, not in 2020 (first 10 of 15; -f csv lists all)" in out
    assert "c5 " in out and "c4 " not in out  # the best ten of 2019: c14 … c5
    code, out, _ = run("movers", "-", "-f", "csv", input=text)
    exits = [r["city"] for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "exit"]
    assert len(exits) == 15


def test_list_names_ten_of_the_cities_that_dropped_out() -> None:
    text = editions_csv([*range(15), 20], [*([None] * 15), 1])
    code, out, _ = run("list", "-", "-f", "table", input=text)
    assert code == 0
    note = " ".join(out.split())
    head = "Ranked in 2019, not in 2020 (first 10 of 15; movers --from 2019 --to 2020 -f csv"
    assert head + " lists all): c14, c13, c12, c11, c10, c9, c8, c7, c6, c5." in note
    assert "c4" not in note
    short = editions_csv([1, 2, 3], [None, 2, 3])
    code, out, _ = run("list", "-", "-f", "table", input=short)
    assert "Ranked in 2019, not in 2020: c0." in " ".join(out.split())


# --- the writers: rows made in runs are written as the same rows in a list ------------

COLUMNS = (Column("kind", "Kind"), Column("other", "Other"), Column("n", "N", "number"))
names = st.text(st.sampled_from(list('ab ,"\t\r\n;é北=')), max_size=6)


def runs_of(data: list[tuple[str, list[str], float | None]]) -> Iterator[Run]:
    shared = {kind: ((kind,), (n,)) for kind, _, n in data}
    for kind, values, _ in data:
        before, after = shared[kind]
        yield before, values, after


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(names, st.lists(names, max_size=4), st.one_of(st.none(), st.floats(-5, 5))))
)
def test_rows_in_runs_are_written_as_the_same_rows_in_a_list(
    data: list[tuple[str, list[str], float | None]],
) -> None:
    head = [("head", None, 1.5)]
    count = 1 + sum(len(values) for _, values, _ in data)
    streamed = View(COLUMNS, RunRows(head, lambda: runs_of(data), count))
    listed = View(COLUMNS, list(streamed.rows))
    assert len(listed.rows) == count
    writers: list[Callable[[View, TextIO], None]] = [
        lambda view, out: write_delimited(view, out),
        lambda view, out: write_delimited(view, out, "\t"),
        lambda view, out: write_delimited(view, out, excel_safe=True),
        lambda view, out: write_json(Report(view), out),
        lambda view, out: write_jsonl(Report(view), out),
    ]
    for write in writers:
        a, b = io.StringIO(), io.StringIO()
        write(streamed, a)
        write(listed, b)
        assert a.getvalue() == b.getvalue()


def test_a_large_shuffle_is_counted_for_the_table() -> None:
    """3,000 shuffled cities, some tied: over two million overtakes, counted, not listed."""
    rng = random.Random(14)
    text = editions_csv([rng.randrange(1000) for _ in range(3000)], list(range(3000)))
    now, before = ranked(text)
    old = {r.entry.key: r.rank for r in before.ranked}
    # Each city against those after it now that ranked strictly better before.
    after: list[float] = []
    expected = 0
    for r in reversed(now.ranked):
        rank = old[r.entry.key]
        expected += bisect.bisect_left(after, rank)
        bisect.insort(after, rank)
    assert expected > 2_000_000
    code, out, _ = run("movers", "-", "-f", "table", input=text)
    assert code == 0
    assert len([line for line in out.splitlines() if " overtook " in line]) == 20
    assert f"… and {expected - 20} more" in out
    assert f"{expected} overtakes." in " ".join(out.split())
