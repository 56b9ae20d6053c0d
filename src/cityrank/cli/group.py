"""The typer app: the cityrank group, its commands made on first use, ``--version``, shell
completion and what ``--help`` says last (environment variables and exit codes)."""

import os
import sys
import typing
from collections.abc import Callable
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

# Each command is made into a click command only when it is run (or listed by
# --help): typer turns a command's ~25 options into click parameters in about
# 4 ms, so making all nine on every start cost ~35 ms of the start-up.
_MAKERS: dict[str, Callable[[], click.Command]] = {}


_PENDING = typing.cast(click.Command, None)


class _Commands(dict[str, click.Command]):
    """The commands by name; each made by its maker the first time it is looked up."""

    def __init__(self) -> None:
        super().__init__(dict.fromkeys(_MAKERS, _PENDING))

    def __getitem__(self, name: str) -> click.Command:
        made = super().__getitem__(name)
        if made is _PENDING:
            made = _MAKERS[name]()
            self[name] = made
        return made

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default

    def items(self) -> Any:
        return [(name, self[name]) for name in self]

    def values(self) -> Any:
        return [self[name] for name in self]


class _Group(TyperGroup):
    """The cityrank group, with commands made on first use (see ``_MAKERS``)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # click 8.4+ suggests close command names itself (NoSuchCommand), and
        # typer's group would add the same sentence again: "Did you mean 'list'?
        # Did you mean 'list'?". Typer's suggestion is for older click.
        try:
            return click.Group.resolve_command(self, ctx, args)
        except click.UsageError as exc:
            if hasattr(exc, "possibilities"):
                raise
        return super().resolve_command(ctx, args)

    def _main_shell_completion(
        self,
        ctx_args: typing.MutableMapping[str, Any],
        prog_name: str,
        complete_var: str | None = None,
    ) -> None:
        # The shell asks with _CITYRANK_COMPLETE set; an ordinary run only looks it up.
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        instruction = os.environ.get(var)
        if not instruction:
            return
        from cityrank.cli.completion import answer

        sys.exit(answer(self, ctx_args, prog_name, var, instruction))


#: The environment variables cityrank reads, for --help and the man page.
ENVIRONMENT = (
    (
        "CITYRANK_DATA",
        "the score file read when none is given and nothing is piped in "
        f"(several: separated by '{os.pathsep}').",
    ),
    (
        "CITYRANK_ENGINE",
        "the reader: auto (the default: Arrow's for files of 3 MB and up, when pyarrow "
        "is installed), python or arrow.",
    ),
    ("NO_COLOR", "set: no colour."),
    ("FORCE_COLOR", "set: colour in -f table even through a pipe."),
    ("COLUMNS", "the width of tables and help (0 counts as unset: the terminal's)."),
)
#: The exit codes, as README.md's "Exit codes" lists them.
EXIT_CODES = (
    ("0", "success (also when the reader of a pipe goes away)."),
    ("1", "bad data, or output that cannot be written."),
    ("2", "usage: an unknown option or option value, a city or year not in the data."),
    ("130", "interrupted (Ctrl-C)."),
    ("143, 129", "ended by SIGTERM, SIGHUP (a file being written is removed)."),
)
# What --help ends with. Typer's help joins the lines of a paragraph: one paragraph each.
EPILOG = "\n\n".join(
    [
        "Environment variables:",
        *(f"{name}: {text}" for name, text in ENVIRONMENT),
        "Exit codes:",
        *(f"{code}: {text}" for code, text in EXIT_CODES),
    ]
)


app = typer.Typer(
    name="cityrank",
    epilog=EPILOG,
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"cityrank {version('cityrank')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Rank, compare and explain city scores from CSV files.

    With no file, commands read the data piped in (cat scores.csv | cityrank
    list), else $CITYRANK_DATA, else the bundled 2020 China Blockchain City
    Innovation Development Index sample.

    Input: CSV/TSV (delimiter sniffed); spreadsheets .xlsx .xlsm .xls .ods
    (with the excel extra); JSON arrays of objects and JSON Lines; Parquet
    (with the fast extra); any of them compressed with gzip, bzip2, xz or
    zstd (with the zstandard package). Each is told by its first bytes, so
    '-' takes any; JSON also by a .json or .jsonl name.
    """
