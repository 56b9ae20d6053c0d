"""Finding many cities in one edition: one index over its keys, asked once per name.

The rules are ``lookup.find_city``'s (exact key or alias, then a unique
prefix); an index answers the names it can, and any name that would be an
error goes to ``find_city`` itself, so every message stays its own.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence

from cityrank.core.lookup import MIN_PREFIX, city_key, find_city
from cityrank.model import Entry, Ranking, Standings

#: Names looked up by scanning the key column before an index is worth building.
SCANS = 3

#: Above this many keys, a name that is not one city's is told apart among the cities
#: whose keys start with it and the keys nearest it in sorted order, from the start and
#: from the end (``NEAR`` on each side): close names share a start or an end. Looking at
#: every one (difflib over a million names) took 15 s and the entries 1.4 GB.
MANY = 50_000
NEAR = 100


class CityFinder:
    """The cities of ``ranking`` by name, for a command that is given several.

    The first few exact names are found by a scan of the key column (in C,
    cheaper than any index for one name); then, or at the first name that is
    not an exact key, every key and alias key is indexed once, so 400 names in
    200,000 rows cost one pass, not 400.
    """

    def __init__(self, ranking: Ranking) -> None:
        self.ranking = ranking
        ranked = ranking.ranked
        self._standings = ranked if isinstance(ranked, Standings) else None
        self._scans = 0
        self._first: dict[str, int] | None = None  # key → the first slot that has it
        self._shared: dict[str, list[int]] = {}  # key → every slot, for keys several have
        self._sorted: list[str] | None = None  # every key, for prefixes

    def find(self, query: str, where: str) -> Entry:
        """The entry ``query`` names; ``UsageError`` as ``find_city`` raises it."""
        wanted = city_key(query)
        if self._first is None and self._scans < SCANS and self._scannable():
            self._scans += 1
            found = self._scan(wanted)
            if found is not None:
                return found
        slot = self._slot(wanted)
        if slot is None:  # not one city: find_city says why, in its own words
            return find_city(self._candidates(wanted), query, where)
        return self._entry(slot)

    def _scannable(self) -> bool:
        standings = self._standings
        return standings is not None and standings.rows.aliases is None

    def _scan(self, wanted: str) -> Entry | None:
        """The one entry whose key is ``wanted``, found without an index (no aliases)."""
        standings = self._standings
        assert standings is not None
        keys = standings.rows.key
        unranked = list(standings.unranked)
        if len(standings) + len(unranked) == len(keys):  # the edition is the whole table
            if keys.count(wanted) != 1:
                return None
            row = keys.index(wanted)
            if row in unranked:
                return self.ranking.unranked[unranked.index(row)]
            return standings[list(standings.order).index(row)].entry
        in_order = list(map(keys.__getitem__, standings.order))
        others = [keys[row] for row in unranked]
        if in_order.count(wanted) + others.count(wanted) != 1:
            return None
        if wanted in in_order:
            return standings[in_order.index(wanted)].entry
        return self.ranking.unranked[others.index(wanted)]

    def _slot(self, wanted: str) -> int | None:
        """The one slot (see ``_entry``) ``wanted`` names: exact, else a unique prefix."""
        first = self._index()
        if wanted in self._shared:
            return None
        if wanted in first:
            return first[wanted]
        if len(wanted) < MIN_PREFIX:
            return None
        if self._sorted is None:
            self._sorted = sorted(first)
        keys = self._sorted
        found: set[int] = set()
        for at in range(bisect.bisect_left(keys, wanted), len(keys)):
            key = keys[at]
            if not key.startswith(wanted):
                break
            found.update(self._shared.get(key, (first[key],)))
            if len(found) > 1:
                return None
        return found.pop() if found else None

    def _index(self) -> dict[str, int]:
        """Every key and alias key, with the slots that answer to it."""
        if self._first is not None:
            return self._first
        keys, aliases = self._keys()
        n = len(keys)
        first = dict(zip(reversed(keys), range(n - 1, -1, -1), strict=True))
        if len(first) < n:  # a name key that several rows share
            for slot, key in enumerate(keys):
                if first[key] != slot:
                    self._shared.setdefault(key, [first[key]]).append(slot)
        for slot, names in aliases:
            for key in dict.fromkeys(map(city_key, names)):
                owner = first.setdefault(key, slot)
                if owner != slot:
                    bucket = self._shared.setdefault(key, [owner])
                    if slot not in bucket:
                        bucket.append(slot)
        self._first = first
        return first

    def _keys(self) -> tuple[list[str], list[tuple[int, tuple[str, ...]]]]:
        """Each slot's key, and the slots with aliases, with them."""
        standings = self._standings
        if standings is None:
            everyone = self._everyone()
            keys = [e.key for e in everyone]
            alias_lists: Sequence[tuple[str, ...]] = [e.aliases for e in everyone]
        else:
            rows = [*standings.order, *standings.unranked]
            keys = list(map(standings.rows.key.__getitem__, rows))
            column = standings.rows.aliases
            alias_lists = list(map(column.__getitem__, rows)) if column is not None else ()
        return keys, [(slot, names) for slot, names in enumerate(alias_lists) if names]

    def _entry(self, slot: int) -> Entry:
        """Slot ``slot``: the ranked entries best first, then the unranked ones."""
        ranked = self.ranking.ranked
        if slot < len(ranked):
            return ranked[slot].entry
        return self.ranking.unranked[slot - len(ranked)]

    def _candidates(self, wanted: str) -> list[Entry]:
        """The entries ``find_city`` needs to say why ``wanted`` names no one city: all of
        them, or with ``MANY`` keys, those whose keys start with it or are near it."""
        first = self._index()
        if len(first) <= MANY:
            return self._everyone()
        if self._sorted is None:
            self._sorted = sorted(first)
        keys = self._sorted
        at = bisect.bisect_left(keys, wanted)
        stop = at
        while stop < len(keys) and keys[stop].startswith(wanted):
            stop += 1  # every key it starts, for the messages that list them
        near = keys[max(0, at - NEAR) : max(stop, at + NEAR)]
        # The nearest by their ends: picked in one pass, cheaper than a second sort.
        ends = [key[::-1] for key in first]
        end = wanted[::-1]
        near += [e[::-1] for e in heapq.nlargest(NEAR, (e for e in ends if e < end))]
        near += [e[::-1] for e in heapq.nsmallest(NEAR, (e for e in ends if e >= end))]
        slots = {slot for key in near for slot in self._shared.get(key, (first[key],))}
        return [self._entry(slot) for slot in sorted(slots)]

    def _everyone(self) -> list[Entry]:
        return [r.entry for r in self.ranking.ranked] + list(self.ranking.unranked)
