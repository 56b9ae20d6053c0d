"""``cityrank movers``: who moved between two editions."""

from typing import Annotated

import typer

from cityrank.cli import completion
from cityrank.cli.arguments import Files
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.editions import common_cities, edition_pair
from cityrank.core.groups import Within
from cityrank.views.base import Report
from cityrank.views.grouped_movers import grouped_movers_view
from cityrank.views.movers import movers_view


# Long, as a command with many options is: its signature declares them for typer.
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
        int,
        typer.Option(
            min=1, metavar="N", help="How many risers, fallers, entries and exits to show."
        ),
    ] = 10,
    within: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Only overtakes among the later edition's top N (and those tied with the last).",
        ),
    ] = None,
    common_only: Annotated[
        bool,
        typer.Option(
            "--common-only",
            help="Rank only the cities in both editions, so entries and exits do not "
            "move the others.",
        ),
    ] = False,
    *,
    common: Common,
) -> Report:
    """Who moved between two editions: risers, fallers, entries, exits and every overtake.

    Machine formats give one row per item, with a kind column (riser, faller,
    entry, exit, overtake); the table says the first 20 overtakes and how many
    more there are. Two reshuffled editions of n cities have about n²/4
    overtakes (a million at 2,000 cities): --within N keeps those among the
    top N. With --by, cities move within their group; one whose group changed is
    listed in its later group as regrouped.
    Example: cityrank movers 2019.csv 2020.csv --top 5 --within 50
    """
    table = common.load(files, keep_extra=False)
    before, after = edition_pair(table, from_year, to_year or common.year)
    notes: tuple[str, ...] = ()
    if common_only:
        table, only_before, only_after = common_cities(table, before, after)
        notes = (
            f"Ranked among the {len(table.rows) // 2:,} cities in both editions "
            f"(--common-only): left out {only_before:,} only in {before} and "
            f"{only_after:,} only in {after}.",
        )
    previous, current = common.rank(table, before), common.rank(table, after)
    if common.by is None:
        report = movers_view(current, previous, top, within)
    else:
        groups = Within(table, common.by, (previous, current), common.rank)
        report = grouped_movers_view(groups, top, within)
    return report._replace(notes=(*report.notes, *notes))
