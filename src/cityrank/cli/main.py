"""The ``cityrank`` program: a shell's completion question is answered here when it can be,
before typer is imported (``cli/quick.py``); everything else goes to the typer app."""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def main(prog_name: str | None = None) -> None:
    """Run cityrank on ``sys.argv``, as ``prog_name`` (by default, as it was called).

    It ends with ``SystemExit``, as a click program does; ``run`` is the process."""
    if os.environ.get("_CITYRANK_COMPLETE"):
        import gc

        from cityrank.cli.quick import answer
        from cityrank.cli.remember import write_held, write_later

        gc.disable()  # a short run: the collector would only walk the rows just read, again
        write_later()  # the answer first: what was read is kept after it
        status = answer()
        if status is not None:
            sys.stdout.flush()
        write_held()  # (nothing is held when click is to answer, and from here none is)
        if status is not None:
            sys.exit(status)
    from cityrank.cli import app

    app(prog_name=prog_name)


def run(prog_name: str | None = None) -> NoReturn:
    """The installed program (and ``python -m cityrank``): ``main``, then the process ends
    as soon as its output is written.

    Python's own ending frees every object and module one by one and collects
    cycles once more: some 25 ms after a small table (a sixth of the run) and
    a tenth of a second after a million rows, for memory the system takes
    back at once anyway. So, as mypy does, the process ends with ``os._exit``
    once standard output and error are flushed. Nothing is left to the end:
    files are written and closed before the report is done, and no atexit
    handler of cityrank's is needed. Where a flush fails (a reader that went
    away), the ordinary ending says so as it always has.
    """
    try:
        main(prog_name)
        status: object = 0
    except SystemExit as done:
        status = done.code
    except OSError as exc:  # --help or --version to a full disk (a command says so itself)
        from cityrank.cli.output import unwritten

        status = unwritten(exc)
    if status is None:
        status = 0
    if not isinstance(status, int):  # a message, which Python prints and exits 1 for
        raise SystemExit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            raise SystemExit(status) from None
    os._exit(status)
