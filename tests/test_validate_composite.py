"""``validate --weights``/``--spec`` checks the file as the other commands read it (issue 15).
Made-up data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import outcome as run


@pytest.fixture
def index(tmp_path: Path) -> Path:
    path = tmp_path / "index.csv"
    path.write_text("city,rd,industry\nA,1,2\nB,3,..\nC,5,6\n")
    return path


def test_a_file_without_a_score_column_is_valid_for_a_composite(tmp_path: Path) -> None:
    path = tmp_path / "clean.csv"
    path.write_text("city,rd,industry\nA,1,2\nB,3,4\nC,5,6\n")
    code, out, _ = run("validate", str(path), "--weights", "rd=1,industry=1", "-f", "table")
    assert code == 0
    assert out.strip().splitlines()[-1] == "0 errors, 0 warnings in 1 file (3 rows loaded)."


def test_an_indicator_that_is_not_a_number_is_reported(index: Path) -> None:
    code, out, _ = run("validate", str(index), "--weights", "rd=1,industry=1")
    assert code == 1
    assert out.splitlines()[1].startswith(f"{index},3,,error,bad-indicator,")


def test_a_spec_file_is_checked_like_weights(index: Path, tmp_path: Path) -> None:
    spec = tmp_path / "index.toml"
    spec.write_text("[indicators]\nrd = 1\nindustry = 1\n")
    code, out, _ = run("validate", str(index), "--spec", str(spec))
    assert code == 1
    assert ",error,bad-indicator," in out
