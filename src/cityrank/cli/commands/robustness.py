"""``cityrank robustness``: how a composite ranking holds up when its weights vary."""

from typing import Annotated

import typer

from cityrank.cli.messages import progress_bar
from cityrank.cli.options import Common, Files
from cityrank.cli.run import command
from cityrank.errors import CityRankError, UsageError
from cityrank.views.base import Report
from cityrank.views.robustness import robustness_view


@command
def robustness(
    files: Files = None,
    samples: Annotated[
        int, typer.Option(min=1, metavar="N", help="How many weightings to draw.")
    ] = 1000,
    seed: Annotated[
        int | None, typer.Option(metavar="N", help="Seed, for output that repeats exactly.")
    ] = None,
    weight_noise: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=0.99,
            metavar="F",
            help="Scale each weight by a uniform factor in [1-F, 1+F], then rescale.",
        ),
    ] = 0.25,
    vary_method: Annotated[
        bool,
        typer.Option("--vary-method", help="Also draw the normalisation and the aggregation."),
    ] = False,
    top_k: Annotated[int, typer.Option(min=1, metavar="K", help="P(top K) per city.")] = 3,
    *,
    common: Common,
) -> Report:
    """Test how robust a composite ranking is to its weights (OECD/JRC uncertainty analysis).

    Needs --spec or --weights. Per city: nominal rank, median rank, the 5–95 %
    rank interval, P(#1) and P(top K) (fractions 0–1 for machines), and the mean
    Spearman correlation with the nominal ranking.
    Example: cityrank robustness data.csv --weights rd=0.4,industry=0.3,policy=0.3 --seed 1
    """
    from cityrank.core.composite.robustness import robustness as draw
    from cityrank.core.composite.table import composite_of

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
    with progress_bar("Sampling", samples >= 2000) as progress:
        result = draw(
            made.spec,
            made.raw,
            samples=samples,
            seed=seed,
            weight_noise=weight_noise,
            vary_method=vary_method,
            top_k=top_k,
            progress=(lambda done: progress(done, samples)) if progress else None,
            lower_is_better=common.lower_is_better,
            cities=[e.city for e in made.entries],
        )
    return robustness_view(ranking, result, top_k, weight_noise, vary_method)
