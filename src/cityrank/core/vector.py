"""Whole columns worked out in pyarrow.compute, to the bit what the plain Python gives.

The core's plain Python is the definition; these paths only make long columns
fast. They are taken for columns of ``MIN_ITEMS`` and more, and only when
pyarrow is loaded already — Arrow's reader read the data (a large file, with
``cityrank[fast]`` installed and ``CITYRANK_ENGINE`` not ``python``) — so a
small file or a default install never pays for importing it.
"""

from __future__ import annotations

import array
import sys
from collections.abc import Sequence
from typing import Any, TypeVar

from cityrank.model.arrow_column import ArrowColumn

_T = TypeVar("_T")

#: From this many items a column goes through Arrow (below, the plain Python is as quick).
MIN_ITEMS = 20_000

#: ``float(10**k)``: exact for ``k`` up to 22, so ``r / 10**k`` is rounded once.
_POWERS = [float(10**k) for k in range(23)]
#: From here on a float has no fraction: the plain ``round`` is kept for such values.
_WHOLE = 2.0**52


def arrow(items: int) -> tuple[Any, Any] | None:
    """``(pyarrow, pyarrow.compute)`` for a column of ``items``, or ``None`` for plain Python."""
    if items < MIN_ITEMS or "pyarrow" not in sys.modules:
        return None
    import pyarrow as pa  # noqa: TID251 (loaded already, by the reader)
    import pyarrow.compute as pc  # noqa: TID251

    return pa, pc


def with_none(column: Sequence[_T]) -> Sequence[_T | None]:
    """``[*column, None]``: for an ``ArrowColumn``, its array with a null after it."""
    if isinstance(column, ArrowColumn):
        import pyarrow as pa  # noqa: TID251 (loaded already: it made the column)

        made = pa.concat_arrays([column.arrow, pa.nulls(1, column.arrow.type)])
        return ArrowColumn(made)
    return [*column, None]


def repeated(text: str | None, count: int) -> Sequence[str | None]:
    """``[text] * count``: for a long column once pyarrow is loaded, an ``ArrowColumn``
    of strings (a writer in Arrow takes it whole)."""
    fast = arrow(count)
    if fast is None or text is None:
        return [text] * count
    pa = fast[0]
    return ArrowColumn(pa.repeat(pa.scalar(text, pa.string()), count))


def most(column: Sequence[int]) -> int:
    """``max(column, default=0)``: for an ``ArrowColumn`` (of ints, no nulls), in Arrow."""
    if isinstance(column, ArrowColumn):
        import pyarrow.compute as pc  # noqa: TID251 (loaded already: it made the column)

        found = pc.max(column.arrow).as_py()
        return 0 if found is None else int(found)
    return max(column, default=0)


def arrow_array(pa: Any, column: Sequence[Any], kind: Any) -> Any:
    """``pa.array(column, kind)``: for an ``ArrowColumn`` of that type, its array."""
    if isinstance(column, ArrowColumn) and column.arrow.type == kind:
        return column.arrow
    return pa.array(column, kind)


def rounded(pa: Any, pc: Any, x: Any, places: Any) -> ArrowColumn[float | None]:
    """``round(v, p)`` of each float ``v`` of the Arrow array ``x`` (``None`` for a null),
    ``p`` from ``places`` (an int, or an Arrow array of ints from 0 to 22).

    Python's ``round`` rounds the exact value of ``v`` to ``p`` places (half to
    even) and takes the float nearest to that decimal. Here ``y = v * 10**p`` is
    rounded to a whole ``k`` and ``k / 10**p`` taken, which is the same float
    (``k`` and ``10**p`` are exact, the division is rounded once) unless the
    product, rounded to a float, landed on a half that the exact one is not (a
    rounding never crosses a half, which a float of that size holds exactly).
    The values whose ``y`` lies on or near a half, or has no fraction left, are
    rounded by ``round`` itself.
    """
    power = (
        pa.scalar(_POWERS[places])
        if isinstance(places, int)
        else pc.take(pa.array(_POWERS), places)
    )
    y = pc.multiply(x, power)
    out = pc.divide(pc.round(y, 0, round_mode="half_to_even"), power)
    size = pc.abs(y)
    half = pc.abs(pc.subtract(pc.subtract(y, pc.floor(y)), 0.5))
    near = pc.less_equal(half, pc.add(pc.multiply(size, 2.0**-50), 2.0**-1000))
    odd = pc.or_(pc.or_(near, pc.greater_equal(size, _WHOLE)), pc.is_nan(y))
    odd = pc.fill_null(odd, False)
    redo = pc.indices_nonzero(odd)
    if len(redo):
        values = x.take(redo).to_pylist()
        digits: Sequence[int] = (
            [places] * len(redo) if isinstance(places, int) else places.take(redo).to_pylist()
        )
        fixed = pa.array(list(map(round, values, digits)), pa.float64())
        out = pc.replace_with_mask(out, odd, fixed)
    return ArrowColumn(out)


def fits(places: int) -> bool:
    """Whether ``rounded`` takes ``places`` (else the plain ``round`` is used)."""
    return 0 <= places < len(_POWERS)


def by_value(
    pa: Any,
    pc: Any,
    codes: Sequence[int],
    values: Sequence[float | None],
    decimals: Sequence[int],
) -> tuple[Sequence[int], ArrowColumn[float | None], ArrowColumn[int]]:
    """``core.shape._by_value``: the codes numbered again in the order of their values,
    highest first (a stable sort, so equal values keep their order; those without a value
    last, in theirs), with their values and decimals. The codes are an ``array('q')``."""
    value = arrow_array(pa, values, pa.float64())
    known = pc.indices_nonzero(pc.is_valid(value))
    order = pc.take(known, pc.array_sort_indices(pc.take(value, known), order="descending"))
    if len(order) < len(value):
        order = pa.concat_arrays([order, pc.indices_nonzero(pc.is_null(value))])
    order = order.cast("int64")
    # The new number of each old code: the order inverted (by sorting it, where Arrow has
    # no function for that).
    number = getattr(pc, "inverse_permutation", pc.array_sort_indices)(order)
    return (
        ints(pc.take(number, arrow_ints(pa, codes))),
        ArrowColumn(pc.take(value, order)),
        ArrowColumn(pc.take(arrow_array(pa, decimals, pa.int64()), order)),
    )


def ints(column: Any) -> array.array[int]:
    """An Arrow array of integers without nulls as an ``array('q')``: its bytes copied
    once, where a list would hold an int object per item (28 bytes each, made one by one)."""
    made = array.array("q")
    data = column.cast("int64").buffers()[1]
    made.frombytes(memoryview(data)[column.offset * 8 : (column.offset + len(column)) * 8])
    return made


def arrow_ints(pa: Any, column: Sequence[int]) -> Any:
    """``column`` as an Arrow int64 array: an ``array('q')`` without a copy."""
    if isinstance(column, array.array) and column.typecode == "q":
        return pa.Array.from_buffers(pa.int64(), len(column), [None, pa.py_buffer(column)])
    return pa.array(column, pa.int64())


#: ``numbers.parse_plain``'s numbers: ASCII digits, a sign and a point, space around.
_PLAIN = r"^[ \t\n\r\f\v]*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[ \t\n\r\f\v]*$"


def plain_numbers(
    pa: Any, pc: Any, texts: Sequence[str]
) -> tuple[ArrowColumn[float], ArrowColumn[int]] | None:
    """``numbers.parse_plain(texts)`` worked out in Arrow: the values and decimals of
    plain numbers of at most 15 characters once stripped, or ``None`` unless every text
    is one. Such a number has at most 15 digits, which every correctly rounded parser
    (Python's and Arrow's) reads as the same float."""
    text = arrow_array(pa, texts, pa.string())
    if not pc.all(pc.match_substring_regex(text, _PLAIN), min_count=0).as_py():
        return None
    stripped = pc.utf8_trim(text, characters=" \t\n\r\f\v")
    length = pc.utf8_length(stripped)
    if (pc.max(length).as_py() or 0) > 15:
        return None
    point = pc.find_substring(stripped, ".")
    places = pc.if_else(pc.less(point, 0), 0, pc.subtract(pc.subtract(length, point), 1))
    return ArrowColumn(pc.cast(stripped, pa.float64())), ArrowColumn(places.cast(pa.int64()))
