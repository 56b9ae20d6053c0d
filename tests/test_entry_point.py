"""The installed program (``cityrank.cli.main:run``, also ``python -m cityrank``): the exit
status and the output of ``main``, then the process ends without Python's clean-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cityrank.cli import main as entry

SAMPLE_ROWS = 3  # the bundled sample: Beijing, Shenzhen, Shanghai


def python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "80"},
    )


# An atexit handler runs at Python's own ending, which ``run`` leaves out and ``main`` does not.
ENDING = "import atexit, sys; atexit.register(print, 'ended by Python'); sys.argv[0] = 'cityrank'; "


def test_the_program_ends_without_python_s_clean_up_once_its_output_is_written() -> None:
    done = python(ENDING + "from cityrank.cli.main import run; run()", "list", "-f", "csv")
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0].startswith("rank,tied,city,score") and "ended by Python" not in lines
    assert lines[1].startswith("1,false,Beijing,99.82")


def test_main_itself_ends_as_a_click_program_does() -> None:
    # What makes the test above able to fail: the handler does run after main.
    done = python(ENDING + "from cityrank.cli.main import main; main()", "list", "-f", "csv")
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "ended by Python"


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["list", "-f", "csv"], 0, ""),
        (["list", "no-such-file.csv"], 1, "cityrank: error: no-such-file.csv: no such file"),
        (["show", "atlantis"], 2, 'cityrank: error: no city "atlantis"'),
        (["list", "--top", "0"], 2, "Invalid value for '--top'"),
    ],
)
def test_python_m_cityrank_keeps_every_exit_status(
    args: list[str], status: int, said: str, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cityrank", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == status
    assert said in done.stderr
    assert "Traceback" not in done.stderr


def test_a_long_report_reaches_a_pipe_whole(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    count = 30_000  # more than a pipe holds: written while the reader reads
    path.write_text(
        "city,score\n" + "".join(f"City {i},{i % 997}.5\n" for i in range(count)),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "cityrank", "list", str(path), "-f", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert len(done.stdout.splitlines()) == count + 1
    assert done.stdout.endswith("\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["list", "--help"]])
def test_help_to_a_full_disk_is_one_line_not_a_traceback(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cityrank", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert done.stderr == "cityrank: error: cannot write the output: No space left on device\n"


# In this process: os._exit stands in for the end, so that what run does is seen (and counted
# by coverage, which measures this process only).


class Ended(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _end(status: int) -> None:
    raise Ended(status)


@pytest.fixture
def ending(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(os, "_exit", _end)
    return monkeypatch


def _ran(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["cityrank", *args])
    with pytest.raises(Ended) as ended:
        entry.run()
    return ended.value.status


def test_run_ends_with_the_status_of_the_command(
    ending: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _ran(ending, "list", "-f", "csv") == 0
    assert len(capsys.readouterr().out.splitlines()) == SAMPLE_ROWS + 1
    assert _ran(ending, "show", "atlantis") == 2
    assert 'no city "atlantis"' in capsys.readouterr().err


def test_run_ends_with_0_when_main_returns(ending: pytest.MonkeyPatch) -> None:
    ending.setattr(entry, "main", lambda prog_name=None: None)
    assert _ran(ending) == 0


def test_a_message_for_an_exit_is_left_to_python(ending: pytest.MonkeyPatch) -> None:
    def main(prog_name: str | None = None) -> None:
        raise SystemExit("a message")

    ending.setattr(entry, "main", main)
    ending.setattr(sys, "argv", ["cityrank"])
    with pytest.raises(SystemExit) as done:
        entry.run()
    assert done.value.code == "a message"


def test_output_that_cannot_be_flushed_is_left_to_python_s_ending(
    ending: pytest.MonkeyPatch,
) -> None:
    class Full:
        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    ending.setattr(entry, "main", lambda prog_name=None: None)
    ending.setattr(sys, "stdout", Full())
    ending.setattr(sys, "argv", ["cityrank"])
    with pytest.raises(SystemExit) as done:
        entry.run()
    assert done.value.code == 0


def test_a_pipe_closed_before_help_ends_quietly(
    ending: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def main(prog_name: str | None = None) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    ending.setattr(entry, "main", main)
    assert _ran(ending) == 0
    assert capsys.readouterr().err == ""
