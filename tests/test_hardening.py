"""Issue 14's small crashes and silent successes, each as a user would meet it. Made-up data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import outcome as run


def test_cityrank_data_naming_no_file_is_a_usage_error() -> None:
    """Item 13: ``CITYRANK_DATA=:`` (what ``$A:$B`` gives when both are empty) crashed."""
    code, _, err = run("list", "-f", "csv", env={"CITYRANK_DATA": ":"})
    assert code == 2
    assert err.startswith("cityrank: error: $CITYRANK_DATA is set to ':', which names no file")


def test_a_file_of_blank_rows_is_an_error_like_a_header_alone(tmp_path: Path) -> None:
    """Item 25: ``city,score`` then rows of empty cells printed a header and exited 0."""
    path = tmp_path / "blank.csv"
    path.write_text("city,score\n,\n,\n", encoding="utf-8")
    code, _, err = run("list", str(path), "-f", "csv")
    assert code == 1
    assert "has a header but no rows" in err
    code, out, _ = run("validate", str(path))  # validate reports on stdout
    assert code == 1
    assert "no-rows,has a header but no rows" in out


def test_one_column_cannot_be_the_year_and_the_score(tmp_path: Path) -> None:
    """Item 24: ``--year-col score`` made every score an edition of its own."""
    path = tmp_path / "s.csv"
    path.write_text("city,score\nAlphaville,70\nBetaburg,95\n", encoding="utf-8")
    for column, role in (("score", "score"), ("city", "city")):
        code, _, err = run("list", str(path), "--year-col", column, "-f", "csv")
        assert code == 2
        assert f"cannot be both the year and the {role}" in err


def test_suggestions_are_quoted_when_names_hold_commas(tmp_path: Path) -> None:
    """Issue 13, item 7: "did you mean Mexico, MEXICO, CIUDAD DE or Quezon City?" read as four."""
    path = tmp_path / "s.csv"
    path.write_text(
        'city,score\n"MEXICO, CIUDAD DE",90\nMexicali,80\nQuezon City,70\n', encoding="utf-8"
    )
    code, _, err = run("show", "mexico ciudad", "-d", str(path))
    assert code == 2
    assert '"MEXICO, CIUDAD DE"' in err


def test_an_ambiguous_prefix_lists_ten_names_and_counts_the_rest(tmp_path: Path) -> None:
    """Issue 14, item 19: every match was listed, found in quadratic time."""
    path = tmp_path / "s.csv"
    rows = "".join(f"Springfield {i},{i}\n" for i in range(3000))
    path.write_text("city,score\n" + rows, encoding="utf-8")
    code, _, err = run("show", "springf", "-d", str(path))
    assert code == 2
    assert err.count('"Springfield') == 10
    assert "and 2990 more" in err
    assert err.count("\n") == 1


def test_an_overflowing_growth_rate_is_empty_not_a_crash(tmp_path: Path) -> None:
    """Issue 14, item 12: a CAGR from 1e-300 to 1e100 is inf, which JSON cannot hold."""
    path = tmp_path / "s.csv"
    path.write_text("city,score,year\nA,1e-300,2019\nA,1e100,2020\n", encoding="utf-8")
    for fmt in ("json", "csv", "table"):
        code, out, _ = run("history", "a", "-d", str(path), "-f", fmt)
        assert code == 0
        assert "inf" not in out.lower()


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_a_score_a_float_cannot_keep_is_refused_with_its_line(tmp_path: Path, engine: str) -> None:
    data = tmp_path / "big.csv"
    data.write_text("city,score\nA,9007199254740993\nB,9007199254740992\nC,0.1e-400\n")
    code, out, err = run("list", str(data), env={"CITYRANK_ENGINE": engine})
    assert (code, out) == (1, "")
    assert err == (
        f'cityrank: error: {data}:2:2: score "9007199254740993" in column "score" has more '
        "digits than a number keeps: it would be ranked as 9007199254740992 — round it to 15 "
        "significant digits, or rescale the column\n"
    )
    code, out, _ = run("validate", str(data), env={"CITYRANK_ENGINE": engine})
    assert code == 1
    assert [line.split(",")[1:5] for line in out.splitlines()[1:]] == [
        ["2", "2", "error", "inexact-number"],
        ["4", "2", "error", "inexact-number"],
    ]
    assert "is too close to zero to be kept: it would be ranked as 0" in out


@settings(deadline=None, max_examples=50)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e100, max_value=1e100))
def test_every_score_a_float_keeps_is_written_back_as_it_was_read(value: float) -> None:
    text = repr(value)
    code, out, err = run("list", "-", input=f"city,score\nA,{text}\nB,{text}5\n")
    assert code in (0, 1), err
    if code == 0:
        written = {row.split(",")[2]: row.split(",")[3] for row in out.splitlines()[1:]}
        assert Decimal(written["A"]) == Decimal(text)
