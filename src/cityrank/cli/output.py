"""Where a report goes: rendered to stdout, or atomically to ``--output``, ``--svg``, ``--html``.

``_write`` (one format) and ``_export`` (SVG/HTML) stay small and apart: the
format registry in cityrank.render is to take over their bodies.
"""

from __future__ import annotations

import contextlib
import os
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from cityrank.errors import UsageError
from cityrank.io.sources import STDIN

if typing.TYPE_CHECKING:
    from cityrank.cli.options import Common
    from cityrank.views.base import Report


def _silence_stdout() -> None:
    # The reader went away (`| head`): point stdout at /dev/null so the
    # interpreter's final flush does not complain.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


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
    for option, target in targets:
        for source in common.sources(files):
            if source == STDIN:
                continue
            with contextlib.suppress(OSError):
                if target.exists() and target.samefile(source):
                    raise UsageError(
                        f"{option} {target} is an input file — choose another name; "
                        "cityrank never overwrites its input",
                        code="output-is-input",
                    )
    if common.excel_safe and common.output_format() not in ("csv", "tsv"):
        raise UsageError("--excel-safe applies to csv and tsv output only", code="bad-option")


def emit(report: Report, common: Common) -> None:
    """Render ``report`` in the chosen format to stdout or, atomically, to ``--output``.

    ``--svg`` and ``--html`` also save the people view, as it looks in a terminal.
    """
    fmt = common.output_format()
    if common.output is None:
        _write(report, fmt, sys.stdout, common.excel_safe, terminal=True)
        sys.stdout.flush()
    else:
        with _atomic(common.output) as out:
            _write(report, fmt, out, common.excel_safe, terminal=False)
    if common.svg or common.html:
        _export(report, common.svg, common.html)


def _export(report: Report, svg: Path | None, html: Path | None) -> None:
    from cityrank.render.export import exports

    svg_text, html_text = exports(report, svg=svg is not None, html=html is not None)
    for path, text in ((svg, svg_text), (html, html_text)):
        if path is not None and text is not None:
            with _atomic(path) as out:
                out.write(text)


def _write(report: Report, fmt: str, out: TextIO, excel_safe: bool, terminal: bool) -> None:
    from cityrank.render import write

    write(report, fmt, out, excel_safe=excel_safe, terminal=terminal)


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[TextIO]:
    """A file that appears at ``path`` whole or not at all (written aside, then renamed)."""
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(
            f"cannot write {path}: {exc.strerror or exc} — check the folder exists and is writable",
            code="bad-output",
        ) from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        # mkstemp makes the file private (0600); give it the mode a new file
        # would have, or keep the mode of the file it replaces.
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
