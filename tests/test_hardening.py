"""Issue 14's small crashes and silent successes, each as a user would meet it. Made-up data."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cityrank.cli import app


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


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
