"""The bundled sample in every main format, compared with files under tests/golden/.

Run with CITYRANK_UPDATE_GOLDEN=1 to rewrite the files after an intended change,
then read the diff before committing it.
"""

from __future__ import annotations

import os

import pytest

from conftest import GOLDEN, Run

CASES = [
    ("list.txt", ["list", "-f", "table"]),
    ("list.csv", ["list", "-f", "csv"]),
    ("list.tsv", ["list", "-f", "tsv"]),
    ("list.json", ["list", "-f", "json"]),
    ("list.jsonl", ["list", "-f", "jsonl"]),
    ("list.md", ["list", "-f", "markdown"]),
    ("list.grid", ["list", "-f", "grid"]),
    ("compare.txt", ["compare", "beijing", "shenzhen", "-f", "table"]),
    ("compare.csv", ["compare", "beijing", "shenzhen", "-f", "csv"]),
    ("compare3.txt", ["compare", "shanghai", "beijing", "shenzhen", "-f", "table"]),
    ("show.txt", ["show", "shenzhen", "-f", "table"]),
    ("show.json", ["show", "shenzhen", "-f", "json"]),
    ("show.csv", ["show", "shenzhen", "-f", "csv"]),
    ("list_lower.txt", ["list", "--lower-is-better", "-f", "table"]),
    ("list_lower.csv", ["list", "--lower-is-better", "-f", "csv"]),
    ("show_lower.json", ["show", "beijing", "--lower-is-better", "-f", "json"]),
]


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden(cityrank: Run, name: str, args: list[str]) -> None:
    result = cityrank(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    path = GOLDEN / name
    if os.environ.get("CITYRANK_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == path.read_text(encoding="utf-8")
