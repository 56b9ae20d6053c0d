"""Composite indices from the command line: list, show, compare, robustness. Fictional data."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from conftest import Run, Write, rows

INDICATORS = (
    "city,rd,industry,attention,policy\n"
    "Alpha,95,90,99,98\n"
    "Bravo,92,97,85,88\n"
    "Charlie,88,93,86,85\n"
    "Delta,80,82,75,\n"
)
WEIGHTS = "rd=0.4,industry=0.3,attention=0.2,policy=0.1"


@pytest.fixture
def data(write: Write) -> str:
    return str(write("indicators.csv", INDICATORS))


def test_missing_value_is_an_error_by_default(cityrank: Run, data: str) -> None:
    result = cityrank("list", data, "--weights", WEIGHTS)
    assert result.exit_code == 1
    assert f"{data}:5" in result.stderr and "Delta" in result.stderr and "policy" in result.stderr


def test_composite_is_the_score(cityrank: Run, data: str) -> None:
    result = cityrank("list", data, "--weights", WEIGHTS, "--missing", "renormalise")
    assert result.exit_code == 0, result.stderr
    out = rows(result.stdout)
    # minmax by hand: Alpha rd 100, industry 8/15*100, attention 100, policy 100
    # → 0.4*100 + 0.3*53.3333 + 0.2*100 + 0.1*100 = 86
    assert [(r["city"], r["score"]) for r in out][0] == ("Alpha", "86")
    assert [r["city"] for r in out] == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_show_explains_the_score_and_parts_add_up(cityrank: Run, data: str) -> None:
    args = ["show", "bravo", "-d", data, "--weights", WEIGHTS, "--missing", "renormalise"]
    doc = json.loads(cityrank(*args, "-f", "json").stdout)
    parts = [
        Decimal(str(doc[f"{c}_contribution"])) for c in ("rd", "industry", "attention", "policy")
    ]
    assert sum(parts) == Decimal(str(doc["score"]))
    assert doc["strongest_indicator"] == "industry"
    table = cityrank(*args, "-f", "table").stdout
    assert "indicator by indicator" in table and "Strongest indicator: industry (#1)" in table


def test_compare_splits_the_difference_exactly(cityrank: Run, data: str) -> None:
    args = [
        "compare",
        "alpha",
        "bravo",
        "-d",
        data,
        "--weights",
        WEIGHTS,
        "--missing",
        "renormalise",
    ]
    out = rows(cityrank(*args).stdout)
    columns = ("rd", "industry", "attention", "policy")
    gap = Decimal(out[0]["score"]) - Decimal(out[1]["score"])
    split = [
        Decimal(out[0][f"{c}_contribution"]) - Decimal(out[1][f"{c}_contribution"]) for c in columns
    ]
    assert sum(split) == gap
    table = " ".join(cityrank(*args, "-f", "table").stdout.split())
    assert f"Alpha − Bravo = +{gap} points, by indicator:" in table


def test_spec_file(cityrank: Run, data: str, write: Write) -> None:
    spec = write(
        "index.toml",
        '[index]\nnormalisation = "rank"\nmissing = "renormalise"\n\n'
        "[indicators]\nrd = 1\nindustry = 1\n",
    )
    result = cityrank("list", data, "--spec", str(spec))
    assert result.exit_code == 0, result.stderr
    assert "composite of rd 1, industry 1 (rank, arithmetic)" in cityrank(
        "list", data, "--spec", str(spec), "-f", "table"
    ).stdout.replace("\n", " ")


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("rd=-1,industry=1", "negative"),
        ("rd=0,industry=0", "zero"),
        ("nope=1", "nope"),
    ],
)
def test_bad_weights_are_usage_errors(cityrank: Run, data: str, weights: str, message: str) -> None:
    result = cityrank("list", data, "--weights", weights, "--missing", "renormalise")
    assert result.exit_code == 2
    assert message in result.stderr.lower()


def test_spec_and_weights_together_is_a_usage_error(cityrank: Run, data: str, write: Write) -> None:
    spec = write("index.toml", "[indicators]\nrd = 1\n")
    result = cityrank("list", data, "--spec", str(spec), "--weights", "rd=1")
    assert result.exit_code == 2


def test_robustness_is_reproducible_with_a_seed(cityrank: Run, data: str) -> None:
    args = ["robustness", data, "--weights", WEIGHTS, "--missing", "renormalise", "--seed", "7"]
    first, second = cityrank(*args).stdout, cityrank(*args).stdout
    assert first == second
    out = rows(first)
    assert list(out[0]) == [
        "city",
        "nominal_rank",
        "median_rank",
        "rank_p05",
        "rank_p95",
        "p_first",
        "p_top_k",
    ]
    assert sum(float(r["p_first"]) for r in out) == pytest.approx(1.0)
    assert all(0 <= float(r["p_top_k"]) <= 1 for r in out)
    table = cityrank(*args, "-f", "table").stdout
    assert "Mean Spearman correlation" in table and "●" in table


def test_robustness_needs_a_spec(cityrank: Run) -> None:
    result = cityrank("robustness")
    assert result.exit_code == 2
    assert "--spec" in result.stderr


def test_plain_list_never_imports_numpy() -> None:
    code = (
        "import sys\n"
        "from cityrank.cli import app\n"
        "try:\n"
        "    app(['list', '-f', 'table'], prog_name='cityrank')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('numpy' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.strip() == "False"


def test_composite_figures_are_rounded_once_from_exact_values(cityrank: Run, write: Write) -> None:
    """Eleven equal indicators, minmax: A scores 600/11, B and C 500/11. The gap is
    100/11 = 9.0909…,
    not the difference of the rounded scores (54.5455 − 45.4545 = 9.091); each of A's
    six points is 9.0909, which printed add up to 54.5454, and a footnote says so."""
    names = [f"i{n}" for n in range(11)]
    lines = ["city," + ",".join(names)]
    for city, ones in (("A", range(6)), ("B", range(5)), ("C", range(6, 11))):
        lines.append(city + "," + ",".join("1" if n in ones else "0" for n in range(11)))
    path = write("eleven.csv", "\n".join(lines) + "\n")  # made-up values
    weights = ["--weights", ",".join(f"{n}=1" for n in names)]
    listed = rows(cityrank("list", str(path), *weights, "-f", "csv").stdout)
    assert [r["score"] for r in listed] == ["54.5455", "45.4545", "45.4545"]
    assert [r["gap_to_above"] for r in listed] == ["", "9.0909", "9.0909"]
    shown = json.loads(cityrank("show", "a", "-d", str(path), *weights, "-f", "json").stdout)
    assert [shown[f"{n}_contribution"] for n in names[:6]] == [9.0909] * 6
    table = cityrank("show", "a", "-d", str(path), *weights, "-f", "table").stdout
    assert "Parts may not add up to the total because of rounding." in table
    compared = cityrank("compare", "a", "b", "-d", str(path), *weights, "-f", "table").stdout
    assert "A − B = +9.0909 points" in " ".join(compared.split())
