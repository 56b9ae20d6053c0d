"""``show`` and ``compare`` rank a city on the file's other columns in Arrow for long columns
(``core.standing_arrow``): the same values and ranks as the plain Python, to the bit.

``MIN_ITEMS`` is lowered to take the Arrow path on small data, and raised to take the plain
Python, and the two are compared: values bit by bit, ranks for every tie rule, highest and
lowest first (``--lower``), with ties, blanks, negative numbers and -0. The data are
fictional.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cityrank import load, rank
from cityrank.core.other_columns import cell_numbers
from cityrank.core.standing import Population
from cityrank.core.standing_arrow import ArrowNumbers, arrow_numbers
from cityrank.model import TIE_METHODS, Rank, Table, TieMethod
from conftest import Run, Write, arrow_paths

pytest.importorskip("pyarrow")


def bits(values: Sequence[float | None]) -> list[object]:
    """Floats as their bytes, so that -0.0 is not 0.0."""
    return [None if v is None else struct.pack("<d", v) for v in values]


# --- reading a column -----------------------------------------------------------

_PLAINISH = st.text(alphabet="0123456789+-.", max_size=17)


@given(st.lists(st.one_of(_PLAINISH, st.just(""), st.sampled_from(["-0", "+.5", "007"]))))
@example(["1-2", "3"])
@example(["12", "", "-0", "0"])
@example(["1234567890123456", "1"])  # 16 characters: read by float() alone
def test_a_column_reads_in_arrow_as_in_python(cells: list[str]) -> None:
    with arrow_paths(True):
        fast = arrow_numbers(cells)
    plain = cell_numbers(cells)
    if fast is not None:  # what Arrow reads, it reads as float() does
        assert plain is not None
        assert bits(fast.to_list()) == bits(plain)


def test_arrow_reads_plain_numbers_and_blanks_and_declines_the_rest() -> None:
    with arrow_paths(True):
        read = arrow_numbers(["12", "", "-3.5", "+4.", ".25", "-0"])
        declined = [arrow_numbers(c) for c in (["1 "], ["1e3"], ["1,234"], ["1-2"], ["x"])]
    assert read is not None and bits(read.to_list()) == bits([12.0, None, -3.5, 4.0, 0.25, -0.0])
    assert declined == [None] * 5
    with arrow_paths(False):
        assert arrow_numbers(["12"]) is None  # a short column: the plain Python


# --- ranks on a column ----------------------------------------------------------

# Few distinct values, so ties of every size; blanks; negatives; -0 beside 0.
_CELL = st.sampled_from(["", "0", "-0", "-0.0", "1", "1.0", "2.5", "-2.5", "-7", "10", "3"])


def _table(path: Path, cells: list[tuple[str, str, str]], lower: Sequence[str]) -> Table:
    lines = ["city,score,firms,funding,country"]
    for i, (score, firms, funding) in enumerate(cells):
        lines.append(f"C{i},{score},{firms},{funding},Westreach")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = load(path)
    return replace(table, lower_columns=tuple(lower))


def _columns(
    table: Table, ties: TieMethod, asked: Sequence[int], on: bool
) -> tuple[dict[str, list[object]], dict[str, list[Rank | None]], bool]:
    """Each asked city's values (as bits) and ranks on the other columns; whether Arrow read
    any of them."""
    with arrow_paths(on):
        ranking = rank(table, ties=ties)
        population = Population(ranking)
        everyone = [r.entry for r in ranking.ranked] + list(ranking.unranked)
        entries = [everyone[i % len(everyone)] for i in asked]
        taken = any(isinstance(c, ArrowNumbers) for c in population._numeric_columns().values())
        values, ranks = population.columns(entries)
    return {n: bits(v) for n, v in values.items()}, ranks, taken


@given(
    st.lists(
        st.tuples(st.sampled_from(["", "5", "7", "7.0", "9"]), _CELL, _CELL),
        min_size=1,
        max_size=30,
    ),
    st.lists(st.integers(0, 40), min_size=1, max_size=5),
    st.sampled_from(TIE_METHODS),
    st.sampled_from([(), ("firms",), ("firms", "funding")]),
)
@example(
    [("5", "1", "1"), ("5", "1", "1"), ("7", "", "-0"), ("9", "0", "0")], [0, 1], "ordinal", ()
)
@example([("5", "-7", "3"), ("", "-7", "3"), ("9", "10", "-0")], [1, 0, 2], "dense", ("firms",))
def test_ranks_on_other_columns_are_the_same_in_arrow(
    tmp_path_factory: pytest.TempPathFactory,
    cells: list[tuple[str, str, str]],
    asked: list[int],
    ties: TieMethod,
    lower: tuple[str, ...],
) -> None:
    """One to three cities are counted in Arrow; more go to the plain sort (via the list)."""
    table = _table(tmp_path_factory.mktemp("t") / "f.csv", cells, lower)
    plain = _columns(table, ties, asked, on=False)
    fast = _columns(table, ties, asked, on=True)
    assert fast[:2] == plain[:2]
    assert not plain[2]
    # Arrow read every column that has a number (country is names, firms may be blank).
    assert fast[2] == bool(plain[0])


def test_the_ranks_counted_in_arrow_are_the_ranks_a_user_sees(cityrank: Run, write: Write) -> None:
    """Ties of each kind on the asked city's value, a blank, --lower, negatives, -0."""
    rows = [
        ("Avalon", "90", "5", "-0"),
        ("Brindle", "80", "7", "0"),
        ("Corvo", "80", "5", "-2.5"),
        ("Dunmere", "70", "", "-2.5"),
        ("Eastvale", "", "5", "1"),
        ("Fallow", "60", "9", "-7"),
    ]
    path = write("towns.csv", "city,score,firms,debt\n" + "".join(f"{','.join(r)}\n" for r in rows))
    seen = {}
    for on in (False, True):
        with arrow_paths(on):
            outputs = []
            for ties in TIE_METHODS:
                for args in (
                    ["compare", "corvo", "avalon", "eastvale"],
                    ["show", "brindle"],
                    ["show", "eastvale", "--lower", "debt"],
                ):
                    result = cityrank(*args, "-d", str(path), "--ties", ties, "-f", "csv")
                    assert result.exit_code == 0, result.stderr
                    outputs.append(result.stdout)
            seen[on] = outputs
    assert seen[True] == seen[False]
    # Corvo's firms (5) is shared by Avalon and Eastvale (unranked, but on the column).
    standard = seen[True][0].splitlines()
    assert standard[0].split(",")[7:11] == ["firms", "firms_rank", "debt", "debt_rank"]
    assert standard[1].split(",")[7:11] == ["5", "3", "-2.5", "4"]
