"""A composite index's spec: its indicators, weights, directions and methods, and their checks."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from cityrank.errors import CityRankError, UsageError, quoted_list
from cityrank.numbers import format_number, parse_number

Normalisation = Literal["minmax", "zscore", "rank", "none"]
Aggregation = Literal["arithmetic", "geometric"]
Direction = Literal["higher", "lower"]
Missing = Literal["error", "renormalise"]

NORMALISATIONS: tuple[Normalisation, ...] = ("minmax", "zscore", "rank", "none")
AGGREGATIONS: tuple[Aggregation, ...] = ("arithmetic", "geometric")
DIRECTIONS: tuple[Direction, ...] = ("higher", "lower")
MISSING: tuple[Missing, ...] = ("error", "renormalise")

#: Decimal places of scores and contributions for data of ordinary size (see ``compute``).
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
    #: Places of the scores and contributions (``--decimals``); ``None``: as ``compute`` says.
    decimals: int | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(i.column for i in self.indicators)


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
    check_indicators(spec, UsageError, "--weights: ")
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
    check_indicators(spec, UsageError, "")
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


def check_indicators(
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
