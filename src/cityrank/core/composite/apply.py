"""Making a table's scores a composite index, edition by edition, from its indicator columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields as dataclass_fields

from cityrank.core.composite.compute import IndicatorValueError, compute
from cityrank.core.composite.spec import Spec, validate_spec
from cityrank.core.composite.table import CompositeTable, Explained
from cityrank.core.shape import MISSING_MARKERS
from cityrank.core.stats import NotNumeric, column_numbers
from cityrank.errors import DataError
from cityrank.model import Entry, Table, rows_of


def indicator_values(
    table: Table, entries: Sequence[Entry], spec: Spec, na: Sequence[str] = ()
) -> dict[str, list[float | None]]:
    """Each indicator column's values for ``entries``, as numbers (``None`` when empty or
    one of the ``na`` markers, ``--na``).

    Raises ``DataError`` naming the file, line and column of a cell that is
    not a number.
    """
    validate_spec(spec, table.extra_columns)
    values: dict[str, list[float | None]] = {}
    for column in spec.columns:
        try:
            values[column] = column_numbers(entries, table.extra_columns.index(column), na)
        except NotNumeric as bad:
            fix = "write a number, or leave it empty and use --missing renormalise"
            if bad.cell.strip().casefold() in MISSING_MARKERS:
                fix = f"if it marks a missing value, add --na '{bad.cell.strip()}'"
            raise DataError(
                f'indicator "{column}" of {bad.entry.city} is "{bad.cell}", {bad.reason} — {fix}',
                file=bad.entry.file,
                line=bad.entry.line,
                code="bad-indicator",
            ) from None
    return values


def apply_composite(table: Table, spec: Spec, na: Sequence[str] = ()) -> CompositeTable:
    """``table`` with each entry's score replaced by its composite, edition by edition.

    Normalisation is within each edition. The result remembers how each
    score was made (``CompositeTable.composite``), for ``show`` and ``compare``.
    """
    entries: list[Entry] = []
    explained: dict[str | None, Explained] = {}
    for year in table.years or (None,):
        group = table.entries_for(year)
        values = indicator_values(table, group, spec, na)
        try:
            result = compute(spec, values, cities=[e.city for e in group])
        except IndicatorValueError as exc:
            entry = group[exc.index]
            raise DataError(exc.message, file=entry.file, line=entry.line, code=exc.code) from None
        scored = tuple(
            e._replace(score=s, decimals=result.decimals, exact=x)
            for e, s, x in zip(group, result.scores, result.exact, strict=True)
        )
        entries.extend(scored)
        explained[year] = Explained(spec, scored, result, values)
    fields = {f.name: getattr(table, f.name) for f in dataclass_fields(Table) if f.name != "rows"}
    fields["score_column"] = "composite"
    return CompositeTable(rows=rows_of(entries), composite=explained, **fields)
