"""Composite indices: the index spec, scores built from indicator columns, and their robustness.

The method follows the OECD/JRC *Handbook on Constructing Composite
Indicators* (2008): normalise each indicator, aggregate with weights, explain
each score as a sum of indicator contributions, and test how the ranking
moves when the weights and methods vary (its uncertainty analysis).

``compute`` is pure Python, so explaining one table costs no numpy import;
``robustness`` imports numpy when it runs. Neither this module nor its
callers pay for numpy or tomllib at import time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from cityrank.core.ranking import NotNumeric, column_numbers
from cityrank.errors import CityRankError, DataError, UsageError, quoted_list
from cityrank.model import Entry, Table
from cityrank.numbers import format_number, parse_number

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Normalisation = Literal["minmax", "zscore", "rank", "none"]
Aggregation = Literal["arithmetic", "geometric"]
Direction = Literal["higher", "lower"]
Missing = Literal["error", "renormalise"]

NORMALISATIONS: tuple[Normalisation, ...] = ("minmax", "zscore", "rank", "none")
AGGREGATIONS: tuple[Aggregation, ...] = ("arithmetic", "geometric")
DIRECTIONS: tuple[Direction, ...] = ("higher", "lower")
MISSING: tuple[Missing, ...] = ("error", "renormalise")

#: Decimal places of scores and contributions for data of ordinary size (see ``compute``).
DECIMALS = 4
#: Samples drawn and ranked together by ``robustness``: bounds memory, paces progress.
CHUNK = 1000
#: Below this share of cancellation, geometric contributions fall back to weight shares.
_CANCELLATION = 1e-6

_T = TypeVar("_T", bound=str)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator of an index: a numeric column, its weight, and which way is better.

    Weights are relative: they need not sum to 1 and are rescaled per city.
    """

    column: str
    weight: float
    direction: Direction = "higher"


@dataclass(frozen=True, slots=True)
class Spec:
    """How to build a composite score from indicator columns.

    ``missing="error"`` refuses a city without a value on some indicator;
    ``"renormalise"`` leaves the indicator out of that city's score and
    rescales the city's other weights to sum 1.
    """

    indicators: tuple[Indicator, ...]
    normalisation: Normalisation = "minmax"
    aggregation: Aggregation = "arithmetic"
    missing: Missing = "error"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(i.column for i in self.indicators)


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
    - ``contributions``: points of the score per indicator, rounded to
      ``decimals`` places; they add up to the score exactly as printed by
      ``cityrank.numbers.format_number`` (the rounding is apportioned, so
      each one is within one unit in the last place of its exact value).
    """

    scores: list[float | None]
    normalised: dict[str, list[float | None]]
    weights: dict[str, list[float | None]]
    contributions: dict[str, list[float | None]]
    decimals: int = DECIMALS


@dataclass(frozen=True)
class Robustness:
    """How a composite ranking holds up when weights (and methods) vary.

    Per city, in input order, ``None`` for a city that has no score (see
    ``Composite``). Ranks are competition ranks (1224), 1 is best.
    ``rank_p05``/``rank_p95`` are the 5th and 95th percentiles of its rank
    over the samples, ``median_rank`` the 50th (numpy's linear method);
    ``p_first`` and ``p_top_k`` are fractions of samples (0-1) with rank 1 and
    rank ``<= top_k``. ``mean_spearman`` is the mean Spearman correlation
    between the nominal ranking and each sample's ranking.
    """

    nominal_rank: list[int | None]
    median_rank: list[float | None]
    rank_p05: list[float | None]
    rank_p95: list[float | None]
    p_first: list[float | None]
    p_top_k: list[float | None]
    mean_spearman: float
    samples: int


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


# --------------------------------------------------------------------------- the spec


def parse_weights(text: str) -> Spec:
    """The spec written as ``--weights``: ``COLUMN=WEIGHT`` pairs separated by commas.

    ``rd=0.4,industry=0.3,cost:lower=0.2`` — a column name ending in
    ``:lower`` is an indicator where lower values are better (``:higher``,
    the default, may be written too). Weights are numbers as in score files
    (``0.4``, ``40%``, ``1e-1``) and need not sum to 1. Space around names and
    numbers is ignored, and so is an empty pair (a trailing comma). The other
    settings keep their defaults (minmax, arithmetic, missing values are an
    error). A column whose name holds a comma or ``=`` needs a spec file.

    Raises ``UsageError`` naming the part that is not ``COLUMN=WEIGHT``, a
    weight that is not a finite number or is negative, a repeated column,
    or weights that are all zero.
    """
    example = "e.g. --weights rd=0.4,industry=0.3,cost:lower=0.3"
    indicators: list[Indicator] = []
    for part in text.split(","):
        if not part.strip():
            continue
        name, equals, number = part.rpartition("=")
        if not equals or not name.strip():
            raise UsageError(
                f'--weights: "{part.strip()}" is not COLUMN=WEIGHT — {example}',
                code="bad-weights",
            )
        column, direction = _split_direction(name.strip())
        if not column:
            raise UsageError(
                f'--weights: "{part.strip()}" has no column name before ":" — {example}',
                code="bad-weights",
            )
        try:
            weight = parse_number(number)[0]
        except ValueError as exc:
            raise UsageError(
                f'--weights: "{part.strip()}": the weight "{number.strip()}" is {exc} — '
                f"write a number, {example}",
                code="bad-weights",
            ) from None
        indicators.append(Indicator(column, weight, direction))
    if not indicators:
        raise UsageError(f"--weights has no COLUMN=WEIGHT pairs — {example}", code="bad-weights")
    spec = Spec(tuple(indicators))
    _check_indicators(spec, UsageError, "--weights: ")
    return spec


def format_weights(spec: Spec) -> str:
    """The ``--weights`` text of a spec's indicators (the inverse of ``parse_weights``)."""
    return ",".join(
        f"{i.column}{':lower' if i.direction == 'lower' else ''}={format_number(i.weight)}"
        for i in spec.indicators
    )


def _split_direction(name: str) -> tuple[str, Direction]:
    column, colon, suffix = name.rpartition(":")
    direction = _choice(suffix.strip().lower(), DIRECTIONS)
    if colon and direction is not None:
        return column.strip(), direction
    return name, "higher"


def load_spec(path: Path) -> Spec:
    """Read an index spec from a TOML file.

    The file has an optional ``[index]`` table and the indicators, either as
    an array of tables or as one table per column (both may be used at once;
    the ``[[indicator]]`` entries come first)::

        [index]
        normalisation = "minmax"     # minmax (default) | zscore | rank | none
        aggregation = "arithmetic"   # arithmetic (default) | geometric
        missing = "error"            # error (default) | renormalise

        [[indicator]]
        column = "rd"
        weight = 0.4
        direction = "higher"         # higher (default) | lower

        [indicators]
        industry = 0.3               # just a weight
        cost = { weight = 0.2, direction = "lower" }

    The American spellings ``normalization`` and ``renormalize`` are accepted.

    Raises ``DataError`` with ``file`` (and ``line``/``column`` for a TOML
    syntax error) when the file cannot be read, is not TOML, or does not
    have this shape: an unknown key or value, a weight that is not a finite
    number or is negative, a repeated column, all weights zero, no indicators.
    """
    import tomllib

    from cityrank.io.loader import read_path

    name = str(path)
    data = read_path(path, name, "a TOML spec file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            "is not UTF-8 text — save the spec as UTF-8", file=name, line=line, code="spec-syntax"
        ) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        line_no = col_no = None
        if where:
            line_no, col_no = int(where.group(1)), int(where.group(2))
            message = message[: where.start()]
        raise DataError(
            f"not valid TOML: {message[:1].lower()}{message[1:]} — check the syntax there "
            '(text goes in quotes: column = "rd")',
            file=name,
            line=line_no,
            column=col_no,
            code="spec-syntax",
        ) from None
    spec = _spec_from_document(document, name)
    _check_indicators(spec, DataError, "", file=name)
    return spec


def _spec_from_document(document: dict[str, object], name: str) -> Spec:
    def bad(message: str) -> DataError:
        return DataError(message, file=name, code="bad-spec")

    _known_keys(document, {"index", "indicator", "indicators"}, "the top level", bad)
    index = document.get("index", {})
    if not isinstance(index, dict):
        raise bad('"index" must be a table: write [index] on a line of its own')
    _known_keys(index, {"normalisation", "normalization", "aggregation", "missing"}, "[index]", bad)
    if "normalisation" in index and "normalization" in index:
        raise bad('[index] has both "normalisation" and "normalization" — keep one')
    normalisation = _setting(
        index.get("normalisation", index.get("normalization", "minmax")),
        NORMALISATIONS,
        "normalisation",
        bad,
    )
    aggregation = _setting(index.get("aggregation", "arithmetic"), AGGREGATIONS, "aggregation", bad)
    missing_text = index.get("missing", "error")
    if missing_text == "renormalize":
        missing_text = "renormalise"
    missing = _setting(missing_text, MISSING, "missing", bad)

    indicators: list[Indicator] = []
    listed = document.get("indicator", [])
    if not isinstance(listed, list):
        raise bad('"indicator" must be an array of tables: write [[indicator]] before each one')
    for number, table in enumerate(listed, start=1):
        where = f"[[indicator]] number {number}"
        if not isinstance(table, dict):
            raise bad(f"{where} must be a table with column and weight")
        if "column" not in table:
            raise bad(f'{where} has no column — add column = "NAME"')
        indicators.append(_indicator(table, table["column"], where, bad))
    named = document.get("indicators", {})
    if not isinstance(named, dict):
        raise bad('"indicators" must be a table: write [indicators] and then NAME = WEIGHT lines')
    for key, entry in named.items():
        where = f'[indicators] "{key}"'
        if isinstance(entry, dict):
            indicators.append(_indicator(entry, entry.get("column", key), where, bad))
        elif isinstance(entry, bool) or not isinstance(entry, int | float):
            raise bad(
                f"[indicators] {key} = {_toml(entry)} is not a weight — write a number "
                f"without quotes, e.g. {key} = 0.25, or a table with weight and direction"
            )
        else:
            indicators.append(_indicator({"weight": entry}, key, where, bad))
    if not indicators:
        raise bad(
            "has no indicators — add [[indicator]] tables with column and weight "
            "(or an [indicators] table of NAME = WEIGHT lines)"
        )
    return Spec(tuple(indicators), normalisation, aggregation, missing)


def _indicator(
    table: dict[str, object], column: object, where: str, bad: Callable[[str], DataError]
) -> Indicator:
    _known_keys(table, {"column", "weight", "direction"}, where, bad)
    if not isinstance(column, str) or not column.strip():
        raise bad(f'{where}: column must be a column name in quotes, e.g. column = "rd"')
    if "weight" not in table:
        raise bad(f"{where} has no weight — add weight = 0.25 (any number of 0 or more)")
    weight = table["weight"]
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise bad(
            f"{where}: weight = {_toml(weight)} is not a number — write a number without "
            "quotes, e.g. weight = 0.25"
        )
    direction = _setting(table.get("direction", "higher"), DIRECTIONS, f"{where}: direction", bad)
    return Indicator(column.strip(), float(weight), direction)


def _known_keys(
    table: dict[str, object], known: set[str], where: str, bad: Callable[[str], DataError]
) -> None:
    import difflib

    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = (
                f'did you mean "{close[0]}"?' if close else f"it takes {quoted_list(sorted(known))}"
            )
            raise bad(f'{where} has an unknown key "{key}" — {hint}')


def _setting(
    value: object, options: tuple[_T, ...], what: str, bad: Callable[[str], DataError]
) -> _T:
    chosen = _choice(value, options)
    if chosen is None:
        raise bad(
            f"{what} = {_toml(value)} is not one of {quoted_list(options)} — pick one of them"
        )
    return chosen


def _toml(value: object) -> str:
    """A value as TOML writes it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def _choice(value: object, options: tuple[_T, ...]) -> _T | None:
    for option in options:
        if value == option:
            return option
    return None


def validate_spec(spec: Spec, columns: Sequence[str]) -> None:
    """Check that ``spec`` can be computed on data with these columns.

    Raises ``UsageError`` naming the problem: no indicators, an indicator
    column that is not among ``columns`` (listing them, with a suggestion),
    the same column twice, a weight that is negative or not finite, all
    weights zero, or a setting that is not one of the known values.
    """
    _check_indicators(spec, UsageError, "")
    for what, value, options in (
        ("normalisation", spec.normalisation, NORMALISATIONS),
        ("aggregation", spec.aggregation, AGGREGATIONS),
        ("missing", spec.missing, MISSING),
    ):
        if value not in options:
            raise UsageError(
                f'{what} "{value}" is not one of {quoted_list(options)} — pick one of them',
                code="bad-spec",
            )
    for indicator in spec.indicators:
        if indicator.direction not in DIRECTIONS:
            raise UsageError(
                f'indicator "{indicator.column}": direction "{indicator.direction}" is not '
                f"{quoted_list(DIRECTIONS)} — pick one of them",
                code="bad-spec",
            )
    available = list(columns)
    for indicator in spec.indicators:
        if indicator.column not in available:
            raise UsageError(
                f'indicator "{indicator.column}" is not a column of the data'
                f"{_suggest(indicator.column, available)} — the columns are: "
                f"{quoted_list(available) or '(none)'}",
                code="unknown-column",
            )


def _suggest(name: str, columns: list[str]) -> str:
    import difflib

    for column in columns:
        if column.casefold() == name.casefold():
            return f' (did you mean "{column}"?)'
    column, colon, _ = name.rpartition(":")
    if colon and column in columns:
        return f' (write "{column}:lower" or "{column}:higher" for its direction)'
    close = difflib.get_close_matches(name, columns, n=1)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _check_indicators(
    spec: Spec, error: type[CityRankError], prefix: str, *, file: str | None = None
) -> None:
    if not spec.indicators:
        raise error(f"{prefix}the index has no indicators — give at least one", file=file)
    seen: set[str] = set()
    for indicator in spec.indicators:
        name = indicator.column
        if name in seen:
            raise error(
                f'{prefix}indicator "{name}" is given twice — give each column once',
                file=file,
                code="duplicate-column",
            )
        seen.add(name)
        weight = indicator.weight
        if not math.isfinite(weight):
            raise error(
                f'{prefix}indicator "{name}" has weight {weight} — '
                "a weight must be a finite number",
                file=file,
                code="bad-weight",
            )
        if weight < 0:
            raise error(
                f'{prefix}indicator "{name}" has a negative weight ({format_number(weight)}) — '
                "weights must be 0 or more; for an indicator where less is better, "
                'give it direction "lower"',
                file=file,
                code="negative-weight",
            )
    if all(i.weight == 0 for i in spec.indicators):
        raise error(
            f"{prefix}all weights are zero — give at least one indicator a positive weight",
            file=file,
            code="zero-weights",
        )


# --------------------------------------------------------------------------- compute


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

    The score is rounded to ``decimals`` places and the contributions are
    rounded so that they add up to it exactly (largest remainders get the
    units left over). ``decimals`` is 4, more when the largest figure is
    below 0.1 (so it keeps 4 significant digits), fewer from 1e11 up
    (so every figure has at most 15 significant digits and prints
    exactly).

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
    decimals = _decimals(largest)
    up = 10.0**decimals
    to_float = _from_units(decimals)
    scores: list[float | None] = []
    rows_c: list[list[float | None]] = []
    for w, item in zip(rows_w, exact, strict=True):
        if item is None:
            scores.append(None)
            rows_c.append([None] * len(columns))
            continue
        score, parts = item
        total = round(score * up)
        units = _apportion(total, [x * up for x in parts], w)
        scores.append(to_float(total))
        rows_c.append([None if wi is None else to_float(k) for wi, k in zip(w, units, strict=True)])
    contributions = {c: [row[j] for row in rows_c] for j, c in enumerate(columns)}
    return Composite(scores, normalised, weights, contributions, decimals)


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


def _apportion(total: int, exact: Sequence[float], weights: Sequence[float | None]) -> list[int]:
    """Parts in whole units that add up to ``total``, each its ``exact`` value rounded down or up.

    The units left over after rounding every part down go to the largest
    remainders (ties: the first), among the positively weighted parts.
    """
    units = [math.floor(x) for x in exact]
    left = total - sum(units)
    if left:
        eligible = [j for j, w in enumerate(weights) if w is not None and w > 0]
        order = sorted(
            eligible or range(len(units)), key=lambda j: exact[j] - units[j], reverse=left > 0
        )
        step = 1 if left > 0 else -1
        for n in range(abs(left)):
            units[order[n % len(order)]] += step
    return units


# --------------------------------------------------------------------------- robustness


def robustness(
    spec: Spec,
    values: Mapping[str, Sequence[float | None]],
    *,
    samples: int = 1000,
    seed: int | None = None,
    weight_noise: float = 0.25,
    vary_method: bool = False,
    top_k: int = 3,
    lower_is_better: bool = False,
    progress: Callable[[int], None] | None = None,
    cities: Sequence[str] | None = None,
) -> Robustness:
    """The Handbook's uncertainty analysis of the ranking ``spec`` gives.

    Each sample scales each weight by its own factor drawn from
    U(1 - weight_noise, 1 + weight_noise) (the weights are then rescaled per
    city as in ``compute``). With ``vary_method`` it also draws, uniformly,
    the normalisation among minmax, zscore and rank (and none, only when the
    spec itself uses none: raw values are comparable only if the spec says
    so) and the aggregation among arithmetic and geometric; a geometric draw
    where the drawn normalisation gives some city a non-positive value
    (minmax and rank give the lowest city 0, z-scores are negative below the mean)
    is computed as arithmetic instead.

    Each sample's scores are rounded to the decimals ``compute`` would use
    for that method and ranked with competition ranks (ties share the
    better rank; higher is better unless ``lower_is_better``). The nominal
    ranking is the spec's own, computed the same way, so with
    ``weight_noise=0`` and no ``vary_method`` every sample reproduces it.
    Spearman's correlation is Pearson's on average ranks (so ties count
    correctly); a sample ranked exactly as the nominal ranking counts 1, a
    constant ranking against a different one 0.

    Samples are drawn in chunks of ``CHUNK`` from
    ``numpy.random.default_rng(seed)``: the same seed and arguments give the
    same result. ``progress(done)`` is called after each chunk. Memory: 4
    bytes per sample per city for the ranks.

    Raises ``UsageError`` for ``samples`` or ``top_k`` below 1 or
    ``weight_noise`` outside [0, 1), and whatever ``compute`` raises for the
    spec and values.
    """
    import numpy as np

    if samples < 1:
        raise UsageError(
            f"--samples {samples}: give 1 or more (1000 is typical)", code="bad-option"
        )
    if top_k < 1:
        raise UsageError(f"--top-k {top_k}: give 1 or more", code="bad-option")
    if not 0 <= weight_noise < 1:
        raise UsageError(
            f"--weight-noise {format_number(weight_noise)}: give a number from 0 up to (not "
            "including) 1 — 0.25 scales each weight by a factor from 0.75 to 1.25",
            code="bad-option",
        )
    nominal = compute(spec, values, cities=cities)
    count = len(nominal.scores)
    ranked = np.array([s is not None for s in nominal.scores], dtype=bool)
    kept = int(ranked.sum())
    if kept == 0:
        return Robustness(
            nominal_rank=[None] * count,
            median_rank=[None] * count,
            rank_p05=[None] * count,
            rank_p95=[None] * count,
            p_first=[None] * count,
            p_top_k=[None] * count,
            mean_spearman=1.0,
            samples=samples,
        )

    norms: tuple[Normalisation, ...] = (spec.normalisation,)
    aggs: tuple[Aggregation, ...] = (spec.aggregation,)
    if vary_method:
        norms = ("minmax", "zscore", "rank") + (("none",) if spec.normalisation == "none" else ())
        aggs = AGGREGATIONS
    methods: dict[tuple[int, int], _Method] = {}
    for a, aggregation in enumerate(aggs):
        for n, normalisation in enumerate(norms):
            variant = replace(spec, normalisation=normalisation, aggregation=aggregation)
            if (normalisation, aggregation) == (spec.normalisation, spec.aggregation):
                composite = nominal
            else:
                try:
                    composite = compute(variant, values, cities=cities)
                except IndicatorValueError as exc:
                    if exc.code != "geometric-nonpositive":
                        raise
                    methods[n, a] = methods[n, 0]  # geometric cannot apply: arithmetic
                    continue
            methods[n, a] = _Method.build(variant, composite, ranked)

    weights = np.array([i.weight for i in spec.indicators], dtype=np.float64)
    base = methods[norms.index(spec.normalisation), aggs.index(spec.aggregation)]
    nominal_scores = base.scores(weights[None, :])
    nominal_comp, nominal_avg = _ranks(nominal_scores, lower_is_better)
    centre = (kept + 1) / 2
    nominal_dev = nominal_avg[0] - centre
    nominal_var = float(nominal_dev @ nominal_dev)

    rng = np.random.default_rng(seed)
    all_ranks = np.empty((samples, kept), dtype=np.int32)
    spearman_total = 0.0
    done = 0
    while done < samples:
        size = min(CHUNK, samples - done)
        factors = rng.uniform(1 - weight_noise, 1 + weight_noise, size=(size, len(weights)))
        drawn = weights * factors
        if vary_method:
            norm_draw = rng.integers(len(norms), size=size)
            agg_draw = rng.integers(len(aggs), size=size)
        else:
            norm_draw = np.zeros(size, dtype=np.int64)
            agg_draw = np.zeros(size, dtype=np.int64)
        scores = np.empty((size, kept), dtype=np.float64)
        for (n, a), method in methods.items():
            rows = np.flatnonzero((norm_draw == n) & (agg_draw == a))
            if rows.size:
                scores[rows] = method.scores(drawn[rows])
        comp, avg = _ranks(scores, lower_is_better)
        all_ranks[done : done + size] = comp
        dev = avg - centre
        sample_var = np.einsum("ij,ij->i", dev, dev)
        denominator = np.sqrt(sample_var * nominal_var)
        with np.errstate(divide="ignore", invalid="ignore"):
            rho = np.where(denominator > 0, (dev @ nominal_dev) / denominator, 0.0)
        rho = np.where((avg == nominal_avg).all(axis=1), 1.0, rho)
        spearman_total += math.fsum(rho.tolist())
        done += size
        if progress is not None:
            progress(done)

    p05, median, p95 = np.percentile(all_ranks, [5, 50, 95], axis=0, method="linear")
    firsts = (all_ranks == 1).sum(axis=0) / samples
    tops = (all_ranks <= top_k).sum(axis=0) / samples
    positions = np.flatnonzero(ranked).tolist()
    return Robustness(
        nominal_rank=_spread(positions, nominal_comp[0].tolist(), count),
        median_rank=_spread(positions, median.tolist(), count),
        rank_p05=_spread(positions, p05.tolist(), count),
        rank_p95=_spread(positions, p95.tolist(), count),
        p_first=_spread(positions, firsts.tolist(), count),
        p_top_k=_spread(positions, tops.tolist(), count),
        mean_spearman=spearman_total / samples,
        samples=samples,
    )


def _ranks(
    scores: NDArray[np.float64], lower_is_better: bool
) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
    """Competition ranks (1224) and average ranks (1 2.5 2.5 4) of each row, best is 1."""
    import numpy

    rows, cities = scores.shape
    keys = scores if lower_is_better else -scores
    order = numpy.argsort(keys, axis=1)  # tie order is irrelevant: ties share a rank
    ordered = numpy.take_along_axis(keys, order, axis=1)
    starts = numpy.ones((rows, cities), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    ends = numpy.ones((rows, cities), dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    position = numpy.arange(cities)
    first = numpy.maximum.accumulate(numpy.where(starts, position, 0), axis=1)
    last = numpy.minimum.accumulate(numpy.where(ends, position, cities - 1)[:, ::-1], axis=1)[
        :, ::-1
    ]
    competition = numpy.empty((rows, cities), dtype=numpy.int32)
    numpy.put_along_axis(competition, order, (first + 1).astype(numpy.int32), axis=1)
    average = numpy.empty((rows, cities), dtype=numpy.float64)
    numpy.put_along_axis(average, order, (first + last) / 2 + 1, axis=1)
    return competition, average


_N = TypeVar("_N", int, float)


def _spread(positions: list[int], kept: list[_N], count: int) -> list[_N | None]:
    """Values of the ranked cities put back at their positions, ``None`` elsewhere."""
    result: list[_N | None] = [None] * count
    for position, value in zip(positions, kept, strict=True):
        result[position] = value
    return result


@dataclass(frozen=True)
class _Method:
    """One normalisation and aggregation, ready to score many weight vectors at once.

    ``values`` is cities x indicators: normalised values (arithmetic) or
    their logs (geometric), 0 where missing; ``present`` marks values that
    exist; ``scale`` is ``10**decimals`` for rounding the scores.
    """

    values: NDArray[np.float64]
    present: NDArray[np.float64]
    complete: bool
    geometric: bool
    scale: float

    @classmethod
    def build(cls, spec: Spec, composite: Composite, ranked: NDArray[np.bool_]) -> _Method:
        import numpy

        columns = spec.columns
        table = numpy.array(
            [[x if x is not None else numpy.nan for x in composite.normalised[c]] for c in columns],
            dtype=numpy.float64,
        ).T[ranked]
        present = ~numpy.isnan(table)
        positive = numpy.array([i.weight > 0 for i in spec.indicators])
        table = numpy.where(present, table, 0.0)
        geometric = spec.aggregation == "geometric"
        if geometric:
            usable = present & positive[None, :]
            table = numpy.log(numpy.where(usable, table, 1.0))
        return cls(
            values=numpy.ascontiguousarray(table),
            present=present.astype(numpy.float64),
            complete=bool(present.all()),
            geometric=geometric,
            scale=10.0**composite.decimals,
        )

    def scores(self, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Rounded scores (in units of the last decimal), samples x cities.

        Each element is built by the same sequence of float operations,
        whatever its row or column, so equal inputs give equal scores.
        """
        import numpy

        samples, indicators = weights.shape
        total = numpy.zeros((samples, self.values.shape[0]), dtype=numpy.float64)
        if self.complete:
            norm = weights[:, 0].copy()
            for j in range(1, indicators):
                norm += weights[:, j]
            shares = weights / norm[:, None]
            for j in range(indicators):
                total += numpy.multiply.outer(shares[:, j], self.values[:, j])
        else:
            mass = numpy.zeros_like(total)
            for j in range(indicators):
                total += numpy.multiply.outer(weights[:, j], self.values[:, j])
                mass += numpy.multiply.outer(weights[:, j], self.present[:, j])
            total /= mass
        if self.geometric:
            numpy.exp(total, out=total)
        total *= self.scale
        return numpy.rint(total, out=total)


# --- tables -------------------------------------------------------------------


@dataclass(frozen=True)
class Explained:
    """One edition's composite: the spec, its entries (in ``result``'s order) and the result."""

    spec: Spec
    entries: tuple[Entry, ...]
    result: Composite
    raw: dict[str, list[float | None]]

    def index(self, entry: Entry) -> int:
        """Position of ``entry`` in this edition's lists (by key)."""
        for i, e in enumerate(self.entries):
            if e.key == entry.key:
                return i
        raise KeyError(entry.city)


def indicator_values(
    table: Table, entries: Sequence[Entry], spec: Spec
) -> dict[str, list[float | None]]:
    """Each indicator column's values for ``entries``, as numbers (``None`` when empty).

    Raises ``DataError`` naming the file, line and column of a cell that is
    not a number.
    """
    validate_spec(spec, table.extra_columns)
    values: dict[str, list[float | None]] = {}
    for column in spec.columns:
        try:
            values[column] = column_numbers(entries, table.extra_columns.index(column))
        except NotNumeric as bad:
            raise DataError(
                f'indicator "{column}" of {bad.entry.city} is "{bad.cell}", {bad.reason} — '
                "write a number, or leave it empty and use --missing renormalise",
                file=bad.entry.file,
                line=bad.entry.line,
                code="bad-indicator",
            ) from None
    return values


def apply_composite(table: Table, spec: Spec) -> Table:
    """``table`` with each entry's score replaced by its composite, edition by edition.

    Normalisation is within each edition. The result remembers how each
    score was made (``Table.composite``), for ``show`` and ``compare``.
    """
    entries: list[Entry] = []
    explained: dict[str | None, Explained] = {}
    for year in table.years or (None,):
        group = table.entries_for(year)
        values = indicator_values(table, group, spec)
        try:
            result = compute(spec, values, cities=[e.city for e in group])
        except IndicatorValueError as exc:
            entry = group[exc.index]
            raise DataError(exc.message, file=entry.file, line=entry.line, code=exc.code) from None
        scored = tuple(
            e._replace(score=s, decimals=result.decimals)
            for e, s in zip(group, result.scores, strict=True)
        )
        entries.extend(scored)
        explained[year] = Explained(spec, scored, result, values)
    return replace(
        table,
        entries=tuple(entries),
        score_column="composite",
        composite=explained,
        warnings=table.warnings,
    )
