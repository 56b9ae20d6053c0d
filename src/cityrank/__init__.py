"""cityrank: rank, compare and explain city scores from CSV files.

The library under the command line::

    from cityrank import load, rank
    ranking = rank(load("scores.csv"), ties="dense")
    for r in ranking.ranked:
        print(r.rank, r.entry.city, r.entry.score, r.gap_to_leader)
"""

from __future__ import annotations

from cityrank.core.lookup import city_key, find_city
from cityrank.core.ranking import rank, rank_entries, rank_values
from cityrank.errors import CityRankError, DataError, UsageError
from cityrank.model import Entry, LoadOptions, RankedEntry, Ranking, Table
from cityrank.pipeline import load

__all__ = [
    "CityRankError",
    "DataError",
    "Entry",
    "LoadOptions",
    "RankedEntry",
    "Ranking",
    "Table",
    "UsageError",
    "__version__",
    "city_key",
    "find_city",
    "load",
    "rank",
    "rank_entries",
    "rank_values",
]


def __getattr__(name: str) -> str:
    # Read lazily: importlib.metadata costs start-up time every command would pay.
    if name == "__version__":
        from importlib.metadata import version

        return version("cityrank")
    raise AttributeError(f"module 'cityrank' has no attribute {name!r}")
