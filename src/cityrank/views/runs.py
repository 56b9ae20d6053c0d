"""Rows too many to hold (a hundred million overtakes): made in order, in runs of rows
that share every cell but one, so writers stream them and format shared cells once."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice

from cityrank.model import Made
from cityrank.views.base import Cell, Value

Row = tuple[Value | Cell, ...]
#: The cells before the one that varies, its texts (one row each), the cells after it.
Run = tuple[tuple[Value, ...], Sequence[str], tuple[Value, ...]]


class RunRows(Made[Row]):
    """The rows ``head``, then those of each run that ``runs()`` makes.

    A run ``(before, values, after)`` stands for the rows ``before + (v,) + after``
    for each ``v`` in ``values``. ``runs`` makes them afresh on each call, so the
    rows can be read more than once, each time in memory that does not grow with
    their number; ``count`` is how many rows there are in all. Read them in order:
    ``at(i)`` past the head makes every row before ``i`` again.
    """

    def __init__(self, head: Sequence[Row], runs: Callable[[], Iterable[Run]], count: int) -> None:
        self.head = head
        self.runs = runs
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Row]:
        made = (
            (*before, value, *after) for before, values, after in self.runs() for value in values
        )
        return chain(self.head, made)

    def at(self, index: int) -> Row:
        if index < len(self.head):
            return self.head[index]
        return next(islice(iter(self), index, None))
