"""Parquet to ``Columns``, by pyarrow (the ``fast`` extra): each column's values as the texts a
CSV export of the table would hold, through the same ``Reading`` as a CSV file's rows.

Numbers are written by Arrow as their shortest text (a float32 as a float32,
``99.82``; a whole number without ``.0``), a null is an empty cell, dates and
times are ISO 8601. A Parquet file has no lines: messages number its rows as
its CSV export would, the header being line 1 and the first row line 2.
"""

from __future__ import annotations

from typing import Any

from cityrank.errors import DataError, Problems
from cityrank.io.cells import value_text
from cityrank.io.columns import header_names
from cityrank.io.rows import Reading
from cityrank.model import Columns, LoadOptions

INSTALL = "pip install 'cityrank[fast]'"
#: Rows turned into texts and sorted into columns together.
BATCH = 65536


def read_parquet(
    data: bytes, name: str, options: LoadOptions, problems: Problems, edition: str | None = None
) -> Columns:
    """The columns of the Parquet file ``data``; ``name`` is how messages name it."""
    table = _table(data, name)
    columns = [_texts(table.column(i), table.field(i), name) for i in range(table.num_columns)]
    names = header_names([str(n) for n in table.column_names], name, 1, problems)
    reading = Reading(names, name, 1, options._replace(no_header=False))
    for start in range(0, table.num_rows, BATCH):
        rows = [list(row) for row in zip(*(c[start : start + BATCH] for c in columns), strict=True)]
        reading.add(rows, range(start + 2, start + 2 + len(rows)))
    return reading.columns(edition)


def _table(data: bytes, name: str) -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise DataError(
            f"is a Parquet file, and reading one needs pyarrow — {INSTALL}, or export "
            "the table as CSV",
            file=name,
            code="no-pyarrow",
        ) from None
    try:
        return pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise DataError(
            f"cannot be read as Parquet ({exc}) — check that it is the file you meant, "
            "or export it again",
            file=name,
            code="bad-parquet",
        ) from None


def _texts(column: Any, field: Any, name: str) -> list[str]:
    """One column's values as texts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = field.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_nested(kind):
        raise DataError(
            f'column "{field.name}" holds {kind} values, not one value per cell — flatten it '
            "first, or leave it out",
            file=name,
            code="nested-parquet",
        )
    if pa.types.is_temporal(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        return [value_text(v) for v in column.to_pylist()]
    try:
        texts = pc.cast(column, pa.string()) if not pa.types.is_string(kind) else column
    except pa.ArrowException as exc:
        raise DataError(
            f'column "{field.name}" ({kind}) cannot be read as text ({exc}) — export it again',
            file=name,
            code="bad-parquet",
        ) from None
    return list(pc.fill_null(texts, "").to_pylist())
