"""Several files' tables as one: editions kept apart, a city once per edition, columns united."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TypeVar

from cityrank.core.duplicates import duplicate_error, keep
from cityrank.core.keys import qualified_entry
from cityrank.errors import DataError, Problems
from cityrank.model import Rows, Table

_T = TypeVar("_T")


def merge(tables: Sequence[Table], problems: Problems, rule: str = "error") -> Table:
    """One table from several files: rows one after the other, extra columns as their union.

    Each edition must come from one file; files without any edition are read
    together as one. A city in two files' same edition is a duplicate.
    """
    if len(tables) == 1:
        return tables[0]
    _check_editions(tables, problems)
    extra: list[str] = []
    for table in tables:
        extra.extend(c for c in table.extra_columns if c not in extra)
    kept = _kept_rows(tables, problems, rule)
    parts = [table.rows for table in tables]
    offsets = list(itertools.accumulate((len(p.values) for p in parts), initial=0))
    rows = Rows(
        city=_chain(p.city for p in parts),
        key=_chain(p.key for p in parts),
        score=_chain(
            list(map(offset.__add__, p.score))
            for p, offset in zip(parts, offsets[:-1], strict=True)
        ),
        values=_chain(p.values for p in parts),
        decimals=_chain(p.decimals for p in parts),
        year=_chain(p.year for p in parts),
        line=_chain(p.line for p in parts),
        file=_chain(p.file for p in parts),
        aliases=(
            _chain(p.aliases or [()] * len(p) for p in parts)
            if any(p.aliases is not None for p in parts)
            else None
        ),
        extra=tuple(_chain(_column(t, c) for t in tables) for c in extra),
        exact=(
            _chain(p.exact if p.exact is not None else p.values for p in parts)
            if any(p.exact is not None for p in parts)
            else None
        ),
    )
    if any(len(k) != len(t.rows) for k, t in zip(kept, tables, strict=True)):
        rows = rows.take(
            [i + offset for k, offset in zip(kept, _starts(tables)[:-1], strict=True) for i in k],
        )
    first = tables[0]
    year_columns = {t.year_column for t in tables} - {None}
    return Table(
        rows=rows,
        source=", ".join(t.source for t in tables),
        city_column=first.city_column,
        score_column=first.score_column,
        year_column=next(iter(year_columns)) if len(year_columns) == 1 else first.year_column,
        extra_columns=tuple(extra),
        title=first.title if len({t.title for t in tables}) == 1 else None,
        citation=first.citation if len({t.citation for t in tables}) == 1 else None,
        warnings=tuple(w for t in tables for w in t.warnings),
        key_columns=tuple(dict.fromkeys(c for t in tables for c in t.key_columns)),
    )


def _chain(parts: Iterable[Iterable[_T]]) -> list[_T]:
    return list(itertools.chain.from_iterable(parts))


def _starts(tables: Sequence[Table]) -> list[int]:
    return list(itertools.accumulate((len(t.rows) for t in tables), initial=0))


def _column(table: Table, name: str) -> Sequence[str]:
    if name in table.extra_columns:
        return table.rows.extra[table.extra_columns.index(name)]
    return [""] * len(table.rows)


def _kept_rows(tables: Sequence[Table], problems: Problems, rule: str) -> list[list[int]]:
    """Per table, its rows whose city is not in an earlier file's same edition; with a rule
    of ``--on-duplicate`` other than ``error``, the row of each city that the rule keeps."""
    seen: dict[tuple[str | None, str], list[tuple[int, int]]] = {}
    for t, table in enumerate(tables):
        for i, pair in enumerate(zip(table.rows.year, table.rows.key, strict=True)):
            seen.setdefault(pair, []).append((t, i))
    dropped: set[tuple[int, int]] = set()
    several = [places for places in seen.values() if len({t for t, _ in places}) > 1]
    for places in several:
        if rule == "error":
            (t, j), later = places[0], places[1:]
            for u, i in later:
                first = qualified_entry(tables[t], tables[t].rows.entry(j))
                second = qualified_entry(tables[u], tables[u].rows.entry(i))
                problems.error(duplicate_error(first, second))
            dropped.update(later)
            continue
        values = [tables[t].rows.values[tables[t].rows.score[i]] for t, i in places]
        chosen = keep(range(len(places)), values, rule)
        dropped.update(p for n, p in enumerate(places) if n != chosen)
    if several and rule != "error":
        problems.warn(
            DataError(
                f"{len(several):,} {'city is' if len(several) == 1 else 'cities are'} in "
                f"several files' same edition: kept the row --on-duplicate {rule} chose",
                file=", ".join(t.source for t in tables),
                code="duplicates-kept",
            )
        )
    return [
        [i for i in range(len(table.rows)) if (t, i) not in dropped]
        for t, table in enumerate(tables)
    ]


def _check_editions(tables: Sequence[Table], problems: Problems) -> None:
    owner: dict[str, Table] = {}
    dated = [t for t in tables if t.years]
    if dated and len(dated) < len(tables):
        undated = next(t for t in tables if not t.years)
        problems.error(
            DataError(
                f"has no year column and no year in its name, while {dated[0].source} has "
                f"editions — give it one with --label {undated.source}=YEAR",
                file=undated.source,
                code="no-edition",
            )
        )
    for table in dated:
        for year in table.years:
            other = owner.setdefault(year, table)
            if other is not table:
                problems.error(
                    DataError(
                        f"edition {year} is also in {other.source} — each edition must come "
                        "from one file; merge them, or relabel one with --label FILE=LABEL",
                        file=table.source,
                        code="edition-clash",
                    )
                )
