"""``cityrank history``: cities through every edition."""

from cityrank.cli.arguments import Cities, _every_edition
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.groups import Within
from cityrank.views.base import Report
from cityrank.views.editions import history_view


@command
def history(cities: Cities, *, common: Common) -> Report:
    """Follow cities through every edition: rank, score, their changes, and score CAGR.

    Editions come from a year column or from several files (-d 2019.csv -d 2020.csv).
    Machine formats give one row per city and edition. With --by, ranks are within
    the city's group of each edition, named in a column of its own.
    Example: cityrank history beijing shenzhen -d 2019.csv -d 2020.csv
    """
    _every_edition(common, "history")
    table = common.load(keep_extra=False)
    editions = common.rank_editions(table)
    within = Within(table, common.by, editions, common.rank) if common.by else None
    return history_view(editions, cities, within)
