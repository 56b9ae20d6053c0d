"""cityrank: rank, compare and explain city scores from CSV files.

The library under the command line::

    from cityrank import load, rank
    ranking = rank(load("scores.csv"), ties="dense")
    for r in ranking.ranked:
        print(r.rank, r.entry.city, r.entry.score, r.gap_to_leader)

The names below are imported when first used (PEP 562), so that a program
that needs one module of the package, as shell completion does, does not
pay for all of them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cityrank.core.lookup import city_key, find_city
    from cityrank.core.ranking import rank, rank_entries, rank_values
    from cityrank.errors import CityRankError, DataError, UsageError
    from cityrank.model import Entry, LoadOptions, RankedEntry, Ranking, Table
    from cityrank.pipeline import load

#: Where each name of the API lives.
_HOMES = {
    "city_key": "cityrank.core.lookup",
    "find_city": "cityrank.core.lookup",
    "rank": "cityrank.core.ranking",
    "rank_entries": "cityrank.core.ranking",
    "rank_values": "cityrank.core.ranking",
    "CityRankError": "cityrank.errors",
    "DataError": "cityrank.errors",
    "UsageError": "cityrank.errors",
    "Entry": "cityrank.model",
    "LoadOptions": "cityrank.model",
    "RankedEntry": "cityrank.model",
    "Ranking": "cityrank.model",
    "Table": "cityrank.model",
    "load": "cityrank.pipeline",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(import_module(home), name)
        globals()[name] = value  # the next use is a plain attribute
        return value
    # Read lazily: importlib.metadata costs start-up time every command would pay.
    if name == "__version__":
        from importlib.metadata import version

        return version("cityrank")
    raise AttributeError(f"module 'cityrank' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
