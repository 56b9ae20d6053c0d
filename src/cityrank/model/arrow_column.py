"""A column held as an Arrow array and read as the list it stands for (``ArrowColumn``).

It lives with the records because both readers' columns and the core's may be
one: Arrow's reader hands its distinct score texts over as such a column, and
the core's Arrow paths (``cityrank.core.vector``) take the array from it
without a copy. Nothing here imports pyarrow: a column is made only from an
array that exists, so pyarrow is loaded already.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

_T = TypeVar("_T")

#: Looks into an ``ArrowColumn`` (an item, or a slice of at most this many) served by its
#: array before it is made a list.
_LOOKS = 64


class ArrowColumn(Sequence[_T], Generic[_T]):
    """A column held as the Arrow array ``arrow``, read as the list it stands for.

    ``len`` is the array's, and the first few items or short slices asked for
    are read from it (a ``--top`` cut looks up one group); beyond those, a long
    slice, iteration, ``in`` or ``==`` converts the whole array to that list,
    once, and every read after that is the list's. A writer that lays its cells
    in Arrow takes ``arrow`` itself and never pays for the list.
    """

    __slots__ = ("_items", "_looks", "arrow")

    def __init__(self, column: Any) -> None:
        self.arrow = column
        self._items: list[_T] | None = None
        self._looks = 0  # items read from the array one by one

    def items(self) -> list[_T]:
        """The column as a list (made on the first call, kept)."""
        if self._items is None:
            self._items = self.arrow.to_pylist()
        return self._items

    def __len__(self) -> int:
        return len(self.arrow)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        if self._items is None and self._looks < _LOOKS:
            size = len(self.arrow)
            if type(index) is int:
                self._looks += 1
                if not -size <= index < size:
                    raise IndexError("list index out of range")
                return self.arrow[index % size].as_py()  # type: ignore[no-any-return]
            if isinstance(index, slice):
                start, stop, step = index.indices(size)
                if step == 1 and stop - start <= _LOOKS:  # a few items: a look, no list
                    self._looks += 1
                    return self.arrow[start:stop].to_pylist() if start < stop else []
        return self.items()[index]

    def __iter__(self) -> Iterator[_T]:
        return iter(self.items())

    def __reversed__(self) -> Iterator[_T]:
        return reversed(self.items())

    def __contains__(self, item: object) -> bool:
        return item in self.items()

    def index(self, item: Any, start: int = 0, stop: int = sys.maxsize) -> int:
        return self.items().index(item, start, stop)

    def count(self, item: Any) -> int:
        return self.items().count(item)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ArrowColumn):
            other = other.items()
        return self.items() == other if isinstance(other, list) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (a list is not hashable either)

    def __repr__(self) -> str:
        return repr(self.items())
