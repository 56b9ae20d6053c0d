"""``cityrank compare``: cities side by side."""

from cityrank.cli.arguments import Cities
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.groups import Within
from cityrank.views.base import Report
from cityrank.views.compare import compare_view
from cityrank.views.grouped import grouped_compare_view


@command
def compare(cities: Cities, *, common: Common) -> Report:
    """Compare cities side by side: ranks, scores, gaps, who leads where.

    The first city is the reference for gaps. With --by, ranks, percentiles and ranks
    per edition are within each city's group, with its overall rank beside.
    Example: cityrank compare beijing shenzhen
    """
    table = common.load()
    ranking = common.rank(table)
    # Ranks per edition are shown only for several editions: one is not ranked twice.
    editions = common.rank_editions(table) if len(table.years) > 1 else []
    if common.by is None:
        return compare_view(ranking, cities, editions)
    within = Within(table, common.by, [ranking, *editions], common.rank)
    return grouped_compare_view(ranking, cities, editions, within)
