"""The man page, ``cityrank.1``, made from the help texts ``--help`` shows.

``python -m cityrank.cli.manpage man/cityrank.1`` writes it; the wheel
installs that file as ``share/man/man1/cityrank.1``, and
tests/test_manpage.py fails when the committed file is not what this makes.
The page has one section per command (its arguments, own options and
example), one for the options every command shares, the environment
variables and the exit codes. Nothing in it depends on the machine: no date,
no terminal width.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterator, Sequence
from importlib.metadata import version
from pathlib import Path

import click
import typer.main

from cityrank.cli import app
from cityrank.cli.group import ENVIRONMENT, EXIT_CODES, main
from cityrank.cli.options import Common

_EXAMPLE = re.compile(r"\s*Example: (cityrank .*)$", re.M)
_PANELS = ("Input", "Rows", "Ranking", "Output")
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def _roff(text: str) -> str:
    """``text`` safe in a roff line: backslashes and hyphens escaped, no line read as a
    request (one starting with ``.`` or ``'``), and characters past ASCII written as
    ``\\[u2013]``, which every roff reads whatever its input encoding."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = _BEYOND_ASCII.sub(lambda m: f"\\[u{ord(m.group()):04X}]", text)
    return re.sub(r"^(?=[.'])", "\\&", text, flags=re.M)


def _bold(text: str) -> str:
    return f"\\fB{_roff(text)}\\fR"


def _italic(text: str) -> str:
    return f"\\fI{_roff(text)}\\fR"


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a help text, each one line, as ``--help`` joins them."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def _help_and_examples(text: str) -> tuple[list[str], list[str]]:
    """A command's help without its ``Example:`` lines, and those examples."""
    examples = _EXAMPLE.findall(text)
    return _paragraphs(_EXAMPLE.sub("", text)), examples


def _metavar(param: click.Parameter) -> str:
    """What follows an option or stands for an argument: its metavar, else its choices."""
    if isinstance(param, click.Option) and param.is_flag:
        return ""
    if param.metavar:
        return param.metavar
    if isinstance(param.type, click.Choice):
        return "|".join(map(str, param.type.choices))
    return param.type.name.upper()


def _default(param: click.Parameter) -> str | None:
    value = param.default
    if value is None or value is False or value == () or callable(value):
        return None
    return str(getattr(value, "value", value))


def _option(param: click.Option) -> Iterator[str]:
    """One option as a tagged paragraph: its names and value, then what it does."""
    # A flag pair (--decimal-comma/--decimal-point) names its "off" spelling too.
    spellings = [*sorted(param.opts, key=len), *param.secondary_opts]
    names = ", ".join(_bold(name) for name in spellings)
    value = _metavar(param)
    yield ".TP"
    yield f"{names} {_italic(value)}" if value else names
    text = " ".join((param.help or "").split())
    if isinstance(param.type, click.Choice) and param.metavar:
        text += f" One of: {', '.join(map(str, param.type.choices))}."
    default = _default(param)
    if default is not None:
        text += f" Default: {default}."
    yield _roff(text)


def _argument(param: click.Argument) -> Iterator[str]:
    yield ".TP"
    yield _italic(_metavar(param))
    yield _roff(" ".join((getattr(param, "help", None) or "").split()))


def _usage(name: str, command: click.Command) -> str:
    words = ["cityrank", name, "[OPTIONS]"]
    words += [_metavar(p) for p in command.params if isinstance(p, click.Argument)]
    return _roff(" ".join(words))


def _shared() -> set[str]:
    return {field.name for field in dataclasses.fields(Common)}


def _command(name: str, command: click.Command) -> Iterator[str]:
    text, examples = _help_and_examples(command.help or "")
    yield f'.SS "{_usage(name, command)}"'
    for number, paragraph in enumerate(text):
        yield ".PP" if number else ".P"
        yield _roff(paragraph)
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    shared = _shared()
    own = [
        p
        for p in command.params
        if isinstance(p, click.Option) and p.name not in shared and p.name != "help"
    ]
    for param in arguments:
        yield from _argument(param)
    for option in own:
        yield from _option(option)
    yield ".PP"
    yield "It also takes the options in " + _bold("COMMON OPTIONS") + "."
    for example in examples:
        yield ".PP"
        yield "Example:"
        yield ".RS"
        yield ".EX"
        yield _roff(example)
        yield ".EE"
        yield ".RE"


def _common(command: click.Command) -> Iterator[str]:
    """The shared options, in ``--help``'s panels, from one command (every command has them)."""
    shared = _shared()
    options = [p for p in command.params if isinstance(p, click.Option) and p.name in shared]
    for panel in _PANELS:
        yield f".SS {panel}"
        for option in options:
            if getattr(option, "rich_help_panel", None) == panel:
                yield from _option(option)


def _items(pairs: Sequence[tuple[str, str]]) -> Iterator[str]:
    for term, text in pairs:
        yield ".TP"
        yield _bold(term)
        yield _roff(text[0].upper() + text[1:])


def manual() -> str:
    """The man page of the installed cityrank, as roff."""
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    names = group.list_commands(click.Context(group))
    commands = [(name, group.commands[name]) for name in names]
    summary = (group.help or "").rstrip(".")
    description = _paragraphs((main.__doc__ or "").partition("\n\n")[2])
    lines = [
        f'.TH CITYRANK 1 "" "cityrank {version("cityrank")}" "User Commands"',
        ".SH NAME",
        f"cityrank \\- {_roff(summary[0].lower() + summary[1:])}",
        ".SH SYNOPSIS",
        _bold("cityrank") + " [" + _italic("OPTIONS") + "] " + _italic("COMMAND") + " ...",
        ".SH DESCRIPTION",
        _roff(group.help or ""),
    ]
    for paragraph in description:
        lines += [".PP", _roff(paragraph)]
    lines += [".PP", "Each command takes " + _bold("-h") + " or " + _bold("--help") + "."]
    lines.append(".SH OPTIONS")
    for param in group.params:
        if isinstance(param, click.Option) and param.name != "help":
            lines += _option(param)
    lines.append(".SH COMMANDS")
    for name, command in commands:
        lines += _command(name, command)
    lines.append(".SH COMMON OPTIONS")
    lines += [".P", "Every command takes these."]
    lines += _common(commands[0][1])
    lines.append(".SH ENVIRONMENT")
    lines += _items(ENVIRONMENT)
    lines.append(".SH EXIT STATUS")
    lines += _items(EXIT_CODES)
    return "\n".join(lines) + "\n"


def write(path: Path) -> None:
    path.write_text(manual(), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("man/cityrank.1"))
