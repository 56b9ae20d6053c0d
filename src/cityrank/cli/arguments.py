"""The arguments and the options that several commands take, each declared once too: a
command names them in its own signature (``files: Files = None``)."""

from typing import Annotated

import typer

from cityrank.cli import completion
from cityrank.cli.options import Common
from cityrank.errors import UsageError

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

AllColumns = Annotated[
    bool, typer.Option("--all-columns", help="Add the file's other columns to the table.")
]
CompareTo = Annotated[
    str | None,
    typer.Option(
        metavar="YEAR",
        click_type=completion.EDITION,
        help="With several editions: measure movement against YEAR "
        "(default: the edition before the one shown).",
    ),
]

Cities = Annotated[
    list[str],
    typer.Argument(metavar="CITY...", click_type=completion.CITY, help="City names, as typed."),
]


def _every_edition(common: Common, name: str) -> None:
    if common.year:
        raise UsageError(
            f"--year does not apply to {name}, which shows every edition", code="bad-option"
        )
