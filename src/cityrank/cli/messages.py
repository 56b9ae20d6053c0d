"""What cityrank says on stderr besides a command's output: one-line messages, the progress bar.

A module of its own because both the shared options (warnings and the bar
while reading) and the command wrapper (errors) use it. ``-q`` silences all
but errors; ``-v`` adds ``info`` lines (``say``), each step with its time.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from cityrank.render.printable import encodable, literal

if TYPE_CHECKING:
    from cityrank.model import Ranking

T = TypeVar("T")


@contextlib.contextmanager
def progress_bar(label: str, wanted: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr, only when stderr is a terminal (and ``wanted``).

    Yields a ``progress(done, total)`` callback, or ``None`` when no bar is shown.
    """
    if not wanted or _said.quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


class _Said:
    """How much this invocation says: set by the command wrapper from -q and -v."""

    quiet = False
    verbose = False


_said = _Said()


def say_as(quiet: bool, verbose: bool) -> None:
    """Set, for this invocation, whether warnings are silenced and steps are told."""
    _said.quiet = quiet
    _said.verbose = verbose


def say(text: str) -> None:
    """One ``info`` line for -v, and nothing without it."""
    if _said.verbose:
        _message("info", text)


def timed(work: Callable[[], T], what: Callable[[T], str]) -> T:
    """``work()``; with -v, also say ``what`` of its result and the time it took."""
    if not _said.verbose:
        return work()
    start = time.perf_counter()
    done = work()
    _message("info", f"{what(done)} in {milliseconds(time.perf_counter() - start)}")
    return done


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def tell_step(what: str, seconds: float) -> None:
    """What the pipeline tells of a step, for -v: said with its time."""
    say(f"{what} in {milliseconds(seconds)}")


def ranked(rankings: Ranking | list[Ranking]) -> str:
    """What -v says was ranked: ``3 of 3 cities ranked (2020)``, or the sum over editions."""
    if not isinstance(rankings, list):
        rankings = [rankings]
    count = sum(len(r.ranked) for r in rankings)
    size = sum(r.size for r in rankings)
    years = [r.year for r in rankings if r.year]
    if len(years) > 1:
        where = f" in {len(years)} editions ({years[0]}–{years[-1]})"
    else:
        where = f" ({years[0]})" if years else ""
    return f"{count:,} of {size:,} cities ranked{where}"


def _message(level: str, text: str) -> None:
    if _said.quiet and level != "error":
        return
    # Escaped as in a table, and spelled for stderr's encoding: "—" is "-" in Latin-1.
    shown = encodable(literal(text), getattr(sys.stderr, "encoding", None) or "utf-8")
    sys.stderr.write(f"cityrank: {level}: {shown}\n")
    sys.stderr.flush()
