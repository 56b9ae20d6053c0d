"""Score texts are read in batches of plain numbers: a file of many distinct scores with
odd ones among them reads as it would one text at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result


def test_many_distinct_scores_with_odd_ones_among_them(
    cityrank: Callable[..., Result], write: Callable[[str, str], Path]
) -> None:
    """Plain scores in batches, with a blank, a missing marker, a thousands separator and
    a bad score among them: each read as one at a time would read it."""
    lines = ["city,score"] + [f"c{i},{i / 1000:.3f}" for i in range(1, 9001)]
    lines[5000] = "c5000,n/a"
    lines[6000] = "c6000,"
    lines[7000] = 'c7000,"1,234.5"'
    path = write("many.csv", "\n".join(lines) + "\n")
    result = cityrank("list", "-f", "csv", "--na", "n/a", str(path))
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[1] == "1,false,c7000,1234.5,0,,100,100"
    assert out[2] == "2,false,c9000,9,1225.5,1225.5,99.99,0.73"
    assert out[-2:] == [",,c5000,,,,,", ",,c6000,,,,,"]
    assert "2 rows have no score" in result.stderr
    lines[8000] = "c8000,1.2.3"
    write("many.csv", "\n".join(lines) + "\n")
    result = cityrank("list", "-f", "csv", "--na", "n/a", str(path))
    assert result.exit_code == 1
    assert 'many.csv:8001:2: score "1.2.3" in column "score" is not a number' in result.stderr
