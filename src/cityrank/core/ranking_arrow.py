"""``rank_rows``'s order and figures for many rows, worked out in pyarrow.compute.

The same positions, groups and figures, to the bit, as the plain Python of
``core.ranking`` (``_code_groups``, ``_figures``), whose comments define them;
each step here names the one it stands for. A file where nearly every score
is distinct has as many score codes as rows, and the plain Python then makes
several floats per row; here only the results become Python objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from cityrank.core.vector import arrow_array, arrow_ints, ints, rounded
from cityrank.model import Figures, Rows, TieMethod
from cityrank.model.arrow_column import ArrowColumn

#: What the plain path returns: the rows' positions, best first, and each one's score code,
#: the figures of every code, and the unranked rows.
Placed = tuple[Sequence[int], Sequence[int], Figures, list[int]]


def place_rows(
    pa: Any,
    pc: Any,
    rows: Rows,
    members: Sequence[int],
    codes: Sequence[int],
    ties: TieMethod,
    lower: bool,
    decimals: int | None,
) -> Placed:
    """The ranking of ``codes`` (those of the rows ``members``), as ``rank_rows`` has it."""
    count = len(rows.values)
    code = arrow_ints(pa, codes)
    value = arrow_array(pa, rows.values, pa.float64())
    group, groups = _code_groups(pa, pc, code, value, lower)
    per_row = pc.take(group, code)
    positions = _by_group(pc, per_row, groups)
    n = len(codes) - per_row.null_count
    starts = pc.indices_nonzero(_changes(pa, pc, pc.take(per_row, positions[:n])))
    del per_row  # (each row's array is let go as soon as it is used: they add to the peak)
    starts = starts.cast("int64")
    stops = pa.concat_arrays([starts[1:], pa.array([n], pa.int64())]) if n else starts
    assert len(starts) == groups
    by_position = pc.take(code, positions[:n])
    del code
    ranked, unranked_at = positions[:n], positions[n:]
    if not (isinstance(members, range) and members == range(len(rows))):
        member = arrow_ints(pa, members)
        ranked, unranked_at = pc.take(member, ranked), pc.take(member, unranked_at)
    del positions
    placed = ints(ranked), ints(by_position), sorted(unranked_at.to_pylist())
    del ranked, unranked_at
    figures = _figures(
        pa, pc, rows, group, groups, by_position, starts, stops, ties, lower, decimals
    )
    assert len(figures.rank) == count
    pa.default_memory_pool().release_unused()
    return placed[0], placed[1], figures, placed[2]


def _by_group(pc: Any, per_row: Any, groups: int) -> Any:
    """The rows in the order of their groups, stably (file order in ties, the rows without
    a group last). Where there are as many groups as rows and each row has one, each group
    is one row's: the groups of the rows, a permutation, inverted, without a sort."""
    invert = getattr(pc, "inverse_permutation", None)
    if invert is not None and groups == len(per_row) and not per_row.null_count:
        positions = invert(per_row)
        if not positions.null_count:  # every group held by a row, so by one row each
            return positions
    return pc.array_sort_indices(per_row)


def _changes(pa: Any, pc: Any, column: Any) -> Any:
    """True where an item differs from the one before it (and for the first)."""
    if not len(column):
        return pa.array([], pa.bool_())
    differ = pc.not_equal(column[1:], column[:-1])
    return pa.concat_arrays([pa.array([True]), differ])


def _code_groups(pa: Any, pc: Any, code: Any, value: Any, lower: bool) -> tuple[Any, int]:
    """Each score code's group of equal scores, best first, and how many groups there are;
    null for a code without a score or whose score no code of ``code`` has — where the
    plain path's ``of_code`` says ``unscored``. As there, a code absent from ``code`` with
    the score of a present one is in its group."""
    known = pc.indices_nonzero(pc.is_valid(value))
    scores = pc.take(value, known)
    order = known
    if not _in_order(pc, scores, lower):  # (codes numbered by value are: core.shape._by_value)
        order = pc.take(known, pc.array_sort_indices(scores, order=_way(lower)))
    run = pc.subtract(pc.cumulative_sum(_changes(pa, pc, pc.take(value, order)).cast("int64")), 1)
    present = pc.unique(code)
    if (pc.sum(pc.is_valid(pc.take(value, present))).as_py() or 0) < len(order):
        # a run is a group if one of its codes is present
        shown = pc.unique(pc.filter(run, pc.is_in(order, value_set=present)))  # runs only grow
        run = pc.index_in(run, value_set=shown)
        groups = len(shown)
    else:
        groups = pc.max(run).as_py() + 1 if len(run) else 0
    # Each code's place in ``order`` (the codes without a score after them): the
    # permutation inverted, which sorting it does where Arrow has no function for it.
    every = pa.concat_arrays([order, pc.indices_nonzero(pc.is_null(value))]).cast("int64")
    invert = getattr(pc, "inverse_permutation", pc.array_sort_indices)
    run = pa.concat_arrays([run.cast("int64"), pa.nulls(len(value) - len(order), pa.int64())])
    return pc.take(run, invert(every)), groups


def _in_order(pc: Any, scores: Any, lower: bool) -> bool:
    """Whether ``scores`` (no nulls) are best first already, where a stable sort keeps them."""
    if len(scores) < 2:
        return True
    step = pc.less_equal if lower else pc.greater_equal
    return bool(pc.all(step(scores[:-1], scores[1:])).as_py())


def _way(lower: bool) -> str:
    return "ascending" if lower else "descending"


def _figures(
    pa: Any,
    pc: Any,
    rows: Rows,
    group: Any,
    groups: int,
    by_position: Any,
    starts: Any,
    stops: Any,
    ties: TieMethod,
    lower: bool,
    decimals: int | None,
) -> Figures:
    """``core.ranking._figures``: each code's figures, from its group and its score."""
    count = len(rows.values)
    n = len(by_position)
    if not n:
        nothing: list[None] = [None] * count
        return Figures(nothing, nothing, nothing, nothing, nothing, nothing, nothing, nothing)

    def spread(per_group: Any) -> ArrowColumn[Any]:
        """A value per group as a value per code (``None`` for a code in none)."""
        return ArrowColumn(pc.take(per_group, group))

    values = arrow_array(pa, rows.exact or rows.values, pa.float64())
    places = arrow_array(pa, rows.decimals, pa.int64())
    if decimals is not None:
        places = pa.array([decimals] * count, pa.int64())
    top_code = by_position[0].as_py()
    top, top_d = values[top_code].as_py(), places[top_code].as_py()
    fixed = 2 if decimals is None else decimals
    rank = _ranks(pa, pc, ties, starts, stops, spread, count)
    tied = spread(pc.greater(pc.subtract(stops, starts), 1))
    # percentile = round(100 * (n - stop) / (n - 1), fixed), 100 for a lone city
    if n > 1:
        beaten = pc.multiply(pc.subtract(n, stops), 100).cast("float64")
        percentile = _spread_rounded(pa, pc, pc.divide(beaten, float(n - 1)), fixed, group)
    else:
        percentile = spread(pa.array([100.0] * groups, pa.float64()))
    # Only codes in a group have figures: the others' values are made null.
    x = pc.if_else(pc.is_valid(group), values, None)
    # gap_to_leader = abs(round(top - x, max(top_d, d)))
    # (abs first: round is symmetric, so the two orders give the same floats.)
    to_leader = pc.abs(pc.subtract(top, x))
    gap_to_leader = rounded(pa, pc, to_leader, pc.max_element_wise(places, top_d))
    # gap_to_above = abs(round(a - x, max(a_d, d))), a the score of the last row above
    last = pc.take(by_position, pc.subtract(stops[:-1], 1))
    above = pa.concat_arrays([pa.array([None], pa.int64()), last])
    code_above = pc.take(above, group)
    a, a_d = pc.take(values, code_above), pc.take(places, code_above)
    to_above = pc.abs(pc.subtract(a, x))
    gap_to_above = rounded(pa, pc, to_above, pc.max_element_wise(a_d, places))
    share = _shares(pa, pc, x, top, lower, fixed)
    return Figures(
        rank, tied, gap_to_leader, gap_to_above, percentile, share, spread(starts), spread(stops)
    )


def _spread_rounded(
    pa: Any, pc: Any, per_group: Any, places: int, group: Any
) -> ArrowColumn[float | None]:
    """``round`` of each group's value, as a value per code."""
    return ArrowColumn(pc.take(rounded(pa, pc, per_group, places).arrow, group))


def _ranks(
    pa: Any,
    pc: Any,
    ties: TieMethod,
    starts: Any,
    stops: Any,
    spread: Callable[[Any], ArrowColumn[Any]],
    count: int,
) -> Sequence[Any]:
    """Each code's rank by the tie rule, as ``_group_ranks`` gives it per group."""
    if ties == "ordinal":
        return [None] * count
    if ties == "competition":
        return spread(pc.add(starts, 1))
    if ties == "modified":
        return spread(stops)
    if ties == "dense":
        return spread(pa.array(range(1, len(starts) + 1), pa.int64()))
    # fractional: (start + 1 + stop) / 2, an int when whole
    mid = pc.divide(pc.add(pc.add(starts, 1), stops).cast("float64"), 2.0)
    return [v if v is None or not v.is_integer() else int(v) for v in spread(mid)]


def _shares(pa: Any, pc: Any, x: Any, top: float, lower: bool, places: int) -> Sequence[Any]:
    """``core.ranking._shares`` of each code's score ``x`` (null: no share)."""
    if top <= 0:
        return [None] * len(x)
    if lower:  # round(100 * top / v, places) where v > 0
        positive = pc.if_else(pc.greater(x, 0.0), x, None)
        scaled = pc.divide(100 * top, positive)
    else:  # round(100 * v / top, places)
        scaled = pc.divide(pc.multiply(x, 100.0), top)
    finite = pc.if_else(pc.is_finite(scaled), scaled, None)  # not finite: no share
    return rounded(pa, pc, finite, places)
