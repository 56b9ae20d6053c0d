"""Closed standard streams (``>&-``, ``2>&-``): one line and exit 1, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CITYRANK = [sys.executable, "-m", "cityrank"]


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``cityrank`` under ``sh`` so that the redirections close descriptors for real."""
    line = " ".join(CITYRANK) + " " + command
    return subprocess.run(
        ["sh", "-c", line], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path: Path) -> None:
    for args in ("list", "show beijing", "stats", "compare beijing shenzhen -f json"):
        done = shell(f"{args} >&-", tmp_path)
        assert done.returncode == 1, args
        assert done.stderr.splitlines() == [
            "cityrank: error: standard output is closed, so the report has nowhere to go — "
            "redirect it (> FILE or > /dev/null) or give -o FILE"
        ], args


def test_a_closed_stdout_does_not_matter_when_the_report_goes_to_a_file(tmp_path: Path) -> None:
    done = shell("list -o ranked.csv --svg ranked.svg >&-", tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "ranked.csv").read_text().startswith("rank,tied,city,score")
    assert (tmp_path / "ranked.svg").read_text().startswith("<svg")


def test_a_closed_stderr_keeps_the_exit_code_and_prints_no_traceback(tmp_path: Path) -> None:
    done = shell("list missing.csv 2>&-", tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""


def test_an_empty_file_name_is_called_empty_not_a_folder(tmp_path: Path) -> None:
    for option in ("-o", "--svg", "--html", "--spec"):
        done = shell(f"list {option} ''", tmp_path)
        name = {"-o": "--output"}.get(option, option)
        assert done.returncode == 2, option
        assert done.stderr == (
            f"cityrank: error: {name} was given an empty file name (an unset variable?) "
            "— name a file\n"
        )


def test_a_closed_stdin_is_called_closed_not_a_terminal(tmp_path: Path) -> None:
    done = shell("list - <&-", tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "cityrank: error: standard input is closed, so '-' has nothing to read — pipe a file "
        "in (cityrank list - < scores.csv) or name the file\n"
    )
