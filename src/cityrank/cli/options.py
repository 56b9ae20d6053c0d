"""The options every command shares, each declared once, and what they load and rank.

``Common`` is the one table of them: a field per option, whose annotation
carries the type and the ``typer.Option`` (flags, metavar, help, panel) and
whose default is the option's default. ``command()`` (cli/run.py) reads
``dataclasses.fields(Common)`` to add them to every command's signature and
hands them over as one ``Common`` value.
"""

# No ``from __future__ import annotations`` here: Common's annotations are the
# option table, and evaluating them as the class is made (from bytecode) is
# faster than typing.get_type_hints compiling 19 strings on every run.

import contextlib
import os
import sys
import typing
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer

if typing.TYPE_CHECKING:
    from cityrank.core.composite.spec import Spec

from cityrank.cli import completion
from cityrank.cli.messages import _message, progress_bar, ranked, tell_step, timed
from cityrank.cli.targets import identity
from cityrank.core.editions import rank_editions
from cityrank.core.ranking import published_ranks, rank
from cityrank.core.where import parse_condition
from cityrank.errors import UsageError
from cityrank.io.dialect import parse_delimiter
from cityrank.io.sources import STDIN, default_sources, parse_label, piped_stdin
from cityrank.model import LoadOptions, Ranking, Table
from cityrank.pipeline import load
from cityrank.render import FORMATS


class Missing(StrEnum):
    """What a composite index does with a missing indicator value."""

    error = "error"
    renormalise = "renormalise"


class Ties(StrEnum):
    """How tied scores are ranked."""

    competition = "competition"
    modified = "modified"
    dense = "dense"
    ordinal = "ordinal"
    fractional = "fractional"


INPUT = "Input"
RANKING = "Ranking"
OUTPUT = "Output"
ROWS = "Rows"

BIG_FILE = 20_000_000  # bytes: about a second of reading, when a progress bar helps


def _big(sources: list[str]) -> bool:
    with contextlib.suppress(OSError):
        return sum(os.path.getsize(s) for s in sources if s != STDIN) > BIG_FILE
    return False


def _column(holding: str) -> typing.Any:
    """A ``--*-col`` option, whose value the shell completes with the files' column names."""
    return typer.Option(
        metavar="NAME",
        click_type=completion.COLUMN,
        help=f"Column holding {holding}.",
        rich_help_panel=INPUT,
    )


# eq=False: nothing compares two invocations, and the generated __eq__ and
# __hash__ would cost ~0.5 ms of every start.
@dataclass(frozen=True, eq=False)
class Common:
    """The shared options of one invocation.

    Each field is one option, declared here only: the annotation's
    ``typer.Option`` is what ``--help`` shows, the default is the option's.
    The order of the fields is the order in ``--help``.
    """

    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            "-d",
            metavar="FILE",
            click_type=completion.FILE,
            help="Score file (CSV/TSV; '-' for stdin). Repeat for several. "
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
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Treat an empty score as an error.", rich_help_panel=INPUT),
    ] = False
    spec: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            dir_okay=False,
            help="Composite index spec (TOML): the score is built from indicator columns.",
            rich_help_panel=RANKING,
        ),
    ] = None
    weights: Annotated[
        str | None,
        typer.Option(
            metavar="COL=W,…",
            help="Composite index in short: rd=0.4,industry=0.3,cost:lower=0.3 "
            "(minmax, arithmetic).",
            rich_help_panel=RANKING,
        ),
    ] = None
    missing: Annotated[
        Missing | None,
        typer.Option(
            help="Composite: a missing indicator value is an error, or is left out and "
            "that city's weights rescaled (renormalise).",
            rich_help_panel=RANKING,
        ),
    ] = None
    ties: Annotated[
        Ties,
        typer.Option(
            help="Tie rule: competition 1224, modified 1334, dense 1223, "
            "ordinal 1234, fractional 1 2.5 2.5 4.",
            rich_help_panel=RANKING,
        ),
    ] = Ties.competition
    lower_is_better: Annotated[
        bool,
        typer.Option(
            "--lower-is-better", help="Rank the lowest score first.", rich_help_panel=RANKING
        ),
    ] = False
    year: Annotated[
        str | None,
        typer.Option(
            metavar="YEAR",
            click_type=completion.EDITION,
            help="Edition to show (default: the latest).",
            rich_help_panel=RANKING,
        ),
    ] = None
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            click_type=click.Choice(FORMATS, case_sensitive=False),
            help="table, csv, tsv, json, jsonl, markdown, or a tabulate format "
            "(grid, github, latex, html …). Default: table on a terminal, csv otherwise.",
            rich_help_panel=OUTPUT,
        ),
    ] = None
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write to FILE (atomically) instead of stdout.",
            rich_help_panel=OUTPUT,
        ),
    ] = None
    svg: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            dir_okay=False,
            help="Also save the table or chart as it looks, as SVG.",
            rich_help_panel=OUTPUT,
        ),
    ] = None
    html: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            dir_okay=False,
            help="Also save the table or chart as it looks, as HTML.",
            rich_help_panel=OUTPUT,
        ),
    ] = None
    excel_safe: Annotated[
        bool,
        typer.Option(
            "--excel-safe",
            help="CSV/TSV: prefix cells starting with = + - @ with ' so spreadsheets "
            "do not run them as formulas.",
            rich_help_panel=OUTPUT,
        ),
    ] = False
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No warnings, notes or progress bar on stderr; errors are still said.",
            rich_help_panel=OUTPUT,
        ),
    ] = False
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Say on stderr which reader ran, how many rows were read, kept and ranked, "
            "and how long each step took.",
            rich_help_panel=OUTPUT,
        ),
    ] = False

    def output_format(self) -> str:
        """The format asked for, else a table on a terminal and CSV otherwise."""
        if self.format:
            return self.format.lower()
        return "table" if self.output is None and sys.stdout.isatty() else "csv"

    def sources(self, extra: list[str] | None = None) -> list[str]:
        """The data's sources; a ``--spec`` that is one of them is a usage error (each
        input is read once: a pipe read twice is empty, a FIFO hangs)."""
        given = [*(extra or []), *(self.data or [])]
        spec = identity(self.spec) if self.spec is not None else None
        if not given:
            # --spec /dev/stdin takes standard input: the data is then the default.
            piped = piped_stdin() and (spec is None or spec != identity(STDIN))
            given = [STDIN] if piped else default_sources()
        if spec is not None and any(identity(source) == spec for source in given):
            raise UsageError(
                f"--spec {self.spec} is also read as score data — give the spec and "
                "the data each their own file (or pipe)",
                code="bad-option",
            )
        return given

    def index_spec(self) -> "Spec | None":
        """The composite index asked for with --spec or --weights, if any."""
        if self.spec is None and self.weights is None and self.missing is None:
            return None
        from cityrank.core.composite.spec import parse_weights
        from cityrank.pipeline import load_spec

        if self.spec is not None and self.weights is not None:
            raise UsageError("give --spec or --weights, not both", code="bad-option")
        if self.spec is None and self.weights is None:
            raise UsageError(
                "--missing applies to a composite index: add --spec or --weights",
                code="bad-option",
            )
        spec = load_spec(self.spec) if self.spec is not None else parse_weights(self.weights or "")
        if self.missing is not None:
            spec = replace(spec, missing=self.missing.value)
        return spec

    def load_options(self, keep_extra: bool = True) -> LoadOptions:
        return LoadOptions(
            city_col=self.city_col,
            score_col=self.score_col,
            year_col=self.year_col,
            delimiter=parse_delimiter(self.delimiter) if self.delimiter else None,
            encoding=self.encoding,
            strict=self.strict,
            labels=tuple(parse_label(text) for text in self.label or ()),
            keep_extra=keep_extra,
            where=tuple(parse_condition(text) for text in self.where or ()),
            na=tuple(text.strip() for text in self.na or ()),
        )

    def load(self, extra: list[str] | None = None, keep_extra: bool = True) -> Table:
        """The data, with the file's other columns only when ``keep_extra``."""
        sources = self.sources(extra)
        spec = self.index_spec()
        options = self.load_options(keep_extra or spec is not None)
        if spec is not None:
            options = options._replace(no_score=True)
        tell = tell_step if self.verbose else None
        with progress_bar("Reading", _big(sources)) as progress:
            table = load(sources, options, progress=progress, tell=tell)
        if spec is not None:
            from cityrank.core.composite.apply import apply_composite

            table = timed(lambda: apply_composite(table, spec), lambda _: "composite index made")
        for warning in table.warnings:
            _message("warning", warning)
        if spec is None and not self.lower_is_better:
            _published_ranks(table)
        return table

    def rank_editions(self, table: Table) -> list[Ranking]:
        return timed(lambda: rank_editions(table, self.ties.value, self.lower_is_better), ranked)

    def rank(self, table: Table, year: str | None = None) -> Ranking:
        """One edition ranked: ``year``, else ``--year``, else the latest."""
        chosen = year or self.year
        return timed(lambda: rank(table, self.ties.value, self.lower_is_better, chosen), ranked)


# The arguments and the option that several commands take, each declared once
# too; a command names them in its own signature.
Files = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[FILE]...",
        click_type=completion.FILE,
        help="Score files (same as --data); '-' reads stdin.",
        show_default=False,
    ),
]
Top = Annotated[
    int | None,
    typer.Option(min=1, metavar="N", help="Keep the best N (and every city tied with the Nth)."),
]

Cities = Annotated[
    list[str],
    typer.Argument(metavar="CITY...", click_type=completion.CITY, help="City names, as typed."),
]


def _published_ranks(table: Table) -> None:
    """Warn when the scores are ranks (1 for the best) about to be ranked higher-is-better."""
    found = published_ranks(table)
    if found is not None:
        _message(
            "warning",
            f'{table.source}: "{table.score_column}" holds the ranks '
            f"{found[0]}–{found[1]}: did you mean --lower-is-better?",
        )


def _every_edition(common: Common, name: str) -> None:
    if common.year:
        raise UsageError(
            f"--year does not apply to {name}, which shows every edition", code="bad-option"
        )
