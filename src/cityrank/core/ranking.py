"""Ranking one edition: tie methods, and the figures of each distinct score (gaps, percentile).

Every figure of a ranked row but the ordinal rank depends only on its score
text and its group of equal scores, so they are worked out once per distinct
score; the rows themselves are only sorted (a stable sort on small integers).
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from cityrank.core.vector import arrow, fits, most
from cityrank.errors import UsageError
from cityrank.model import (
    Entry,
    Figures,
    Rank,
    Ranking,
    Rows,
    Standings,
    Table,
    TieMethod,
    rows_of,
)
from cityrank.numbers import difference

if TYPE_CHECKING:
    from cityrank.core.ranking_arrow import Placed


def rank_values(
    scores: Sequence[float],
    ties: TieMethod = "competition",
    lower_is_better: bool = False,
) -> list[Rank]:
    """Rank of each score, in input order; best is 1.

    Ties: ``competition`` 1224, ``modified`` 1334, ``dense`` 1223,
    ``ordinal`` 1234 (ties keep input order), ``fractional`` 1 2.5 2.5 4 —
    the same as ``scipy.stats.rankdata`` with ``min``, ``max``, ``dense``,
    ``ordinal`` and ``average`` on the negated scores.
    """
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=not lower_is_better)
    ranks: list[Rank] = [0] * len(scores)
    start = dense = 0
    n = len(order)
    while start < n:
        stop = start + 1
        value = scores[order[start]]
        while stop < n and scores[order[stop]] == value:
            stop += 1
        dense += 1
        for position in range(start, stop):
            ranks[order[position]] = rank_at(ties, start, stop, position, dense)
        start = stop
    return ranks


def rank_at(ties: TieMethod, start: int, stop: int, position: int, dense: int) -> Rank:
    """The rank at ``position`` (0-based) of a group of equal scores at ``start``–``stop``.

    ``dense`` is the group's number, best first, from 1.
    """
    if ties == "competition":
        return start + 1
    if ties == "modified":
        return stop
    if ties == "dense":
        return dense
    if ties == "ordinal":
        return position + 1
    if ties == "fractional":
        mid = (start + 1 + stop) / 2
        return int(mid) if mid.is_integer() else mid
    raise ValueError(f"unknown tie method {ties!r}")


_T = TypeVar("_T")


class _Groups(NamedTuple):
    """The groups of equal scores of one edition, best first, and where each lies."""

    distinct: list[float]  # each group's score
    of_code: list[int]  # the group of each score code (``unscored`` for none)
    starts: list[int]  # each group's first position
    stops: list[int]  # the position after its last
    unscored: int

    @property
    def ranked(self) -> int:
        return self.stops[-1] if self.stops else 0


def rank_rows(
    rows: Rows,
    members: Sequence[int],
    ties: TieMethod = "competition",
    lower_is_better: bool = False,
    year: str | None = None,
    decimals: int | None = None,
) -> Ranking:
    """Rank the rows ``members`` of ``rows``; rows without a score come last, unranked.

    ``decimals`` rounds gaps, percentiles and shares to that many places (from
    the exact values, once) instead of to the scores' decimals and 2."""
    every = isinstance(members, range) and members == range(len(rows))
    codes = rows.score if every else list(map(rows.score.__getitem__, members))
    fast = arrow(len(codes))
    if fast is not None and fits(most(rows.decimals) if decimals is None else decimals):
        from cityrank.core.ranking_arrow import place_rows

        placed = place_rows(*fast, rows, members, codes, ties, lower_is_better, decimals)
    else:
        placed = _place_rows(rows, members, every, codes, ties, lower_is_better, decimals)
    unranked_rows = placed[3]
    return Ranking(
        ranked=Standings(rows, *placed),
        unranked=tuple(map(rows.entry, unranked_rows)),
        ties=ties,
        lower_is_better=lower_is_better,
        year=year,
        decimals=decimals,
    )


def _place_rows(
    rows: Rows,
    members: Sequence[int],
    every: bool,
    codes: Sequence[int],
    ties: TieMethod,
    lower: bool,
    decimals: int | None,
) -> Placed:
    """The rows' positions, best first, each one's score code, the figures of every score
    code, and the unranked rows in file order."""
    distinct, of_code = _code_groups(rows.values, set(codes), lower)
    unscored = len(distinct) + 1
    groups = list(map(of_code.__getitem__, codes))
    positions = sorted(range(len(codes)), key=groups.__getitem__)  # stable: file order in ties
    sizes = Counter(groups)
    stops = list(itertools.accumulate(map(sizes.__getitem__, range(len(distinct)))))
    starts = [0, *stops[:-1]]
    found = _Groups(distinct, of_code, starts, stops, unscored)
    n = found.ranked
    unranked_at, positions = positions[n:], positions[:n]
    by_position = list(map(codes.__getitem__, positions))
    unranked_rows = sorted(unranked_at if every else map(members.__getitem__, unranked_at))
    figures = _figures(found, rows, by_position, ties, lower, decimals)
    ranked = positions if every else list(map(members.__getitem__, positions))
    return ranked, by_position, figures, unranked_rows


def _code_groups(
    values: Sequence[float | None], present: set[int], lower: bool
) -> tuple[list[float], list[int]]:
    """The distinct scores of the codes ``present``, best first, and the group of each code:
    the place of its score among them, or ``unscored`` (their number + 1) for a code
    without a score or whose score none of ``present`` has (a code of another edition
    may have a score of this one's: it gets a group too, which no row looks up).

    The codes are sorted by score (at little cost when they are in that order
    already, as ``core.shape`` numbers them) and each run of equal scores is a group.
    """
    known = itertools.compress(range(len(values)), map(operator.is_not, values, repeat(None)))
    scores = cast("Sequence[float]", values)  # read only where known
    order = sorted(known, key=scores.__getitem__, reverse=not lower)
    ordered = list(map(scores.__getitem__, order))
    changes = [True, *map(operator.ne, ordered[1:], ordered[:-1])] if ordered else []
    run = list(itertools.accumulate(changes, initial=-1))[1:]  # each code's run of equal scores
    distinct = list(itertools.compress(ordered, changes))
    if not present.issuperset(order):  # a run is a group if one of its codes is present
        shown = sorted(set(itertools.compress(run, map(present.__contains__, order))))
        distinct = list(map(distinct.__getitem__, shown))
        group = dict(zip(shown, itertools.count()))
        run = list(map(group.get, run, repeat(len(distinct) + 1)))
    of_code = [len(distinct) + 1] * len(values)
    for code, g in zip(order, run, strict=True):
        of_code[code] = g
    return distinct, of_code


# Long: every column is made from the per-group lists worked out first, all in one place.
def _figures(
    groups: _Groups,
    rows: Rows,
    by_position: Sequence[int],
    ties: TieMethod,
    lower: bool,
    decimals: int | None = None,
) -> Figures:
    """The figures of every score code, column by column (``by_position``: the code at
    each position). What depends on the group alone is worked out once per group.

    The share of the leader reads the same both ways: the leader is 100 %, everyone else
    less (higher is better: the score as a percentage of the leader's; lower is better:
    the leader's as a percentage of the score); empty unless both are above 0."""
    n, count = groups.ranked, len(rows.values)
    if not n:
        nothing: list[None] = [None] * count
        return Figures(nothing, nothing, nothing, nothing, nothing, nothing, nothing, nothing)
    # Gaps and shares start from the exact values where a score was computed.
    values, places = rows.exact or rows.values, rows.decimals
    top, top_d = values[by_position[0]], places[by_position[0]]
    assert top is not None
    starts, stops, unscored = groups.starts, groups.stops, groups.unscored
    # Per group (then two empty slots, so that ``unscored`` indexes None): the
    # value and decimals of the last row of the group above, for the gap to it.
    last = list(map(by_position.__getitem__, map((-1).__add__, stops[:-1])))
    ahead = [None, *map(values.__getitem__, last), None, None]
    ahead_d = [0, *map(places.__getitem__, last), 0, 0]
    code_of = groups.of_code

    def spread(column: Iterable[_T]) -> list[_T | None]:
        """A value per group as a value per code (``None`` for ``unscored``)."""
        return list(map([*column, None, None].__getitem__, code_of))

    rank = spread(_group_ranks(ties, starts, stops))
    tied = spread(map(operator.lt, repeat(1), map(operator.sub, stops, starts)))
    fixed = 2 if decimals is None else decimals  # percentiles and shares
    if decimals is not None:  # every gap to the same places
        top_d, places, ahead_d = decimals, [decimals] * len(places), [decimals] * len(ahead_d)
    # The figures are worked out a column at a time (map, in C): they are the
    # expressions in the comments, for each group, or each code ranked here.
    # percentile = round(100 * (n - stop) / (n - 1), fixed), 100 for a lone city
    beaten = map(operator.mul, repeat(100), map(operator.sub, repeat(n), stops))
    percentile = spread(
        map(round, map(operator.truediv, beaten, repeat(n - 1)), repeat(fixed))
        if n > 1
        else [100.0] * len(stops)
    )
    # gap_to_leader = abs(round(top - x, max(top_d, d)))
    kept = _kept(code_of, values, [True] * unscored + [False])
    x, d = _pick(values, kept), _pick(places, kept)
    gaps = map(round, map(operator.sub, repeat(top), x), map(max, repeat(top_d), d))
    gap_to_leader = _placed(map(abs, gaps), kept, count)
    # share = percent(x, top, fixed), lower-is-better percent(top, x, fixed) (see _shares)
    share = _placed(_shares(cast("Sequence[float]", x), top, lower, fixed), kept, count)
    # gap_to_above = abs(round(a - x, max(a_d, d))), a the score of the group above
    kept = _kept(code_of, values, [a is not None for a in ahead])
    above = _pick(code_of, kept)
    x, d = _pick(values, kept), _pick(places, kept)
    a, a_d = map(ahead.__getitem__, above), map(ahead_d.__getitem__, above)
    gaps = map(round, map(operator.sub, a, x), map(max, a_d, d))
    gap_to_above = _placed(map(abs, gaps), kept, count)
    start, stop = spread(starts), spread(stops)
    return Figures(rank, tied, gap_to_leader, gap_to_above, percentile, share, start, stop)


def _kept(
    code_of: Sequence[int], values: Sequence[float | None], by_group: Sequence[bool]
) -> list[int] | None:
    """The codes whose group ``by_group`` marks and whose value is known; ``None`` for all."""
    marks: Iterable[bool] = map(by_group.__getitem__, code_of)
    if None in values:
        marks = map(operator.and_, marks, map(operator.is_not, values, repeat(None)))
    kept = list(itertools.compress(range(len(code_of)), marks))
    return None if len(kept) == len(code_of) else kept


def _pick(column: Sequence[_T], kept: list[int] | None) -> Sequence[_T]:
    """The items ``kept`` of ``column`` (all of them for ``None``)."""
    return column if kept is None else list(map(column.__getitem__, kept))


def _placed(column: Iterable[_T], kept: list[int] | None, count: int) -> list[_T | None]:
    """``column``, the figures of the codes ``kept``, as ``count`` figures (``None`` else)."""
    if kept is None:
        return list(column)
    placed = dict(zip(kept, column, strict=True))
    return list(map(placed.get, range(count)))


def _shares(x: Sequence[float], top: float, lower: bool, places: int) -> list[float | None]:
    """The share of the leader of each of the scores ``x``, the leader's being ``top``, as
    ``percent`` gives it; ``None`` unless both are above 0 (see ``_figures``)."""
    if top <= 0:
        return [None] * len(x)
    shares: list[float | None]
    if lower:  # percent(top, v, places) where v > 0
        shares = [round(100 * top / v, places) if v > 0 else None for v in x]
    else:  # percent(v, top, places)
        scaled = map(operator.truediv, map(operator.mul, repeat(100), x), repeat(top))
        shares = list(map(round, scaled, repeat(places)))
    if math.inf in shares or -math.inf in shares:  # not finite: no share
        return [v if v is None or math.isfinite(v) else None for v in shares]
    return shares


def _group_ranks(ties: TieMethod, starts: list[int], stops: list[int]) -> list[Rank | None]:
    """Each group's rank by the tie rule (``None`` with ordinal ties: each row has its own)."""
    if ties == "ordinal":
        return [None] * len(starts)
    # What rank_at gives for the first of each group, without a call per group.
    if ties == "competition":
        return list(map((1).__add__, starts))
    if ties == "modified":
        return list(stops)
    if ties == "dense":
        return list(range(1, len(starts) + 1))
    return [
        rank_at(ties, start, stop, start, g + 1)
        for g, (start, stop) in enumerate(zip(starts, stops, strict=True))
    ]


def score_difference(a: Entry, b: Entry, places: int | None = None) -> float:
    """``a``'s score minus ``b``'s without float noise: 99.82 - 91.2 is exactly 8.62.

    Rounded once, to the decimals of the scores; a computed score (a
    composite) enters with its exact value.
    """
    x = a.exact if a.exact is not None else a.score
    y = b.exact if b.exact is not None else b.score
    assert x is not None and y is not None
    if places is not None:  # --decimals
        return round(x - y, places)
    return difference(x, a.decimals, y, b.decimals)


def rank_entries(
    entries: Sequence[Entry],
    ties: TieMethod = "competition",
    lower_is_better: bool = False,
    year: str | None = None,
) -> Ranking:
    """Rank one edition's entries; entries without a score come last, unranked."""
    rows = rows_of(entries)
    return rank_rows(rows, range(len(rows)), ties, lower_is_better, year)


def pick_year(table: Table, year: str | None) -> str | None:
    """The edition to show: ``year`` if the table has it, else the latest one."""
    years = table.years
    if year is None:
        return years[-1] if years else None
    wanted = year.strip()
    if wanted in years:
        return wanted
    if not years:
        raise UsageError(
            f"--year {year}: {table.source} has no year column — leave out --year, "
            "or name the column with --year-col",
            code="unknown-year",
        )
    raise UsageError(
        f"--year {year}: no such edition in {table.source} — it has {', '.join(years)}",
        code="unknown-year",
    )


def rank(
    table: Table,
    ties: TieMethod = "competition",
    lower_is_better: bool = False,
    year: str | None = None,
    decimals: int | None = None,
) -> Ranking:
    """Rank one edition of ``table`` (the latest unless ``year`` is given)."""
    chosen = pick_year(table, year)
    members = table.rows_for(chosen)
    ranking = rank_rows(table.rows, members, ties, lower_is_better, chosen, decimals)
    return replace(ranking, table=table)


def published_ranks(table: Table) -> tuple[int, int] | None:
    """The lowest and highest score when every edition's scores are themselves ranks, else None.

    A file's ``rank`` or ``position`` column (1 for the best) taken as the score
    would put the last place first unless ranked lower-is-better. Scores are
    ranks when they are whole numbers from 1 that ``rank_values`` gives back
    unchanged, with lower-is-better, under the competition, modified or dense
    rule (so ``1 2 2 4``, ``1 3 3 4`` and ``1 2 2 3`` all count).
    """
    rows = table.rows
    if any(v is not None and not v.is_integer() for v in rows.values[:64]):
        return None  # at once: a score with a fraction is no rank, which most files show
    values = [v for v in rows.values if v is not None]
    if not values or not 1 < max(values) <= len(rows):  # a rank is at most the row count
        return None
    if any(v < 1 or not v.is_integer() for v in values):
        return None
    for indexes in table.by_year.values():
        scores = [rows.values[rows.score[i]] for i in indexes]
        ranked = [int(s) for s in scores if s is not None]
        if len(ranked) < 3:
            return None
        methods: tuple[TieMethod, ...] = ("competition", "modified", "dense")
        if all(rank_values(ranked, ties, lower_is_better=True) != ranked for ties in methods):
            return None
    return int(min(values)), int(max(values))
