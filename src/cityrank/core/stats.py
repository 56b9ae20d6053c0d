"""Figures about a whole edition: its score distribution, z-scores, and ranks on other columns."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from cityrank.core.ranking import rank_values, score_difference
from cityrank.model import NOT_MEASURES, Entry, Rank, Ranking, Standings, Table, TieMethod
from cityrank.numbers import parse_number


def ranked_scores(ranking: Ranking) -> list[float]:
    """The ranked rows' scores, best first."""
    ranked = ranking.ranked
    if isinstance(ranked, Standings):
        values = ranked.rows.values
        return list(map(values.__getitem__, ranked.codes))  # type: ignore[arg-type]
    return [r.entry.score for r in ranked if r.entry.score is not None]


def z_score(ranking: Ranking, entry: Entry) -> float | None:
    """How many population standard deviations ``entry``'s score lies from the mean."""
    return z_scorer(ranking)(entry.score)


def z_scorer(ranking: Ranking) -> Callable[[float | None], float | None]:
    """``z_score`` of a score, the mean and spread worked out once for all the edition's."""
    figures = _group_figures(ranking)
    if figures is None:
        scores = ranked_scores(ranking)
        if len(scores) < 2:
            return lambda score: None
        mean = math.fsum(scores) / len(scores)
        spread = math.fsum((s - mean) ** 2 for s in scores)
        n = len(scores)
    else:
        mean, spread, n = figures
    sd = math.sqrt(spread / n)

    def z(score: float | None) -> float | None:
        if score is None:
            return None
        return round((score - mean) / sd, 2) if sd else 0.0

    return z


def _group_figures(ranking: Ranking) -> tuple[float, float, int] | None:
    """``z_scorer``'s mean, sum of squares and count, from each group of equal scores and
    its size where a million scores are a few hundred groups; ``None`` to work them out
    score by score. The sums are exact and rounded once, as ``math.fsum`` rounds its."""
    ranked = ranking.ranked
    if not isinstance(ranked, Standings) or len(ranked) < 2:
        return None
    if len(ranked.rows.values) * 8 > len(ranked):  # about as many groups as scores
        return None
    from fractions import Fraction  # here: it imports decimal, which start-up need not

    codes, stops, values = ranked.codes, ranked.figures.stop, ranked.rows.values
    groups: list[tuple[float, int]] = []
    at = 0
    while at < len(ranked):
        code = codes[at]
        stop, value = stops[code], values[code]
        assert stop is not None and value is not None  # a ranked score
        groups.append((value, stop - at))
        at = stop
    total = sum(Fraction(value) * size for value, size in groups)
    if not total:
        return None  # a sum of 0, whose sign (0.0 or -0.0) fsum has its own rule for
    n = len(ranked)
    mean = float(total) / n
    spread = float(sum(Fraction((value - mean) ** 2) * size for value, size in groups))
    return mean, spread, n


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


def column_numbers(
    entries: Sequence[Entry], index: int, na: Sequence[str] = ()
) -> list[float | None]:
    """Extra column ``index`` of ``entries`` as numbers (``None`` for an empty cell, or one
    whose trimmed text is one of the ``na`` markers).

    Raises ``NotNumeric`` for the first cell that is not a number.
    """
    values: list[float | None] = []
    for entry in entries:
        cell = entry.extra[index]
        if not cell.strip() or cell.strip() in na:
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

    scores = ranked_scores(ranking)  # best first
    best = ranking.ranked[:3]
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
    decimals = score_decimals(ranking)
    median = statistics.median(ordered)
    q1 = q3 = median
    if n >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    total = math.fsum(scores)
    top3 = math.fsum(scores[:3])
    leader = best[0].entry
    figures |= {
        "min": ordered[0],
        "max": ordered[-1],
        "mean": round(math.fsum(scores) / n, decimals + 4),
        "median": round(median, decimals + 1),
        "stdev": round(_stdev(scores), decimals + 4) if n >= 2 else None,
        "q1": round(q1, decimals + 2),
        "q3": round(q3, decimals + 2),
        "iqr": round(q3 - q1, decimals + 2),
        "gap_1_2": _distance(leader, best[1].entry) if n >= 2 else None,
        "gap_1_median": round(abs(scores[0] - median), decimals + 1),
        "top3_share": round(100 * top3 / total, 2) if total else None,
    }
    return figures


def score_decimals(ranking: Ranking) -> int:
    """The most decimals any ranked score has."""
    ranked = ranking.ranked
    if isinstance(ranked, Standings):
        places = ranked.rows.decimals
        return max(map(places.__getitem__, set(ranked.codes)))
    return max(r.entry.decimals for r in ranked)


def _distance(better: Entry, entry: Entry) -> float:
    """How many points ``entry`` is behind ``better`` (never negative, no float noise)."""
    assert better.score is not None and entry.score is not None
    return abs(score_difference(better, entry))


def _stdev(scores: Sequence[float]) -> float:
    """The sample standard deviation, from exact sums (``math.fsum``) in two passes:
    as ``statistics.stdev`` to well within the digits shown, and fast on a million scores."""
    mean = math.fsum(scores) / len(scores)
    return math.sqrt(math.fsum((x - mean) ** 2 for x in scores) / (len(scores) - 1))
