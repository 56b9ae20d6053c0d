"""How robust a composite ranking is: the Handbook's uncertainty analysis, drawn with numpy.

numpy is imported when ``robustness`` runs, never at import time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from cityrank.core.composite.compute import Composite, IndicatorValueError, compute
from cityrank.core.composite.spec import AGGREGATIONS, Aggregation, Normalisation, Spec
from cityrank.core.composite.tally import RankTally
from cityrank.errors import UsageError
from cityrank.numbers import format_number

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

CHUNK = 1000
MAX_SAMPLES = 1_000_000  # a minute or two for 200 cities and 4 indicators
MAX_SEED = 2**64 - 1


@dataclass(frozen=True)
class Robustness:
    """How a composite ranking holds up when weights (and methods) vary.

    Per city, in input order, ``None`` for a city that has no score (see
    ``Composite``). Ranks are competition ranks (1224), 1 is best.
    ``rank_p05``/``rank_p95`` are the 5th and 95th percentiles of its rank
    over the samples, ``median_rank`` the 50th (numpy's linear method);
    ``p_first`` and ``p_top_k`` are fractions of samples (0-1) with rank 1 and
    rank ``<= top_k``. ``mean_spearman`` is the mean Spearman correlation
    between the nominal ranking and each sample's ranking.
    """

    nominal_rank: list[int | None]
    median_rank: list[float | None]
    rank_p05: list[float | None]
    rank_p95: list[float | None]
    p_first: list[float | None]
    p_top_k: list[float | None]
    mean_spearman: float
    samples: int


# --------------------------------------------------------------------------- robustness


# Long for its docstring (the analysis's specification, about 40 lines) and one
# sampling loop whose steps share the chunk's arrays; its parts are the helpers below.
def robustness(
    spec: Spec,
    values: Mapping[str, Sequence[float | None]],
    *,
    samples: int = 1000,
    seed: int | None = None,
    weight_noise: float = 0.25,
    vary_method: bool = False,
    top_k: int = 3,
    lower_is_better: bool = False,
    progress: Callable[[int], None] | None = None,
    cities: Sequence[str] | None = None,
) -> Robustness:
    """The Handbook's uncertainty analysis of the ranking ``spec`` gives.

    Each sample scales each weight by its own factor drawn from
    U(1 - weight_noise, 1 + weight_noise) (the weights are then rescaled per
    city as in ``compute``). With ``vary_method`` it also draws, uniformly,
    the normalisation among minmax, zscore and rank (and none, only when the
    spec itself uses none: raw values are comparable only if the spec says
    so) and the aggregation among arithmetic and geometric; a geometric draw
    where the drawn normalisation gives some city a non-positive value
    (minmax and rank give the lowest city 0, z-scores are negative below the mean)
    is computed as arithmetic instead.

    Each sample's scores are rounded to the decimals ``compute`` would use
    for that method and ranked with competition ranks (ties share the
    better rank; higher is better unless ``lower_is_better``). The nominal
    ranking is the spec's own, computed the same way, so with
    ``weight_noise=0`` and no ``vary_method`` every sample reproduces it.
    Spearman's correlation is Pearson's on average ranks (so ties count
    correctly); a sample ranked exactly as the nominal ranking counts 1, a
    constant ranking against a different one 0.

    Samples are drawn in chunks of ``CHUNK`` from
    ``numpy.random.default_rng(seed)``: the same seed and arguments give the
    same result. ``progress(done)`` is called after each chunk. Memory: a
    chunk's arrays, and 4 bytes per city per sample up to as many samples as
    cities, no more beyond (see ``RankTally``).

    Raises ``UsageError`` for arguments ``check_arguments`` refuses, and
    whatever ``compute`` raises for the spec and values.
    """
    import numpy as np

    check_arguments(samples, top_k, weight_noise, seed)
    nominal = compute(spec, values, cities=cities)
    count = len(nominal.scores)
    ranked = np.array([s is not None for s in nominal.scores], dtype=bool)
    kept = int(ranked.sum())
    if kept == 0:
        none: list[float | None] = [None] * count
        return Robustness([None] * count, none, none, none, none, none, 1.0, samples)

    norms: tuple[Normalisation, ...] = (spec.normalisation,)
    aggs: tuple[Aggregation, ...] = (spec.aggregation,)
    if vary_method:
        norms = ("minmax", "zscore", "rank") + (("none",) if spec.normalisation == "none" else ())
        aggs = AGGREGATIONS
    methods = _methods(spec, values, nominal, ranked, norms, aggs, cities)
    weights = np.array([i.weight for i in spec.indicators], dtype=np.float64)
    base = methods[norms.index(spec.normalisation), aggs.index(spec.aggregation)]
    nominal_scores = base.scores(weights[None, :])
    nominal_comp, nominal_avg = _ranks(nominal_scores, lower_is_better)

    rng = np.random.default_rng(seed)
    tally = RankTally(samples, kept)
    spearman = _ExactSum()
    done = 0
    while done < samples:
        size = min(CHUNK, samples - done)
        factors = rng.uniform(1 - weight_noise, 1 + weight_noise, size=(size, len(weights)))
        drawn = weights * factors
        if vary_method:
            norm_draw = rng.integers(len(norms), size=size)
            agg_draw = rng.integers(len(aggs), size=size)
        else:
            norm_draw = np.zeros(size, dtype=np.int64)
            agg_draw = np.zeros(size, dtype=np.int64)
        scores = np.empty((size, kept), dtype=np.float64)
        for (n, a), method in methods.items():
            rows = np.flatnonzero((norm_draw == n) & (agg_draw == a))
            if rows.size:
                scores[rows] = method.scores(drawn[rows])
        comp, avg = _ranks(scores, lower_is_better)
        tally.add(comp)
        spearman.add(_spearman(avg, nominal_avg))
        done += size
        if progress is not None:
            progress(done)

    p05, median, p95 = tally.percentiles([5, 50, 95])
    firsts = tally.share_at_most(1)
    tops = tally.share_at_most(top_k)
    positions = np.flatnonzero(ranked).tolist()
    return Robustness(
        nominal_rank=_spread(positions, nominal_comp[0].tolist(), count),
        median_rank=_spread(positions, median.tolist(), count),
        rank_p05=_spread(positions, p05.tolist(), count),
        rank_p95=_spread(positions, p95.tolist(), count),
        p_first=_spread(positions, firsts.tolist(), count),
        p_top_k=_spread(positions, tops.tolist(), count),
        mean_spearman=spearman.total() / samples,
        samples=samples,
    )


def check_arguments(samples: int, top_k: int, weight_noise: float, seed: int | None) -> None:
    """Raise ``UsageError`` unless ``1 <= samples <= MAX_SAMPLES``, ``top_k >= 1``,
    ``0 <= weight_noise < 1`` and the seed is ``None`` or ``0 <= seed <= MAX_SEED``."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise UsageError(
            f"--samples {samples}: give a whole number from 1 to {MAX_SAMPLES} (1000 is typical)",
            code="bad-option",
        )
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise UsageError(
            f"--seed {seed}: give a whole number from 0 to {MAX_SEED}", code="bad-option"
        )
    if top_k < 1:
        raise UsageError(f"--top-k {top_k}: give 1 or more", code="bad-option")
    if not 0 <= weight_noise < 1:
        raise UsageError(
            f"--weight-noise {format_number(weight_noise)}: give a number from 0 up to (not "
            "including) 1 — 0.25 scales each weight by a factor from 0.75 to 1.25",
            code="bad-option",
        )


def _methods(
    spec: Spec,
    values: Mapping[str, Sequence[float | None]],
    nominal: Composite,
    ranked: NDArray[np.bool_],
    norms: tuple[Normalisation, ...],
    aggs: tuple[Aggregation, ...],
    cities: Sequence[str] | None,
) -> dict[tuple[int, int], _Method]:
    """Each (normalisation, aggregation) drawn, by their indexes, ready to score samples.

    A geometric variant that cannot apply (a normalised value not positive)
    is its arithmetic one.
    """
    methods: dict[tuple[int, int], _Method] = {}
    for a, aggregation in enumerate(aggs):
        for n, normalisation in enumerate(norms):
            variant = replace(spec, normalisation=normalisation, aggregation=aggregation)
            if (normalisation, aggregation) == (spec.normalisation, spec.aggregation):
                composite = nominal
            else:
                try:
                    composite = compute(variant, values, cities=cities)
                except IndicatorValueError as exc:
                    if exc.code != "geometric-nonpositive":
                        raise
                    methods[n, a] = methods[n, 0]
                    continue
            methods[n, a] = _Method.build(variant, composite, ranked)
    return methods


def _spearman(avg: NDArray[np.float64], nominal_avg: NDArray[np.float64]) -> list[float]:
    """Each sample's (row of ``avg``) Spearman's rho with the nominal ranking: Pearson's
    on average ranks; an identical ranking counts 1, a constant one 0."""
    import numpy as np

    centre = (avg.shape[1] + 1) / 2
    nominal_dev = nominal_avg[0] - centre
    nominal_var = float(nominal_dev @ nominal_dev)
    dev = avg - centre
    sample_var = np.einsum("ij,ij->i", dev, dev)
    denominator = np.sqrt(sample_var * nominal_var)
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = np.where(denominator > 0, (dev @ nominal_dev) / denominator, 0.0)
    rho = np.where((avg == nominal_avg).all(axis=1), 1.0, rho)
    each: list[float] = rho.tolist()
    return each


class _ExactSum:
    """A sum of floats kept exactly, as non-overlapping partials (Shewchuk's method, which
    ``math.fsum`` uses), so the total does not depend on how the terms were grouped."""

    def __init__(self) -> None:
        self._partials: list[float] = []

    def add(self, terms: list[float]) -> None:
        partials = self._partials
        for term in terms:
            kept = 0
            for partial in partials:
                if abs(term) < abs(partial):
                    term, partial = partial, term
                high = term + partial
                low = partial - (high - term)
                if low:
                    partials[kept] = low
                    kept += 1
                term = high
            partials[kept:] = [term]

    def total(self) -> float:
        """The exact sum, rounded once."""
        return math.fsum(self._partials)


def _ranks(
    scores: NDArray[np.float64], lower_is_better: bool
) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
    """Competition ranks (1224) and average ranks (1 2.5 2.5 4) of each row, best is 1."""
    import numpy

    rows, cities = scores.shape
    keys = scores if lower_is_better else -scores
    order = numpy.argsort(keys, axis=1)  # tie order is irrelevant: ties share a rank
    ordered = numpy.take_along_axis(keys, order, axis=1)
    starts = numpy.ones((rows, cities), dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    ends = numpy.ones((rows, cities), dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    position = numpy.arange(cities)
    first = numpy.maximum.accumulate(numpy.where(starts, position, 0), axis=1)
    last = numpy.minimum.accumulate(numpy.where(ends, position, cities - 1)[:, ::-1], axis=1)[
        :, ::-1
    ]
    competition = numpy.empty((rows, cities), dtype=numpy.int32)
    numpy.put_along_axis(competition, order, (first + 1).astype(numpy.int32), axis=1)
    average = numpy.empty((rows, cities), dtype=numpy.float64)
    numpy.put_along_axis(average, order, (first + last) / 2 + 1, axis=1)
    return competition, average


_N = TypeVar("_N", int, float)


def _spread(positions: list[int], kept: list[_N], count: int) -> list[_N | None]:
    """Values of the ranked cities put back at their positions, ``None`` elsewhere."""
    result: list[_N | None] = [None] * count
    for position, value in zip(positions, kept, strict=True):
        result[position] = value
    return result


@dataclass(frozen=True)
class _Method:
    """One normalisation and aggregation, ready to score many weight vectors at once.

    ``values`` is cities x indicators: normalised values (arithmetic) or
    their logs (geometric), 0 where missing; ``present`` marks values that
    exist; ``scale`` is ``10**decimals`` for rounding the scores.
    """

    values: NDArray[np.float64]
    present: NDArray[np.float64]
    complete: bool
    geometric: bool
    scale: float

    @classmethod
    def build(cls, spec: Spec, composite: Composite, ranked: NDArray[np.bool_]) -> _Method:
        import numpy

        columns = spec.columns
        table = numpy.array(
            [[x if x is not None else numpy.nan for x in composite.normalised[c]] for c in columns],
            dtype=numpy.float64,
        ).T[ranked]
        present = ~numpy.isnan(table)
        positive = numpy.array([i.weight > 0 for i in spec.indicators])
        table = numpy.where(present, table, 0.0)
        geometric = spec.aggregation == "geometric"
        if geometric:
            usable = present & positive[None, :]
            table = numpy.log(numpy.where(usable, table, 1.0))
        return cls(
            values=numpy.ascontiguousarray(table),
            present=present.astype(numpy.float64),
            complete=bool(present.all()),
            geometric=geometric,
            scale=10.0**composite.decimals,
        )

    def scores(self, weights: NDArray[np.float64]) -> NDArray[np.float64]:
        """Rounded scores (in units of the last decimal), samples x cities.

        Each element is built by the same sequence of float operations,
        whatever its row or column, so equal inputs give equal scores.
        """
        import numpy

        samples, indicators = weights.shape
        total = numpy.zeros((samples, self.values.shape[0]), dtype=numpy.float64)
        if self.complete:
            norm = weights[:, 0].copy()
            for j in range(1, indicators):
                norm += weights[:, j]
            shares = weights / norm[:, None]
            for j in range(indicators):
                total += numpy.multiply.outer(shares[:, j], self.values[:, j])
        else:
            mass = numpy.zeros_like(total)
            for j in range(indicators):
                total += numpy.multiply.outer(weights[:, j], self.values[:, j])
                mass += numpy.multiply.outer(weights[:, j], self.present[:, j])
            total /= mass
        if self.geometric:
            numpy.exp(total, out=total)
        total *= self.scale
        return numpy.rint(total, out=total)
