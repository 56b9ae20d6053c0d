"""Shell completion through click: the parameter types that complete from the data, and an
answer that never shows an error.

The shell asks by running cityrank with ``_CITYRANK_COMPLETE`` set, in
typer's spelling (``complete_bash``, what ``--install-completion`` and
``--show-completion`` scripts send) or click's (``bash_complete``); each gets
its own reply format. The values come from ``cli/suggest.py``. Most
questions in typer's spelling are answered before typer is imported
(``cli/quick.py``, from the table ``grammar()`` makes); the rest come here.

Nothing else is imported here at start-up: ``cli/options.py`` imports the
parameter types on every run, and the data is read only while completing.
"""

from __future__ import annotations

from typing import Any

import click
from click.shell_completion import CompletionItem, ShellComplete

#: The shells each spelling of the instruction answers; typer's classes are registered by
#: typer when the app is made (``add_completion``), click's are click's own.
_CLICK_CLASSES: dict[str, type[ShellComplete]] = {
    "bash": click.shell_completion.BashComplete,
    "zsh": click.shell_completion.ZshComplete,
    "fish": click.shell_completion.FishComplete,
}
_ACTIONS = ("source", "complete")


class Completing(click.types.StringParamType):
    """Text that the shell completes with the values of ``kind`` (a name in
    ``suggest.KINDS``), or with file names when there is no ``kind``; as a value it is plain
    text."""

    def __init__(self, kind: str | None = None):
        self.kind = kind

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        if self.kind is None:  # the shell lists the files itself
            return [CompletionItem(incomplete, type="file")]
        from cityrank.cli.suggest import Line, offer

        # Before an option still waiting for its value, click leaves the arguments unparsed.
        takes_files = any(given.name == "files" for given in ctx.command.params)
        line = Line(ctx.params, ctx.args, takes_files)
        return [CompletionItem(value) for value in offer(self.kind, line, incomplete)]


CITY = Completing("cities")
COLUMN = Completing("columns")
WHERE = Completing("where_columns")
EDITION = Completing("editions")
FILE = Completing()


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
    from cityrank.cli.quick import bash_word

    if item.type != "plain":
        return item
    word = bash_word(item.value)
    return CompletionItem(word.replace("\\", "\\\\") if twice else word, help=item.help)


def answer(
    cli: click.Command,
    ctx_args: Any,
    prog_name: str,
    complete_var: str,
    instruction: str,
) -> int:
    """Answer the shell's ``instruction``; the exit status. Nothing goes to stderr."""
    from cityrank.cli.quick import mute_stderr

    mute_stderr()
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


def _kind(param: click.Parameter, name: str) -> str:
    """What ``cli/grammar.py`` says of one of the names of ``param``: ``on``/``off`` for a
    flag, the kind of value it completes with, or ``other``."""
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return "off" if name in param.secondary_opts else "on"
    if isinstance(param.type, Completing):
        return param.type.kind or "file"
    return "other"


def grammar(group: click.Group) -> dict[str, Any]:
    """The words of every command of ``group``, as ``cli/grammar.py`` keeps them for
    ``cli/quick.py``: the group's flags, the options every command shares, and each
    command's own options and its arguments."""
    root = group.make_context("cityrank", [], resilient_parsing=True)
    flags = sorted(name for param in group.get_params(root) for name in param.opts)
    commands: dict[str, tuple[dict[str, tuple[str, str, bool]], list[tuple[str, int, str]]]] = {}
    for name in group.list_commands(root):
        command = group.get_command(root, name)
        assert command is not None
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True)
        options: dict[str, tuple[str, str, bool]] = {}
        arguments = []
        helping = command.get_help_option(ctx)
        for param in command.get_params(ctx):
            assert param.name is not None
            if isinstance(param, click.Argument):
                arguments.append((param.name, param.nargs, _kind(param, param.name)))
                continue
            # The help option's name and the order of its names vary with click's version.
            called = "help" if helping is not None and param.opts == helping.opts else param.name
            for opt in sorted((*param.opts, *param.secondary_opts)):
                options[opt] = (called, _kind(param, opt), param.multiple)
        commands[name] = (options, arguments)
    tables = [options for options, _ in commands.values()]
    shared = {
        opt: spec for opt, spec in tables[0].items() if all(t.get(opt) == spec for t in tables)
    }
    own = {
        name: ({o: s for o, s in options.items() if o not in shared}, arguments)
        for name, (options, arguments) in commands.items()
    }
    return {"GROUP": flags, "SHARED": shared, "COMMANDS": own}


_GRAMMAR_HEAD = '''"""Each command's words, read by ``cli/quick.py`` before typer is imported.

Made from the commands by ``python -m cityrank.cli.write_grammar``;
tests/test_completion_quick.py fails when it is out of step with them. An
option's entry is its parameter's name, what it takes (``on``/``off``: a flag
and what it sets; a kind of value from the data, ``file`` or ``other``) and
whether it may be repeated; an argument's is its name, how many words it
takes (-1: any) and what they are.
"""
'''


def grammar_source(group: click.Group) -> str:
    """``cli/grammar.py`` for ``group`` (before ``ruff format``)."""
    table = grammar(group)
    body = "\n".join(f"{name} = {value!r}" for name, value in table.items())
    return f"{_GRAMMAR_HEAD}\n{body}\n"
