"""Shell completion: values from the data on the line, and an answer that never shows an error.

The shell asks by running cityrank with ``_CITYRANK_COMPLETE`` set, in
typer's spelling (``complete_bash``, what ``--install-completion`` and
``--show-completion`` scripts send) or click's (``bash_complete``); each gets
its own reply format. City names come from the ``-d`` files and FILE
arguments already typed, else ``$CITYRANK_DATA``, else the bundled sample,
and match as ``cityrank show`` matches them: ``sao`` offers ``São Paulo``.
A file that cannot be read completes nothing, silently.

Nothing heavy is imported here at start-up: ``cli/options.py`` imports the
parameter types on every run, and the data is read only while completing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
from click.shell_completion import CompletionItem, ShellComplete

from cityrank.errors import CityRankError

if TYPE_CHECKING:
    from cityrank.model import Columns, LoadOptions, Table

#: The shells each spelling of the instruction answers; typer's classes are registered by
#: typer when the app is made (``add_completion``), click's are click's own.
_CLICK_CLASSES: dict[str, type[ShellComplete]] = {
    "bash": click.shell_completion.BashComplete,
    "zsh": click.shell_completion.ZshComplete,
    "fish": click.shell_completion.FishComplete,
}
_ACTIONS = ("source", "complete")
#: What a reading of the data for completion may raise (and csv.Error); any of it
#: completes nothing.
_UNREADABLE = (CityRankError, click.ClickException, OSError, ValueError, LookupError)


class Completing(click.types.StringParamType):
    """Text that the shell completes with ``values(ctx, incomplete)``, or with file names when
    there is no ``values``; as a value it is plain text."""

    def __init__(self, values: Callable[[click.Context, str], list[str]] | None = None):
        self.values = values

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        if self.values is None:  # the shell lists the files itself
            return [CompletionItem(incomplete, type="file")]
        import csv

        try:
            found = self.values(ctx, incomplete)
        except (*_UNREADABLE, csv.Error):
            return []
        return [CompletionItem(value) for value in found]


def _given(ctx: click.Context, name: str) -> list[str]:
    value = ctx.params.get(name)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _sources(ctx: click.Context) -> list[str]:
    """The files on the line so far, else ``$CITYRANK_DATA``, else the sample; none for ``-``
    alone (standard input is the shell's, not data, while completing)."""
    from cityrank.io.sources import STDIN, default_sources

    files = _given(ctx, "files")
    if not files and any(param.name == "files" for param in ctx.command.params):
        # Before an option still waiting for its value, click leaves the arguments unparsed.
        files = list(ctx.args)
    given = [*files, *_given(ctx, "data")]
    if not given:
        return default_sources()
    return [path for path in given if path != STDIN]


def _options(ctx: click.Context) -> LoadOptions:
    """How the command would read the files, from the options on the line so far."""
    from cityrank.core.where import parse_condition
    from cityrank.io.dialect import parse_delimiter
    from cityrank.io.sources import parse_label
    from cityrank.model import LoadOptions

    def text(name: str) -> str | None:
        value = ctx.params.get(name)
        return value if isinstance(value, str) else None

    delimiter = text("delimiter")
    composite = any(ctx.params.get(name) is not None for name in ("spec", "weights"))
    return LoadOptions(
        city_col=text("city_col"),
        score_col=text("score_col"),
        year_col=text("year_col"),
        delimiter=parse_delimiter(delimiter) if delimiter else None,
        encoding=text("encoding"),
        labels=tuple(map(parse_label, _given(ctx, "label"))),
        keep_extra=composite,
        no_score=composite,
        where=tuple(map(parse_condition, _given(ctx, "where"))),
        na=tuple(cell.strip() for cell in _given(ctx, "na")),
    )


def _table(ctx: click.Context) -> Table | None:
    from cityrank.pipeline import load

    sources = _sources(ctx)
    return load(sources, _options(ctx)) if sources else None


def _prefix(incomplete: str) -> Callable[[str], bool]:
    """Whether a lookup key starts as ``incomplete`` does, ignoring what the lookup ignores."""
    from cityrank.core.lookup import city_key

    typed = city_key(incomplete)
    if incomplete[-1:].isspace() and typed:  # "sao " is the start of "sao paulo", not "saopaulo"
        typed += " "
    return lambda key: key.startswith(typed)


def _read(ctx: click.Context) -> list[Columns]:
    """The columns of each file on the line, kept by its ``--where``: the names, without the
    shaping (scores, duplicates) a city name does not need, which would take twice as long."""
    from cityrank.core.where import keep_rows
    from cityrank.errors import Problems
    from cityrank.io.read import read_columns

    options = _options(ctx)
    read = []
    for path in _sources(ctx):
        columns = read_columns(path, options, Problems(collect=True))
        read.append(keep_rows(columns, options.where)[0] if options.where else columns)
    return read


def cities(ctx: click.Context, incomplete: str) -> list[str]:
    """The names of the cities whose name or alias starts like ``incomplete``, once each, in
    file order; none already on the line."""
    from cityrank.core.lookup import keys_of, split_aliases

    fits = _prefix(incomplete)
    typed = set(keys_of(_given(ctx, "cities")))
    found: dict[str, str] = {}
    for columns in _read(ctx):
        names = columns.city
        keys = keys_of(names)
        wanted = [i for i, key in enumerate(keys) if fits(key)]
        if columns.aliases is not None:  # every alias keyed at once: one call, not one per row
            cells = [(i, split_aliases(cell)) for i, cell in enumerate(columns.aliases) if cell]
            owners = [i for i, aliases in cells for _ in aliases]
            alias_keys = keys_of([alias for _, aliases in cells for alias in aliases])
            wanted += [i for i, key in zip(owners, alias_keys, strict=True) if fits(key)]
        for i in sorted(set(wanted)):
            if keys[i] not in typed:
                found.setdefault(keys[i], names[i])
    return list(found.values())


def editions(ctx: click.Context, incomplete: str) -> list[str]:
    """The editions of the data, oldest first, that start with ``incomplete``."""
    table = _table(ctx)
    return [year for year in table.years if year.startswith(incomplete)] if table else []


def _header(path: str, options: LoadOptions) -> list[str]:
    """The column names of one file, read from its first row that is not blank."""
    from cityrank.errors import Problems
    from cityrank.io.columns import header_names
    from cityrank.io.csv_reader import csv_rows
    from cityrank.io.decode import decode
    from cityrank.io.sources import read_source

    source = read_source(path, options.encoding)
    name, data = source.name, source.data
    if source.kind != "text" or data.lstrip()[:1] in (b"[", b"{"):
        return _read_names(path, options)  # a workbook, Parquet or JSON: its reader knows
    for row in csv_rows(decode(data, name, options.encoding), options).reader:
        if any(cell.strip() for cell in row):
            return header_names(row, name, 1, Problems(collect=True))
    return []


def _read_names(path: str, options: LoadOptions) -> list[str]:
    """The column names of a file that is not delimited text, as its reader gives them."""
    from cityrank.errors import Problems
    from cityrank.io.read import read_columns

    read = read_columns(path, options._replace(keep_extra=True), Problems(collect=True))
    roles = [read.city_column, read.score_column, read.year_column]
    return [name for name in (*roles, *read.extra_columns) if name]


def columns(ctx: click.Context, incomplete: str) -> list[str]:
    """The column names of the files on the line that start like ``incomplete``."""
    from cityrank.core.lookup import city_key

    options = _options(ctx)
    fits = _prefix(incomplete)
    found: dict[str, str] = {}
    for path in _sources(ctx):
        for name in _header(path, options):
            if fits(city_key(name)):
                found.setdefault(name.casefold(), name)
    return list(found.values())


def where_columns(ctx: click.Context, incomplete: str) -> list[str]:
    """For ``--where``: the column part, until an operator is typed."""
    return [] if any(op in incomplete for op in "=!<>~") else columns(ctx, incomplete)


CITY = Completing(cities)
COLUMN = Completing(columns)
WHERE = Completing(where_columns)
EDITION = Completing(editions)
FILE = Completing()


def _bash_word(value: str) -> str:
    """``value`` as one bash word: ``São\\ Paulo``. Bash puts a reply on the line as it is."""
    import re

    return re.sub(r"[^\w@%+=:,./-]", lambda m: "\\" + m.group(), value)


def _replier(base: type[ShellComplete], typer_style: bool) -> type[ShellComplete]:
    """``base`` with its items made fit for its script.

    Bash gets each value escaped as one word (click's script reads its lines with ``read``,
    which takes one level of backslashes, so those get two). typer's scripts fall back to
    the shell's own file completion when no value comes, so a "file" item is left out.
    """
    bash = base.name == "bash"

    def get_completions(self: ShellComplete, args: list[str], incomplete: str) -> Any:
        items: list[CompletionItem] = base.get_completions(self, args, incomplete)
        if typer_style:
            items = [item for item in items if item.type == "plain"]
        if not bash:
            return items
        return [_bash_item(item, twice=not typer_style) for item in items]

    return type(f"Cityrank{base.__name__}", (base,), {"get_completions": get_completions})


def _bash_item(item: CompletionItem, twice: bool) -> CompletionItem:
    if item.type != "plain":
        return item
    word = _bash_word(item.value)
    return CompletionItem(word.replace("\\", "\\\\") if twice else word, help=item.help)


def answer(
    cli: click.Command,
    ctx_args: Any,
    prog_name: str,
    complete_var: str,
    instruction: str,
) -> int:
    """Answer the shell's ``instruction``; the exit status. Nothing goes to stderr."""
    _mute_stderr()
    first, _, second = instruction.partition("_")
    typer_style = first in _ACTIONS
    action, shell = (first, second) if typer_style else (second, first)
    found = click.shell_completion.get_completion_class(shell) if typer_style else None
    base = found if typer_style else _CLICK_CLASSES.get(shell)
    if base is None or action not in _ACTIONS:
        return 1
    replier = _replier(base, typer_style)(cli, ctx_args, prog_name, complete_var)
    try:
        reply = replier.source() if action == "source" else replier.complete()
    except click.ClickException:
        return 1
    if reply:
        click.echo(reply)
    return 0


def _mute_stderr() -> None:
    """Keep standard error from the shell, which shows whatever a completion writes there, a
    warning or a traceback alike: it goes to a buffer that nothing reads. The stream it
    replaces is kept: closing it (as dropping it would) may close what it writes to."""
    import io
    import sys

    _REPLACED[:] = [sys.stderr]
    sys.stderr = io.StringIO()


_REPLACED: list[object] = []
