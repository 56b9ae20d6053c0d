"""``cityrank robustness``: how a composite ranking holds up when its weights vary."""

from typing import Annotated

import typer

from cityrank.cli.arguments import Files
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.cli.sampling import check_sampling, sample
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
    check_sampling(common, samples, top_k, weight_noise, seed, "robustness", "needs")
    ranking = common.rank(common.load(files))
    result = sample(
        ranking, samples, seed, weight_noise, top_k, common.lower_is_better, vary_method
    )
    return robustness_view(ranking, result, top_k, weight_noise, vary_method)
