"""``cityrank chart``: the ranked scores as bars, or ranks over time."""

from typing import Annotated

import typer

from cityrank.cli import completion
from cityrank.cli.arguments import Files, Top, _every_edition
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.groups import split_edition
from cityrank.views.base import Report, edition_caption, edition_title
from cityrank.views.grouped import grouped_blocks
from cityrank.views.pictures import chart_view, rank_chart_view


@command
def chart(
    files: Files = None,
    top: Top = None,
    from_min: Annotated[
        bool,
        typer.Option("--from-min", help="Start the bars at the lowest score shown, not at zero."),
    ] = False,
    history_of: Annotated[
        list[str] | None,
        typer.Option(
            "--history",
            metavar="CITY",
            click_type=completion.CITY,
            help="Instead: draw these cities' ranks across editions (repeat for several).",
        ),
    ] = None,
    *,
    common: Common,
) -> Report:
    """Draw the ranked scores as a bar chart (or ranks over time with --history).

    Machine formats print the numbers the chart shows; --by draws one chart per group.

    Example: cityrank chart --top 20 scores.csv
    """
    if history_of:
        _every_edition(common, "chart --history")
    table = common.load(files, keep_extra=False)
    if history_of:
        return rank_chart_view(common.rank_editions(table), history_of)
    ranking = common.rank(table)
    if common.by is None:
        return chart_view(ranking, top=top, from_min=from_min)
    parts = [
        (group, chart_view(common.rank(part, ranking.year), top=top, from_min=from_min))
        for group, part in split_edition(table, common.by, ranking.year)
    ]
    title = f"{edition_title(ranking)} · by {common.by}"
    caption = edition_caption(ranking)
    return grouped_blocks(common.by, parts, title, caption, f"ranked within each {common.by}")
