"""The shared options that say what to read: the files, their columns and format, and which
rows count. ``Common`` (cli/options.py) takes them as its first fields.
"""

# No ``from __future__ import annotations``, as in cli/options.py: these annotations are
# the option table, evaluated as the class is made.

import typing
from dataclasses import dataclass
from typing import Annotated

import typer

from cityrank.cli import completion
from cityrank.cli.choices import Duplicates

INPUT = "Input"
ROWS = "Rows"


def _column(holding: str) -> typing.Any:
    """A ``--*-col`` option, whose value the shell completes with the files' column names."""
    return typer.Option(
        metavar="NAME",
        click_type=completion.COLUMN,
        help=f"Column holding {holding}.",
        rich_help_panel=INPUT,
    )


@dataclass(frozen=True, eq=False)
class ReadOptions:
    """The options of reading, declared here only (see ``Common``)."""

    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            "-d",
            metavar="FILE",
            click_type=completion.FILE,
            help="Score file: CSV/TSV, a spreadsheet, JSON or Parquet, maybe compressed "
            "('-' for stdin). Repeat for several. "
            "Default: the data piped in, else $CITYRANK_DATA, else the bundled sample.",
            rich_help_panel=INPUT,
        ),
    ] = None
    city_col: Annotated[str | None, _column("city names")] = None
    score_col: Annotated[str | None, _column("the scores")] = None
    year_col: Annotated[str | None, _column("the year")] = None
    delimiter: Annotated[
        str | None,
        typer.Option(
            metavar="CHAR",
            help="Field delimiter: ',' ';' '|' or 'tab' (default: sniffed).",
            rich_help_panel=INPUT,
        ),
    ] = None
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Text encoding when not UTF-8/UTF-16 with BOM (gbk, gb18030, latin-1 …).",
            rich_help_panel=INPUT,
        ),
    ] = None
    no_header: Annotated[
        bool,
        typer.Option(
            "--no-header",
            "-H",
            help="The first row is data, not column names: columns are 1, 2, 3… "
            "(--city-col 1 --score-col 3).",
            rich_help_panel=INPUT,
        ),
    ] = False
    sheet: Annotated[
        str | None,
        typer.Option(
            metavar="NAME|N",
            help="Sheet of a spreadsheet to read, by name or number from 1 "
            "(default: the first with data).",
            rich_help_panel=INPUT,
        ),
    ] = None
    decimal_comma: Annotated[
        bool | None,
        typer.Option(
            "--decimal-comma/--decimal-point",
            help="Numbers are written 85,5 (1.234,5), or 85.5. Default: a point, or a comma "
            "when every score of a ';'- or tab-delimited file has one.",
            show_default=False,
            rich_help_panel=INPUT,
        ),
    ] = None
    label: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FILE=LABEL",
            help="Edition of a file that has no year column or year in its name. Repeatable.",
            rich_help_panel=INPUT,
        ),
    ] = None
    where: Annotated[
        list[str] | None,
        typer.Option(
            metavar="EXPR",
            click_type=completion.WHERE,
            help="Keep only the rows where EXPR holds: COLUMN=TEXT, COLUMN!=TEXT, "
            "COLUMN<N (<= > >= compare numbers), COLUMN~REGEX, COLUMN!~REGEX. "
            "Repeatable: every one must hold. Applied before duplicates and ranks.",
            rich_help_panel=ROWS,
        ),
    ] = None
    by: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN",
            click_type=completion.COLUMN,
            help="Rank within the groups of COLUMN (country, region …), each on its own, the "
            "overall rank beside; --top N is per group. Not in robustness or report.",
            rich_help_panel=ROWS,
        ),
    ] = None
    key: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMNS",
            help='Columns that together identify a city, e.g. --key "Country,City" '
            "(default: the city). A name that cities share is shown with the rest of "
            "its key: Valencia (Spain).",
            rich_help_panel=ROWS,
        ),
    ] = None
    na: Annotated[
        list[str] | None,
        typer.Option(
            "--na",
            metavar="TEXT",
            help="A score or indicator cell holding TEXT (e.g. '..', 'n/a') is missing, "
            "like an empty one. Repeatable.",
            rich_help_panel=ROWS,
        ),
    ] = None
    on_duplicate: Annotated[
        Duplicates,
        typer.Option(
            "--on-duplicate",
            help="Several rows of a city in one edition: an error, or keep the first, the "
            "last, the highest or the lowest score.",
            case_sensitive=False,
            rich_help_panel=ROWS,
        ),
    ] = Duplicates.error
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Treat an empty score as an error.", rich_help_panel=INPUT),
    ] = False
