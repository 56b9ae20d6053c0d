"""Where a report goes: rendered to stdout or ``--output``, and saved to ``--svg``, ``--html``
(see ``cli.targets`` for how a file is written)."""

from __future__ import annotations

import contextlib
import os
import sys
import typing
from pathlib import Path
from typing import TextIO

from cityrank.cli.messages import _message
from cityrank.cli.targets import check_targets, open_target
from cityrank.errors import ExitStatus, UsageError

if typing.TYPE_CHECKING:
    from cityrank.cli.options import Common
    from cityrank.views.base import Report


def _silence_stdout() -> None:
    # The reader went away (`| head`): point stdout at /dev/null so the
    # interpreter's final flush does not complain.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def unwritten(exc: OSError) -> int:
    """The exit status when output cannot be written: 0 for a reader that went away (a
    full disk or a closed terminal is not a bug in cityrank), else 1 and one line why."""
    if isinstance(exc, BrokenPipeError):
        _silence_stdout()
        return ExitStatus.OK
    _message("error", f"cannot write the output: {exc.strerror or exc}")
    return ExitStatus.DATA_ERROR


def _check_output(common: Common, files: list[str] | None) -> None:
    targets = [
        (option, path)
        for option, path in (
            ("--output", common.output),
            ("--svg", common.svg),
            ("--html", common.html),
        )
        if path is not None
    ]
    inputs: list[str | Path] = [*common.sources(files)]
    if common.spec is not None:
        inputs.append(common.spec)
    check_targets(targets, inputs)
    if common.excel_safe and common.output_format() not in ("csv", "tsv"):
        raise UsageError("--excel-safe applies to csv and tsv output only", code="bad-option")


def emit(report: Report, common: Common) -> None:
    """Render ``report`` in the chosen format to stdout or, atomically, to ``--output``.

    ``--svg`` and ``--html`` also save the people view, as it looks in a terminal.
    """
    # The files first: standard output may close early (| head), and what was
    # asked to be saved must be saved all the same.
    if common.svg or common.html:
        _export(report, common.svg, common.html)
    fmt = common.output_format()
    if common.output is None:
        _write(report, fmt, sys.stdout, common.excel_safe, terminal=True)
        sys.stdout.flush()
    else:
        with open_target(common.output) as out:
            _write(report, fmt, out, common.excel_safe, terminal=False)


def _export(report: Report, svg: Path | None, html: Path | None) -> None:
    from cityrank.render.export import exports

    svg_text, html_text = exports(report, svg=svg is not None, html=html is not None)
    for path, text in ((svg, svg_text), (html, html_text)):
        if path is not None and text is not None:
            with open_target(path) as out:
                out.write(text)


def _write(report: Report, fmt: str, out: TextIO, excel_safe: bool, terminal: bool) -> None:
    from cityrank.render import write

    write(report, fmt, out, excel_safe=excel_safe, terminal=terminal)
