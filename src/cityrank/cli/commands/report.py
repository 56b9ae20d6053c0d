"""``cityrank report``: the ranking as one self-contained HTML page to publish."""

from collections.abc import Callable
from typing import Annotated

import click
import typer

from cityrank.cli.arguments import AllColumns, CompareTo, Files, Top
from cityrank.cli.group import _MAKERS
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.cli.sampling import check_sampling, sample
from cityrank.core.editions import previous_year
from cityrank.errors import UsageError
from cityrank.model import Ranking
from cityrank.views.base import Report
from cityrank.views.listing import list_view
from cityrank.views.report import report_view
from cityrank.views.report.page import MAX_ROWS
from cityrank.views.select import parse_columns

PAGE = "report"
SAMPLES = 1000


# Long, as a command with many options is: its signature declares them for typer.
@command
def report(
    files: Files = None,
    top: Top = None,
    all_columns: AllColumns = False,
    compare_to: CompareTo = None,
    max_rows: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Rows in the page's table at most (each city in it has its card); it says how "
            "many it left out.",
        ),
    ] = MAX_ROWS,
    robustness: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help="Composite index: chart each city's median rank and 5–95 % interval when the "
            "weights vary ±25 % (cityrank robustness; needs numpy).",
        ),
    ] = False,
    samples: Annotated[
        int, typer.Option(metavar="N", help="With --robustness: weightings to draw.")
    ] = SAMPLES,
    seed: Annotated[
        int | None,
        typer.Option(metavar="N", help="With --robustness: seed, for a page that repeats."),
    ] = None,
    *,
    common: Common,
) -> Report:
    """Write the ranking as one HTML page: headline, sortable table, charts and a card per city.

    Everything is inside the file (styles, script, SVG charts) and the page asks the
    network for nothing. Takes every option of list. With -f csv, json … it writes what
    list writes.

    Example: cityrank report 2019.csv 2020.csv -o ranking.html
    """
    page = common.output_format() == PAGE
    if robustness:
        _check_robustness(common, samples, seed)
    elif samples != SAMPLES or seed is not None:
        raise UsageError("--samples and --seed apply with --robustness", code="bad-option")
    table = common.load(files, keep_extra=all_columns or page)
    ranking = common.rank(table)
    before = previous_year(table, ranking.year, compare_to)
    previous = common.rank(table, before) if before is not None else None
    if not page:
        return list_view(ranking, top=top, all_columns=all_columns, previous=previous)
    spread = _robustness(common, ranking, samples, seed) if robustness else None
    editions = common.rank_editions(table) if len(table.years) > 1 else []
    return report_view(
        ranking,
        previous=previous,
        editions=editions,
        top=top,
        all_columns=all_columns,
        max_rows=max_rows,
        robustness=spread,
        columns=parse_columns(common.columns) if common.columns else (),
    )


def _check_robustness(common: Common, samples: int, seed: int | None) -> None:
    """--robustness's usage errors, before any data is read."""
    check_sampling(common, samples, 3, WEIGHT_NOISE, seed, "--robustness", "applies to")


#: How much --robustness varies each weight: robustness's default, ±25 %.
WEIGHT_NOISE = 0.25


def _robustness(common: Common, ranking: Ranking, samples: int, seed: int | None) -> Report:
    """``cityrank robustness``'s view of the ranking: its defaults, but ``samples`` and ``seed``."""
    from cityrank.views.robustness import robustness_view

    result = sample(ranking, samples, seed, WEIGHT_NOISE, 3, common.lower_is_better, note=False)
    return robustness_view(ranking, result, 3, WEIGHT_NOISE, False)


def _page_by_default(make: Callable[[], click.Command]) -> Callable[[], click.Command]:
    """``report``'s maker, with ``--format`` defaulting to the page rather than to a table or
    CSV (``Common.output_format``), and its help saying so."""

    def made() -> click.Command:
        made_command = make()
        for param in made_command.params:
            if param.name == "format" and isinstance(param, click.Option):
                param.default = PAGE
                param.help = (
                    "report (the HTML page; the default), or a format of list: table, csv, "
                    "tsv, json, jsonl, markdown, or a tabulate format."
                )
        return made_command

    return made


_MAKERS["report"] = _page_by_default(_MAKERS["report"])
