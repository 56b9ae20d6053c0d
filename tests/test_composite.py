"""Composite indices (issue 7): the spec, normalisation, aggregation, contributions, robustness.

All data here is fictional.
"""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityrank.core.composite.compute import Composite, IndicatorValueError, compute
from cityrank.core.composite.robustness import robustness
from cityrank.core.composite.spec import (
    NORMALISATIONS,
    Indicator,
    Normalisation,
    Spec,
    format_weights,
    parse_weights,
    validate_spec,
)
from cityrank.core.ranking import rank_values
from cityrank.errors import DataError, UsageError
from cityrank.numbers import format_number
from cityrank.pipeline import load_spec

# --------------------------------------------------------------------------- worked examples

# Three fictional cities A, B, C; three indicators of equal weight (1/3 each).
#
#             rd   industry   cost (lower is better)
#   A         10       8        100
#   B         20       4        300
#   C         30       8        100
#
# minmax, 100 * (x - min) / (max - min); cost flipped: 100 * (max - x) / (max - min)
#   rd:       A 0     B 50    C 100      (min 10, max 30)
#   industry: A 100   B 0     C 100      (min 4, max 8)
#   cost:     A 100   B 0     C 100      (min 100, max 300, flipped)
#
# arithmetic mean:
#   A = (0 + 100 + 100) / 3 = 66.66666… → 66.6667
#   B = (50 + 0 + 0) / 3    = 16.66666… → 16.6667
#   C = (100 + 100 + 100) / 3 = 100
# contributions = (1/3) * normalised, each rounded once to 4 decimals:
#   A: 0, 33.3333, 33.3333     (66.6666 printed against 66.6667: rounding, footnoted)
#   B: 16.6667, 0, 0
#   C: 33.3333 × 3             (99.9999 printed against 100)
EXAMPLE = {"rd": [10.0, 20.0, 30.0], "industry": [8.0, 4.0, 8.0], "cost": [100.0, 300.0, 100.0]}
EXAMPLE_SPEC = parse_weights("rd=1,industry=1,cost:lower=1")


def known(values: list[float | None]) -> list[float]:
    """``values``, each checked present: where a test's data has no missing value."""
    assert None not in values
    return [v for v in values if v is not None]


def test_worked_example_minmax_arithmetic() -> None:
    result = compute(EXAMPLE_SPEC, EXAMPLE)
    assert result.normalised == {
        "rd": [0.0, 50.0, 100.0],
        "industry": [100.0, 0.0, 100.0],
        "cost": [100.0, 0.0, 100.0],
    }
    assert result.scores == [66.6667, 16.6667, 100.0]
    assert result.contributions == {
        "rd": [0.0, 16.6667, 33.3333],
        "industry": [33.3333, 0.0, 33.3333],
        "cost": [33.3333, 0.0, 33.3333],
    }
    assert result.exact == pytest.approx([200 / 3, 50 / 3, 100.0], rel=1e-15)
    assert result.weights == {c: [1 / 3] * 3 for c in EXAMPLE}
    assert result.decimals == 4


# Geometric, normalisation "none", weights 2 : 1 : 1 → 0.5, 0.25, 0.25.
#
#          x    y    z      score = x^0.5 * y^0.25 * z^0.25
#   A      4   16    1      2 * 2 * 1 = 4
#   B      9    1   16      3 * 1 * 2 = 6
#   C      1   81   81      1 * 3 * 3 = 9
#
# contribution c_i = score * w_i ln(n_i) / sum_j w_j ln(n_j):
#   A: w ln n = ln 2, ln 2, 0          → shares 1/2, 1/2, 0     → 2, 2, 0
#   B: w ln n = ln 3, 0, ln 2          → shares ln3/ln6 = 0.613147…, 0, ln2/ln6 = 0.386852…
#                                      → 3.678883… → 3.6789, 0, 2.321116… → 2.3211 (sum 6)
#   C: w ln n = 0, ln 3, ln 3          → 0, 4.5, 4.5
GEOMETRIC = {"x": [4.0, 9.0, 1.0], "y": [16.0, 1.0, 81.0], "z": [1.0, 16.0, 81.0]}
GEOMETRIC_SPEC = Spec(
    (Indicator("x", 2), Indicator("y", 1), Indicator("z", 1)),
    normalisation="none",
    aggregation="geometric",
)


def test_worked_example_geometric() -> None:
    result = compute(GEOMETRIC_SPEC, GEOMETRIC)
    assert result.scores == [4.0, 6.0, 9.0]
    assert result.contributions == {
        "x": [2.0, 3.6789, 0.0],
        "y": [2.0, 0.0, 4.5],
        "z": [0.0, 2.3211, 4.5],
    }
    assert result.weights == {"x": [0.5] * 3, "y": [0.25] * 3, "z": [0.25] * 3}


def test_normalisations_by_hand() -> None:
    values = {"v": [1.0, 2.0, 2.0, 3.0]}
    # mean 2, population sd sqrt(0.5); average ranks 1, 2.5, 2.5, 4 → 100 * (r - 1) / 3
    expected = {
        "minmax": [0.0, 50.0, 50.0, 100.0],
        "zscore": [-math.sqrt(2), 0.0, 0.0, math.sqrt(2)],
        "rank": [0.0, 50.0, 50.0, 100.0],
        "none": [1.0, 2.0, 2.0, 3.0],
    }
    for method in NORMALISATIONS:
        spec = Spec((Indicator("v", 1),), normalisation=method)
        assert compute(spec, values).normalised["v"] == pytest.approx(expected[method])
        lower = Spec((Indicator("v", 1, "lower"),), normalisation=method)
        flipped = [100 - x for x in expected[method]] if method in ("minmax", "rank") else None
        assert compute(lower, values).normalised["v"] == pytest.approx(
            flipped or [-x for x in expected[method]]
        )


@pytest.mark.parametrize("method", ["minmax", "zscore", "rank"])
def test_constant_indicator_never_divides_by_zero(method: Normalisation) -> None:
    expected = 0.0 if method == "zscore" else 50.0  # the middle: it places no one above another
    for direction in ("higher", "lower"):
        spec = Spec((Indicator("v", 1, direction),), normalisation=method)
        assert compute(spec, {"v": [0.1, 0.1, 0.1]}).normalised["v"] == [expected] * 3
        assert compute(spec, {"v": [7.0]}).normalised["v"] == [expected]


def test_renormalise_leaves_a_missing_indicator_out() -> None:
    spec = Spec((Indicator("a", 3), Indicator("b", 1)), normalisation="none", missing="renormalise")
    result = compute(spec, {"a": [10.0, None, None], "b": [20.0, 40.0, None]})
    assert result.weights == {"a": [0.75, None, None], "b": [0.25, 1.0, None]}
    assert result.scores == [12.5, 40.0, None]  # 0.75 * 10 + 0.25 * 20; B on b alone
    assert result.contributions == {"a": [7.5, None, None], "b": [5.0, 40.0, None]}


def test_minmax_over_present_values_only() -> None:
    spec = Spec((Indicator("a", 1),), missing="renormalise")
    assert compute(spec, {"a": [None, 5.0, 10.0, 7.5]}).normalised["a"] == [None, 0, 100, 50]


def test_decimals_adapt_to_tiny_and_huge_figures() -> None:
    none = Spec((Indicator("a", 1),), normalisation="none")
    tiny = compute(none, {"a": [0.000012346, 0.00002]})
    assert tiny.decimals == 8 and tiny.scores == [0.00001235, 0.00002]
    huge = compute(none, {"a": [123456789012345.67, 1.0]})
    assert huge.decimals == 0 and huge.scores == [123456789012346.0, 1.0]


# --------------------------------------------------------------------------- the spec


def test_parse_weights() -> None:
    spec = parse_weights(" rd = 0.4 , industry=0.3,cost:lower=20%, attention:higher=1e-1,")
    assert spec == Spec(
        (
            Indicator("rd", 0.4),
            Indicator("industry", 0.3),
            Indicator("cost", 20.0, "lower"),
            Indicator("attention", 0.1),
        )
    )
    assert format_weights(spec) == "rd=0.4,industry=0.3,cost:lower=20,attention=0.1"
    assert parse_weights(format_weights(spec)) == spec
    assert parse_weights("a:b=1").indicators[0].column == "a:b"  # not a direction: part of the name


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "no COLUMN=WEIGHT"),
        (" , ", "no COLUMN=WEIGHT"),
        ("rd", '"rd" is not COLUMN=WEIGHT'),
        ("=0.4", '"=0.4" is not COLUMN=WEIGHT'),
        (":lower=0.4", "no column name"),
        ("rd=high", 'the weight "high" is not a number'),
        ("rd=", 'the weight "" is not a number'),
        ("rd=nan", "not a finite number"),
        ("rd=-0.4", 'indicator "rd" has a negative weight (-0.4)'),
        ("rd=0,industry=0", "all weights are zero"),
        ("rd=1,rd=2", 'indicator "rd" is given twice'),
    ],
)
def test_bad_weights_text(text: str, says: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_weights(text)
    assert says in str(caught.value)
    assert " — " in str(caught.value)  # every message says what to do


def test_validate_spec() -> None:
    columns = ["rd", "industry", "attention", "policy"]
    validate_spec(parse_weights("rd=1,policy=0"), columns)
    with pytest.raises(UsageError) as caught:
        validate_spec(parse_weights("rdd=1"), columns)
    message = str(caught.value)
    assert '"rdd" is not a column' in message and 'did you mean "rd"' in message
    assert '"rd", "industry", "attention", "policy"' in message
    with pytest.raises(UsageError, match='did you mean "rd"'):
        validate_spec(parse_weights("RD=1"), columns)
    with pytest.raises(UsageError, match='"rd:lower" or "rd:higher"'):
        validate_spec(parse_weights("rd:lowr=1"), columns)
    for bad, says in [
        (Spec((Indicator("rd", -1),)), "negative weight"),
        (Spec((Indicator("rd", 0), Indicator("policy", 0))), "all weights are zero"),
        (Spec((Indicator("rd", 1), Indicator("rd", 1))), '"rd" is given twice'),
        (Spec((Indicator("rd", math.inf),)), "finite"),
        (Spec(()), "no indicators"),
        # Values the types refuse, as a spec file's text can still hold them:
        (Spec((Indicator("rd", 1),), normalisation="max"), 'normalisation "max"'),  # type: ignore[arg-type]
        (Spec((Indicator("rd", 1, "up"),)), 'direction "up"'),  # type: ignore[arg-type]
    ]:
        with pytest.raises(UsageError) as caught:
            validate_spec(bad, columns)
        assert says in str(caught.value)


def test_load_spec_both_forms(tmp_path: Path) -> None:
    path = tmp_path / "index.toml"
    path.write_text(
        '[index]\nnormalization = "rank"\naggregation = "arithmetic"\nmissing = "renormalize"\n\n'
        '[[indicator]]\ncolumn = "rd"\nweight = 0.4\n\n'
        '[[indicator]]\ncolumn = "cost"\nweight = 1\ndirection = "lower"\n\n'
        '[indicators]\nindustry = 0.3\nattention = { weight = 0.2, direction = "higher" }\n',
        encoding="utf-8",
    )
    assert load_spec(path) == Spec(
        (
            Indicator("rd", 0.4),
            Indicator("cost", 1.0, "lower"),
            Indicator("industry", 0.3),
            Indicator("attention", 0.2),
        ),
        normalisation="rank",
        missing="renormalise",
    )
    path.write_text('[indicators]\nrd = 1\n[indicators."R&D spend"]\nweight = 2\n')
    assert load_spec(path).columns == ("rd", "R&D spend")


@pytest.mark.parametrize(
    ("text", "says", "line"),
    [
        ("[index\n", "not valid TOML", 1),
        ('[[indicator]]\ncolumn = "rd"\nweight = = 1\n', "not valid TOML", 3),
        ("[[indicator]]\ncolumn = rd\n", "not valid TOML", 2),
        ("[index]\n", "no indicators", None),
        ('[index]\nnormalisation = "max"\n[indicators]\nrd = 1\n', '"max" is not one of', None),
        ("[index]\nweights = 1\n[indicators]\nrd = 1\n", 'unknown key "weights"', None),
        ("[indicators]\nrd = -1\n", "negative weight", None),
        ('[indicators]\nrd = "0.4"\n', 'rd = "0.4" is not a weight', None),
        ("[indicators]\nrd = true\n", "rd = true is not a weight", None),
        ('[indicators.rd]\nweight = "0.4"\n', 'weight = "0.4" is not a number', None),
        ("[indicators]\nrd = nan\n", "finite", None),
        ("[[indicator]]\nweight = 1\n", "has no column", None),
        ('[[indicator]]\ncolumn = "rd"\n', "has no weight", None),
        ('[[indicator]]\ncolumn = "rd"\nweight = 1\ndirecton = "lower"\n', '"direction"?', None),
        ('[indicators.rd]\nweight = 1\ndirection = "down"\n', '"down" is not one of', None),
        ('[indicators]\nrd = 1\n[[indicator]]\ncolumn = "rd"\nweight = 1\n', "twice", None),
    ],
)
def test_bad_spec_file(tmp_path: Path, text: str, says: str, line: int | None) -> None:
    path = tmp_path / "index.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_spec(path)
    error = caught.value
    assert says in error.message and " — " in error.message
    assert error.file == str(path) and error.line == line
    assert str(error).startswith(f"{path}:")


def test_spec_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_spec(tmp_path / "absent.toml")
    (tmp_path / "latin1.toml").write_bytes(b'[indicators]\n"caf\xe9" = 1\n')
    with pytest.raises(DataError, match="not UTF-8") as caught:
        load_spec(tmp_path / "latin1.toml")
    assert caught.value.line == 2


# --------------------------------------------------------------------------- bad data


def test_missing_value_is_an_error_naming_column_and_city() -> None:
    with pytest.raises(IndicatorValueError) as caught:
        compute(EXAMPLE_SPEC, {**EXAMPLE, "industry": [8.0, None, 8.0]})
    error = caught.value
    assert isinstance(error, DataError)
    assert (error.indicator, error.index, error.code) == ("industry", 1, "missing-value")
    assert 'indicator "industry" has no value for city #2 — ' in str(error)
    assert "--missing renormalise" in str(error)
    assert "no value for Beijing — " in str(error.for_city("Beijing"))
    with pytest.raises(IndicatorValueError, match="for Shenzhen"):
        compute(EXAMPLE_SPEC, {**EXAMPLE, "rd": [1.0, None, 2.0]}, cities=["A", "Shenzhen", "C"])


def test_non_finite_value() -> None:
    for bad in (math.nan, math.inf):
        with pytest.raises(IndicatorValueError, match="must be finite") as caught:
            compute(EXAMPLE_SPEC, {**EXAMPLE, "cost": [1.0, 2.0, bad]})
        assert caught.value.index == 2 and caught.value.code == "non-finite"


def test_geometric_needs_positive_normalised_values() -> None:
    spec = Spec(EXAMPLE_SPEC.indicators, aggregation="geometric")  # minmax gives A 0 on rd
    with pytest.raises(IndicatorValueError) as caught:
        compute(spec, EXAMPLE)
    message = str(caught.value)
    assert "geometric aggregation needs positive normalised values" in message
    assert '"rd" is 0 after minmax normalisation for city #1' in message
    assert "arithmetic" in message and 'normalisation "none"' in message
    none = Spec(
        (Indicator("x", 1), Indicator("y", 1, "lower")),
        normalisation="none",
        aggregation="geometric",
    )
    with pytest.raises(IndicatorValueError, match='"y" is -2 as "lower" negates it'):
        compute(none, {"x": [1.0, 2.0], "y": [2.0, 3.0]})
    with pytest.raises(IndicatorValueError, match='"x" is 0 in the data for city #2'):
        compute(none, {"x": [1.0, 0.0], "y": [-2.0, -3.0]})
    # a zero weight takes its indicator out of the product
    zero = Spec(
        (Indicator("x", 1), Indicator("y", 0)), normalisation="none", aggregation="geometric"
    )
    assert compute(zero, {"x": [4.0, 9.0], "y": [0.0, -1.0]}).scores == [4.0, 9.0]


def test_unknown_column_in_compute() -> None:
    with pytest.raises(UsageError, match='"policy" is not a column'):
        compute(parse_weights("policy=1"), EXAMPLE)


# --------------------------------------------------------------------------- properties

SMALL = st.integers(-1000, 1000).map(float) | st.floats(-1e4, 1e4, allow_subnormal=False)
WEIGHT = st.integers(0, 20).map(float) | st.floats(0, 100, allow_subnormal=False)


@st.composite
def tables(
    draw: st.DrawFn, values: st.SearchStrategy[float] = SMALL, missing: bool = False
) -> tuple[Spec, dict[str, list[float | None]]]:
    cities = draw(st.integers(1, 8))
    count = draw(st.integers(1, 4))
    cell: st.SearchStrategy[float | None] = (values | st.none()) if missing else values
    data = {f"i{j}": draw(st.lists(cell, min_size=cities, max_size=cities)) for j in range(count)}
    weights = draw(st.lists(WEIGHT, min_size=count, max_size=count).filter(any))
    indicators = tuple(
        Indicator(c, w, draw(st.sampled_from(["higher", "lower"])))
        for c, w in zip(data, weights, strict=True)
    )
    spec = Spec(
        indicators,
        normalisation=draw(st.sampled_from(NORMALISATIONS)),
        missing="renormalise" if missing else "error",
    )
    return spec, data


def printed_sum_is_exact(result: Composite) -> None:
    """Each figure is its exact value rounded once; the exact parts add up to the exact score,
    so the printed parts are off their printed total by at most half a unit each, plus one."""
    unit = Decimal(1).scaleb(-result.decimals)
    for i, score in enumerate(result.scores):
        parts = [p for c in result.contributions.values() if (p := c[i]) is not None]
        exact = [p for c in result.exact_contributions.values() if (p := c[i]) is not None]
        if score is None:
            assert not parts and result.exact[i] is None
            continue
        total = result.exact[i]
        assert total is not None
        assert Decimal(format_number(score)) == round(Decimal(total), result.decimals)
        for printed, value in zip(parts, exact, strict=True):
            assert Decimal(format_number(printed)) == round(Decimal(value), result.decimals)
        assert math.fsum(exact) == pytest.approx(total, rel=1e-9, abs=1e-9)
        printed_sum = sum((Decimal(format_number(p)) for p in parts), Decimal(0))
        assert abs(printed_sum - Decimal(format_number(score))) <= unit * (len(parts) + 1) / 2


@settings(max_examples=40)
@given(tables())
def test_contributions_add_up_to_the_score(
    table: tuple[Spec, dict[str, list[float | None]]],
) -> None:
    printed_sum_is_exact(compute(*table))


@settings(max_examples=40)
@given(tables(missing=True))
def test_contributions_add_up_with_missing_values(
    table: tuple[Spec, dict[str, list[float | None]]],
) -> None:
    spec, data = table
    result = compute(spec, data)
    printed_sum_is_exact(result)
    for i in range(len(result.scores)):
        shares = [s for w in result.weights.values() if (s := w[i]) is not None]
        assert not shares or math.isclose(math.fsum(shares), 1.0)


@settings(max_examples=40)
@given(tables(values=st.floats(0.01, 1e6)))
def test_geometric_contributions_add_up(table: tuple[Spec, dict[str, list[float | None]]]) -> None:
    spec, data = table
    positive = Spec(
        tuple(Indicator(i.column, i.weight) for i in spec.indicators),
        normalisation="none",
        aggregation="geometric",
    )
    result = compute(positive, data)
    printed_sum_is_exact(result)
    for i, score in enumerate(result.scores):
        assert score is not None
        logs = math.fsum(known(result.weights[c])[i] * math.log(known(data[c])[i]) for c in data)
        assert score == pytest.approx(math.exp(logs), rel=1e-9, abs=10**-result.decimals)


@settings(max_examples=40)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(SMALL, min_size=width, max_size=width), min_size=1, max_size=8
        )
    )
)
def test_equal_weights_and_no_normalisation_give_the_plain_mean(rows: list[list[float]]) -> None:
    data: dict[str, list[float | None]] = {
        f"i{j}": [row[j] for row in rows] for j in range(len(rows[0]))
    }
    spec = Spec(tuple(Indicator(c, 1) for c in data), normalisation="none")
    result = compute(spec, data)
    for row, score in zip(rows, result.scores, strict=True):
        mean = math.fsum(row) / len(row)
        assert score is not None
        assert abs(score - mean) <= 0.5 * 10**-result.decimals * (1 + 1e-9) + 1e-12 * abs(mean)


@settings(max_examples=40)
@given(tables(), st.integers(1, 1000))
def test_scaling_whole_weights_changes_nothing(
    table: tuple[Spec, dict[str, list[float | None]]], factor: int
) -> None:
    spec, data = table
    whole = Spec(
        tuple(
            Indicator(i.column, float(round(i.weight) or 1), i.direction) for i in spec.indicators
        ),
        spec.normalisation,
    )
    scaled = Spec(
        tuple(Indicator(i.column, i.weight * factor, i.direction) for i in whole.indicators),
        spec.normalisation,
    )
    assert compute(scaled, data) == compute(whole, data)


@settings(max_examples=40)
@given(tables(), st.floats(1e-3, 1e3))
def test_scaling_any_weights_changes_nothing_beyond_rounding(
    table: tuple[Spec, dict[str, list[float | None]]], factor: float
) -> None:
    spec, data = table
    scaled = Spec(
        tuple(Indicator(i.column, i.weight * factor, i.direction) for i in spec.indicators),
        spec.normalisation,
    )
    a, b = compute(spec, data), compute(scaled, data)
    assert a.decimals == b.decimals
    for x, y in zip(a.scores, b.scores, strict=True):
        assert x is not None and y is not None
        assert abs(x - y) <= 1.01 * 10**-a.decimals


@settings(max_examples=40)
@given(
    st.lists(st.integers(-1000, 1000).map(float), min_size=1, max_size=10),
    st.sampled_from(NORMALISATIONS),
)
def test_lower_direction_reverses_the_order(values: list[float], method: Normalisation) -> None:
    higher = Spec((Indicator("v", 1),), normalisation=method)
    lower = Spec((Indicator("v", 1, "lower"),), normalisation=method)
    up = compute(higher, {"v": values}).scores
    down = compute(lower, {"v": values}).scores
    assert rank_values(known(up)) == rank_values(values)
    assert rank_values(known(down)) == rank_values(values, lower_is_better=True)


# --------------------------------------------------------------------------- robustness


def fictional(cities: int, indicators: int, seed: int) -> dict[str, list[float | None]]:
    rng = np.random.default_rng(seed)
    table = rng.lognormal(3.0, 0.6, size=(indicators, cities))
    return {f"x{j}": table[j].tolist() for j in range(indicators)}


@settings(max_examples=25, deadline=None)
@given(tables(missing=True), st.booleans(), st.integers(1, 60))
def test_robustness_without_noise_reproduces_the_nominal_ranking(
    table: tuple[Spec, dict[str, list[float | None]]], lower_is_better: bool, samples: int
) -> None:
    spec, data = table
    result = robustness(
        spec, data, samples=samples, seed=1, weight_noise=0, lower_is_better=lower_is_better
    )
    nominal = [float(r) if r is not None else None for r in result.nominal_rank]
    assert result.median_rank == result.rank_p05 == result.rank_p95 == nominal
    assert result.mean_spearman == 1.0 and result.samples == samples
    assert result.p_first == [None if r is None else float(r == 1) for r in nominal]


def test_robustness_nominal_rank_is_the_composite_rank() -> None:
    data = fictional(40, 5, seed=3)
    spec = Spec(tuple(Indicator(c, 1 + j) for j, c in enumerate(data)))
    scores = compute(spec, data).scores
    result = robustness(spec, data, samples=10, seed=0)
    assert result.nominal_rank == rank_values(known(scores))


@settings(max_examples=15, deadline=None)
@given(tables(missing=True), st.integers(0, 2**32), st.booleans())
def test_same_seed_same_output(
    table: tuple[Spec, dict[str, list[float | None]]], seed: int, vary: bool
) -> None:
    spec, data = table
    first = robustness(spec, data, samples=50, seed=seed, vary_method=vary)
    assert robustness(spec, data, samples=50, seed=seed, vary_method=vary) == first


def test_robustness_intervals_and_probabilities() -> None:
    data = fictional(30, 6, seed=11)
    spec = Spec(tuple(Indicator(c, 1.0) for c in data))
    for vary in (False, True):
        result = robustness(spec, data, samples=1500, seed=5, vary_method=vary, top_k=5)
        assert math.isclose(math.fsum(p for p in result.p_first if p is not None), 1.0)
        # ties in rounded scores can put two cities at rank 5
        assert 5 <= math.fsum(p for p in result.p_top_k if p is not None) < 5.05
        for p05, median, p95 in zip(
            result.rank_p05, result.median_rank, result.rank_p95, strict=True
        ):
            assert p05 is not None and median is not None and p95 is not None
            assert 1 <= p05 <= median <= p95 <= 30
        assert 0 < result.mean_spearman < 1
    assert result != robustness(spec, data, samples=1500, seed=5, top_k=5)  # methods varied


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rho: Pearson's correlation of average ranks."""
    return statistics.correlation(
        [float(r) for r in rank_values(a, "fractional")],
        [float(r) for r in rank_values(b, "fractional")],
    )


def test_robustness_against_an_independent_monte_carlo() -> None:
    """Replay the same weight draws through ``compute`` (pure Python) and ``rank_values``."""
    data = fictional(12, 4, seed=2)
    spec = Spec(tuple(Indicator(c, w) for c, w in zip(data, [4, 3, 2, 1], strict=True)))
    samples, noise = 400, 0.4
    result = robustness(spec, data, samples=samples, seed=9, weight_noise=noise, top_k=2)

    factors = np.random.default_rng(9).uniform(1 - noise, 1 + noise, size=(samples, 4))
    nominal = [s for s in compute(spec, data).scores if s is not None]
    ranks, rhos = [], []
    for row in factors:
        drawn = Spec(
            tuple(
                Indicator(i.column, i.weight * f) for i, f in zip(spec.indicators, row, strict=True)
            )
        )
        scores = [s for s in compute(drawn, data).scores if s is not None]
        ranks.append(rank_values(scores))
        rhos.append(spearman(nominal, scores))
    reference = np.array(ranks)
    assert result.nominal_rank == rank_values(nominal)
    assert result.median_rank == np.percentile(reference, 50, axis=0).tolist()
    assert result.rank_p05 == np.percentile(reference, 5, axis=0).tolist()
    assert result.rank_p95 == np.percentile(reference, 95, axis=0).tolist()
    assert result.p_first == ((reference == 1).mean(axis=0)).tolist()
    assert result.p_top_k == ((reference <= 2).mean(axis=0)).tolist()
    assert result.mean_spearman == pytest.approx(math.fsum(rhos) / samples, rel=1e-12)
    assert len({tuple(r) for r in ranks}) > 5  # the draws did move the ranking


def test_robustness_ties_and_unranked_cities() -> None:
    # B and C are identical: they tie in every sample. D has no value at all: unranked.
    # minmax: a → 100, 50, 50, -, 0; b → 0, 100, 100, -, 20; scores 50, 75, 75, -, 10
    data: dict[str, list[float | None]] = {
        "a": [9.0, 5.0, 5.0, None, 1.0],
        "b": [1.0, 6.0, 6.0, None, 2.0],
    }
    spec = Spec((Indicator("a", 1), Indicator("b", 1)), missing="renormalise")
    result = robustness(spec, data, samples=300, seed=4, lower_is_better=True)
    assert result.nominal_rank[3] is None and result.p_first[3] is None
    assert result.nominal_rank == [2, 3, 3, None, 1]  # lower is better
    assert result.median_rank[1] == result.median_rank[2]
    assert result.p_first[1] == result.p_first[2]


def test_robustness_progress_and_arguments() -> None:
    data = fictional(5, 3, seed=1)
    spec = Spec(tuple(Indicator(c, 1) for c in data))
    seen: list[int] = []
    robustness(spec, data, samples=2500, seed=0, progress=seen.append)
    assert seen == [1000, 2000, 2500]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"samples": 0}, "--samples 0"),
        ({"top_k": 0}, "--top-k 0"),
        ({"weight_noise": 1.0}, "--weight-noise 1"),
        ({"weight_noise": -0.1}, "--weight-noise -0.1"),
    ]
    for kwargs, says in cases:
        with pytest.raises(UsageError, match=says):
            robustness(spec, data, **kwargs)
    with pytest.raises(IndicatorValueError, match="geometric"):
        robustness(Spec(spec.indicators, aggregation="geometric"), data)


def test_importing_and_computing_do_not_load_numpy() -> None:
    code = (
        "import sys\n"
        "from cityrank.core.composite import compute, robustness, spec\n"
        "assert 'numpy' not in sys.modules and 'tomllib' not in sys.modules\n"
        "compute.compute(spec.parse_weights('a=1,b=2'), {'a': [1.0, 2.0], 'b': [3.0, 1.0]})\n"
        "assert 'numpy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
