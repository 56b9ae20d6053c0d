"""A spec from the document a TOML spec file holds: its shape checked, key by key."""

from __future__ import annotations

from collections.abc import Callable

from cityrank.core.composite.spec import (
    _T,
    AGGREGATIONS,
    DIRECTIONS,
    MISSING,
    NORMALISATIONS,
    Indicator,
    Spec,
    _choice,
)
from cityrank.errors import DataError, quoted_list


def spec_from_document(document: dict[str, object], name: str) -> Spec:
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
