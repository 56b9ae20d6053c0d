"""One row per city and edition: a second row is an error, or ``--on-duplicate`` keeps one.

Rules: ``error`` (the default) names both lines; ``first`` and ``last`` keep
the row that comes first or last in the file; ``max`` and ``min`` the one
with the highest or lowest score (a row without a score only when no row of
the city has one; between equal scores, the first). One warning says how
many cities had several rows and which rule chose.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Protocol

from cityrank.errors import CityRankError, DataError, place
from cityrank.model import Columns, Entry, LoadOptions

RULES = ("error", "first", "last", "max", "min")


class Values(Protocol):
    def __getitem__(self, row: int, /) -> float | None: ...


def one_row_per_city(
    columns: Columns,
    keys: Sequence[str],
    years: Sequence[str | None],
    good: Sequence[int],
    values: Values,
    options: LoadOptions,
    name: Callable[[int], str] | None = None,
) -> tuple[dict[int, CityRankError], set[int], str | None]:
    """Among the rows ``good``, the errors for second rows of a city in an edition (rule
    ``error``), or the rows the rule leaves out, and the warning saying so. ``name`` is a
    row's name in the errors (default: its city cell)."""
    if _distinct(keys, years, good) == len(good):
        return {}, set(), None
    groups: dict[tuple[str | None, str], list[int]] = {}
    for i in good:
        groups.setdefault((years[i], keys[i]), []).append(i)
    several = [rows for rows in groups.values() if len(rows) > 1]
    rule = options.on_duplicate
    if rule == "error":
        errors: dict[int, CityRankError] = {}
        city = name or columns.city.__getitem__
        for rows in several:
            first = _entry(columns, rows[0], years, city)
            for i in rows[1:]:
                errors[i] = duplicate_error(first, _entry(columns, i, years, city))
        return errors, set(), None
    dropped = {i for rows in several for i in rows if i != keep(rows, values, rule)}
    cities = f"{len(several):,} {'city has' if len(several) == 1 else 'cities have'}"
    note = (
        f"{cities} several rows in one edition: kept the {_RULE_WORDS[rule]} of each "
        f"(--on-duplicate {rule}), left out {len(dropped):,}"
    )
    return {}, dropped, note


_RULE_WORDS = {
    "first": "first row",
    "last": "last row",
    "max": "highest score",
    "min": "lowest score",
}


def keep(rows: Sequence[int], values: Values, rule: str) -> int:
    """The row of ``rows`` (one city's, in file order) that ``rule`` keeps."""
    if rule == "first":
        return rows[0]
    if rule == "last":
        return rows[-1]
    scored = [i for i in rows if values[i] is not None]
    if not scored:
        return rows[0]
    if rule == "max":
        return max(scored, key=lambda i: (values[i], -i))
    return min(scored, key=lambda i: (values[i], i))


def _distinct(keys: Sequence[str], years: Sequence[str | None], good: Sequence[int]) -> int:
    if len(set(years)) <= 1:
        return len(set(keys)) if len(good) == len(keys) else len({keys[i] for i in good})
    return len({(years[i], keys[i]) for i in good})


def _entry(
    columns: Columns, i: int, years: Sequence[str | None], city: Callable[[int], str]
) -> Entry:
    return Entry(city(i), "", None, 0, years[i], columns.lines[i], columns.source)


def duplicate_error(first: Entry, second: Entry) -> DataError:
    """The error for ``second``, a city already listed as ``first`` in the same edition."""
    edition = f" in {second.year}" if second.year is not None else ""
    here = f"line {first.line}" if first.file == second.file else place(first.file, first.line)
    if first.city == second.city:
        same = ""
    elif unicodedata.normalize("NFC", first.city) == unicodedata.normalize("NFC", second.city):
        same = " (the same name in another Unicode form)"
    else:
        same = f' ("{first.city}")'
    return DataError(
        f'duplicate city "{second.city}"{edition}: same as {here}{same} — '
        "keep one row per city and year, or choose one with --on-duplicate "
        "first|last|max|min",
        file=second.file,
        line=second.line,
        code="duplicate-city",
    )
