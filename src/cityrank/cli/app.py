"""The typer app: the cityrank group, its commands made on first use, ``--version``."""

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


app = typer.Typer(
    name="cityrank",
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
    add_completion=False,
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
