"""Row filters (``--where``): the rows a command sees, chosen before anything else looks at them.

A condition is ``COLUMN OP VALUE``. ``=`` and ``!=`` compare a cell's text,
trimmed, with the value; ``<``, ``<=``, ``>`` and ``>=`` compare numbers read
as scores are read (a cell that is not a number does not match, and is
counted for a warning); ``~`` and ``!~`` search the cell for a regular
expression. Each condition is worked out once per distinct cell text, so a
filter on a column of categories costs one dictionary lookup per row.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence

from cityrank.errors import UsageError
from cityrank.model import Coded, Columns, Condition
from cityrank.numbers import parse_number

#: Longest first, so that ``<=`` is not read as ``<`` followed by ``=…``.
OPERATORS = ("!=", "<=", ">=", "!~", "=", "<", ">", "~")
_NUMERIC: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_SYNTAX = "write COLUMN=VALUE, COLUMN>NUMBER or COLUMN~REGEX (operators: = != < <= > >= ~ !~)"


def parse_condition(text: str) -> Condition:
    """``"City type=City proper"`` as ``("City type", "=", "City proper")``; a usage error for
    text without an operator, without a column, with a bad number or regular expression."""
    at, op = min(
        ((text.find(o), o) for o in OPERATORS if o in text),
        key=lambda found: (found[0], -len(found[1])),
        default=(-1, ""),
    )
    column, value = text[:at].strip(), text[at + len(op) :].strip()
    if not op or not column:
        raise UsageError(f'--where "{text}": {_SYNTAX}', code="bad-option")
    if op in _NUMERIC:
        try:
            parse_number(value)
        except ValueError:
            raise UsageError(
                f'--where "{text}": {op} compares numbers, and "{value}" is not one — '
                "use = to compare text",
                code="bad-option",
            ) from None
    elif op in ("~", "!~"):
        try:
            re.compile(value)
        except re.error as exc:
            raise UsageError(
                f'--where "{text}": "{value}" is not a regular expression ({exc})',
                code="bad-option",
            ) from None
    return column, op, value


def describe(conditions: Sequence[Condition]) -> str:
    """The conditions as a caption says them: ``City type = City proper, Sex = Both Sexes``."""
    return ", ".join(f"{column} {op} {value}" for column, op, value in conditions)


def _test(op: str, value: str) -> Callable[[str], bool | None]:
    """Whether a cell's text meets ``op value``; ``None`` for a non-number under ``<`` etc."""
    if op == "=":
        return lambda cell: cell.strip() == value
    if op == "!=":
        return lambda cell: cell.strip() != value
    if op in ("~", "!~"):
        search, wanted = re.compile(value).search, op == "~"
        return lambda cell: (search(cell) is not None) == wanted
    compare, bound = _NUMERIC[op], parse_number(value)[0]

    def numeric(cell: str) -> bool | None:
        try:
            number = parse_number(cell)[0]
        except ValueError:
            return None
        return compare(number, bound)

    return numeric


def _cells(columns: Columns, wanted: str) -> Sequence[str] | Coded:
    """The cells of the column named ``wanted`` (case-insensitive), which the reader kept."""
    named: list[tuple[str | None, Sequence[str] | Coded | None]] = [
        (columns.city_column, columns.city),
        (columns.score_column, columns.score),
        (columns.year_column, columns.year),
        *zip(columns.extra_columns, columns.extra, strict=True),
    ]
    target = wanted.strip().casefold()
    for name, cells in named:
        if name is not None and cells is not None and name.casefold() == target:
            return cells
    raise UsageError(  # the reader refuses an unknown column before this
        f'--where: no column "{wanted}" in {columns.source}',
        code="unknown-column",
    )


def _matches(cells: Sequence[str] | Coded, op: str, value: str) -> tuple[list[bool], int]:
    """Per row, whether it meets the condition; and how many rows held no number for it."""
    test = _test(op, value)
    if isinstance(cells, Coded):
        verdicts = [test(text) for text in cells.texts]
        rows = [verdicts[code] for code in cells.codes]
    else:
        seen: dict[str, bool | None] = {}
        rows = []
        for cell in cells:
            try:
                verdict = seen[cell]
            except KeyError:
                verdict = seen[cell] = test(cell)
            rows.append(verdict)
    not_numbers = rows.count(None)
    return [bool(v) for v in rows], not_numbers


def keep_rows(columns: Columns, conditions: Sequence[Condition]) -> tuple[Columns, list[str]]:
    """The rows of ``columns`` that meet every condition, and a warning per condition that
    met cells which are not numbers."""
    kept: list[bool] | None = None
    warnings = []
    for column, op, value in conditions:
        rows, not_numbers = _matches(_cells(columns, column), op, value)
        kept = rows if kept is None else list(map(operator.and_, kept, rows))
        if not_numbers:
            warnings.append(
                f"--where {column} {op} {value}: {not_numbers:,} "
                f"{'row is' if not_numbers == 1 else 'rows are'} left out because "
                f'"{column}" holds no number there'
            )
    if kept is None or all(kept):
        return columns, warnings
    return _subset(columns, [i for i, keep in enumerate(kept) if keep]), warnings


def _subset(columns: Columns, rows: list[int]) -> Columns:
    def pick(cells: Sequence[str]) -> list[str]:
        return [cells[i] for i in rows]

    def recode(coded: Coded | None) -> Coded | None:
        if coded is None:
            return None
        new: dict[int, int] = {}
        codes = [new.setdefault(coded.codes[i], len(new)) for i in rows]
        return Coded(codes, [coded.texts[old] for old in new])

    return columns._replace(
        city=pick(columns.city),
        score=recode(columns.score),
        year=recode(columns.year),
        aliases=pick(columns.aliases) if columns.aliases is not None else None,
        extra=tuple(pick(cells) for cells in columns.extra),
        lines=[columns.lines[i] for i in rows],
    )


def no_rows_left(source: str, read: int, conditions: Sequence[Condition]) -> UsageError:
    """The error for a filter that keeps nothing."""
    return UsageError(
        f"--where {describe(conditions)} keeps none of the {read:,} rows of {source} — "
        "check the column's values (= compares the whole cell, case and all; "
        "~ searches it)",
        code="no-rows-kept",
    )
