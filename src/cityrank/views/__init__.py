"""Each command's result as plain rows and column specs: what to show, never how.

One module per family of views; this package re-exports their public names,
so ``from cityrank.views import list_view`` works wherever it is written.
"""

from __future__ import annotations

from cityrank.core.standing import Around, Population
from cityrank.views.base import (
    CITY,
    LIST_FIGURES,
    MOVEMENT,
    RANK,
    SCORE,
    TIED,
    YEAR,
    Bars,
    Cell,
    CodedRows,
    Column,
    Figure,
    Interval,
    Kind,
    RankLines,
    Report,
    Spark,
    Tally,
    Value,
    View,
    edition_caption,
    edition_title,
    extra_names,
    resolve_cities,
    top_rows,
    where,
)
from cityrank.views.compare import compare_sentence, compare_view, edition_tracks, lead_changes
from cityrank.views.editions import (
    HISTORY_COLUMNS,
    MOVER_COLUMNS,
    history_view,
    movers_view,
)
from cityrank.views.explain import Part, difference_by_indicator, explain
from cityrank.views.listing import list_view
from cityrank.views.pictures import chart_view, rank_chart_view
from cityrank.views.robustness import ROBUSTNESS_COLUMNS, robustness_view
from cityrank.views.show import SHOW_COLUMNS, show_view
from cityrank.views.stats import STATS_COLUMNS, histogram_view, stats_view
from cityrank.views.validate import VALIDATE_COLUMNS, validate_view

__all__ = [
    "CITY",
    "HISTORY_COLUMNS",
    "LIST_FIGURES",
    "MOVEMENT",
    "MOVER_COLUMNS",
    "RANK",
    "ROBUSTNESS_COLUMNS",
    "SCORE",
    "SHOW_COLUMNS",
    "STATS_COLUMNS",
    "TIED",
    "VALIDATE_COLUMNS",
    "YEAR",
    "Around",
    "Bars",
    "Cell",
    "Column",
    "Figure",
    "Interval",
    "Kind",
    "Part",
    "Population",
    "RankLines",
    "Report",
    "Spark",
    "CodedRows",
    "Tally",
    "Value",
    "View",
    "chart_view",
    "compare_sentence",
    "compare_view",
    "difference_by_indicator",
    "edition_caption",
    "edition_title",
    "edition_tracks",
    "explain",
    "extra_names",
    "histogram_view",
    "history_view",
    "lead_changes",
    "list_view",
    "movers_view",
    "rank_chart_view",
    "resolve_cities",
    "robustness_view",
    "show_view",
    "stats_view",
    "top_rows",
    "validate_view",
    "where",
]
