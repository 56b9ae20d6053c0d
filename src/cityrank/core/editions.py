"""Editions over time: each year ranked on its own, cities matched across years, who moved."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from cityrank.core.lookup import city_key
from cityrank.core.ranking import rank, score_difference
from cityrank.errors import UsageError
from cityrank.model import Entry, Rank, RankedEntry, Ranking, Standings, Table, TieMethod

if TYPE_CHECKING:
    from cityrank.core.overtakes import Overtakes


def rank_editions(
    table: Table,
    ties: TieMethod = "competition",
    lower_is_better: bool = False,
    decimals: int | None = None,
) -> list[Ranking]:
    """Every edition of ``table`` ranked on its own, oldest first (one, if it has no years)."""
    years = table.years or (None,)
    return [rank(table, ties, lower_is_better, year, decimals) for year in years]


def previous_year(table: Table, year: str | None, compare_to: str | None = None) -> str | None:
    """The edition to measure movement against: ``compare_to``, else the one before ``year``."""
    years = table.years
    if compare_to is not None:
        wanted = compare_to.strip()
        if wanted not in years:
            have = ", ".join(years) or "no editions"
            raise UsageError(
                f"--compare-to {compare_to}: no such edition in {table.source} — it has {have}",
                code="unknown-year",
            )
        if wanted == year:
            raise UsageError(
                f"--compare-to {compare_to} is the edition shown — pick an earlier or later one",
                code="bad-option",
            )
        return wanted
    if year is None or year not in years:
        return None
    index = years.index(year)
    return years[index - 1] if index > 0 else None


def edition_pair(table: Table, from_year: str | None, to_year: str | None) -> tuple[str, str]:
    """The two editions to compare: ``to_year`` (default the latest) and ``from_year``
    (default the one before it). Only their labels: just these two need ranking."""
    years = table.years
    need_two_editions(years, table.source)
    last = _position(years, to_year, "--to") if to_year else len(years) - 1
    first = _position(years, from_year, "--from") if from_year else last - 1
    if first < 0 or first == last:
        raise UsageError("--from and --to must name two different editions", code="bad-option")
    return years[first], years[last]


def common_cities(table: Table, first: str, second: str) -> tuple[Table, int, int]:
    """``table`` cut to the editions ``first`` and ``second`` and the cities (by key) in both,
    and how many cities only ``first`` and only ``second`` had."""
    rows = table.rows
    one, two = table.rows_for(first), table.rows_for(second)
    keys_one = {rows.key[i] for i in one}
    keys_two = {rows.key[i] for i in two}
    both = keys_one & keys_two
    kept = [rows.entry(i) for i in (*one, *two) if rows.key[i] in both]
    fields = {
        name: getattr(table, name)
        for name in ("source", "city_column", "score_column", "year_column", "extra_columns")
    }
    fields |= {"title": table.title, "citation": table.citation, "selection": table.selection}
    fields["key_columns"] = table.key_columns
    return Table.of_entries(kept, **fields), len(keys_one - both), len(keys_two - both)


def need_two_editions(years: Sequence[str], source: str) -> None:
    """The error ``movers`` gives for data with fewer than two editions."""
    if len(years) < 2:
        raise UsageError(
            f"movers needs two editions, and {source} has {len(years) or 'no'} — "
            "add a year column, or give one file per year",
            code="one-edition",
        )


def _position(years: Sequence[str], year: str, option: str) -> int:
    if year.strip() in years:
        return list(years).index(year.strip())
    raise UsageError(
        f"{option} {year}: no such edition — the data has {', '.join(years)}",
        code="unknown-year",
    )


class Move(NamedTuple):
    """One city's standing in an earlier edition, against its standing now.

    ``rank_change`` is positive when the city moved up (``previous - now``);
    ``score_change`` is ``now - previous`` without float noise.
    """

    previous: RankedEntry
    rank_change: Rank
    score_change: float


#: Cities a ``Matcher`` finds by scanning the key column before it indexes every key.
SCANS = 3


class Matcher:
    """Finds a city of one edition in another by lookup key, then by its aliases.

    The first few cities of an edition without aliases are found by a scan of its key
    column (in C: cheaper than a dict of a million keys for one city, as ``history``
    asks); then every key is indexed once, for the commands that match every city.
    """

    def __init__(self, ranking: Ranking) -> None:
        self._ranked = ranking.ranked
        self._keys: list[str] | None = None
        self._by_key: dict[str, int] | None = None
        self._scans = 0

    def _index(self) -> dict[str, int]:
        """Positions by key, the first one winning; then by alias key, the first again."""
        if self._by_key is not None:
            return self._by_key
        ranked = self._ranked
        alias_lists: Sequence[tuple[str, ...]]
        if isinstance(ranked, Standings):
            aliases = ranked.rows.aliases
            alias_lists = (
                list(map(aliases.__getitem__, ranked.order)) if aliases is not None else ()
            )
        else:
            alias_lists = [r.entry.aliases for r in ranked]
        keys = self._ordered_keys()
        n = len(keys)
        self._by_key = dict(zip(reversed(keys), range(n - 1, -1, -1), strict=True))
        for position, names in enumerate(alias_lists):
            for alias in names:
                self._by_key.setdefault(city_key(alias), position)
        return self._by_key

    def _ordered_keys(self) -> list[str]:
        """Each ranked city's key, best first (from the key column when there is one)."""
        if self._keys is None:
            ranked = self._ranked
            if isinstance(ranked, Standings):
                self._keys = list(map(ranked.rows.key.__getitem__, ranked.order))
            else:
                self._keys = [r.entry.key for r in ranked]
        return self._keys

    def _position(self, key: str) -> int | None:
        """The first position whose key, else alias key, is ``key``."""
        ranked = self._ranked
        scannable = isinstance(ranked, Standings) and ranked.rows.aliases is None
        if self._by_key is None and scannable and self._scans < SCANS:
            self._scans += 1
            try:
                return self._ordered_keys().index(key)
            except ValueError:
                return None
        return self._index().get(key)

    def find(self, entry: Entry) -> RankedEntry | None:
        found = self._position(entry.key)
        if found is None:
            for alias in entry.aliases:
                found = self._position(city_key(alias))
                if found is not None:
                    break
        return self._ranked[found] if found is not None else None


def movements(current: Ranking, previous: Ranking) -> dict[int, Move]:
    """For each ranked city of ``current`` (by ``id`` of its entry) found ranked in ``previous``."""
    matcher = Matcher(previous)
    moves: dict[int, Move] = {}
    for r in current.ranked:
        before = matcher.find(r.entry)
        if before is None:
            continue
        moves[id(r.entry)] = move_between(before, r)
    return moves


def move_between(before: RankedEntry, now: RankedEntry) -> Move:
    """How a city moved from ``before`` to ``now`` (its standings in two editions)."""
    a, b = now.entry, before.entry
    assert a.score is not None and b.score is not None
    change = before.rank - now.rank
    if isinstance(change, float) and change.is_integer():
        change = int(change)
    return Move(before, change, score_difference(a, b))


def exits(current: Ranking, previous: Ranking) -> list[RankedEntry]:
    """Cities ranked in ``previous`` that are not ranked in ``current``, in their old order."""
    matcher = Matcher(current)
    return [r for r in previous.ranked if matcher.find(r.entry) is None]


def overtakes(
    current: Ranking,
    previous: Ranking,
    within: int | None = None,
    moves: dict[int, Move] | None = None,
) -> Overtakes:
    """Every pair that swapped order between the editions, counted, and listed in order of
    the overtaker's new rank on demand (see ``Overtakes``).

    ``within`` keeps only the cities among the first ``within`` of ``current`` and
    those tied with the last of them, as ``list --top`` shows them; ``moves`` are
    ``movements(current, previous)`` when the caller has them.
    """
    from cityrank.core.overtakes import Overtakes  # (movers and report only)

    if moves is None:
        moves = movements(current, previous)
    ranked = current.ranked
    if within is not None and within < len(ranked):
        if within < 1:
            raise UsageError(f"--within {within}: give 1 or more cities", code="bad-option")
        cut, last = within, ranked[within - 1].entry.score
        while cut < len(ranked) and ranked[cut].entry.score == last:
            cut += 1
        ranked = ranked[:cut]
    pairs = [(r, m.previous) for r in ranked if (m := moves.get(id(r.entry))) is not None]
    return Overtakes(pairs)


def entrants(current: Ranking, previous: Ranking) -> list[RankedEntry]:
    """Cities ranked in ``current`` that were not ranked in ``previous``, best first."""
    matcher = Matcher(previous)
    return [r for r in current.ranked if matcher.find(r.entry) is None]


def latest_entries(rankings: Sequence[Ranking]) -> list[Entry]:
    """One entry per city over all editions (its latest ranked one, else its first unranked
    one), in the order the cities first appear, for finding a city by name.

    Found by key, so that only the entries returned are made (5,000 cities in 30
    editions: 5,000 entries, not 150,000).
    """
    latest: dict[str, tuple[int, int]] = {}  # key → edition, position (~i: unranked i)
    for n, ranking in enumerate(rankings):
        ranked = ranking.ranked
        if isinstance(ranked, Standings):
            keys: Iterable[str] = map(ranked.rows.key.__getitem__, ranked.order)
        else:
            keys = (r.entry.key for r in ranked)
        positions = zip(itertools.repeat(n), itertools.count())
        latest.update(zip(keys, positions, strict=False))  # in C, not a loop in Python
        for i, entry in enumerate(ranking.unranked):
            latest.setdefault(entry.key, (n, ~i))
    return [
        rankings[n].ranked[p].entry if p >= 0 else rankings[n].unranked[~p]
        for n, p in latest.values()
    ]


def cagr(first: float, last: float, years: float) -> float | None:
    """Compound annual growth rate in percent, or ``None`` where it has no meaning or no
    finite value (1e-300 to 1e100 overflows)."""
    if years <= 0 or first <= 0 or last < 0:
        return None
    try:
        growth = 100 * (math.pow(last / first, 1 / years) - 1)
    except OverflowError:
        return None
    return round(growth, 2) if math.isfinite(growth) else None


def years_between(first: str | None, last: str | None, steps: int) -> float:
    """Years from edition ``first`` to ``last`` when both are years, else ``steps`` editions."""
    try:
        return float(last or "") - float(first or "")
    except ValueError:
        return float(steps)
