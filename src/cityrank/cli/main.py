"""The ``cityrank`` program: a shell's completion question is answered here when it can be,
before typer is imported (``cli/quick.py``); everything else goes to the typer app."""

from __future__ import annotations

import os
import sys


def main(prog_name: str | None = None) -> None:
    """Run cityrank on ``sys.argv``, as ``prog_name`` (by default, as it was called)."""
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
