"""``cityrank movers``: who moved between two editions."""

from typing import Annotated

import typer

from cityrank.cli import completion
from cityrank.cli.options import Common, Files
from cityrank.cli.run import command
from cityrank.core.editions import edition_pair
from cityrank.views.base import Report
from cityrank.views.editions import movers_view


@command
def movers(
    files: Files = None,
    from_year: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="YEAR",
            click_type=completion.EDITION,
            help="Earlier edition (default: the one before --to).",
        ),
    ] = None,
    to_year: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="YEAR",
            click_type=completion.EDITION,
            help="Later edition (default: the latest).",
        ),
    ] = None,
    top: Annotated[
        int, typer.Option(min=1, metavar="N", help="How many risers and fallers to show.")
    ] = 10,
    *,
    common: Common,
) -> Report:
    """Who moved between two editions: risers, fallers, entries, exits and every overtake.

    Machine formats give one row per item, with a kind column (riser, faller,
    entry, exit, overtake). Example: cityrank movers 2019.csv 2020.csv --top 5
    """
    table = common.load(files, keep_extra=False)
    before, after = edition_pair(table, from_year, to_year or common.year)
    return movers_view(common.rank(table, after), common.rank(table, before), top)
