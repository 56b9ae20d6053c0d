"""Frozen records that carry scores between the layers: what reading gives (``records``),
the table loading makes of it (``table``) and what ranking makes of that (``ranked``).
Import them from here.

The names are imported when first used (PEP 562): a reader needs only the records,
and shell completion, which reads a file for its names, does not pay for the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cityrank.model.ranked import Figures, Made, RankedEntry, Ranking, Standings
    from cityrank.model.records import (
        NOT_MEASURES,
        TIE_METHODS,
        TIE_PATTERNS,
        Coded,
        Columns,
        Condition,
        Entry,
        LoadOptions,
        Rank,
        Rows,
        TieMethod,
        rows_of,
        year_order,
    )
    from cityrank.model.table import Table

_RANKED = ("Figures", "Made", "RankedEntry", "Ranking", "Standings")
_RECORDS = (
    *("NOT_MEASURES", "TIE_METHODS", "TIE_PATTERNS", "Coded", "Columns", "Condition"),
    *("Entry", "LoadOptions", "Rank", "Rows", "TieMethod", "rows_of", "year_order"),
)
#: Where each name lives.
_HOMES = {
    **dict.fromkeys(_RANKED, "cityrank.model.ranked"),
    **dict.fromkeys(_RECORDS, "cityrank.model.records"),
    "Table": "cityrank.model.table",
}

__all__ = [
    "NOT_MEASURES",
    "TIE_METHODS",
    "TIE_PATTERNS",
    "Coded",
    "Columns",
    "Condition",
    "Entry",
    "Figures",
    "LoadOptions",
    "Made",
    "Rank",
    "RankedEntry",
    "Ranking",
    "Rows",
    "Standings",
    "Table",
    "TieMethod",
    "rows_of",
    "year_order",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
