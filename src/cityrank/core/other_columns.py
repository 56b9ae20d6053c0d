"""The file's other columns as numbers, and a value's rank on one of them: the plain Python
that defines them (``core.standing_arrow`` works the same out in Arrow for long columns)."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import cast

from cityrank.core.ranking import rank_at
from cityrank.model import Rank, TieMethod
from cityrank.numbers import LIMIT, parse_number

# Letters float() reads ("nan", "inf") and parse_number does not, but the exponent's.
_LETTERS = re.compile(r"[a-df-zA-DF-Z]")

#: Up to this many cities, each rank on a column is counted in a pass over it;
#: more share one sort of the column.
COUNTED = 3


def cell_numbers(cells: Sequence[str]) -> list[float | None] | None:
    """Cells as numbers (``None`` for a blank one), or ``None`` if one is not a number."""
    if not may_be_numbers(cells):
        return None
    # Joined with a line break, a blank cell shows as two of them together or one at
    # an end (a cell with a line break of its own only sends the column the long way).
    joined = "\n".join(cells)
    blank = not joined or "\n\n" in joined or joined[0] == "\n" or joined[-1] == "\n"
    if not blank and joined.isascii() and "_" not in joined and not _LETTERS.search(joined):
        # Plain numbers, as numbers.parse_number reads them: float() on them all at once
        # (on every cell: cheaper than finding the distinct ones first).
        try:
            numbers = list(map(float, cells))
        except ValueError:
            numbers = []
        if numbers and max(numbers) <= LIMIT and min(numbers) >= -LIMIT:  # no inf ("1e400")
            return cast(list[float | None], numbers)  # no blank
    distinct = dict.fromkeys(cells)
    parsed: dict[str, float | None] = {}
    for text in distinct:
        if not text.strip():
            parsed[text] = None
            continue
        try:
            parsed[text] = parse_number(text)[0]
        except ValueError:
            return None
    return list(map(parsed.__getitem__, cells))


#: The cells ``may_be_numbers`` looks at before it takes the rest of the column.
_FIRST = 16


def may_be_numbers(cells: Sequence[str]) -> bool:
    """False if the first cell that is not blank is not a number: a column of names is told
    by its first cell, not after a pass over all of them (nor, for an ``ArrowColumn``, a
    list of all of them: the first few are looked at on their own)."""
    first = _first_filled(cells[:_FIRST]) or _first_filled(itertools.islice(cells, _FIRST, None))
    if first is None:
        return True
    try:
        parse_number(first)
    except ValueError:
        return False
    return True


def _first_filled(cells: Iterable[str]) -> str | None:
    return next((text for text in cells if text.strip()), None)


def counted_rank(
    ties: TieMethod, column: Sequence[float | None], present: Sequence[float], x: float, slot: int
) -> Rank:
    """The rank of value ``x`` at ``slot`` of ``column``, highest first, by counting
    (``present``: the column's values, without the blanks)."""
    ahead = sum(map(x.__lt__, present))
    same = present.count(x)
    position = dense = 0
    if ties == "dense":
        dense = len({v for v in present if v > x}) + 1
    elif ties == "ordinal":  # equal values keep the ranking's order
        position = ahead + column[:slot].count(x)
    return rank_at(ties, ahead, ahead + same, position, dense)


def sorted_ranks(
    ties: TieMethod,
    column: Sequence[float | None],
    present: Sequence[float],
    mine: Sequence[float | None],
    slots: Sequence[int],
) -> list[Rank | None]:
    """``counted_rank`` of each of ``mine`` (at ``slots``), from one sort of the column."""
    ascending = sorted(present)
    distinct = sorted(set(present)) if ties == "dense" else []
    earlier: dict[float, list[int]] = {}  # with ordinal: the slots of each value asked for
    if ties == "ordinal":
        wanted = {x for x in mine if x is not None}
        for slot, v in enumerate(column):
            if v in wanted:
                earlier.setdefault(v, []).append(slot)
    ranks: list[Rank | None] = []
    for x, slot in zip(mine, slots, strict=True):
        if x is None:
            ranks.append(None)
            continue
        above = bisect.bisect_right(ascending, x)
        ahead = len(ascending) - above
        same = above - bisect.bisect_left(ascending, x)
        position = dense = 0
        if ties == "dense":
            dense = len(distinct) - bisect.bisect_right(distinct, x) + 1
        elif ties == "ordinal":
            position = ahead + bisect.bisect_left(earlier[x], slot)
        ranks.append(rank_at(ties, ahead, ahead + same, position, dense))
    return ranks
