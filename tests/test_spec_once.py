"""``--spec`` is read once, so a named pipe, ``/dev/stdin`` or ``<(…)`` serves as well as a file.

Fictional data. The pipes need real processes: a second read of a pipe finds
it empty, and a second open of a FIFO waits for a writer that never comes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

import pytest

import cityrank.io.spec_file as spec_file
from cityrank.io import sources
from conftest import Run, Write

SCORES = (
    "city,year,rd,industry\n"
    "Alpha,2019,95,90\n"
    "Bravo,2019,92,97\n"
    "Charlie,2019,88,93\n"
    "Alpha,2020,96,88\n"
    "Bravo,2020,91,99\n"
    "Charlie,2020,89,95\n"
)
SPEC = '[index]\nnormalisation = "rank"\n\n[indicators]\nrd = 0.6\nindustry = 0.4\n'

# Every command that uses --spec, with the arguments it needs ({data} is the score file).
COMMANDS = {
    "list": ["list", "{data}"],
    "show": ["show", "alpha", "-d", "{data}"],
    "compare": ["compare", "alpha", "bravo", "-d", "{data}"],
    "history": ["history", "alpha", "-d", "{data}"],
    "movers": ["movers", "{data}"],
    "chart": ["chart", "{data}"],
    "stats": ["stats", "{data}"],
    "robustness": ["robustness", "{data}", "--seed", "1", "--samples", "50"],
}
TIMEOUT = 60  # seconds: a second read of a FIFO would wait forever


@pytest.fixture
def data(write: Write) -> str:
    return str(write("scores.csv", SCORES))


def arguments(command: str, data: str) -> list[str]:
    return [part.format(data=data) for part in COMMANDS[command]]


def run(
    *args: str,
    stdin: int | IO[Any] | None = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    **kw: Any,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cityrank", *args, "-f", "csv"],
        stdin=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
        **kw,
    )


def in_process(cityrank: Run, *args: str) -> str:
    """What the command prints with the spec in a regular file: the output to expect."""
    result = cityrank(*args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def feed(path: Path, content: str) -> threading.Thread:
    """Write ``content`` into the FIFO ``path`` once, from a thread (open waits for a reader)."""

    def write() -> None:
        with open(path, "w", encoding="utf-8") as pipe:
            pipe.write(content)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def release(path: Path, writer: threading.Thread) -> None:
    """Let a writer that no reader came for finish, so that nothing is left waiting."""
    if writer.is_alive():
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        writer.join(5)
        os.close(reader)


@pytest.mark.parametrize("command", ["list", "show", "compare", "robustness"])
def test_a_named_pipe_as_spec(
    command: str, cityrank: Run, data: str, write: Write, tmp_path: Path
) -> None:
    expected = in_process(
        cityrank, *arguments(command, data), "--spec", str(write("index.toml", SPEC))
    )
    fifo = tmp_path / "index.fifo"
    os.mkfifo(fifo)
    writer = feed(fifo, SPEC)
    try:
        done = run(*arguments(command, data), "--spec", str(fifo))
    finally:
        release(fifo, writer)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == expected


@pytest.mark.parametrize("command", ["list", "show"])
def test_standard_input_as_spec(command: str, cityrank: Run, data: str, write: Write) -> None:
    expected = in_process(
        cityrank, *arguments(command, data), "--spec", str(write("index.toml", SPEC))
    )
    with subprocess.Popen(["cat", str(write("piped.toml", SPEC))], stdout=subprocess.PIPE) as cat:
        done = run(*arguments(command, data), "--spec", "/dev/stdin", stdin=cat.stdout)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == expected


def test_process_substitution_as_spec(cityrank: Run, data: str, write: Write) -> None:
    """``--spec <(cat index.toml)`` names a pipe the shell opened: /dev/fd/N."""
    expected = in_process(cityrank, "list", data, "--spec", str(write("index.toml", SPEC)))
    read, written = os.pipe()
    with os.fdopen(written, "w") as pipe:
        pipe.write(SPEC)
    try:
        done = run("list", data, "--spec", f"/dev/fd/{read}", pass_fds=(read,))
    finally:
        os.close(read)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == expected


def test_a_spec_on_standard_input_leaves_the_data_to_the_default(
    cityrank: Run, data: str, write: Write
) -> None:
    """With no file named, data is read from a pipe: not when --spec takes that pipe."""
    expected = in_process(cityrank, "list", data, "--spec", str(write("index.toml", SPEC)))
    with open(write("piped.toml", SPEC), encoding="utf-8") as handle:
        done = run("list", "--spec", "/dev/stdin", stdin=handle, env={"CITYRANK_DATA": data})
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == expected


def test_standard_input_as_both_spec_and_data_is_a_usage_error(data: str) -> None:
    with open(data, encoding="utf-8") as handle:
        done = run("list", "-", "--spec", "/dev/stdin", stdin=handle)
    assert done.returncode == 2
    assert done.stderr == (
        "cityrank: error: --spec /dev/stdin is also read as score data — give the spec "
        "and the data each their own file (or pipe)\n"
    )
    assert done.stdout == ""


def test_the_data_file_as_spec_is_a_usage_error(cityrank: Run, data: str) -> None:
    result = cityrank("list", data, "--spec", data)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cityrank: error: --spec {data} is also read as score data")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_reads_the_spec_once(
    command: str, cityrank: Run, data: str, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write("index.toml", SPEC)
    reads: list[Path] = []
    read_path = sources.read_path  # what spec_file reads with, under its own name

    def counted(path: Path, name: str, kind: str) -> bytes:
        reads.append(path)
        return read_path(path, name, kind)

    monkeypatch.setattr(spec_file, "read_path", counted)
    result = cityrank(*arguments(command, data), "--spec", str(spec), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert reads == [spec]
