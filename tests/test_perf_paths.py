"""The column-at-a-time paths that make files of nearly all distinct scores fast give what
the value-by-value ones give: score texts read in batches, cells formatted per column,
score codes numbered in value order, and figures worked out with ``map``."""

from __future__ import annotations

import math
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from cityrank.core.other_columns import cell_numbers
from cityrank.core.ranking import rank_rows
from cityrank.model import Entry, Rows, rows_of
from cityrank.numbers import inexact, parse_number, parse_plain
from cityrank.render.delimited import _formatters, column_texts
from cityrank.views.base import Column, View

#: Texts near plain numbers: signs, points, spaces, exponents, commas, percent, letters.
_NEARLY = st.from_regex(r"\s?[+-]?[0-9]{0,9}\.?[0-9]{0,9}(e-?[0-9])?[ %,_x]?\s?", fullmatch=True)
_TEXTS = st.lists(st.one_of(_NEARLY, st.text(max_size=6)), max_size=30)


@given(_TEXTS)
def test_batch_reading_is_reading_each_text(texts: list[str]) -> None:
    plain = parse_plain(texts)
    if plain is None:
        return
    values, decimals = plain
    for text, value, places in zip(texts, values, decimals, strict=True):
        assert parse_number(text) == (value, places)
        assert math.copysign(1, parse_number(text)[0]) == math.copysign(1, value)
        assert inexact(text, value) is None


def test_batch_reading_takes_plain_numbers() -> None:
    assert parse_plain([" 91.2", "-0", "+5.", ".25 ", "100"]) == (
        [91.2, -0.0, 5.0, 0.25, 100.0],
        [1, 0, 0, 2, 0],
    )
    for odd in ("1e3", "95%", "1,234", "nan", "", "1234567890123456", "١٢"):
        assert parse_plain(["1", odd]) is None


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e16, 1e-7, 100.0, 2.5, 1e22, 123456789012345680000.0]),
    st.text(max_size=4),
)


@given(st.lists(_VALUES, max_size=40), st.sampled_from(["number", "text", "bool"]))
def test_column_formatting_is_cell_formatting(values: list[object], kind: str) -> None:
    view = View((Column("x", "x", kind=kind),), [], "", "")  # type: ignore[arg-type]
    formatter = _formatters(view)[0]
    for column in (values, values * 3):  # repeated: formatted once per distinct value
        assert column_texts(formatter, column) == list(map(formatter, column))  # type: ignore[arg-type]


_SCORE = st.one_of(
    st.none(),
    st.sampled_from([0.0, -0.0, 1.0, 99.82, 91.2, 88.0, 0.001, -3.5]),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)),
)


def _plain_figures(rows: Rows, members: Sequence[int], lower: bool) -> list[tuple[object, ...]]:
    """Each ranked row's figures, worked out row by row from their definitions."""
    scored = [i for i in members if rows.values[rows.score[i]] is not None]
    distinct = sorted({rows.values[rows.score[i]] for i in scored}, reverse=not lower)  # type: ignore[type-var]
    order = sorted(scored, key=lambda i: distinct.index(rows.values[rows.score[i]]))
    top = rows.values[rows.score[order[0]]] if order else None
    top_d = rows.decimals[rows.score[order[0]]] if order else 0
    figures: list[tuple[object, ...]] = []
    for i in order:
        x, d = rows.values[rows.score[i]], rows.decimals[rows.score[i]]
        assert x is not None and top is not None
        same = [q for q, j in enumerate(order) if rows.values[rows.score[j]] == x]
        first, stop, n = same[0], same[-1] + 1, len(order)
        percentile = round(100 * (n - stop) / (n - 1), 2) if n > 1 else 100.0
        above = None
        if first:
            a, a_d = (
                rows.values[rows.score[order[first - 1]]],
                rows.decimals[rows.score[order[first - 1]]],
            )
            assert a is not None
            above = abs(round(a - x, max(a_d, d)))
        if top <= 0 or (lower and x <= 0):
            share = None
        else:
            share = round(100 * top / x if lower else 100 * x / top, 2)
        gap = abs(round(top - x, max(top_d, d)))
        figures.append((i, first + 1, len(same) > 1, gap, above, percentile, share))
    return figures


@given(
    st.lists(st.tuples(_SCORE, st.integers(0, 4), st.sampled_from(["2019", "2020"])), max_size=25),
    st.booleans(),
)
def test_ranking_by_columns_is_ranking_row_by_row(
    scores: list[tuple[float | None, int, str]], lower: bool
) -> None:
    """Rows of two editions (a code of 2019 may share a score with 2020), ranked in 2020."""
    entries = [
        Entry(f"c{i}", f"c{i}", s, d, y, i + 2, "f.csv") for i, (s, d, y) in enumerate(scores)
    ]
    rows = rows_of(entries)
    members = [i for i, e in enumerate(entries) if e.year == "2020"]
    ranked = rank_rows(rows, members, "competition", lower).ranked
    got = [
        (r.entry.city, r.rank, r.tied, r.gap_to_leader, r.gap_to_above, r.percentile)
        + (r.share_of_leader,)
        for r in ranked
    ]
    want = [(f"c{i}", *rest) for i, *rest in _plain_figures(rows, members, lower)]
    assert got == want


def _numbers_one_by_one(cells: Sequence[str]) -> list[float | None] | None:
    values: list[float | None] = []
    for cell in cells:
        if not cell.strip():
            values.append(None)
            continue
        try:
            values.append(parse_number(cell)[0])
        except ValueError:
            return None
    return values


@given(st.lists(st.one_of(_NEARLY, st.sampled_from(["", " ", "12", "9608624.45"])), max_size=30))
def test_column_numbers_are_cell_numbers(cells: list[str]) -> None:
    """show reads a column of plain numbers whole, with one float() each, and any other
    column once per distinct cell: either way as each cell reads on its own."""
    # Plain numbers, as a long column that is read whole would hold: more than the 16
    # cells may_be_numbers looks at first, so the cells drawn come after them too.
    many = [f"{i}.25" for i in range(200)]
    for column in (cells, cells * 100, many + cells, cells + many):
        assert cell_numbers(column) == _numbers_one_by_one(column)


@given(
    st.lists(
        st.tuples(st.integers(0, 4999), _VALUES.filter(lambda v: not isinstance(v, str | bool))),
        max_size=5,
    ),
    st.booleans(),
)
def test_long_number_columns_with_a_few_odd_values(
    odd: list[tuple[int, object]], distinct: bool
) -> None:
    """A long column of plain numbers with a few that repr writes otherwise (``88.0``,
    ``1e-07``, None) among them, nearly all distinct or not."""
    column: list[object] = [i + 0.5 if distinct else float(i % 7) + 0.25 for i in range(5000)]
    for at, value in odd:
        column[at] = value
    view = View((Column("x", "x", kind="number"),), [], "", "")
    formatter = _formatters(view)[0]
    assert column_texts(formatter, column) == list(map(formatter, column))  # type: ignore[arg-type]
