"""``cityrank compare``: cities side by side."""

from cityrank.cli.arguments import Cities
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.views.base import Report
from cityrank.views.compare import compare_view


@command
def compare(cities: Cities, *, common: Common) -> Report:
    """Compare cities side by side: ranks, scores, gaps, who leads where.

    The first city is the reference for gaps. Example: cityrank compare beijing shenzhen
    """
    table = common.load()
    # Ranks per edition are shown only for several editions: one is not ranked twice.
    editions = common.rank_editions(table) if len(table.years) > 1 else []
    return compare_view(common.rank(table), cities, editions)
