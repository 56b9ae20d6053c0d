"""No figure is printed with binary-float noise (``18.049999999999955``), in any format.

Property test over ``robustness``, whose percentile ranks are interpolated
floats, and over ``list``/``stats``/``compare`` of the same made-up indices.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import invoke

# A run of seven 0s or 9s after the point, then more digits: a float's repr
# of a number the data cannot express (17.950000000000003, 18.049999999999955).
NOISE = re.compile(r"\d\.\d*?(?:0{7,}|9{7,})\d")

VALUES = st.integers(0, 400).map(lambda n: str(n / 4))


@st.composite
def indices(draw: st.DrawFn) -> str:
    """A made-up file of a few regions and three indicator columns."""
    count = draw(st.integers(3, 25))
    rows = [f"Region {i},{draw(VALUES)},{draw(VALUES)},{draw(VALUES)}" for i in range(count)]
    return "city,a,b,c\n" + "\n".join(rows) + "\n"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=indices(),
    fmt=st.sampled_from(["table", "csv", "json", "markdown"]),
    seed=st.integers(0, 99),
    noise=st.sampled_from(["0.1", "0.25", "0.6"]),
    vary=st.booleans(),
)
def test_robustness_prints_no_float_noise(
    tmp_path: Path, text: str, fmt: str, seed: int, noise: str, vary: bool
) -> None:
    path = tmp_path / "index.csv"
    path.write_text(text, encoding="utf-8")
    weights = ["--weights", "a=0.5,b=0.3,c:lower=0.2"]
    args = ["robustness", str(path), *weights, "--samples", "60", "--seed", str(seed)]
    args += ["--weight-noise", noise, "-f", fmt] + ["--vary-method"] * vary
    result = invoke(args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert not NOISE.findall(result.stdout), result.stdout
    for command in (["list"], ["stats"], ["compare", "region 0", "region 1"]):
        other = invoke([*command, "-d", str(path), *weights, "-f", fmt])
        assert other.exit_code == 0, other.output
        assert not NOISE.findall(other.stdout), other.stdout
