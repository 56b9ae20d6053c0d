"""The file's other numeric columns in pyarrow.compute: each read as numbers once and a
city's rank on it counted by Arrow's kernels, to the bit what ``core.other_columns`` gives.

Taken where ``core.vector.arrow`` says (a long column, pyarrow loaded by the reader) and
only for the cells it is sure to read alike: digits with a sign and a point, at most 15
characters, or empty. Anything else (space, an exponent, ``1,234``, a name) declines, and
the plain Python reads the column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cityrank.core.ranking import rank_at
from cityrank.core.vector import arrow, arrow_array, arrow_ints
from cityrank.model import Rank, TieMethod

#: The characters of the numbers read here.
_PLAIN = b"0123456789+-."
#: At most this many characters: at most 15 digits, which every correctly rounded parser
#: (Python's ``float`` and Arrow's cast) reads as the same float.
_LONGEST = 15


class ArrowNumbers:
    """One column's numbers as an Arrow float64 array, null for an empty cell."""

    def __init__(self, pa: Any, pc: Any, values: Any) -> None:
        self._pa, self._pc, self.values = pa, pc, values

    def __len__(self) -> int:
        return len(self.values)

    def has_values(self) -> bool:
        """Whether a cell is not empty (a column of blanks is no measure)."""
        return bool(self.values.null_count < len(self.values))

    def at(self, rows: Sequence[int]) -> list[float | None]:
        """The values at ``rows``."""
        return [self.values[i].as_py() for i in rows]

    def to_list(self) -> list[float | None]:
        """The values as ``other_columns.cell_numbers`` gives them."""
        values: list[float | None] = self.values.to_pylist()
        return values

    def counted_ranks(
        self,
        ties: TieMethod,
        lower: bool,
        mine: Sequence[float | None],
        slots: Sequence[int],
        everyone: Sequence[int] | None,
    ) -> list[Rank | None]:
        """``other_columns.counted_rank`` of each of ``mine`` (at ``slots``): highest first,
        lowest first when ``lower``; ``everyone``, with ordinal ties, the rows in the
        ranking's order when the column is in file order (``None``: it is in that order)."""
        pa, pc, values = self._pa, self._pc, self.values
        ordered = None
        ranks: list[Rank | None] = []
        for x, slot in zip(mine, slots, strict=True):
            if x is None:
                ranks.append(None)
                continue
            # On the negated values (lowest first) a value is ahead when it is lower.
            better = pc.less(values, x) if lower else pc.greater(values, x)
            ahead = _count(pc, better)
            same = _count(pc, pc.equal(values, x))
            position = dense = 0
            if ties == "dense":
                # Plus 0.0: -0.0 and 0.0 are one value, as in a Python set, not two.
                ahead_values = pc.add(pc.filter(values, better), 0.0)
                dense = pc.count_distinct(ahead_values).as_py() + 1
            elif ties == "ordinal":  # equal values keep the ranking's order
                if ordered is None:
                    ordered = values if everyone is None else values.take(arrow_ints(pa, everyone))
                position = ahead + _count(pc, pc.equal(ordered.slice(0, slot), x))
            ranks.append(rank_at(ties, ahead, ahead + same, position, dense))
        return ranks


def arrow_numbers(cells: Sequence[str]) -> ArrowNumbers | None:
    """``other_columns.cell_numbers(cells)`` in Arrow, or ``None`` for the plain Python to
    read them: a short column, pyarrow not loaded, or a cell not sure to be read alike."""
    modules = arrow(len(cells))
    if modules is None:
        return None
    pa, pc = modules
    text = arrow_array(pa, cells, pa.string())
    if not isinstance(text, pa.StringArray) or not _plain(text):
        return None
    length = pc.binary_length(text)
    if (pc.max(length).as_py() or 0) > _LONGEST:
        return None
    blank = pa.scalar(None, pa.string())
    try:
        values = pc.cast(pc.if_else(pc.equal(length, 0), blank, text), pa.float64())
    except pa.ArrowInvalid:  # "1-2", "-", ".": what float() refuses too
        return None
    return ArrowNumbers(pa, pc, values)


def _plain(text: Any) -> bool:
    """Whether the characters of the Arrow strings ``text`` are all of ``_PLAIN``: one pass
    over the bytes of all of them, which sit end to end in its data buffer."""
    _, offsets, data = text.buffers()
    ends = memoryview(offsets).cast("i")
    start, stop = ends[text.offset], ends[text.offset + len(text)]
    if data is None or stop <= start:
        return True
    return not bytes(memoryview(data)[start:stop]).translate(None, _PLAIN)


def _count(pc: Any, mask: Any) -> int:
    """How many of ``mask`` are true (nulls are not)."""
    counted: int = pc.sum(mask, min_count=0).as_py()
    return counted
