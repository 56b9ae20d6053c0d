"""Ranking one edition: tie methods, and the figures of each distinct score (gaps, percentile).

Every figure of a ranked row but the ordinal rank depends only on its score
text and its group of equal scores, so they are worked out once per distinct
score; the rows themselves are only sorted (a stable sort on small integers).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

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
from cityrank.numbers import difference, percent


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


class _Groups(NamedTuple):
    """The groups of equal scores of one edition, best first, and where each lies."""

    distinct: list[float]  # each group's score
    of_code: dict[int, int]  # the group of each score code present (``unscored`` for none)
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
) -> Ranking:
    """Rank the rows ``members`` of ``rows``; rows without a score come last, unranked."""
    every = isinstance(members, range) and members == range(len(rows))
    codes = rows.score if every else list(map(rows.score.__getitem__, members))
    present = set(codes)
    scored = {v for c in present if (v := rows.values[c]) is not None}
    distinct: list[float] = sorted(scored, reverse=not lower_is_better)
    group_of = {value: g for g, value in enumerate(distinct)}
    unscored = len(distinct) + 1  # sorts after every group
    of_code = {c: group_of[v] if (v := rows.values[c]) is not None else unscored for c in present}
    groups = list(map(of_code.__getitem__, codes))
    positions = sorted(range(len(codes)), key=groups.__getitem__)  # stable: file order in ties
    sizes = Counter(groups)
    stops = list(itertools.accumulate(sizes[g] for g in range(len(distinct))))
    starts = [0, *stops[:-1]]
    found = _Groups(distinct, of_code, starts, stops, unscored)
    n = found.ranked
    unranked_at, positions = positions[n:], positions[:n]
    by_position = list(map(codes.__getitem__, positions))
    spans = {c: (starts[g], stops[g]) for c, g in of_code.items() if g != unscored}
    unranked_rows = sorted(unranked_at if every else map(members.__getitem__, unranked_at))
    return Ranking(
        ranked=Standings(
            rows,
            positions if every else list(map(members.__getitem__, positions)),
            by_position,
            _figures(found, rows, by_position, ties, lower_is_better),
            spans,
            unranked_rows,
        ),
        unranked=tuple(map(rows.entry, unranked_rows)),
        ties=ties,
        lower_is_better=lower_is_better,
        year=year,
    )


def _figures(
    groups: _Groups, rows: Rows, by_position: Sequence[int], ties: TieMethod, lower: bool
) -> dict[int, Figures]:
    """The figures of each score code present (``by_position``: the code at each position).

    The share of the leader reads the same way in both directions: the leader
    is 100 %, everyone else less. Higher is better: the score as a percentage
    of the leader's; lower is better: the leader's as a percentage of the
    score. Empty unless both are above 0 (a share of 0 or less says nothing).
    """
    n = groups.ranked
    if not n:
        return {}
    # Gaps and shares start from the exact values where a score was computed.
    values, places = rows.exact or rows.values, rows.decimals
    top, top_d = values[by_position[0]], places[by_position[0]]
    assert top is not None
    # The last row of each group: its decimals set the next group's gap to it.
    lasts = [places[by_position[stop - 1]] for stop in groups.stops]
    figures: dict[int, Figures] = {}
    for code, g in groups.of_code.items():
        value, d = values[code], places[code]
        if g == groups.unscored or value is None:
            continue
        start, stop = groups.starts[g], groups.stops[g]
        above = None
        if g:
            ahead = values[by_position[start - 1]]
            assert ahead is not None
            above = abs(round(ahead - value, max(lasts[g - 1], d)))
        shown = rows.values[code]
        assert shown is not None
        figures[code] = Figures(
            None if ties == "ordinal" else rank_at(ties, start, stop, start, g + 1),
            stop - start > 1,
            shown,
            abs(round(top - value, max(top_d, d))),
            above,
            round(100 * (n - stop) / (n - 1), 2) if n > 1 else 100.0,
            _share(value, top, lower),
        )
    return figures


def _share(value: float, top: float, lower: bool) -> float | None:
    if top <= 0:
        return None
    if lower:
        return percent(top, value) if value > 0 else None
    return percent(value, top)


def score_difference(a: Entry, b: Entry) -> float:
    """``a``'s score minus ``b``'s without float noise: 99.82 - 91.2 is exactly 8.62.

    Rounded once, to the decimals of the scores; a computed score (a
    composite) enters with its exact value.
    """
    x = a.exact if a.exact is not None else a.score
    y = b.exact if b.exact is not None else b.score
    assert x is not None and y is not None
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
) -> Ranking:
    """Rank one edition of ``table`` (the latest unless ``year`` is given)."""
    chosen = pick_year(table, year)
    ranking = rank_rows(table.rows, table.rows_for(chosen), ties, lower_is_better, chosen)
    return replace(ranking, table=table)
