"""How one cell reads in a machine format: the plain value, and its text."""

from __future__ import annotations

from cityrank.numbers import format_number, json_number
from cityrank.views.base import Cell, Value


def plain_value(value: Value | Cell) -> Value:
    """The value itself, without its cell's type."""
    return value.value if isinstance(value, Cell) else value


def cell_text(value: Value | Cell) -> str:
    """A value as a machine reads it: plain numbers, ``true``/``false``, empty for missing."""
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    return value


def json_value(value: Value | Cell) -> Value:
    """A value for ``json.dump``, floats without binary noise (``json_number``)."""
    value = plain_value(value)
    if isinstance(value, float):
        return json_number(value)
    return value


def csv_cell(text: str, delimiter: str) -> str:
    """``text`` as the csv module writes a cell (minimal quoting, ``\n`` line ends)."""
    if delimiter in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text
