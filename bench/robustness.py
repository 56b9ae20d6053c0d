"""Time ``cityrank.core.composite.robustness`` at the size issue 7 names: 10,000 samples x 300 x 10.

    python bench/robustness.py                    the issue's figure (target: under 2 s)
    python bench/robustness.py --vary-method      also draw normalisation and aggregation
    python bench/robustness.py --samples 1000 --cities 50 --indicators 4 --repeat 3

The data are fictional: seeded random indicator values (lognormal, so they
are positive, with a few columns where lower is better), made in memory.
Each repetition is one call in this process, timed by wall clock, after one
untimed warm-up call (which also pays numpy's import). It prints the median
and the fastest time and the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from cityrank.core.composite.robustness import robustness  # noqa: E402
from cityrank.core.composite.spec import Indicator, Spec  # noqa: E402


def fictional_values(cities: int, indicators: int, seed: int) -> dict[str, list[float | None]]:
    """Seeded fictional indicator columns ``x1`` … ``xN``, one value per city."""
    import numpy as np

    rng = np.random.default_rng(seed)
    table = rng.lognormal(mean=3.0, sigma=0.6, size=(indicators, cities))
    return {f"x{j + 1}": [float(v) for v in table[j]] for j in range(indicators)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--cities", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--vary-method", action="store_true")
    args = parser.parse_args()

    values = fictional_values(args.cities, args.indicators, seed=7)
    spec = Spec(
        tuple(
            Indicator(column, weight=1.0 + j % 3, direction="lower" if j % 4 == 3 else "higher")
            for j, column in enumerate(values)
        )
    )

    def run() -> float:
        start = time.perf_counter()
        result = robustness(
            spec, values, samples=args.samples, seed=42, vary_method=args.vary_method
        )
        elapsed = time.perf_counter() - start
        assert result.samples == args.samples
        return elapsed

    run()  # warm-up: numpy's import and first-call costs are not the figure
    times = [run() for _ in range(args.repeat)]
    label = (
        f"robustness: {args.samples:,} samples x {args.cities} cities x "
        f"{args.indicators} indicators{' (vary-method)' if args.vary_method else ''}"
    )
    print(label)
    median, fastest = statistics.median(times), min(times)
    print(f"  median {median:.3f} s   min {fastest:.3f} s   ({args.repeat} runs)")
    print(
        f"  {platform.python_implementation()} {platform.python_version()}, "
        f"numpy {__import__('numpy').__version__}, {os.cpu_count()} CPUs, {platform.machine()}"
    )


if __name__ == "__main__":
    main()
