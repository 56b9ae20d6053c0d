"""Columns the core keeps as Arrow arrays (``core.vector.ArrowColumn``) read as the lists
they stand for, reach the CSV writer without becoming lists, and are written as the same
bytes as those lists. The data are fictional."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cityrank.core.ranking import rank_rows
from cityrank.core.vector import most, with_none
from cityrank.model import Entry, Standings, rows_of
from cityrank.model.arrow_column import ArrowColumn
from cityrank.render import delimited
from cityrank.render.delimited import write_delimited
from cityrank.views.base import CITY, RANK, TIED, CodedRows, Column, Value, View
from cityrank.views.listing import Zipped
from conftest import arrow_paths, bits, outcome

pa = pytest.importorskip("pyarrow")


_FLOATS = st.one_of(
    st.none(),
    st.floats(),
    st.sampled_from([0.0, -0.0, 1e16, 1e-7, 5e-324, math.inf, -math.inf, math.nan, 91.2]),
)
_COLUMNS = st.one_of(
    st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), max_size=12).map(
        lambda items: (items, pa.int64())
    ),
    st.lists(_FLOATS, max_size=12).map(lambda items: (items, pa.float64())),
    st.lists(st.one_of(st.none(), st.booleans()), max_size=12).map(
        lambda items: (items, pa.bool_())
    ),
)
_INDEX = st.one_of(st.none(), st.integers(-14, 14))


@example(([0.0, -0.0, None, math.nan], pa.float64()), 0, None, -1)
@example(([], pa.int64()), None, None, None)
@given(_COLUMNS, _INDEX, _INDEX, st.one_of(st.none(), st.integers(-3, 3).filter(bool)))
def test_an_arrow_column_reads_as_its_list(
    made: tuple[list[Any], Any], start: int | None, stop: int | None, step: int | None
) -> None:
    """Length, items by index (out of range too), slices, iteration, reversal, ``in``,
    ``index``, ``count`` and ``==``: as the list's, items of the same types and bits."""
    items, kind = made
    column: ArrowColumn[Any] = ArrowColumn(pa.array(items, kind))
    assert len(column) == len(items)
    assert bool(column) is bool(items)
    for i in range(-len(items) - 2, len(items) + 2):
        if -len(items) <= i < len(items):
            assert bits([column[i]]) == bits([items[i]])
        else:
            with pytest.raises(IndexError):
                column[i]
    part = column[start:stop:step]
    assert type(part) is list
    assert bits(part) == bits(items[start:stop:step])
    assert bits(column) == bits(items)
    assert bits(reversed(column)) == bits(list(reversed(items)))
    same = column.items()  # the list it stands for (NaN is only equal to itself)
    other: ArrowColumn[Any] = ArrowColumn(pa.array(same, kind))
    assert column == same and same == column and (column == other) is (same == other.items())
    assert column != [*same, None] and column != tuple(same)
    assert repr(column) == repr(same)
    for item in (*same[:3], None, 7):
        assert (item in column) is (item in same)
        assert column.count(item) == same.count(item)
        if item in same:
            assert column.index(item) == same.index(item)
    with pytest.raises(TypeError):
        hash(column)
    longer = with_none(column)
    assert isinstance(longer, ArrowColumn)
    assert bits(longer) == bits([*items, None])
    assert bits(with_none(items)) == bits([*items, None])


def test_an_arrow_column_makes_its_list_once() -> None:
    """A few items and short slices are read from the array; past those, or at a long
    slice, the list is made, once."""
    column: ArrowColumn[int] = ArrowColumn(pa.array(range(100)))
    assert len(column) == 100 and column._items is None
    looked = [column[i] for i in range(-1, 20)]
    assert looked == [99, *range(20)] and column[95:] == [95, 96, 97, 98, 99]
    assert column[-3:-1] == [97, 98] and column[7:3] == [] and column._items is None
    assert [column[i] for i in range(100)] == list(range(100)) and column._items is not None
    first = column.items()
    assert column[5] == 5 and column[-3:] == [97, 98, 99] and column.items() is first
    sliced: ArrowColumn[int] = ArrowColumn(pa.array(range(100)))
    assert sliced[1:] == list(range(1, 100)) and sliced._items == list(range(100))
    stepped: ArrowColumn[int] = ArrowColumn(pa.array(range(10)))
    assert stepped[::3] == [0, 3, 6, 9] and stepped._items is not None


@given(st.lists(st.integers(0, 30), max_size=10))
def test_the_most_of_an_arrow_column_is_the_lists(items: list[int]) -> None:
    column: ArrowColumn[int] = ArrowColumn(pa.array(items, pa.int64()))
    assert most(column) == most(items) == max(items, default=0)
    assert column._items is None


# --- the figures, from the ranking to the writer ------------------------------------------


def _file(tmp_path: Path) -> Path:
    """2,000 fictional towns of 2020, of nearly all distinct scores, some tied, two without
    one."""
    pick = random.Random(7)
    lines = ["city,year,score,note"]
    for i in range(2000):
        score = "" if i in (5, 900) else f"{pick.uniform(-50, 100):.6f}" if i % 7 else "12.5"
        lines.append(f"Town {i},2020,{score},n{i % 3}")
    path = tmp_path / "towns.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "csv"],
        ["-f", "tsv", "--ties", "dense", "--lower-is-better"],
        ["-f", "csv", "--ties", "modified", "--all-columns"],
        ["-f", "csv", "--top", "30"],
    ],
    ids=" ".join,
)
def test_figures_reach_the_writer_as_arrow_arrays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """``list`` in CSV with the Arrow paths: no figure column is turned into a list on the
    way from the ranking to the lines (none is read item by item), and the bytes are those
    of the plain Python."""
    path = _file(tmp_path)
    seen = []
    for on in (False, True):
        with arrow_paths(on):
            seen.append(outcome("list", *args, "-d", str(path)))
    made: list[int] = []
    items = ArrowColumn.items

    def counted(self: ArrowColumn[Any]) -> list[Any]:
        made.append(len(self))
        return items(self)

    monkeypatch.setattr(ArrowColumn, "items", counted)
    with arrow_paths(True):
        again = outcome("list", *args, "-d", str(path))
    assert seen[0][0] == 0, seen[0][2]
    assert seen[0] == seen[1] == again
    assert made == []


# --- the writer: the same bytes for Arrow columns as for lists ------------------------------

_CELLS = st.one_of(
    st.none(),
    st.floats(),
    st.sampled_from([0.0, -0.0, 100.0, 1e16, 1e-5, 1e-7, 1e22, 5e-324, math.inf, math.nan]),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 2)),
)
_RANKS = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.integers(1, 10**6))
_TEXTS = st.one_of(st.none(), st.text(st.sampled_from('19x,"\n\r\t'), max_size=3))


@example([(1, True, -0.0, "2020", 1e16), (None, None, math.nan, None, -math.inf)])
@example([(3, False, 1e-7, 'a,"b"', 2.5), (4, True, 0.0, "x\ny", None)])
@example([(3, False, 1e-7, "a\rb", 2.5)])
@given(st.lists(st.tuples(_RANKS, st.one_of(st.none(), st.booleans()), _CELLS, _TEXTS, _CELLS)))
def test_the_writer_gives_the_same_bytes_for_arrow_columns_as_for_lists(
    codes: list[tuple[Any, ...]],
) -> None:
    """Each code's rank, tie, two numbers and a text as Arrow arrays (ints, bools, floats
    of every size, infinities, NaN, -0.0, texts to quote or with a carriage return, nulls)
    or as lists: the same text, Arrow path or not."""
    lists: list[list[Any]] = [[*column, None] for column in zip(*codes, strict=True)]
    if not codes:
        lists = [[None]] * 5
    kinds = (pa.int64(), pa.bool_(), pa.float64(), pa.string(), pa.float64())
    arrays: list[Any] = [ArrowColumn(pa.array(c, k)) for c, k in zip(lists, kinds, strict=True)]
    picked = [i % len(lists[0]) for i in range(2 * len(lists[0]) + 3)]
    number = Column("x", "x", kind="number")
    columns = (RANK, TIED, CITY, number, Column("t", "t"), number._replace(name="y"))
    written = [
        _written(on, columns, picked, Zipped(r, t), Zipped(x, text, y))
        for on, (r, t, x, text, y) in ((False, lists), (True, lists), (True, arrays))
    ]
    assert written[0] == written[1] == written[2]


def _written(
    on: bool,
    columns: tuple[Column, ...],
    picked: list[int],
    before: Zipped,
    after: Zipped,
) -> str:
    cities = [f"c{i}" for i in range(len(picked))]
    coded = CodedRows(picked, before, cities, after, (), 0)
    out = io.StringIO()
    with arrow_paths(on):
        write_delimited(View(columns, coded), out)
    return out.getvalue()


def test_the_writer_takes_the_arrays_of_arrow_columns() -> None:
    """Floats and ints of Arrow columns are written from their arrays, not their lists."""
    column: ArrowColumn[Value] = ArrowColumn(pa.array([1.5, None, 1e22, -0.0, None]))
    ranks: ArrowColumn[Value] = ArrowColumn(pa.array([1, 2, None, 4, None]))
    number = Column("x", "x", kind="number")
    view = View(
        (RANK, CITY, number),
        CodedRows([0, 1, 2, 3, 4], Zipped(ranks), ["a", "b", "c", "d", "e"], Zipped(column), ()),
    )
    out = io.StringIO()
    with arrow_paths(True):
        write_delimited(view, out)
    assert out.getvalue() == "rank,city,x\n1,a,1.5\n2,b,\n,c,10000000000000000000000\n4,d,0\n,e,\n"
    assert column._items is None and ranks._items is None


def test_long_columns_of_repeated_floats_give_the_same_bytes() -> None:
    """A long column that repeats its values (each distinct one cast once) and a long one
    of distinct values, with NaN, infinities, -0.0, exponents and blanks among them, and
    cities that need quotes: the bytes of the plain Python."""
    pick = random.Random(3)
    pool = [0.0, -0.0, 1e22, 1e-7, math.nan, math.inf, -math.inf, None, 2.5, 100.0]
    pool += [round(pick.uniform(0, 100), 2) for _ in range(300)]
    count = 70_000
    repeats = [pick.choice(pool) for _ in range(count)] + [None]
    distinct = [pick.uniform(-1e3, 1e3) for _ in range(count)] + [-0.0]
    number = Column("x", "x", kind="number")
    columns = (RANK, CITY, number, number._replace(name="y"))
    ranks = list(range(1, count + 2))
    picked = list(range(count + 1))
    cities = [f"c{i}" if i % 5 else f'"c,{i}"' for i in picked]
    written = []
    for on, arrow in ((False, False), (True, False), (True, True)):
        x: Sequence[float | None] = repeats
        y: Sequence[float | None] = distinct
        if arrow:
            x, y = ArrowColumn(pa.array(x, pa.float64())), ArrowColumn(pa.array(y, pa.float64()))
        coded = CodedRows(picked, Zipped(ranks), cities, Zipped(x, y), ())
        out = io.StringIO()
        with arrow_paths(on):
            write_delimited(View(columns, coded), out)
        written.append(out.getvalue())
    assert written[0] == written[1] == written[2]
    assert ",nan," in written[0] and ",-inf," in written[0] and '"""c,5"""' in written[0]


@given(
    st.lists(st.sampled_from([0.0, -0.0, 1.0, 2.5, 99.82, -3.0, None]), max_size=30),
    st.sampled_from(["competition", "dense", "fractional"]),
    st.booleans(),
)
def test_scores_in_order_already_rank_as_in_python(
    scores: list[float | None], ties: str, lower: bool
) -> None:
    """Codes numbered best first (as ``core.shape._by_value`` numbers many of them) are not
    sorted again in Arrow: the same figures, bit for bit, ties of 0.0 and -0.0 among them."""
    known = sorted((s for s in scores if s is not None), reverse=not lower)
    ordered = known + [None] * (len(scores) - len(known))
    entries = [Entry(f"c{i}", f"c{i}", s, 1, None, i + 2, "f.csv") for i, s in enumerate(ordered)]
    rows = rows_of(entries)
    seen = []
    for on in (False, True):
        with arrow_paths(on):
            ranked = rank_rows(rows, range(len(rows)), ties, lower, None, None).ranked  # type: ignore[arg-type]
        assert isinstance(ranked, Standings)
        seen.append((list(ranked.order), [bits(column) for column in ranked.figures]))
    assert seen[0] == seen[1]


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), unique=True, max_size=30),
    st.integers(0, 3),
    st.sampled_from(["competition", "ordinal", "fractional"]),
    st.booleans(),
    st.booleans(),
)
def test_rows_of_distinct_scores_rank_as_in_python(
    scores: list[float], blanks: int, ties: str, lower: bool, some: bool
) -> None:
    """Where every row has a score of its own, the rows are put in order by inverting
    their groups rather than sorting them: the same order and figures, bit for bit, with
    rows without a score, or only some rows ranked (one edition of two)."""
    values: list[float | None] = [*scores, *[None] * blanks]
    entries = [
        Entry(f"c{i}", f"c{i}", s, 2, "2020" if i % 3 or not some else "2019", i + 2, "f.csv")
        for i, s in enumerate(values)
    ]
    rows = rows_of(entries)
    members: Sequence[int] = range(len(rows))
    if some:
        members = [i for i, e in enumerate(entries) if e.year == "2020"]
    seen = []
    for on in (False, True):
        with arrow_paths(on):
            ranked = rank_rows(rows, members, ties, lower, None, None).ranked  # type: ignore[arg-type]
        assert isinstance(ranked, Standings)
        figures = [bits(column) for column in ranked.figures]
        seen.append((list(ranked.order), list(ranked.unranked), figures))
    assert seen[0] == seen[1]


@pytest.mark.parametrize("on", [False, True], ids=["plain", "arrow"])
@pytest.mark.parametrize("top", ["1", "3", "1990"])
def test_a_cut_formats_the_cells_of_its_codes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on: bool, top: str
) -> None:
    """``list --top 3`` of 2,000 distinct scores formats the cells of the 3 rows' codes, not
    of all 2,000 (a cut of a million rows took longer than the whole list), and writes
    the first lines of the whole list."""
    path = _file(tmp_path)
    with arrow_paths(on):
        code, whole, _ = outcome("list", "-f", "csv", "-d", str(path))
    formatted: list[int] = []
    column_texts = delimited.column_texts

    def counted(formatter: Any, column: Any) -> list[str]:
        formatted.append(len(column))
        return column_texts(formatter, column)

    monkeypatch.setattr(delimited, "column_texts", counted)
    with arrow_paths(on):
        cut = outcome("list", "-f", "csv", "--top", top, "-d", str(path))
    lines = whole.splitlines(keepends=True)
    assert code == 0 and cut[0] == 0 and cut[1] == "".join(lines[: int(top) + 1])
    assert max(formatted, default=0) <= max(2 * int(top), 1)
