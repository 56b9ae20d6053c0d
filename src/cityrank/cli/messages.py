"""What cityrank says on stderr besides a command's output: one-line messages, the progress bar.

A module of its own because both the shared options (warnings and the bar
while reading) and the command wrapper (errors) use it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from cityrank.render.printable import encodable, literal


@contextlib.contextmanager
def progress_bar(label: str, wanted: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr, only when stderr is a terminal (and ``wanted``).

    Yields a ``progress(done, total)`` callback, or ``None`` when no bar is shown.
    """
    if not wanted or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _message(level: str, text: str) -> None:
    # Escaped as in a table, and spelled for stderr's encoding: "—" is "-" in Latin-1.
    shown = encodable(literal(text), getattr(sys.stderr, "encoding", None) or "utf-8")
    sys.stderr.write(f"cityrank: {level}: {shown}\n")
    sys.stderr.flush()
