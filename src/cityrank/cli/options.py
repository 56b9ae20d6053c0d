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
from pathlib import Path
from typing import Annotated

import click
import typer

if typing.TYPE_CHECKING:
    from cityrank.core.composite.spec import Spec

from cityrank.cli import completion
from cityrank.cli.choices import Missing, Ties
from cityrank.cli.messages import _message, progress_bar, ranked, tell_step, timed
from cityrank.cli.read_options import ReadOptions
from cityrank.cli.targets import identity
from cityrank.core.editions import rank_editions
from cityrank.core.keys import parse_key
from cityrank.core.ranking import published_ranks, rank
from cityrank.core.where import parse_condition
from cityrank.errors import UsageError
from cityrank.io.decode import check_encoding
from cityrank.io.dialect import parse_delimiter
from cityrank.io.sources import STDIN, default_sources, parse_label, piped_stdin
from cityrank.model import LoadOptions, Ranking, Table
from cityrank.pipeline import load
from cityrank.render import FORMATS

RANKING = "Ranking"
OUTPUT = "Output"

BIG_FILE = 20_000_000  # bytes: about a second of reading, when a progress bar helps


def _big(sources: list[str]) -> bool:
    with contextlib.suppress(OSError):
        return sum(os.path.getsize(s) for s in sources if s != STDIN) > BIG_FILE
    return False


# eq=False: nothing compares two invocations, and the generated __eq__ and
# __hash__ would cost ~0.5 ms of every start.
@dataclass(frozen=True, eq=False)
class Common(ReadOptions):
    """The shared options of one invocation: what to read (``ReadOptions``, first), then
    how to rank and what to write.

    Each field is one option, declared here only: the annotation's
    ``typer.Option`` is what ``--help`` shows, the default is the option's.
    The order of the fields is the order in ``--help``.
    """

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
    lower: Annotated[
        list[str] | None,
        typer.Option(
            metavar="COLUMN",
            click_type=completion.COLUMN,
            help="show, compare: lower is better on COLUMN (an unemployment rate) when cities "
            "are ranked on the file's other columns. Repeatable.",
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
    decimals: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=12,
            metavar="N",
            help="Decimals of derived figures — gaps, percentiles, shares, composite "
            "scores — rounded once from the exact value (default: as the scores have; 2 "
            "for percentiles and shares; 4 for composites).",
            rich_help_panel=OUTPUT,
        ),
    ] = None
    columns: Annotated[
        str | None,
        typer.Option(
            metavar="LIST",
            help="The columns to show, in order, by their machine names "
            "(rank,city,score,gap_to_leader …), in tables and machine formats.",
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
        if self.decimals is not None:
            spec = replace(spec, decimals=self.decimals)
        return spec

    def load_options(self, keep_extra: bool = True) -> LoadOptions:
        return LoadOptions(
            city_col=self.city_col,
            score_col=self.score_col,
            year_col=self.year_col,
            delimiter=parse_delimiter(self.delimiter) if self.delimiter else None,
            encoding=check_encoding(self.encoding) if self.encoding is not None else None,
            strict=self.strict,
            labels=tuple(parse_label(text) for text in self.label or ()),
            keep_extra=keep_extra,
            where=tuple(parse_condition(text) for text in self.where or ()),
            na=tuple(text.strip() for text in self.na or ()),
            no_header=self.no_header,
            on_duplicate=self.on_duplicate.value,
            by=self.by,
            key=parse_key(self.key) if self.key is not None else (),
            sheet=self.sheet,
            decimal_comma=self.decimal_comma,
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

            table = timed(
                lambda: apply_composite(table, spec, options.na), lambda _: "composite index made"
            )
        for warning in table.warnings:
            _message("warning", warning)
        if self.lower:
            from cityrank.core.standing import lower_columns  # (imported by the commands using it)

            table = replace(table, lower_columns=lower_columns(table, self.lower))
        if spec is None and not self.lower_is_better:
            _published_ranks(table)
        return table

    def rank_editions(self, table: Table) -> list[Ranking]:
        return timed(
            lambda: rank_editions(table, self.ties.value, self.lower_is_better, self.decimals),
            ranked,
        )

    def rank(self, table: Table, year: str | None = None) -> Ranking:
        """One edition ranked: ``year``, else ``--year``, else the latest."""
        chosen = year or self.year
        return timed(
            lambda: rank(table, self.ties.value, self.lower_is_better, chosen, self.decimals),
            ranked,
        )


def _published_ranks(table: Table) -> None:
    """Warn when the scores are ranks (1 for the best) about to be ranked higher-is-better."""
    found = published_ranks(table)
    if found is not None:
        _message(
            "warning",
            f'{table.source}: "{table.score_column}" holds the ranks '
            f"{found[0]}–{found[1]}: did you mean --lower-is-better?",
        )
