"""Typed cell values (a spreadsheet's, a Parquet column's) as the text a CSV of them would hold.

A number is written as its shortest text and a whole number without a
decimal point (``2024``, not ``2024.0``); a spreadsheet's number is first
rounded to the 15 significant digits a spreadsheet keeps and shows, so a
formula's ``99.82000000000001`` is ``99.82``. Dates are ISO 8601.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cityrank.numbers import format_number

#: Significant digits a spreadsheet keeps of a number (Excel's, LibreOffice's precision).
SHEET_DIGITS = 15


def number_text(value: float, digits: int | None = None) -> str:
    """``value`` as plain decimal text, rounded to ``digits`` significant digits if given."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if digits is not None:
        value = float(f"{value:.{digits}g}")
    return format_number(value)


def percent_text(value: float) -> str:
    """A percentage cell's value as it is shown: 0.955 is ``95.5%``."""
    shifted = Decimal(number_text(value, SHEET_DIGITS)).scaleb(2)
    text = format(shifted, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def sheet_text(value: object, year: bool = False) -> str:
    """A spreadsheet cell's text: ``year`` for a cell of the year column, where a date
    is its year."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is float:
        return number_text(value, SHEET_DIGITS)  # type: ignore[arg-type]
    if kind is bool:
        return "TRUE" if value else "FALSE"  # as a spreadsheet writes it to CSV
    if year and isinstance(value, dt.date):
        return str(value.year)
    return value_text(value)


def value_text(value: object) -> str:
    """Any other typed value's text: ``""`` for none, ISO 8601 for dates and times."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    return str(value)
