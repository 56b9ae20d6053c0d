"""Pure ranking: tie methods, gaps, percentiles, and ranks on any numeric column."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from cityrank.errors import UsageError
from cityrank.model import NOT_MEASURES, Entry, Rank, RankedEntry, Ranking, Table, TieMethod
from cityrank.numbers import difference, parse_number, percent


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
    order = _best_first(scores, lower_is_better)
    ranks: list[Rank] = [0] * len(scores)
    for dense, (start, stop) in enumerate(_groups(order, scores), start=1):
        for position in range(start, stop):
            ranks[order[position]] = rank_at(ties, start, stop, position, dense)
    return ranks


def _best_first(scores: Sequence[float], lower_is_better: bool) -> list[int]:
    # sorted() is stable with reverse=True too, so equal scores keep input order.
    return sorted(range(len(scores)), key=scores.__getitem__, reverse=not lower_is_better)


def _groups(order: Sequence[int], scores: Sequence[float]) -> list[tuple[int, int]]:
    """``(start, stop)`` positions in ``order`` of each run of equal scores."""
    groups = []
    start = 0
    n = len(order)
    while start < n:
        stop = start + 1
        value = scores[order[start]]
        while stop < n and scores[order[stop]] == value:
            stop += 1
        groups.append((start, stop))
        start = stop
    return groups


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


def rank_entries(
    entries: Sequence[Entry],
    ties: TieMethod = "competition",
    lower_is_better: bool = False,
    year: str | None = None,
) -> Ranking:
    """Rank one edition's entries; entries without a score come last, unranked."""
    scored = [e for e in entries if e.score is not None]
    unranked = tuple(e for e in entries if e.score is None)
    scores = [e.score for e in scored if e.score is not None]
    order = _best_first(scores, lower_is_better)
    n = len(order)
    ranked: list[RankedEntry] = []
    if n:
        leader = scored[order[0]]
        top, top_d = scores[order[0]], leader.decimals
        for dense, (start, stop) in enumerate(_groups(order, scores), start=1):
            above = scored[order[start - 1]] if start else None
            beats = n - stop
            percentile = round(100 * beats / (n - 1), 2) if n > 1 else 100.0
            tied = stop - start > 1
            # Every city of a group has one score: the figures are the group's.
            entry = scored[order[start]]
            score = scores[order[start]]
            d = entry.decimals
            gap_leader = abs(round(top - score, top_d if top_d > d else d))
            gap_above = _distance(above, entry) if above is not None else None
            # A share of a negative or zero leader says nothing: left empty.
            share = percent(score, top) if top > 0 else None
            for position in range(start, stop):
                entry = scored[order[position]]
                if entry.decimals != d:  # 91.2 next to 91.20: recompute with its decimals
                    d = entry.decimals
                    gap_leader = _distance(leader, entry)
                    gap_above = _distance(above, entry) if above is not None else None
                ranked.append(
                    RankedEntry(
                        entry,
                        rank_at(ties, start, stop, position, dense),
                        tied,
                        gap_leader,
                        gap_above,
                        percentile,
                        share,
                    )
                )
    return Ranking(
        ranked=tuple(ranked),
        unranked=unranked,
        ties=ties,
        lower_is_better=lower_is_better,
        year=year,
    )


def _distance(better: Entry, entry: Entry) -> float:
    """How many points ``entry`` is behind ``better`` (never negative, no float noise)."""
    assert better.score is not None and entry.score is not None
    return abs(difference(better.score, better.decimals, entry.score, entry.decimals))


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
    ranking = rank_entries(table.entries_for(chosen), ties, lower_is_better, chosen)
    return replace(ranking, table=table)


def numeric_columns(table: Table, entries: Sequence[Entry]) -> dict[str, list[float | None]]:
    """The extra columns whose every non-empty cell is a number, as values per entry.

    Columns that number rows rather than measure cities (``rank``, ``id``, …)
    are left out: ranking cities on them would say nothing.
    """
    found: dict[str, list[float | None]] = {}
    for index, column in enumerate(table.extra_columns):
        if "_".join(column.casefold().split()) in NOT_MEASURES:
            continue
        try:
            values = column_numbers(entries, index)
        except NotNumeric:
            continue
        if any(v is not None for v in values):
            found[column] = values
    return found


class NotNumeric(ValueError):
    """A cell of a column that should hold numbers, and does not."""

    def __init__(self, entry: Entry, cell: str, reason: str) -> None:
        super().__init__(reason)
        self.entry = entry
        self.cell = cell
        self.reason = reason


def column_numbers(entries: Sequence[Entry], index: int) -> list[float | None]:
    """Extra column ``index`` of ``entries`` as numbers (``None`` for an empty cell).

    Raises ``NotNumeric`` for the first cell that is not a number.
    """
    values: list[float | None] = []
    for entry in entries:
        cell = entry.extra[index]
        if not cell.strip():
            values.append(None)
            continue
        try:
            values.append(parse_number(cell)[0])
        except ValueError as exc:
            raise NotNumeric(entry, cell, str(exc)) from None
    return values


def column_ranks(values: Sequence[float | None], ties: TieMethod) -> list[Rank | None]:
    """Ranks on one column, highest value first; cities without a value get ``None``."""
    present = [i for i, v in enumerate(values) if v is not None]
    ranks = rank_values([v for v in values if v is not None], ties)
    result: list[Rank | None] = [None] * len(values)
    for i, r in zip(present, ranks, strict=True):
        result[i] = r
    return result


def z_score(ranking: Ranking, entry: Entry) -> float | None:
    """How many population standard deviations ``entry``'s score lies from the mean."""
    scores = [r.entry.score for r in ranking.ranked if r.entry.score is not None]
    if entry.score is None or len(scores) < 2:
        return None
    mean = math.fsum(scores) / len(scores)
    sd = math.sqrt(math.fsum((s - mean) ** 2 for s in scores) / len(scores))
    return round((entry.score - mean) / sd, 2) if sd else 0.0


def score_stats(ranking: Ranking) -> dict[str, int | float | None]:
    """Distribution figures of one edition's scores.

    ``stdev`` is the sample standard deviation; quartiles interpolate
    linearly between order statistics (``statistics.quantiles`` with
    ``method="inclusive"``, numpy's default). Gaps are distances between
    the leader and the second and median scores; ``top3_share`` is the
    top three's share of the sum of all scores, in percent. Figures that
    need more scores than there are are ``None``.
    """
    import statistics  # only stats needs it: kept off every command's start-up

    scores = [r.entry.score for r in ranking.ranked if r.entry.score is not None]
    best = [r.entry for r in ranking.ranked]
    n = len(scores)
    ordered = sorted(scores)
    figures: dict[str, int | float | None] = {
        "count": ranking.size,
        "ranked": n,
        "unranked": len(ranking.unranked),
    }
    if not n:
        return figures | dict.fromkeys(
            (
                "min",
                "max",
                "mean",
                "median",
                "stdev",
                "q1",
                "q3",
                "iqr",
                "gap_1_2",
                "gap_1_median",
                "top3_share",
            )
        )
    decimals = max(e.decimals for e in best)
    median = statistics.median(ordered)
    q1 = q3 = median
    if n >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    total = math.fsum(scores)
    top3 = math.fsum(e.score for e in best[:3] if e.score is not None)
    leader = best[0]
    assert leader.score is not None
    figures |= {
        "min": ordered[0],
        "max": ordered[-1],
        "mean": round(math.fsum(scores) / n, decimals + 4),
        "median": round(median, decimals + 1),
        "stdev": round(statistics.stdev(scores), decimals + 4) if n >= 2 else None,
        "q1": round(q1, decimals + 2),
        "q3": round(q3, decimals + 2),
        "iqr": round(q3 - q1, decimals + 2),
        "gap_1_2": _distance(leader, best[1]) if n >= 2 else None,
        "gap_1_median": round(abs(leader.score - median), decimals + 1),
        "top3_share": round(100 * top3 / total, 2) if total else None,
    }
    return figures
