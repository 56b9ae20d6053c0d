"""``cityrank show``: one city in detail."""

from typing import Annotated

import typer

from cityrank.cli import completion
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.groups import Within
from cityrank.core.standing import Population
from cityrank.views.base import Report, resolve_cities
from cityrank.views.grouped import grouped_show
from cityrank.views.show import show_view


@command
def show(
    city: Annotated[
        str,
        typer.Argument(metavar="CITY", click_type=completion.CITY, help="City name, as typed."),
    ],
    *,
    common: Common,
) -> Report:
    """Show one city in detail: rank, gaps, neighbours and its other columns.

    JSON and JSONL give one object with a nested "neighbours" list; CSV and TSV
    give one row with the same scalar fields and no neighbours.
    Example: cityrank show shanghai
    """
    table = common.load()
    ranking = common.rank(table)
    if common.by is None:
        return show_view(ranking, city)
    # --by: ranked within the city's group, with its rank among all the groups beside.
    population = Population(ranking)
    entry = resolve_cities(ranking, [city])[0]
    within = Within(table, common.by, [ranking], common.rank)
    group = entry.extra[within.index].strip()
    report = show_view(within.ranking(0, group), entry.city)
    return grouped_show(report, common.by, group, population.ranked(entry), len(ranking.ranked))
