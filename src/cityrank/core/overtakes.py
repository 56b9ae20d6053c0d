"""Overtakes: the pairs of cities that swapped order between two editions, counted in
O(n log n) and listed in order, one overtaker at a time, in memory bounded by the cities.

Between two shuffled editions of n cities there are about n²/4 overtakes (a hundred
million at 20,000 cities), so they are never held: ``Overtakes`` counts them with a
Fenwick tree and makes each overtaker's list when it is reached.
"""

from __future__ import annotations

import math
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import compress, groupby, repeat
from typing import NamedTuple

from cityrank.model import Rank, RankedEntry

#: A group's overtaken cities are found by one scan of the cities after it when they
#: are at least one in this many of those; sparser ones by a tree search each, which
#: costs about as much as scanning this many cities.
_SCAN_RATIO = 64


class Overtake(NamedTuple):
    """``city`` was behind ``other`` in the earlier edition and is ahead of it now."""

    city: RankedEntry
    other: RankedEntry
    city_before: RankedEntry
    other_before: RankedEntry


class Overtakes:
    """The overtakes among ``pairs``: each city ranked in both editions as its entry now and
    its entry before, in the later edition's order (best first).

    City ``a`` overtook ``b`` when ``a`` ranks strictly better now and ``b`` ranked
    strictly better before. ``count`` is their number, known when this is made
    (O(n log n)); iterating lists them ordered by the overtaker's rank now, then the
    overtaken city's rank now, cities tied now by their rank before, then by their
    order in the later edition. Each pass makes them afresh, in time proportional to
    their number (plus O(n log n)) and memory proportional to the cities.
    """

    def __init__(self, pairs: Sequence[tuple[RankedEntry, RankedEntry]]) -> None:
        self.now = [now for now, _ in pairs]
        self.before = [before for _, before in pairs]
        new = [r.rank for r in self.now]
        old = [r.rank for r in self.before]
        # Positions: cities by rank now, those tied now by rank before, then in order.
        self._order = sorted(range(len(pairs)), key=lambda j: (new[j], old[j]))
        self._new = [new[j] for j in self._order]
        self._old = [old[j] for j in self._order]
        self._groups = _tie_groups(self._new)
        self._reach, self.count = self._counted()

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Overtake]:
        now, before = self.now, self.before
        for city, others in self.runs():
            for other in others:
                yield Overtake(now[city], now[other], before[city], before[other])

    def runs(self) -> Iterator[tuple[int, list[int]]]:
        """The overtakes in order, as runs: an overtaker and the cities it overtook, as
        indices into ``now`` and ``before``. A city tied with others now has one run per
        rank of the cities it overtook, interleaved with theirs."""
        order, old = self._order, self._old
        n = len(order)
        tree: _MinTree | None = None
        for (start, stop), reach in zip(self._groups, self._reach, strict=True):
            if not reach:
                continue
            bound = old[stop - 1]  # the group's worst rank before: any member is behind it
            if reach * _SCAN_RATIO >= n - stop:
                found = list(compress(range(stop, n), map(operator.lt, old[stop:], repeat(bound))))
            else:
                tree = tree or _MinTree(old)
                found = tree.below(stop, bound, reach)
            if stop - start == 1:
                yield order[start], list(map(order.__getitem__, found))
            else:
                yield from self._tied_runs(start, stop, found)

    def _tied_runs(
        self, start: int, stop: int, found: list[int]
    ) -> Iterator[tuple[int, list[int]]]:
        """The runs of the cities at positions ``start``–``stop``, tied now, which overtook
        some of the cities at positions ``found``: for each rank now among those, each
        member in turn with the ones that were ahead of it before."""
        order, old, new = self._order, self._old, self._new
        members = old[start:stop]
        for _, tied in groupby(found, key=new.__getitem__):
            passed = list(tied)
            ranks = [old[k] for k in passed]  # ascending: positions follow the rank before
            for k in range(start + bisect_right(members, ranks[0]), stop):
                cut = bisect_left(ranks, old[k])
                yield order[k], list(map(order.__getitem__, passed[:cut]))

    def _counted(self) -> tuple[list[int], int]:
        """For each group of cities tied now, how many cities ranked worse now were ranked
        better before than its worst-ranked-before member; and the number of overtakes.

        The groups are visited from the last, each counting, in a Fenwick tree over the
        ranks before, the cities after it that were ahead of each member.
        """
        old = self._old
        slot = {rank: i for i, rank in enumerate(sorted(set(old)))}
        size = len(slot)
        tree = [0] * (size + 1)
        reach = [0] * len(self._groups)
        total = 0
        for g in range(len(self._groups) - 1, -1, -1):
            start, stop = self._groups[g]
            ahead = 0
            for k in range(start, stop):
                i, ahead = slot[old[k]], 0  # the slots of better ranks before: 1 … i
                while i:
                    ahead += tree[i]
                    i &= i - 1
                total += ahead
            reach[g] = ahead  # the last member's: the worst rank before in the group
            for k in range(start, stop):
                i = slot[old[k]] + 1
                while i <= size:
                    tree[i] += 1
                    i += i & -i
        return reach, total


def _tie_groups(ranks: Sequence[Rank]) -> list[tuple[int, int]]:
    """The start and stop of each run of equal ``ranks``."""
    groups: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(ranks) + 1):
        if k == len(ranks) or ranks[k] != ranks[start]:
            groups.append((start, k))
            start = k
    return groups


class _MinTree:
    """The least value of each power-of-two span of ``values``, to find in O(log n) the next
    position from a start whose value is below a bound."""

    def __init__(self, values: Sequence[Rank]) -> None:
        size = 1 << max(len(values) - 1, 0).bit_length()
        tree: list[Rank] = [math.inf] * (2 * size)
        tree[size : size + len(values)] = values
        for i in range(size - 1, 0, -1):
            tree[i] = min(tree[2 * i], tree[2 * i + 1])
        self._tree, self._size = tree, size

    def below(self, start: int, bound: Rank, count: int) -> list[int]:
        """The first ``count`` positions from ``start`` on whose value is below ``bound``
        (there must be that many)."""
        tree, size = self._tree, self._size
        found: list[int] = []
        i = start + size
        while len(found) < count:
            while tree[i] >= bound:  # up to the next span to the right, until one holds one
                while i & 1:
                    i >>= 1
                assert i, "fewer positions below the bound than counted"
                i += 1
            while i < size:  # down to its first such position
                i <<= 1
                if tree[i] >= bound:
                    i += 1
            found.append(i - size)
            i += 1
        return found
