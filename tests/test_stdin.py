"""With no file named, data piped in (or redirected from a file) is what a command reads.

Made-up scores; real processes, since only a real pipe or file is a standard
input that a command can tell apart from a terminal or ``/dev/null``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

PIPED = "city,score\nAlphaville,70\nBetaburg,95\nGammaton,80\n"


def cityrank(
    *args: str, stdin: int | IO[Any] | None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cityrank", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def cities(stdout: str) -> list[str]:
    return [line.split(",")[2] for line in stdout.splitlines()[1:]]


def test_piped_data_is_ranked(tmp_path: Path) -> None:
    with subprocess.Popen(["cat", str(_write(tmp_path))], stdout=subprocess.PIPE) as source:
        done = cityrank("list", "-f", "csv", stdin=source.stdout)
    assert done.returncode == 0, done.stderr
    assert cities(done.stdout) == ["Betaburg", "Gammaton", "Alphaville"]
    assert done.stderr == ""


def test_a_redirected_file_is_ranked_before_cityrank_data(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("city,score\nElsewhere,1\n", encoding="utf-8")
    with _write(tmp_path).open("rb") as handle:
        done = cityrank("list", "-f", "csv", stdin=handle, env={"CITYRANK_DATA": str(other)})
    assert done.returncode == 0, done.stderr
    assert cities(done.stdout) == ["Betaburg", "Gammaton", "Alphaville"]


def test_commands_that_take_names_read_the_pipe_too(tmp_path: Path) -> None:
    with _write(tmp_path).open("rb") as handle:
        done = cityrank("compare", "alphaville", "betaburg", "-f", "csv", stdin=handle)
    assert done.returncode == 0, done.stderr
    assert "Alphaville" in done.stdout and "Betaburg" in done.stdout


def test_dev_null_keeps_the_bundled_sample() -> None:
    done = cityrank("list", "-f", "csv", stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert cities(done.stdout) == ["Beijing", "Shenzhen", "Shanghai"]


def test_an_empty_pipe_is_an_error_not_the_sample() -> None:
    done = cityrank("list", "-f", "csv", stdin=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr.startswith("cityrank: error: <stdin>: is empty")


def _write(folder: Path) -> Path:
    path = folder / "piped.csv"
    path.write_text(PIPED, encoding="utf-8")
    return path
