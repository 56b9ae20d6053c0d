"""The command wrapper: the one place errors become exit codes, and how a command is registered.

``command()`` turns a function that returns a view's ``Report`` into a
cityrank command: the shared options come from ``Common``'s fields, the
report is emitted, and errors end the process with their exit code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import inspect
import os
import signal
import sys
import time
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import typer
import typer.main

from cityrank.cli.group import _MAKERS
from cityrank.cli.messages import _message, milliseconds, say, say_as, timed
from cityrank.cli.options import Common
from cityrank.cli.output import _check_output, emit, unwritten
from cityrank.errors import CityRankError, DataError, ExitStatus, UsageError

if typing.TYPE_CHECKING:
    from cityrank.views.base import Report


@functools.cache
def _shared_options() -> list[inspect.Parameter]:
    """The fields of ``Common`` as keyword-only parameters, as typer reads them."""
    hints = typing.get_type_hints(Common, include_extras=True)
    return [
        inspect.Parameter(
            field.name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=hints[field.name],
            default=field.default,
        )
        for field in dataclasses.fields(Common)
    ]


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: like Ctrl-C, it unwinds (removing partial files) and exits
    128 + the signal's number. Not an ``Exception``, so that nothing on the way swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


_SIGNALS = ("SIGTERM", "SIGHUP")


def _on_termination() -> dict[int, Any]:
    """Turn SIGTERM and SIGHUP into ``Terminated`` for the command's run; the old handlers."""
    before: dict[int, Any] = {}
    for name in _SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        with contextlib.suppress(ValueError):  # only the main thread may set handlers
            before[number] = signal.signal(number, _terminate)
    return before


def _restore(before: dict[int, Any]) -> None:
    for number, handler in before.items():
        with contextlib.suppress(ValueError, TypeError):
            signal.signal(number, handler)


#: The commands that rank within the groups of ``--by``.
GROUPED = ("list", "show", "compare", "chart", "stats", "history", "movers", "validate")


def _closed_streams(common: Common) -> None:
    """Stand in /dev/null for a closed standard error, and for a closed standard output when
    the report goes to ``--output``; refuse to run when the report has nowhere to go.

    A closed stream (``>&-``) is ``None`` in Python. Like ``cat`` and ``ls``, cityrank
    says it cannot write rather than crash, and it says so before doing any work.
    """
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is not None:
        return
    if common.output is None:
        raise DataError(
            "standard output is closed, so the report has nowhere to go — "
            "redirect it (> FILE or > /dev/null) or give -o FILE",
            code="closed-output",
        )
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process


def _out_of_memory() -> str:
    """The one line for a ``MemoryError``: what to do depends on the reader that ran."""
    advice = "free some memory or raise the limit (ulimit -v)"
    if "pyarrow" in sys.modules:  # Arrow reserves address space far beyond what it uses
        advice += ", or read with CITYRANK_ENGINE=python, which needs less"
    return f"out of memory: the data needs more memory than cityrank may use here — {advice}"


def _named_files(common: Common) -> None:
    """Refuse an empty file name, which the shell gives for an unset ``$VAR`` (``-o "$OUT"``):
    it reaches cityrank as ``.``, the current folder, and would be reported as one. (A ``.``
    typed as such is refused by click already, as a folder.)"""
    for option, path in (
        ("--output", common.output),
        ("--svg", common.svg),
        ("--html", common.html),
        ("--spec", common.spec),
    ):
        if path is not None and path == Path():
            raise UsageError(
                f"{option} was given an empty file name (an unset variable?) — name a file",
                code="bad-option",
            )


def _argument_help(made: click.Command, params: list[inspect.Parameter]) -> None:
    """Give the arguments back their help texts: click 8.5's ``Argument`` takes a ``help`` of
    its own and sets it after typer (0.25 and before) has set it, to None, so --help and the
    man page showed none."""
    infos = {p.name: typing.get_args(p.annotation)[1:] for p in params}
    for param in made.params:
        if isinstance(param, click.Argument) and getattr(param, "help", None) is None:
            texts = [getattr(info, "help", None) for info in infos.get(param.name or "", ())]
            param.help = next((text for text in texts if text), None)


def command(func: Callable[..., Report]) -> Callable[..., None]:
    """Register ``func`` as a command taking the shared options as ``common``.

    The wrapper is the one place errors become exit codes (see ``_run``). The
    click command is made when first needed (see ``_MAKERS``).
    """
    name = func.__name__.rstrip("_").replace("_", "-")

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> None:
        _run(func, name, kwargs)

    _MAKERS[name] = functools.partial(_make, func, wrapper, name)
    return wrapper


def _run(func: Callable[..., Report], name: str, kwargs: dict[str, Any]) -> None:
    """Run command ``name`` with the options ``kwargs``, and emit its report.

    ``CityRankError`` prints one line and exits with its code, Ctrl-C exits
    130 (SIGTERM and SIGHUP 128 + their number, after removing any partial
    file), a closed pipe ends quietly with 0. Other exceptions are bugs and
    keep their traceback.
    """
    start = time.perf_counter()
    common = Common(**{f.name: kwargs.pop(f.name) for f in dataclasses.fields(Common)})
    say_as(quiet=common.quiet, verbose=common.verbose)
    say(f"start-up (Python, imports, options) took {milliseconds(time.process_time())} of CPU")
    # cityrank makes no reference cycles: the cyclic collector would only
    # re-scan millions of live rows (a quarter of the time on large files).
    gc.disable()
    before = _on_termination()
    try:
        _closed_streams(common)
        _refuse(common, name)
        _check_output(common, kwargs.get("files"))
        report = func(common=common, **kwargs)
        if common.columns:
            from cityrank.views.select import parse_columns, select_columns

            report = select_columns(report, parse_columns(common.columns))
        timed(lambda: emit(report, common), lambda _: f"{common.output_format()} written")
        say(f"the command took {milliseconds(time.perf_counter() - start)}")
        if report.status:
            raise typer.Exit(report.status)
    except Terminated as stop:  # files being written were removed on the way out
        raise typer.Exit(128 + stop.signum) from None
    except CityRankError as exc:
        _message("error", str(exc))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
    except MemoryError:
        _message("error", _out_of_memory())
        raise typer.Exit(ExitStatus.DATA_ERROR) from None
    except OSError as exc:  # a closed pipe, a full disk, a closed terminal
        raise typer.Exit(unwritten(exc)) from None
    finally:
        _restore(before)


def _refuse(common: Common, name: str) -> None:
    """A usage error for shared options that do not go together, or not with ``name``."""
    if common.quiet and common.verbose:
        raise UsageError("give -q/--quiet or -v/--verbose, not both", code="bad-option")
    _named_files(common)
    if common.lower and name not in ("show", "compare"):
        raise UsageError(
            f"--lower applies to show and compare, which rank cities on the file's "
            f"other columns; {name} does not",
            code="bad-option",
        )
    if common.by is not None and name not in GROUPED:
        raise UsageError(
            f"--by ranks within groups in {', '.join(GROUPED)}; {name} does not "
            "take groups yet — leave it out, or filter one group with --where",
            code="bad-option",
        )


def _make(func: Callable[..., Report], wrapper: Callable[..., None], name: str) -> click.Command:
    """The click command of ``wrapper``, which runs ``func``. typer reads the options from
    the signature: the command's own, then the shared ones, which ``wrapper`` hands over
    as one ``Common``."""
    signature = inspect.signature(func)
    hints = typing.get_type_hints(func, include_extras=True)
    own = [
        p.replace(annotation=hints[p.name])
        for p in signature.parameters.values()
        if p.name != "common"
    ]
    shared = _shared_options()
    wrapper.__signature__ = signature.replace(parameters=[*own, *shared])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {**hints, **{p.name: p.annotation for p in shared}}
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    single.command(name=name)(wrapper)
    made = typer.main.get_command(single)
    _argument_help(made, own)
    return made
