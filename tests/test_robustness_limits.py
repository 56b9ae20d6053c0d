"""robustness: option ranges are one-line usage errors, memory does not grow with --samples,
and tallying the ranks in bounded memory gives the figures keeping them all would. Fictional data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import asdict

import numpy as np
import pytest

import cityrank.cli.sampling as sampling
import cityrank.core.composite.robustness as robustness_module
from cityrank.core.composite.robustness import Robustness, robustness
from cityrank.core.composite.spec import Indicator, Spec
from cityrank.core.composite.tally import RankTally
from conftest import Run, Write

INDICATORS = (
    "city,rd,industry,attention\nAlpha,95,90,99\nBravo,92,97,85\nCharlie,88,93,86\nDelta,80,82,75\n"
)
WEIGHTS = "rd=0.5,industry=0.3,attention=0.2"


@pytest.fixture
def data(write: Write) -> str:
    return str(write("indicators.csv", INDICATORS))


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--seed", "-1", "--seed -1: give a whole number from 0 to 18446744073709551615"),
        ("--seed", str(2**64), f"--seed {2**64}: give a whole number from 0 to"),
        ("--samples", "0", "--samples 0: give a whole number from 1 to 1000000"),
        ("--samples", "1000000000", "--samples 1000000000: give a whole number from 1 to 1000000"),
        ("--samples", "9223372036854775807", "--samples 9223372036854775807: give a whole"),
        ("--top-k", "0", "--top-k 0: give 1 or more"),
        ("--weight-noise", "1", "--weight-noise 1: give a number from 0 up to (not including) 1"),
        ("--weight-noise", "-0.5", "--weight-noise -0.5: give a number from 0 up to"),
    ],
)
def test_out_of_range_options_are_one_line_usage_errors(
    cityrank: Run, data: str, option: str, value: str, message: str
) -> None:
    result = cityrank("robustness", data, "--weights", WEIGHTS, option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"cityrank: error: {message}")
    assert result.stderr.count("\n") == 1


def test_ranges_are_checked_before_the_data_is_read(cityrank: Run) -> None:
    result = cityrank("robustness", "no-such-file.csv", "--weights", WEIGHTS, "--seed", "-1")
    assert result.exit_code == 2
    assert "--seed -1" in result.stderr and "no-such-file" not in result.stderr


@pytest.mark.parametrize(("seed", "samples"), [("0", "1"), (str(2**64 - 1), "1000000")])
def test_the_ends_of_the_ranges_are_accepted(
    cityrank: Run, data: str, monkeypatch: pytest.MonkeyPatch, seed: str, samples: str
) -> None:
    # Not a million draws in a test: the range is what is checked here.
    monkeypatch.setattr(robustness_module, "robustness", _only_few(robustness_module.robustness))
    result = cityrank(
        "robustness", data, "--weights", WEIGHTS, "--seed", seed, "--samples", samples
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def _only_few(draw: Callable[..., Robustness]) -> Callable[..., Robustness]:
    @functools.wraps(draw)
    def few(*args: object, samples: int, **kwargs: object) -> Robustness:
        return draw(*args, samples=min(samples, 3), **kwargs)

    return few


def _fictional(cities: int, tied: bool) -> tuple[Spec, dict[str, list[float | None]]]:
    rng = np.random.default_rng(cities)
    values: dict[str, list[float | None]] = {
        f"x{j}": [
            float(v)
            for v in (rng.integers(1, 4, cities) if tied else rng.lognormal(3, 0.6, cities))
        ]
        for j in range(3)
    }
    values["x1"][1] = None
    spec = Spec(
        tuple(
            Indicator(column, weight=1.0 + j, direction="lower" if j == 2 else "higher")
            for j, column in enumerate(values)
        ),
        missing="renormalise",
    )
    return spec, values


@pytest.mark.parametrize("vary_method", [False, True])
@pytest.mark.parametrize("tied", [False, True])
@pytest.mark.parametrize("samples", [1, 2, 9, 1001, 2500])
def test_counted_ranks_give_the_figures_kept_ranks_give(
    monkeypatch: pytest.MonkeyPatch, samples: int, tied: bool, vary_method: bool
) -> None:
    """The same draws, tallied as counts per rank and kept whole: equal to the bit."""
    spec, values = _fictional(12, tied)
    results = []
    for counted in (True, False):
        monkeypatch.setattr(
            robustness_module, "RankTally", functools.partial(RankTally, counted=counted)
        )
        results.append(
            robustness(
                spec, values, samples=samples, seed=samples, vary_method=vary_method, top_k=2
            )
        )
    assert asdict(results[0]) == asdict(results[1])


def test_memory_does_not_grow_with_samples() -> None:
    """Twenty times the samples, not half as much memory again (keeping every rank took 8 MB
    more here)."""
    import tracemalloc

    spec, values = _fictional(50, tied=False)
    peaks = []
    for samples in (2_000, 40_000):
        tracemalloc.start()
        robustness(spec, values, samples=samples, seed=1)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 1.5 * peaks[0]


def test_the_tally_computes_percentiles_as_numpy_does() -> None:
    rng = np.random.default_rng(5)
    for samples, cities in [(1, 3), (2, 4), (7, 5), (20, 20), (101, 6), (1000, 9)]:
        ranks = rng.integers(1, cities + 1, size=(samples, cities)).astype(np.int32)
        tally = RankTally(samples, cities, counted=True)
        for start in range(0, samples, 3):
            tally.add(ranks[start : start + 3])
        quantiles = [0, 5, 25, 50, 95, 100]
        expected = np.percentile(ranks, quantiles, axis=0, method="linear")
        assert tally.percentiles(quantiles).tobytes() == expected.tobytes()
        assert tally.share_at_most(2).tolist() == ((ranks <= 2).sum(axis=0) / samples).tolist()


def test_chunks_do_not_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """Weights are drawn in one stream, whatever the chunks; the Spearman mean is summed exactly."""
    spec, values = _fictional(9, tied=False)
    whole = robustness(spec, values, samples=2500, seed=3)
    monkeypatch.setattr(robustness_module, "CHUNK", 64)
    chunked = robustness(spec, values, samples=2500, seed=3)
    assert asdict(chunked) == asdict(whole)


def test_a_long_run_says_how_long_it_will_take(
    cityrank: Run, data: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sampling, "LONG_RUN", -1.0)
    result = cityrank("robustness", data, "--weights", WEIGHTS, "--samples", "3000")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("cityrank: note: drawing 3000 samples: about ")
    assert result.stderr.endswith(" s more (fewer --samples finish sooner)\n")
    assert result.stdout.startswith("city,nominal_rank")


def test_a_short_run_says_nothing(
    cityrank: Run, data: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sampling, "LONG_RUN", -1.0)
    # One chunk only: there is no pace to tell the rest by, and no rest.
    result = cityrank("robustness", data, "--weights", WEIGHTS, "--samples", "1000")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(12.4, "12 s"), (89, "89 s"), (95, "2 min"), (7200, "2 h"), (9000, "2.5 h")],
)
def test_durations_read_roughly(seconds: float, text: str) -> None:
    assert sampling._duration(seconds) == text
