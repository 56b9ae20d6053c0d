"""Ranking one edition: tie methods, and the figures of each distinct score (gaps, percentile).

Every figure of a ranked row but the ordinal rank depends only on its score
text and its group of equal scores, so they are worked out once per distinct
score; the rows themselves are only sorted (a stable sort on small integers).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

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
from cityrank.numbers import percent


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


def rank_rows(
    rows: Rows,
    members: Sequence[int],
    ties: TieMethod = "competition",
    lower_is_better: bool = False,
    year: str | None = None,
) -> Ranking:
    """Rank the rows ``members`` of ``rows``; rows without a score come last, unranked."""
    values, places = rows.values, rows.decimals
    every = isinstance(members, range) and members == range(len(rows))
    codes = rows.score if every else list(map(rows.score.__getitem__, members))
    present = set(codes)
    scored = {v for c in present if (v := values[c]) is not None}
    distinct: list[float] = sorted(scored, reverse=not lower_is_better)
    group_of = {value: g for g, value in enumerate(distinct)}
    unscored = len(distinct) + 1  # sorts after every group
    code_group = {c: group_of[v] if (v := values[c]) is not None else unscored for c in present}
    groups = list(map(code_group.__getitem__, codes))
    positions = sorted(range(len(codes)), key=groups.__getitem__)  # stable: file order in ties
    sizes = Counter(groups)
    n = len(codes) - sizes.pop(unscored, 0)
    if n < len(positions):
        unranked_at, positions = positions[n:], positions[:n]
    else:
        unranked_at = []
    order = positions if every else list(map(members.__getitem__, positions))
    by_position = list(map(codes.__getitem__, positions))
    starts, stops = [0] * len(distinct), [0] * len(distinct)
    total = 0
    for g in range(len(distinct)):
        starts[g] = total
        total += sizes[g]
        stops[g] = total
    figures: dict[int, Figures] = {}
    spans = {c: (starts[g], stops[g]) for c, g in code_group.items() if g != unscored}
    if n:
        top, top_d = distinct[0], places[by_position[0]]
        # The last row of each group: its decimals set the next group's gap to it.
        lasts = [places[by_position[stop - 1]] for stop in stops]
        for code in present:
            g = code_group[code]
            if g == unscored:
                continue
            value, d = values[code], places[code]
            assert value is not None
            start, stop = starts[g], stops[g]
            above = None
            if g:
                above = abs(round(distinct[g - 1] - value, max(lasts[g - 1], d)))
            figures[code] = Figures(
                None if ties == "ordinal" else rank_at(ties, start, stop, start, g + 1),
                stop - start > 1,
                value,
                abs(round(top - value, max(top_d, d))),
                above,
                round(100 * (n - stop) / (n - 1), 2) if n > 1 else 100.0,
                # A share of a negative or zero leader says nothing: left empty.
                percent(value, top) if top > 0 else None,
            )
    unranked_rows = sorted(members[p] if not every else p for p in unranked_at)
    return Ranking(
        ranked=Standings(rows, order, by_position, figures, spans, unranked_rows),
        unranked=tuple(map(rows.entry, unranked_rows)),
        ties=ties,
        lower_is_better=lower_is_better,
        year=year,
    )


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
