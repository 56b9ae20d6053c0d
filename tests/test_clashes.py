"""A file's column never disappears under one of cityrank's fields, and a clash is renamed
the same way in every command: the file's column becomes ``original_NAME`` (issue 14, item 5).
Made-up values."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import invoke

CLASHING = """city,score,a_rank,a,neighbours
X,90,3,10,north
Y,80,1,20,south
Z,70,2,30,east
"""


def run(*args: str) -> str:
    result = invoke(list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_json_keeps_a_column_named_neighbours(tmp_path: Path) -> None:
    path = tmp_path / "clash.csv"
    path.write_text(CLASHING, encoding="utf-8")
    shown = json.loads(run("show", "x", "-d", str(path), "-f", "json"))
    assert shown["original_neighbours"] == "north"
    assert [n["city"] for n in shown["neighbours"]] == ["X", "Y", "Z"]


def test_a_file_column_named_like_a_rank_of_ours_is_renamed_alike(tmp_path: Path) -> None:
    path = tmp_path / "clash.csv"
    path.write_text(CLASHING, encoding="utf-8")
    shown = json.loads(run("show", "x", "-d", str(path), "-f", "json"))
    compared = list(csv.DictReader(io.StringIO(run("compare", "x", "y", "-d", str(path)))))
    # The file's a_rank (3 for X) is original_a_rank in both; ours (X is 3rd on a) is a_rank.
    assert shown["original_a_rank"] == 3 and compared[0]["original_a_rank"] == "3"
    assert shown["a_rank"] == 3 and compared[0]["a_rank"] == "3"
    assert compared[1]["original_a_rank"] == "1" and compared[1]["a_rank"] == "2"


def test_a_file_column_keeps_its_name_and_derived_figures_add_a_suffix(tmp_path: Path) -> None:
    """Issue 13 item 15: the README's naming rule, as the output shows it."""
    path = tmp_path / "cpi.csv"
    path.write_text("city,score,City Prosperity Index (CPI)\nA,1.5,3\nB,2,4\nC,3,5\n")
    header = run("compare", "A", "B", "-d", str(path), "-f", "csv").splitlines()[0]
    assert header.split(",")[-2:] == [
        "City Prosperity Index (CPI)",
        "City Prosperity Index (CPI)_rank",
    ]
    shown = json.loads(run("show", "A", "-d", str(path), "-f", "json"))
    assert shown["City Prosperity Index (CPI)"] == 3
    assert shown["City Prosperity Index (CPI)_rank"] == 3
    listed = run("list", str(path), "--all-columns", "-f", "csv").splitlines()[0]
    assert listed.endswith(",share_of_leader,City Prosperity Index (CPI)")
