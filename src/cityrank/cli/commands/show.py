"""``cityrank show``: one city in detail."""

from typing import Annotated

import typer

from cityrank.cli import completion
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.views.base import Report
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
    return show_view(common.rank(table), city)
