"""The ranks a robustness run draws, tallied per city in memory that does not grow with samples.

numpy is imported by the caller's functions, never at import time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


class RankTally:
    """Each city's competition ranks (1 … cities) over ``samples`` samples.

    While there are no more samples than cities, the ranks are kept as drawn
    (4 bytes per sample per city); with more, each city counts how often it
    had each rank (4 bytes per city per rank), so memory stays at
    ``4 * cities * min(samples, cities)`` bytes however many samples are
    drawn. Both give the same figures, to the bit.
    """

    def __init__(self, samples: int, cities: int, counted: bool | None = None) -> None:
        """``counted`` chooses the way (for tests); by default, the one that takes less room."""
        import numpy

        self.samples = samples
        self.counted = samples > cities if counted is None else counted
        self._done = 0
        if self.counted:
            self._counts = numpy.zeros((cities, cities), dtype=numpy.int32)
            self._columns = numpy.arange(cities, dtype=numpy.intp)
        else:
            self._ranks = numpy.empty((samples, cities), dtype=numpy.int32)

    def add(self, ranks: NDArray[np.int32]) -> None:
        """Add the next samples' ranks (samples x cities)."""
        import numpy

        if self.counted:
            columns = numpy.broadcast_to(self._columns, ranks.shape)
            numpy.add.at(self._counts, (columns, ranks - 1), 1)
        else:
            self._ranks[self._done : self._done + len(ranks)] = ranks
        self._done += len(ranks)

    def percentiles(self, quantiles: Sequence[float]) -> NDArray[np.float64]:
        """Each city's rank at each of ``quantiles`` (0-100): rows of quantiles, columns of
        cities, as ``numpy.percentile(ranks, quantiles, axis=0, method="linear")`` gives."""
        import numpy

        if not self.counted:
            result: NDArray[np.float64] = numpy.percentile(
                self._ranks, quantiles, axis=0, method="linear"
            )
            return result
        # numpy's linear method, step by step: the virtual index (n - 1) * q, the
        # order statistics either side of it and the same two-sided interpolation
        # (from the nearer end), so that the result is the same to the bit.
        cumulative = self._counts.cumsum(axis=1)
        last = self.samples - 1
        rows = []
        for q in numpy.true_divide(numpy.asarray(quantiles), 100):
            virtual = last * q
            below = min(int(numpy.floor(virtual)), last)
            gamma = virtual - numpy.floor(virtual)
            low = self._order_statistic(cumulative, below)
            high = self._order_statistic(cumulative, min(below + 1, last))
            step = high - low
            if gamma >= 0.5:
                rows.append(high - step * (1 - gamma))
            else:
                rows.append(low + step * gamma)
        return numpy.array(rows, dtype=numpy.float64)

    @staticmethod
    def _order_statistic(cumulative: NDArray[np.int64], index: int) -> NDArray[np.float64]:
        """Each city's ``index``-th smallest rank (from 0), from its cumulative rank counts."""
        import numpy

        below: NDArray[np.int64] = (cumulative <= index).sum(axis=1)
        return (below + 1).astype(numpy.float64)

    def share_at_most(self, rank: int) -> NDArray[np.float64]:
        """Each city's fraction (0-1) of samples ranked ``rank`` or better."""
        if self.counted:
            within = self._counts[:, : max(rank, 0)].sum(axis=1)
        else:
            within = (self._ranks <= rank).sum(axis=0)
        shares: NDArray[np.float64] = within / self.samples
        return shares
