"""A name that is no one city, in a file of many cities (issue 12's 1M-row files): the
message is the one ``find_city`` gives over every city, made from the cities near the
name rather than from all of them (a typo took 39 s and 1.4 GB on a million rows).
Made-up data."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityrank.cli import app
from cityrank.core import finder

NAMES = [
    "Lisbon", "Porto", "San Jose", "San Juan", "San Diego", "Valencia", "Madrid",
    "Sevilla", "Bilbao", "Granada", "Malaga", "Murcia", "Vigo", "Gijon", "Cadiz",
    "Toledo", "Burgos", "Leon", "Soria", "Avila",
]  # fmt: skip


@pytest.fixture
def cities(tmp_path: Path) -> str:
    path = tmp_path / "many.csv"
    rows = [f"{name},{n % 7}" for n, name in enumerate(NAMES)]
    path.write_text("city,score\n" + "\n".join(rows) + "\n")
    return str(path)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Lissbon", 'no city "Lissbon"'),
        ("Sevila", 'no city "Sevila"'),
        ("San", '"San" is the start of several city names'),
        ("Xq", 'no city "Xq"'),
    ],
)
def test_a_large_file_says_what_a_small_one_says(
    cities: str, query: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    everyone = runner.invoke(app, ["show", query, "-d", cities])
    monkeypatch.setattr(finder, "MANY", 3)
    monkeypatch.setattr(finder, "NEAR", 2)
    near = runner.invoke(app, ["show", query, "-d", cities])
    assert (near.exit_code, everyone.exit_code) == (2, 2)
    assert message in near.stderr
    assert near.stderr == everyone.stderr


def test_the_suggestions_come_from_the_neighbours(
    cities: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(finder, "MANY", 3)
    monkeypatch.setattr(finder, "NEAR", 2)
    result = CliRunner().invoke(app, ["show", "Lisbom", "-d", cities])
    assert result.exit_code == 2
    assert 'did you mean "Lisbon"' in result.stderr
