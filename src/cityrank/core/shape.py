"""Columns as read to a ``Table``: each row checked, keyed and scored, duplicates refused.

Everything here works on whole columns and on the distinct texts of the
score and year columns, whichever reader made them; a row goes through
Python on its own only to be reported. Problems are reported in line order,
one per row (the first of: empty city, empty year, score), then the
duplicates, as a reader going row by row would find them.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from itertools import repeat
from typing import cast

from cityrank.core.duplicates import duplicate_error, one_row_per_city
from cityrank.core.keys import keyed
from cityrank.core.lookalike import lookalikes
from cityrank.core.lookup import keys_of, split_aliases
from cityrank.core.vector import arrow, by_value, plain_numbers
from cityrank.errors import CityRankError, DataError, Problems
from cityrank.model import Coded, Columns, LoadOptions, Rows, Table
from cityrank.numbers import decimal_point, inexact, parse_number, parse_plain


def shape(columns: Columns, options: LoadOptions, problems: Problems) -> Table:
    """One file's columns as a table (see the module's docstring for the order of problems)."""
    n = len(columns.city)
    bad: dict[int, CityRankError] = {}
    _check_cities(columns, bad)
    years = _years(columns, bad)
    codes, values, decimals, unranked = _scores(columns, options, bad)
    names = keys = keys_of(columns.city)
    # Duplicates, files and editions match cities by the full key of --key.
    key = keyed(columns, options.key) if options.key else None
    if key is not None:
        keys = key.keys
    good: Sequence[int] = range(n)
    if bad:
        good = [i for i in range(n) if i not in bad]
    row_values = _RowValues(codes, values)
    duplicates, dropped, note = one_row_per_city(
        columns, keys, years, good, row_values, options, key.name if key is not None else None
    )
    for i, problem in duplicates.items():
        bad.setdefault(i, problem)
    if duplicates or dropped:
        good = [i for i in good if i not in duplicates and i not in dropped]
    _report(columns, bad, problems)
    footnotes = _footnotes(columns, options, problems)
    if len(good) != n:
        unranked = sum(1 for i in good if values[codes[i]] is None)
    rows = _rows(columns, good, keys, years, codes, values, decimals)
    named = None if keys is names else _kept(names, good)  # look-alikes are by name
    alike = lookalikes(rows, columns.source, problems, named)
    warnings = [f"{columns.source}: {w}" for w in alike]
    for said in columns.notes:
        problems.warn(DataError(said, file=columns.source, code="decimal-comma"))
    warnings[:0] = [*(f"{columns.source}: {said}" for said in columns.notes), *footnotes]
    if note:
        warnings.append(f"{columns.source}: {note}")
        problems.warn(DataError(note, file=columns.source, code="duplicates-kept"))
    if unranked:
        message = (
            f"{unranked} {'row has' if unranked == 1 else 'rows have'} no score and "
            f"{'is' if unranked == 1 else 'are'} listed unranked "
            "(use --strict to make this an error)"
        )
        warnings.append(f"{columns.source}: {message}")
        problems.warn(DataError(message, file=columns.source, code="unranked"))
    return Table(
        rows=rows,
        source=columns.source,
        city_column=columns.city_column,
        score_column=columns.score_column,
        year_column=columns.year_column,
        extra_columns=columns.extra_columns,
        warnings=tuple(warnings),
        key_columns=key.columns if key is not None else (),
    )


def _error(columns: Columns, i: int, message: str, column: int | None, code: str) -> DataError:
    return DataError(message, file=columns.source, line=columns.lines[i], column=column, code=code)


def _check_cities(columns: Columns, bad: dict[int, CityRankError]) -> None:
    if all(map(str.strip, columns.city)):
        return
    at = columns.positions[0] + 1
    message = f'empty city name in column "{columns.city_column}" — fill it in or delete the row'
    for i, city in enumerate(columns.city):
        if not city.strip():
            bad[i] = _error(columns, i, message, at, "empty-city")


def _years(columns: Columns, bad: dict[int, CityRankError]) -> Sequence[str | None]:
    """Each row's edition: its year cell, stripped, else the file's label."""
    year = columns.year
    if year is None:
        return [columns.edition] * len(columns.city)
    labels = [text.strip() for text in year.texts]
    interned = dict(zip(labels, labels, strict=True))  # one string per edition
    per_code = [interned[label] for label in labels]
    if "" in interned:
        at = (columns.positions[2] or 0) + 1
        message = (
            f'empty year in column "{columns.year_column}" while other rows have one — '
            "fill it in, or choose another column with --year-col"
        )
        for i, code in enumerate(year.codes):
            if not per_code[code]:
                bad.setdefault(i, _error(columns, i, message, at, "empty-year"))
    return list(map(per_code.__getitem__, year.codes))


#: What published tables write for a missing value (casefolded), for the hint to use --na.
MISSING_MARKERS = frozenset({"..", "...", "na", "n/a", "n.a.", "-", "—", "–", "null", "nan", "x"})


def _read_score(text: str, name: str) -> tuple[float | None, int, tuple[str, str] | None]:
    """The value and decimals of one score text, or the message and problem code refusing it.

    Refused: what is not a number, and a number a float would keep as another one
    (``9007199254740993`` read as ``…992``, ``0.1e-400`` as ``0``).
    """
    try:
        value, places = parse_number(text)
    except ValueError as exc:
        fix = "write a plain number such as 88 or 91.2"
        if decimal_point(text) is not None:
            fix = "if its comma is a decimal mark, add --decimal-comma"
        elif text.strip().casefold() in MISSING_MARKERS:
            fix = f"if it marks a missing value, add --na '{text.strip()}'"
        return None, 0, (f'score "{text}" in column "{name}" is {exc} — {fix}', "bad-number")
    read_as = inexact(text, value)
    if read_as is None:
        return value, places, None
    why = "is too close to zero to be kept" if value == 0 else "has more digits than a number keeps"
    message = (
        f'score "{text}" in column "{name}" {why}: it would be ranked as {read_as} — '
        "round it to 15 significant digits, or rescale the column"
    )
    return None, 0, (message, "inexact-number")


def _scores(
    columns: Columns, options: LoadOptions, bad: dict[int, CityRankError]
) -> tuple[Sequence[int], Sequence[float | None], Sequence[int], int]:
    """Score codes per row, the value and decimals of each code, and how many rows have none."""
    score = columns.score
    if score is None:  # no score column (a composite index): every row unranked for now
        return [0] * len(columns.city), [None], [0], 0
    values: list[float | None] = []
    decimals: list[int] = []
    wrong: dict[int, tuple[str, str]] = {}  # code → (message, problem code)
    blank: set[int] = set()
    name = columns.score_column
    missing = frozenset(options.na)
    texts = score.texts
    fast = arrow(len(texts)) if not missing else None
    plain_all = plain_numbers(*fast, texts) if fast is not None else None
    if plain_all is not None:  # all at once, in Arrow: kept as Arrow columns
        if len(plain_all[0]) < _MANY_CODES:
            return score.codes, plain_all[0], plain_all[1], 0
        return (*_by_value(score.codes, *plain_all), 0)
    # Plain numbers are read a batch at a time; a batch holding anything else (a blank, a
    # missing marker, a number to refuse) is read text by text.
    for start in range(0, len(texts), _BATCH):
        batch = texts[start : start + _BATCH]
        plain = parse_plain(batch)
        if plain is not None and (not missing or missing.isdisjoint(map(str.strip, batch))):
            values.extend(plain[0])
            decimals.extend(plain[1])
        else:
            _read_scores(batch, start, options, name, values, decimals, wrong, blank)
    unranked = 0
    if wrong or blank:
        at = columns.positions[1] + 1
        for i, code in enumerate(score.codes):
            if code in wrong:
                message, problem = wrong[code]
                bad.setdefault(i, _error(columns, i, message, at, problem))
            elif code in blank and i not in bad:
                unranked += 1
    if len(values) < _MANY_CODES:
        return score.codes, values, decimals, unranked
    return (*_by_value(score.codes, values, decimals), unranked)


#: From this many score codes on they are numbered in value order (fewer fit in a cache:
#: numbering them again would only cost a pass over the rows).
_MANY_CODES = 4096


def _by_value(
    codes: Sequence[int], values: Sequence[float | None], decimals: Sequence[int]
) -> tuple[Sequence[int], Sequence[float | None], Sequence[int]]:
    """The score codes numbered again in the order of their values, highest first (those
    without a value last), with their values and decimals.

    Ranking visits the codes in that order: with as many codes as rows (nearly
    every score distinct), codes in file order would send it back and forth
    through memory at every step.
    """
    fast = arrow(len(codes))
    if fast is not None:
        return by_value(*fast, codes, values, decimals)
    known: Sequence[int] = range(len(values))
    if None in values:
        known = list(itertools.compress(known, map(operator.is_not, values, repeat(None))))
    scores = cast("Sequence[float]", values)  # read only where known
    order = sorted(known, key=scores.__getitem__, reverse=True)
    if len(order) < len(values):
        order += [c for c in range(len(values)) if values[c] is None]
    number = [0] * len(values)
    for new, old in enumerate(order):
        number[old] = new
    return (
        list(map(number.__getitem__, codes)),
        list(map(values.__getitem__, order)),
        list(map(decimals.__getitem__, order)),
    )


#: Distinct score texts read at once by ``parse_plain``.
_BATCH = 4096


def _read_scores(
    texts: Sequence[str],
    start: int,
    options: LoadOptions,
    name: str,
    values: list[float | None],
    decimals: list[int],
    wrong: dict[int, tuple[str, str]],
    blank: set[int],
) -> None:
    """Read ``texts``, the score codes from ``start``, one by one: their values and decimals
    appended, the codes refused put in ``wrong`` and the missing ones in ``blank``."""
    missing = frozenset(options.na)
    for code, text in enumerate(texts, start):
        value, places = None, 0
        if text.strip() and text.strip() not in missing:
            value, places, refused = _read_score(text, name)
            if refused is not None:
                wrong[code] = refused
        elif options.strict:
            what = f'missing score "{text.strip()}"' if text.strip() else "empty score"
            wrong[code] = (
                f'{what} in column "{name}" — fill it in, '
                "or drop --strict to list the city unranked",
                "empty-score",
            )
        else:
            blank.add(code)
        values.append(value)
        decimals.append(places)


class _RowValues:
    """Row ``i``'s score value, through its score code (a sequence without copying)."""

    def __init__(self, codes: Sequence[int], values: Sequence[float | None]) -> None:
        self.codes, self.values = codes, values

    def __getitem__(self, i: int) -> float | None:
        return self.values[self.codes[i]]


def _footnotes(columns: Columns, options: LoadOptions, problems: Problems) -> list[str]:
    """The warning for the footnotes the reader left out (an error with ``--strict``)."""
    if columns.footer is None:
        return []
    line, count = columns.footer
    lines = f"{count:,} line{'s' if count != 1 else ''}"
    if options.strict:
        problems.error(
            DataError(
                f"footnotes after a blank line ({lines}) — remove them, or drop --strict "
                "to leave them out",
                file=columns.source,
                line=line,
                code="footnotes",
            )
        )
        return []
    message = f"footnotes from line {line:,} ignored ({lines})"
    problems.warn(DataError(message, file=columns.source, line=line, code="footnotes"))
    return [f"{columns.source}: {message}"]


def _report(columns: Columns, bad: dict[int, CityRankError], problems: Problems) -> None:
    """Every problem of the file in line order; the one that stopped the reader last."""
    found: list[tuple[int, BaseException]] = [(columns.lines[i], e) for i, e in bad.items()]
    found.extend(columns.rejected)
    found.sort(key=lambda pair: pair[0])
    for _, problem in found:
        assert isinstance(problem, CityRankError)
        problems.error(problem)
    if columns.pending is not None:
        raise columns.pending


def _kept(cells: Sequence[str], good: Sequence[int]) -> Sequence[str]:
    return cells if isinstance(good, range) else list(map(cells.__getitem__, good))


def _rows(
    columns: Columns,
    good: Sequence[int],
    keys: list[str],
    years: Sequence[str | None],
    codes: Sequence[int],
    values: Sequence[float | None],
    decimals: Sequence[int],
) -> Rows:
    aliases = None
    if columns.aliases is not None:
        aliases = list(map(split_aliases, _kept(columns.aliases, good)))
    kept = isinstance(good, range)
    return Rows(
        city=_kept(columns.city, good),
        key=keys if kept else list(map(keys.__getitem__, good)),
        score=codes if kept else list(map(codes.__getitem__, good)),
        values=values,
        decimals=decimals,
        year=years if kept else list(map(years.__getitem__, good)),
        line=columns.lines if kept else list(map(columns.lines.__getitem__, good)),
        file=[columns.source] * len(good),
        aliases=aliases,
        extra=tuple(_kept(column, good) for column in columns.extra),
    )


__all__ = ["Coded", "duplicate_error", "lookalikes", "shape"]
