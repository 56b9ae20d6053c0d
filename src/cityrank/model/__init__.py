"""Frozen records that carry scores between the layers: what reading gives (``records``) and
what ranking makes of it (``ranked``). Import them from here."""

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
    Table,
    TieMethod,
    rows_of,
    year_order,
)

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
