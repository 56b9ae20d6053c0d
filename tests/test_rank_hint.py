"""Issue 13 item 14: a score column that holds published ranks (1 for the best) gets a hint.
Made-up data."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "ranks.csv"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(
    "scores", ["1 2 3 4", "4 3 2 1", "1 2 2 4", "1 3 3 4", "1 2 2 3"], ids=str.split
)
def test_ranks_as_scores_are_named_once(tmp_path: Path, scores: str) -> None:
    rows = "".join(f"C{i},{s}\n" for i, s in enumerate(scores.split()))
    path = write(tmp_path, "city,Value\n" + rows)
    code, out, err = run("list", path, "-f", "csv")
    highest = max(map(int, scores.split()))
    assert code == 0
    assert err == (
        f'cityrank: warning: {path}: "Value" holds the ranks 1–{highest}: '
        "did you mean --lower-is-better?\n"
    )
    assert run("list", path, "--lower-is-better")[2] == ""


def test_every_edition_must_hold_ranks(tmp_path: Path) -> None:
    both = "city,score,year\nA,1,2019\nB,2,2019\nC,3,2019\nA,2,2020\nB,1,2020\nC,3,2020\n"
    code, _, err = run("movers", write(tmp_path, both))
    assert code == 0
    assert "holds the ranks 1–3: did you mean --lower-is-better?" in err
    one_not = both.replace("C,3,2020", "C,7,2020")
    assert run("movers", write(tmp_path, one_not))[2] == ""


@pytest.mark.parametrize(
    "scores", ["1 2 4", "1 1 1", "0 1 2", "1 2.5 3", "2 3 4", "1 2"], ids=str.split
)
def test_scores_that_are_not_ranks_get_no_hint(tmp_path: Path, scores: str) -> None:
    rows = "".join(f"C{i},{s}\n" for i, s in enumerate(scores.split()))
    code, _, err = run("list", write(tmp_path, "city,score\n" + rows))
    assert (code, err) == (0, "")


def test_the_sample_gets_no_hint() -> None:
    assert run("list")[2] == ""
