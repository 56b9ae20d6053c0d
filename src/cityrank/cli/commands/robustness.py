"""``cityrank robustness``: how a composite ranking holds up when its weights vary."""

from collections.abc import Callable
from typing import Annotated

import typer

from cityrank.cli.arguments import Files
from cityrank.cli.messages import _message, progress_bar
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.errors import CityRankError, UsageError
from cityrank.views.base import Report
from cityrank.views.robustness import robustness_view


@command
def robustness(
    files: Files = None,
    samples: Annotated[
        int, typer.Option(metavar="N", help="How many weightings to draw, 1 to 1000000.")
    ] = 1000,
    seed: Annotated[
        int | None,
        typer.Option(metavar="N", help="Seed (0 to 2**64 - 1), for output that repeats exactly."),
    ] = None,
    weight_noise: Annotated[
        float,
        typer.Option(
            metavar="F",
            help="Scale each weight by a uniform factor in [1-F, 1+F], then rescale; 0 <= F < 1.",
        ),
    ] = 0.25,
    vary_method: Annotated[
        bool,
        typer.Option("--vary-method", help="Also draw the normalisation and the aggregation."),
    ] = False,
    top_k: Annotated[int, typer.Option(metavar="K", help="P(top K) per city, K >= 1.")] = 3,
    *,
    common: Common,
) -> Report:
    """Test how robust a composite ranking is to its weights (OECD/JRC uncertainty analysis).

    Needs --spec or --weights. Per city: nominal rank, median rank, the 5–95 %
    rank interval, P(#1) and P(top K) (fractions 0–1 for machines), and the mean
    Spearman correlation with the nominal ranking. Memory does not grow with
    --samples; time does (a long run says how long on stderr).
    Example: cityrank robustness data.csv --weights rd=0.4,industry=0.3,policy=0.3 --seed 1
    """
    from cityrank.core.composite.robustness import check_arguments
    from cityrank.core.composite.robustness import robustness as draw
    from cityrank.core.composite.table import composite_of

    check_arguments(samples, top_k, weight_noise, seed)

    try:
        import numpy  # noqa: F401  (checked here to say how to install it)
    except ImportError:
        raise CityRankError(
            "robustness needs numpy, which is not installed — "
            "pip install 'cityrank[robustness]' (or pip install numpy)",
            code="no-numpy",
        ) from None
    if common.spec is None and common.weights is None:
        raise UsageError(
            "robustness needs a composite index: add --spec FILE or --weights COL=W,…",
            code="no-spec",
        )
    table = common.load(files)
    ranking = common.rank(table)
    composite = composite_of(table)
    assert composite is not None
    made = composite[ranking.year]
    with progress_bar("Sampling", samples >= 2000) as bar:
        result = draw(
            made.spec,
            made.raw,
            samples=samples,
            seed=seed,
            weight_noise=weight_noise,
            vary_method=vary_method,
            top_k=top_k,
            progress=(lambda done: bar(done, samples)) if bar else _time_note(samples),
            lower_is_better=common.lower_is_better,
            cities=[e.city for e in made.entries],
        )
    return robustness_view(ranking, result, top_k, weight_noise, vary_method)


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
