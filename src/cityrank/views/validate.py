"""The ``validate`` view: one row per problem found in the files, errors first."""

from __future__ import annotations

from collections.abc import Sequence

from cityrank.errors import CityRankError, ExitStatus
from cityrank.views.base import (
    Cell,
    Column,
    Report,
    Value,
    View,
    _count,
)

VALIDATE_COLUMNS = (
    Column("file", "File"),
    Column("line", "Line", "int"),
    Column("column", "Column", "int"),
    Column("severity", "Severity"),
    Column("code", "Code"),
    Column("message", "Message"),
)


def validate_view(
    errors: Sequence[CityRankError], warnings: Sequence[CityRankError], files: int, rows: int
) -> Report:
    """One row per problem, errors first; the status is 1 when there is any error."""
    found = [("error", e) for e in errors] + [("warning", w) for w in warnings]
    table_rows: list[tuple[Value | Cell, ...]] = [
        (p.file, p.line, p.column, severity, p.code, p.message) for severity, p in found
    ]
    summary = (
        f"{_count(len(errors), 'error')}, {_count(len(warnings), 'warning')} "
        f"in {_count(files, 'file')} ({_count(rows, 'row')} loaded)."
    )
    view = View(VALIDATE_COLUMNS, table_rows)
    lines = View(
        (Column("problem", ""),),
        [(f"{p.where or p.file}: {severity}: {p.message} [{p.code}]",) for severity, p in found],
    )
    status = ExitStatus.DATA_ERROR if errors else ExitStatus.OK
    return Report(view, people=(lines,) if found else (), notes=(summary,), status=status)
