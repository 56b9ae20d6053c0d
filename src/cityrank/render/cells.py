"""How one cell reads in a machine format: the plain value, and its text."""

from __future__ import annotations

from cityrank.numbers import format_number
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
