"""A footnote block after a blank line ends the table (issue 15). Made-up data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import outcome as run

TABLE = "city,score,note\nA,1.5,x\nB,2,y\n"


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "footed.csv"
    path.write_text(text)
    return str(path)


def cities(out: str) -> list[str]:
    return [row["city"] for row in csv.DictReader(io.StringIO(out))]


@pytest.mark.parametrize(
    "footer",
    [
        "Source: UN Data\nFootnote 1: estimates, not counts\n",  # other numbers of cells
        'city,score,note\n"Note: the header again, then one cell\n',  # the header, then a quote
    ],
    ids=["notes", "header-again"],
)
def test_footnotes_are_left_out_with_a_warning(tmp_path: Path, footer: str) -> None:
    path = write(tmp_path, TABLE + "\n" + footer)
    code, out, err = run("list", path, "-f", "csv")
    assert code == 0
    assert cities(out) == ["B", "A"]
    assert err == f"cityrank: warning: {path}: footnotes from line 5 ignored (2 lines)\n"


def test_strict_makes_footnotes_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, TABLE + "\nSource: UN Data\n")
    code, out, err = run("list", path, "--strict")
    assert (code, out) == (1, "")
    assert err == (
        f"cityrank: error: {path}:5: footnotes after a blank line (1 line) — remove them, "
        "or drop --strict to leave them out\n"
    )


def test_validate_reports_the_footnotes_as_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, TABLE + "\n\nSource: UN Data\n\n")
    code, out, _ = run("validate", path)
    assert code == 0
    assert (
        out.splitlines()[1] == f"{path},6,,warning,footnotes,footnotes from line 6 ignored (1 line)"
    )


def test_rows_that_fit_after_a_blank_line_are_still_read(tmp_path: Path) -> None:
    path = write(tmp_path, TABLE + "\nC,3,z\n")
    code, out, err = run("list", path, "-f", "csv")
    assert (code, err) == (0, "")
    assert cities(out) == ["C", "B", "A"]


def test_a_ragged_row_without_a_blank_line_before_it_is_still_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, TABLE + "Source: UN Data\n")
    code, _, err = run("list", path)
    assert code == 1
    assert f"{path}:4: expected 3 fields like the header, found 1" in err
