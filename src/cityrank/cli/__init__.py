"""The typer commands: parse options, then load → rank → view → render; nothing else."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.main

from cityrank.cli._engine import (
    _compare_columnar,
    _history_columnar,
    _list_columnar,
    _need_two_editions,
    _show_columnar,
)
from cityrank.cli.app import app
from cityrank.cli.messages import progress_bar
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.editions import edition_pair, previous_year
from cityrank.errors import CityRankError, UsageError
from cityrank.io.loader import (
    check,
)
from cityrank.views import (
    Report,
    chart_view,
    compare_view,
    history_view,
    list_view,
    movers_view,
    rank_chart_view,
    robustness_view,
    show_view,
    stats_view,
    validate_view,
)

__all__ = ["app"]


Files = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[FILE]...",
        help="Score files (same as --data); '-' reads stdin.",
        show_default=False,
    ),
]
Top = Annotated[
    int | None,
    typer.Option(min=1, metavar="N", help="Keep the best N (and every city tied with the Nth)."),
]


def _every_edition(common: Common, name: str) -> None:
    if common.year:
        raise UsageError(
            f"--year does not apply to {name}, which shows every edition", code="bad-option"
        )


@command
def list_(
    files: Files = None,
    top: Top = None,
    all_columns: Annotated[
        bool, typer.Option("--all-columns", help="Add the file's other columns.")
    ] = False,
    compare_to: Annotated[
        str | None,
        typer.Option(
            metavar="YEAR",
            help="With several editions: measure movement against YEAR "
            "(default: the edition before the one shown).",
        ),
    ] = None,
    *,
    common: Common,
) -> Report:
    """List cities ranked by score, best first.

    With several editions (a year column, or files such as 2019.csv 2020.csv),
    shows the latest and how each city moved since the one before.
    Example: cityrank list --top 10 -f markdown scores.csv
    """
    if (fast := _list_columnar(common, files, top, all_columns, compare_to)) is not None:
        return fast
    table = common.load(files, keep_extra=all_columns)
    ranking = common.rank(table)
    before = previous_year(table, ranking.year, compare_to)
    previous = common.rank(table, before) if before is not None else None
    return list_view(ranking, top=top, all_columns=all_columns, previous=previous)


Cities = Annotated[list[str], typer.Argument(metavar="CITY...", help="City names, as typed.")]


@command
def compare(cities: Cities, *, common: Common) -> Report:
    """Compare cities side by side: ranks, scores, gaps, who leads where.

    The first city is the reference for gaps. Example: cityrank compare beijing shenzhen
    """
    if (fast := _compare_columnar(common, cities)) is not None:
        return fast
    table = common.load()
    return compare_view(common.rank(table), cities, common.rank_editions(table))


@command
def show(
    city: Annotated[str, typer.Argument(metavar="CITY", help="City name, as typed.")],
    *,
    common: Common,
) -> Report:
    """Show one city in detail: rank, gaps, neighbours and its other columns.

    JSON and JSONL give one object with a nested "neighbours" list; CSV and TSV
    give one row with the same scalar fields and no neighbours.
    Example: cityrank show shanghai
    """
    if (fast := _show_columnar(common, city)) is not None:
        return fast
    table = common.load()
    return show_view(common.rank(table), city)


@command
def validate(files: Files = None, *, common: Common) -> Report:
    """Check score files and list every problem, not just the first.

    Prints FILE:LINE:COLUMN, a code and a message for each problem, then a
    summary; exits 1 if there is any error (warnings alone exit 0).
    Example: cityrank validate scores.csv
    """
    sources = common.sources(files)
    problems, rows = check(sources, common.load_options())
    return validate_view(problems.errors, problems.warnings, len(sources), rows)


@command
def history(cities: Cities, *, common: Common) -> Report:
    """Follow cities through every edition: rank, score, their changes, and score CAGR.

    Editions come from a year column or from several files (-d 2019.csv -d 2020.csv).
    Machine formats give one row per city and edition.
    Example: cityrank history beijing shenzhen -d 2019.csv -d 2020.csv
    """
    _every_edition(common, "history")
    if (fast := _history_columnar(common, cities)) is not None:
        return fast
    table = common.load(keep_extra=False)
    return history_view(common.rank_editions(table), cities)


@command
def movers(
    files: Files = None,
    from_year: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="YEAR", help="Earlier edition (default: the one before --to)."
        ),
    ] = None,
    to_year: Annotated[
        str | None,
        typer.Option("--to", metavar="YEAR", help="Later edition (default: the latest)."),
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
    _need_two_editions(common, files)
    table = common.load(files, keep_extra=False)
    before, after = edition_pair(table, from_year, to_year or common.year)
    return movers_view(common.rank(table, after), common.rank(table, before), top)


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
            help="Instead: draw these cities' ranks across editions (repeat for several).",
        ),
    ] = None,
    *,
    common: Common,
) -> Report:
    """Draw the ranked scores as a bar chart (or ranks over time with --history).

    Machine formats print the numbers the chart shows.
    Example: cityrank chart --top 20 scores.csv
    """
    if history_of:
        _every_edition(common, "chart --history")
    table = common.load(files, keep_extra=False)
    if history_of:
        return rank_chart_view(common.rank_editions(table), history_of)
    return chart_view(common.rank(table), top=top, from_min=from_min)


@command
def stats(files: Files = None, *, common: Common) -> Report:
    """Summarise the score distribution: spread, quartiles, gaps at the top, concentration.

    One row per edition for machines (count, ranked, unranked, min, max, mean,
    median, stdev (sample), q1, q3, iqr, gap_1_2, gap_1_median, top3_share in %).
    Example: cityrank stats scores.csv -f json
    """
    table = common.load(files, keep_extra=False)
    editions = [common.rank(table)] if common.year else common.rank_editions(table)
    return stats_view(editions)


@command
def robustness(
    files: Files = None,
    samples: Annotated[
        int, typer.Option(min=1, metavar="N", help="How many weightings to draw.")
    ] = 1000,
    seed: Annotated[
        int | None, typer.Option(metavar="N", help="Seed, for output that repeats exactly.")
    ] = None,
    weight_noise: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=0.99,
            metavar="F",
            help="Scale each weight by a uniform factor in [1-F, 1+F], then rescale.",
        ),
    ] = 0.25,
    vary_method: Annotated[
        bool,
        typer.Option("--vary-method", help="Also draw the normalisation and the aggregation."),
    ] = False,
    top_k: Annotated[int, typer.Option(min=1, metavar="K", help="P(top K) per city.")] = 3,
    *,
    common: Common,
) -> Report:
    """Test how robust a composite ranking is to its weights (OECD/JRC uncertainty analysis).

    Needs --spec or --weights. Per city: nominal rank, median rank, the 5–95 %
    rank interval, P(#1) and P(top K) (fractions 0–1 for machines), and the mean
    Spearman correlation with the nominal ranking.
    Example: cityrank robustness data.csv --weights rd=0.4,industry=0.3,policy=0.3 --seed 1
    """
    from cityrank.core.composite import robustness as draw

    try:
        import numpy  # noqa: F401  (checked here to say how to install it)
    except ImportError:
        raise CityRankError(
            "robustness needs numpy, which is not installed — "
            "pip install 'cityrank[robustness]' (or pip install numpy)",
            code="no-numpy",
        ) from None
    if common.spec is None and common.weights is None:
        raise UsageError(
            "robustness needs a composite index: add --spec FILE or --weights COL=W,…",
            code="no-spec",
        )
    table = common.load(files)
    ranking = common.rank(table)
    assert table.composite is not None
    made = table.composite[ranking.year]
    with progress_bar("Sampling", samples >= 2000) as progress:
        result = draw(
            made.spec,
            made.raw,
            samples=samples,
            seed=seed,
            weight_noise=weight_noise,
            vary_method=vary_method,
            top_k=top_k,
            progress=(lambda done: progress(done, samples)) if progress else None,
            lower_is_better=common.lower_is_better,
            cities=[e.city for e in made.entries],
        )
    return robustness_view(ranking, result, top_k, weight_noise, vary_method)
