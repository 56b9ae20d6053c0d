"""Composite scores from indicator columns: normalise, weigh, aggregate, explain in points.

The method follows the OECD/JRC *Handbook on Constructing Composite
Indicators* (2008). ``compute`` is pure Python, so explaining one table costs
no numpy import.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from cityrank.core.composite.spec import Direction, Normalisation, Spec, validate_spec
from cityrank.errors import DataError
from cityrank.numbers import format_number

DECIMALS = 4
#: Samples drawn and ranked together by ``robustness``: bounds memory, paces progress.
#: Below this share of cancellation, geometric contributions fall back to weight shares.
_CANCELLATION = 1e-6


@dataclass(frozen=True)
class Composite:
    """The composite score of each city and how each indicator makes it up.

    All lists are per city, in input order; dicts are keyed by indicator
    column, in spec order. ``None`` marks what does not exist: a missing
    value, or a city with no usable indicator (its score is ``None``: unranked).

    - ``scores``: 0-100 for ``minmax`` and ``rank``, standard deviations for
      ``zscore``, the data's own units for ``none``; rounded to ``decimals``
      places.
    - ``normalised``: the value that enters the aggregation, direction
      already applied (not rounded).
    - ``weights``: effective weights, summing to 1 per city (not rounded).
    - ``contributions``: points of the score per indicator, each its exact
      value rounded once to ``decimals`` places. Rounded apart, they need not
      add up to the rounded score; whatever shows them says so when they do not.
    - ``exact`` and ``exact_contributions``: the same, not rounded, for every
      figure derived from them (gaps, differences, shares), which is rounded once.
    """

    scores: list[float | None]
    normalised: dict[str, list[float | None]]
    weights: dict[str, list[float | None]]
    contributions: dict[str, list[float | None]]
    decimals: int = DECIMALS
    exact: list[float | None] = field(default_factory=list)
    exact_contributions: dict[str, list[float | None]] = field(default_factory=dict)


class IndicatorValueError(DataError):
    """A value of one indicator for one city that the composite cannot use.

    ``indicator`` is the column name and ``index`` the city's position in the
    value sequences (0-based). The message names the city as ``city #N``
    (1-based) unless the caller gave the names; ``for_city`` re-issues it
    with the name. (``column`` stays ``CityRankError``'s file column number.)
    """

    def __init__(
        self,
        before: str,
        after: str,
        *,
        indicator: str,
        index: int,
        city: str | None = None,
        code: str,
    ) -> None:
        self.before = before
        self.after = after
        self.indicator = indicator
        self.index = index
        self.city = city
        name = city if city is not None else f"city #{index + 1}"
        super().__init__(f"{before}{name}{after}", code=code)

    def for_city(self, city: str) -> IndicatorValueError:
        """The same error, naming the city."""
        return IndicatorValueError(
            self.before,
            self.after,
            indicator=self.indicator,
            index=self.index,
            city=city,
            code=self.code,
        )


# --------------------------------------------------------------------------- compute


# Long for its docstring, the method's specification (about 55 lines); the body is 45.
def compute(
    spec: Spec,
    values: Mapping[str, Sequence[float | None]],
    *,
    cities: Sequence[str] | None = None,
) -> Composite:
    """The composite score of each city, with its normalised values, weights and contributions.

    ``values[column][i]`` is the raw value of city ``i`` (``None``: missing);
    every column has one value per city; columns not in the spec are ignored.
    ``cities`` (optional) names the cities in error messages.

    Normalisation, per indicator over the cities that have a value (a
    ``lower`` indicator is flipped after normalising, as shown):

    - ``minmax``: ``100 * (x - min) / (max - min)``; lower: ``100 - that``,
      computed as ``100 * (max - x) / (max - min)``. A constant indicator
      (``max == min``, also a single city) gives 50 to every city, either
      direction: it places no one above anyone else.
    - ``zscore``: ``(x - mean) / sd`` with the population sd; lower: its
      negation. A constant indicator gives 0.
    - ``rank``: ``100 * (r - 1) / (n - 1)`` where ``r`` is the city's rank from
      the lowest value (1) to the highest (n), ties taking their average
      rank: the percentage of the other cities it beats, a tie counting half.
      Lower: ``100 - that``. One city, or all tied: 50.
    - ``none``: the raw value; lower: its negation.

    Aggregation, with the weights rescaled to sum 1 per city:

    - ``arithmetic``: ``sum(w_i * n_i)``; contribution ``c_i = w_i * n_i``.
    - ``geometric``: ``prod(n_i ** w_i)``, which needs ``n_i > 0`` for every
      indicator with a positive weight; contribution
      ``c_i = score * w_i * ln(n_i) / sum_j(w_j * ln(n_j))`` — each indicator's
      share of the log of the score. When that sum is 0 (the score is 1, or
      the logs cancel to within a millionth of their size), ``c_i = score * w_i``.

    The score and each contribution are rounded once, from their exact
    values, to ``decimals`` places (the exact ones are kept too).
    ``decimals`` is 4, more when the largest figure is below 0.1 (so it
    keeps 4 significant digits), fewer from 1e11 up (so every figure has at
    most 15 significant digits and prints exactly).

    Missing values: with ``missing="error"`` an ``IndicatorValueError``
    (a ``DataError``) naming the column and the city; with ``"renormalise"``
    the indicator is left out of that city's score and its other weights are
    rescaled. A city with no value on any positively weighted indicator has
    score ``None``.

    Raises ``UsageError`` for a spec that does not fit the columns (see
    ``validate_spec``); ``IndicatorValueError`` for a missing value (with
    ``"error"``), a value that is not finite, or a normalised value that is
    not positive under geometric aggregation; ``ValueError`` when the
    columns have different lengths.
    """
    validate_spec(spec, list(values))
    raw = _raw_columns(spec, values, cities)
    normalised = {
        ind.column: _normalise(raw[ind.column], spec.normalisation, ind.direction)
        for ind in spec.indicators
    }
    weights = _effective_weights(spec, normalised)
    if spec.aggregation == "geometric":
        _check_geometric(spec, raw, normalised, weights, cities)
    columns = spec.columns
    rows_w = list(zip(*(weights[c] for c in columns), strict=True))
    rows_n = list(zip(*(normalised[c] for c in columns), strict=True))
    geometric = spec.aggregation == "geometric"
    exact: list[tuple[float, list[float]] | None] = []
    largest = 0.0
    for w, n in zip(rows_w, rows_n, strict=True):
        if all(x is None for x in w):
            exact.append(None)
            continue
        if geometric:
            score, parts = _geometric(w, n)
        else:
            parts = [
                wi * ni if wi is not None and ni is not None else 0.0
                for wi, ni in zip(w, n, strict=True)
            ]
            score = math.fsum(parts)
        exact.append((score, parts))
        largest = max(largest, abs(score), *map(abs, parts))
    decimals = _decimals(largest) if spec.decimals is None else spec.decimals
    up = 10.0**decimals
    to_float = _from_units(decimals)
    scores: list[float | None] = []
    rows_c: list[list[float | None]] = []
    rows_x: list[list[float | None]] = []
    for w, item in zip(rows_w, exact, strict=True):
        if item is None:
            scores.append(None)
            rows_c.append([None] * len(columns))
            rows_x.append([None] * len(columns))
            continue
        score, parts = item
        scores.append(to_float(round(score * up)))
        rows_x.append([None if wi is None else x for wi, x in zip(w, parts, strict=True)])
        rows_c.append([None if x is None else to_float(round(x * up)) for x in rows_x[-1]])
    contributions = {c: [row[j] for row in rows_c] for j, c in enumerate(columns)}
    return Composite(
        scores,
        normalised,
        weights,
        contributions,
        decimals,
        exact=[item[0] if item is not None else None for item in exact],
        exact_contributions={c: [row[j] for row in rows_x] for j, c in enumerate(columns)},
    )


def _name(cities: Sequence[str] | None, index: int) -> str | None:
    return cities[index] if cities is not None and index < len(cities) else None


def _raw_columns(
    spec: Spec, values: Mapping[str, Sequence[float | None]], cities: Sequence[str] | None
) -> dict[str, list[float | None]]:
    """The spec's columns as lists, checked: equal lengths, finite, missing as the spec says."""
    raw = {c: list(values[c]) for c in spec.columns}
    lengths = {len(v) for v in raw.values()}
    if len(lengths) > 1:
        raise ValueError(f"indicator columns have different lengths: {sorted(lengths)}")
    for column, column_values in raw.items():
        for index, value in enumerate(column_values):
            if value is None:
                if spec.missing == "error":
                    raise IndicatorValueError(
                        f'indicator "{column}" has no value for ',
                        " — fill it in, or use --missing renormalise to leave it out of "
                        "that city's score",
                        indicator=column,
                        index=index,
                        city=_name(cities, index),
                        code="missing-value",
                    )
            elif not math.isfinite(value):
                raise IndicatorValueError(
                    f'indicator "{column}" is {value} for ',
                    " — indicator values must be finite numbers",
                    indicator=column,
                    index=index,
                    city=_name(cities, index),
                    code="non-finite",
                )
    return raw


def _normalise(
    values: Sequence[float | None], method: Normalisation, direction: Direction
) -> list[float | None]:
    """One indicator normalised over the cities that have a value (see ``compute``)."""
    present = [v for v in values if v is not None]
    lower = direction == "lower"
    if method == "none":
        return [None if v is None else (0.0 - v if lower else v) for v in values]
    if not present:
        return [None] * len(values)
    low, high = min(present), max(present)
    constant = low == high
    if method == "minmax":
        span = high - low
        if constant:
            return [None if v is None else 50.0 for v in values]
        if lower:
            return [None if v is None else 100 * (high - v) / span for v in values]
        return [None if v is None else 100 * (v - low) / span for v in values]
    if method == "zscore":
        if constant:
            return [None if v is None else 0.0 for v in values]
        count = len(present)
        mean = math.fsum(present) / count
        sd = math.sqrt(math.fsum((v - mean) ** 2 for v in present) / count)
        if sd == 0:  # only an extreme range can underflow to this
            return [None if v is None else 0.0 for v in values]
        if lower:
            return [None if v is None else (mean - v) / sd for v in values]
        return [None if v is None else (v - mean) / sd for v in values]
    if method == "rank":
        count = len(present)
        if count == 1 or constant:
            return [None if v is None else 50.0 for v in values]
        # The average rank from the lowest is r = (first + last) / 2 + 1, with first and
        # last the 0-based positions of the value in sorted order; 100 * (r - 1) / (n - 1)
        # is then 50 * (first + last) / (n - 1): one rounding, from exact integers.
        ordered = sorted(present)
        last = {v: i for i, v in enumerate(ordered)}
        first = {v: i for i, v in zip(range(count - 1, -1, -1), reversed(ordered), strict=True)}
        doubled = {v: first[v] + i for v, i in last.items()}
        top = count - 1
        if lower:
            return [None if v is None else 50 * (2 * top - doubled[v]) / top for v in values]
        return [None if v is None else 50 * doubled[v] / top for v in values]
    raise ValueError(f"unknown normalisation {method!r}")


def _effective_weights(
    spec: Spec, normalised: Mapping[str, Sequence[float | None]]
) -> dict[str, list[float | None]]:
    """Each city's weights rescaled to sum 1 over its present indicators.

    Exact rational arithmetic, so that weights that are multiples of each
    other give identical effective weights (``4,3,2,1`` and ``0.4,0.3,0.2,0.1``).
    A city with no positively weighted indicator present gets ``None`` for all.
    """
    columns = spec.columns
    fractions = [Fraction(i.weight) for i in spec.indicators]
    count = len(normalised[columns[0]])
    if all(v is not None for c in columns for v in normalised[c]):
        total = sum(fractions, Fraction(0))
        return {c: [float(f / total)] * count for c, f in zip(columns, fractions, strict=True)}
    result: dict[str, list[float | None]] = {c: [] for c in columns}
    cache: dict[tuple[bool, ...], list[float | None]] = {}
    for i in range(count):
        mask = tuple(normalised[c][i] is not None for c in columns)
        shares = cache.get(mask)
        if shares is None:
            total = sum((f for f, here in zip(fractions, mask, strict=True) if here), Fraction(0))
            if total == 0:
                shares = [None] * len(columns)
            else:
                shares = [
                    float(f / total) if here else None
                    for f, here in zip(fractions, mask, strict=True)
                ]
            cache[mask] = shares
        for c, share in zip(columns, shares, strict=True):
            result[c].append(share)
    return result


def _check_geometric(
    spec: Spec,
    raw: Mapping[str, Sequence[float | None]],
    normalised: Mapping[str, Sequence[float | None]],
    weights: Mapping[str, Sequence[float | None]],
    cities: Sequence[str] | None,
) -> None:
    """Raise ``IndicatorValueError`` for the first value geometric aggregation cannot take."""
    problem = _geometric_problem(spec, normalised, weights)
    if problem is not None:
        column, index, value = problem
        if spec.normalisation != "none":
            why = f"after {spec.normalisation} normalisation"
            remedy = 'normalisation "none" on data that is all positive'
        elif value < 0 and (raw[column][index] or 0) > 0:
            why = 'as "lower" negates it under normalisation "none"'
            remedy = "an indicator where higher is better"
        else:
            why = "in the data"
            remedy = "leave out the indicator, which has values of 0 or less"
        raise IndicatorValueError(
            f'geometric aggregation needs positive normalised values, but "{column}" is '
            f"{format_number(value)} {why} for ",
            f" — use arithmetic aggregation, or {remedy}",
            indicator=column,
            index=index,
            city=_name(cities, index),
            code="geometric-nonpositive",
        )


def _geometric_problem(
    spec: Spec,
    normalised: Mapping[str, Sequence[float | None]],
    weights: Mapping[str, Sequence[float | None]],
) -> tuple[str, int, float] | None:
    """The first (column, city, value) that geometric aggregation cannot take, if any."""
    for column in spec.columns:
        for index, (n, w) in enumerate(zip(normalised[column], weights[column], strict=True)):
            if n is not None and w is not None and w > 0 and n <= 0:
                return column, index, n
    return None


def _geometric(w: Sequence[float | None], n: Sequence[float | None]) -> tuple[float, list[float]]:
    logs = [
        wi * math.log(ni) if wi is not None and ni is not None and wi > 0 else 0.0
        for wi, ni in zip(w, n, strict=True)
    ]
    total = math.fsum(logs)
    score = math.exp(total)
    size = math.fsum(abs(x) for x in logs)
    if size == 0 or abs(total) <= _CANCELLATION * size:
        return score, [score * (wi or 0.0) for wi in w]
    return score, [score * x / total for x in logs]


def _decimals(largest: float) -> int:
    """Decimal places for figures up to ``largest`` in size (see ``compute``)."""
    if largest == 0 or not math.isfinite(largest):
        return DECIMALS
    exponent = math.floor(math.log10(largest))
    return min(max(DECIMALS, 3 - exponent), 14 - exponent, 20)


def _from_units(decimals: int) -> Callable[[int], float]:
    """Units of ``10**-decimals`` back to the float nearest their exact decimal value."""
    if decimals >= 0:
        divisor = int(10**decimals)
        return divisor.__rtruediv__  # int / int is correctly rounded
    factor = int(10**-decimals)
    return lambda k: float(k * factor)
