"""The shell's question answered before typer is imported, when the answer comes from the data.

A shell asks for completions by running ``cityrank`` with
``_CITYRANK_COMPLETE`` set, and importing typer alone takes about as long as
a shell should wait for the whole answer. So when the word being completed
is a value read from the data (a city, a column, an edition), this module
reads the line itself, with the table of each command's words in
``cli/grammar.py``, and answers in the format of typer's scripts for bash,
zsh and fish. Anything else (option and command names, choices, file names,
click's own scripts, a line with a word the table does not know) it leaves
to click: ``answer`` returns ``None``, and ``cli/completion.py`` answers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

from cityrank.cli import grammar
from cityrank.cli.suggest import KINDS, Line, offer

#: The instruction's prefix in typer's spelling (``complete_bash``), and the shells whose
#: reply this module writes.
_ACTION = "complete"
_SHELLS = ("bash", "zsh", "fish")
#: What a flag's name in the table sets its parameter to (``--no-header``, ``--decimal-point``).
FLAGS = {"on": True, "off": False}


def answer(environ: Mapping[str, str] = os.environ) -> int | None:
    """Answer the completion question in ``environ``; the exit status, or ``None`` when
    click must answer it."""
    action, _, shell = environ.get("_CITYRANK_COMPLETE", "").partition("_")
    if action != _ACTION or shell not in _SHELLS:
        return None
    asked = _asked(shell, environ)
    if asked is None:
        return None
    found = _value_of(*asked)
    if found is None:
        return None
    kind, line, incomplete = found
    mute_stderr()
    return _reply(shell, offer(kind, line, incomplete), environ)


def split_words(text: str) -> list[str]:
    """``text`` split into words as a POSIX shell would, a quote or escape left open at the
    end taken as it stands (what click does with the line)."""
    import shlex

    lexer = shlex.shlex(text, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        words.extend(lexer)
    except ValueError:  # the line ends inside a quote or after a backslash
        words.append(lexer.token)
    return words


def _asked(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str] | None:
    """The words before the one being completed (the program's name left out), and that one,
    from the variables typer's script for ``shell`` sets."""
    if shell == "bash":
        words = split_words(environ.get("COMP_WORDS", ""))
        try:
            index = int(environ.get("COMP_CWORD", ""))
        except ValueError:
            return None
        if index < 1:
            return None
        return words[1:index], words[index] if index < len(words) else ""
    typed = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = split_words(typed)[1:]
    if words and not typed.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _value_of(args: list[str], incomplete: str) -> tuple[str, Line, str] | None:
    """The kind of value the word ``incomplete`` after ``args`` is, the line so far and the
    word's text; ``None`` unless it is a value read from the data."""
    if incomplete.startswith("-") and "=" in incomplete:  # --city-col=na
        name, _, incomplete = incomplete.partition("=")
        args = [*args, name]
    if incomplete.startswith("-") or "--" in args or "=" in args:
        return None  # an option's name, or a line click reads in its own way
    start = 0
    while start < len(args) and args[start] in grammar.GROUP:
        start += 1
    if start == len(args) or args[start] not in grammar.COMMANDS:
        return None
    options, arguments = grammar.COMMANDS[args[start]]
    if len(arguments) != 1:
        return None
    read = _read(args[start + 1 :], {**grammar.SHARED, **options})
    if read is None:
        return None
    params, words, waiting = read
    argument, nargs, argument_kind = arguments[0]
    line = Line(params, words, takes_files=argument == "files")
    if waiting is not None:
        kind = waiting
    elif nargs == -1:
        kind = argument_kind
        params[argument] = list(words)
    elif not words:
        kind = argument_kind
    else:
        return None  # the argument is given: click says what else may come
    return (kind, line, incomplete) if kind in KINDS else None


def _read(
    words: Sequence[str], options: Mapping[str, tuple[str, str, bool]]
) -> tuple[dict[str, object], list[str], str | None] | None:
    """The options' values and the positional words of a command's ``words``, and the kind
    of the option whose value the next word is (``None`` if none waits); ``None`` when a
    word is not one of ``options``."""
    params: dict[str, object] = {}
    positional: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == "-" or not word.startswith("-"):
            positional.append(word)
            continue
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if name not in options:
            return None
        parameter, kind, multiple = options[name]
        if kind in FLAGS:
            if equals:
                return None
            params[parameter] = FLAGS[kind]
            continue
        if not equals:
            if index == len(words):
                return params, positional, kind
            value = words[index]
            index += 1
            if value.startswith("-") and value != "-":
                return None  # click decides whether that is a value or an option
        if multiple:
            given = params.setdefault(parameter, [])
            assert isinstance(given, list)
            given.append(value)
        else:
            params[parameter] = value
    return params, positional, None


def _reply(shell: str, values: list[str], environ: Mapping[str, str]) -> int:
    """Write ``values`` as typer's script for ``shell`` reads them; the exit status."""
    if shell == "bash":
        reply = "\n".join(map(bash_word, values))
    elif shell == "zsh":
        items = "\n".join(f'"{_zsh_escape(value)}"' for value in values)
        reply = f"_arguments '*: :(({items}))'" if values else "_files"
    else:
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":  # whether there are values (else fish lists files)
            return 0 if values else 1
        reply = "\n".join(values) if action == "get-args" else ""
    if reply:
        sys.stdout.write(reply + "\n")
        sys.stdout.flush()
    return 0


def bash_word(value: str) -> str:
    """``value`` as one bash word: ``São\\ Paulo``. Bash puts a reply on the line as it is."""
    import re

    return re.sub(r"[^\w@%+=:,./-]", lambda m: "\\" + m.group(), value)


def _zsh_escape(value: str) -> str:
    """``value`` inside the double quotes of zsh's ``_arguments`` list, as typer writes it."""
    for plain, escaped in (('"', '""'), ("'", "''"), ("$", "\\$"), ("`", "\\`"), (":", r"\\:")):
        value = value.replace(plain, escaped)
    return value


def mute_stderr() -> None:
    """Keep standard error from the shell, which shows whatever a completion writes there, a
    warning or a traceback alike: it goes to a buffer that nothing reads. The stream it
    replaces is kept: closing it (as dropping it would) may close what it writes to."""
    import io

    _REPLACED[:] = [sys.stderr]
    sys.stderr = io.StringIO()


_REPLACED: list[object] = []
