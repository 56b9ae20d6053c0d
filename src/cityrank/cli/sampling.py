"""Drawing weightings of a composite index, for ``robustness`` and ``report --robustness``:
the usage errors checked before reading, and the draw with its progress bar or time note."""

import typing
from collections.abc import Callable

from cityrank.cli.messages import _message, progress_bar
from cityrank.cli.options import Common
from cityrank.errors import CityRankError, UsageError
from cityrank.model import Ranking

if typing.TYPE_CHECKING:  # numpy is imported only when weightings are drawn
    from cityrank.core.composite.robustness import Robustness


def check_sampling(
    common: Common,
    samples: int,
    top_k: int,
    noise: float,
    seed: int | None,
    who: str,
    wants: str,
) -> None:
    """The usage errors of a draw of weightings, before any data is read: the ranges, no
    composite index ("``who`` ``wants`` a composite index"), no numpy."""
    from cityrank.core.composite.robustness import check_arguments

    check_arguments(samples, top_k, noise, seed)
    if common.spec is None and common.weights is None:
        raise UsageError(
            f"{who} {wants} a composite index: add --spec FILE or --weights COL=W,…",
            code="no-spec",
        )
    try:
        import numpy  # noqa: F401  (checked here to say how to install it)
    except ImportError:
        raise CityRankError(
            f"{who} needs numpy, which is not installed — "
            "pip install 'cityrank[robustness]' (or pip install numpy)",
            code="no-numpy",
        ) from None


def sample(
    ranking: Ranking,
    samples: int,
    seed: int | None,
    noise: float,
    top_k: int,
    lower_is_better: bool,
    vary_method: bool = False,
    note: bool = True,
) -> "Robustness":
    """The weightings drawn for ``ranking``'s composite index, with a progress bar on a
    terminal for a big draw, else (with ``note``) a note when it will be long."""
    from cityrank.core.composite.robustness import robustness as draw
    from cityrank.core.composite.table import composite_of

    composite = composite_of(ranking.table)
    assert composite is not None
    made = composite[ranking.year]
    with progress_bar("Sampling", samples >= 2000) as bar:
        return draw(
            made.spec,
            made.raw,
            samples=samples,
            seed=seed,
            weight_noise=noise,
            vary_method=vary_method,
            top_k=top_k,
            progress=(lambda done: bar(done, samples))
            if bar
            else (_time_note(samples) if note else None),
            lower_is_better=lower_is_better,
            cities=[e.city for e in made.entries],
        )


LONG_RUN = 10.0  # seconds: a longer run says how long it will take, when no bar shows it


def _time_note(samples: int) -> Callable[[int], None]:
    """A progress callback that, once two chunks are drawn, says on stderr how long the
    rest will take at their pace, if that is longer than ``LONG_RUN``."""
    import time

    marks: list[tuple[float, int]] = []

    def progress(done: int) -> None:
        if len(marks) == 2:
            return
        marks.append((time.monotonic(), done))
        if len(marks) == 2:
            (start, first), (now, second) = marks
            left = (now - start) / (second - first) * (samples - done)
            if left > LONG_RUN:
                _message(
                    "note",
                    f"drawing {samples} samples: about {_duration(left)} more "
                    "(fewer --samples finish sooner)",
                )

    return progress


def _duration(seconds: float) -> str:
    """``42 s``, ``3 min``, ``2.5 h``: a rough time, for the note."""
    if seconds < 90:
        return f"{round(seconds)} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{round(seconds / 3600, 1):g} h"
