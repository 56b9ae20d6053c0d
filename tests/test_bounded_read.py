"""Input that cannot be text is refused as soon as that shows, not read to its end.

``/dev/zero`` and ``/dev/urandom`` never end: these tests run cityrank in its
own process with a time limit and a memory limit, so that a regression fails
instead of hanging or filling the machine's memory. Files that are archives,
compressed or Office files are named for what they are.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

Write = Callable[[str, str | bytes], Path]

MEMORY = 2 << 30  # bytes of address space: cityrank needs far less; reading /dev/zero more


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def spawn(*args: str, stdin: Any = subprocess.DEVNULL, shell: str | None = None) -> Any:
    """``cityrank ARGS…`` in a process of its own (``shell | cityrank ARGS…`` if given)."""
    command = [sys.executable, "-m", "cityrank", *args]
    return subprocess.run(
        ["sh", "-c", f'{shell} | "$@"', "sh", *command] if shell else command,
        stdin=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        preexec_fn=_limit_memory,
        env={**os.environ, "CITYRANK_DATA": ""},
    )


ENDLESS = [
    pytest.param(("list", "/dev/zero"), None, "/dev/zero:1: ", id="/dev/zero"),
    pytest.param(("list", "/dev/urandom"), None, "/dev/urandom:", id="/dev/urandom"),
    pytest.param(("list", "-"), "/dev/zero", "<stdin>:1: ", id="- < /dev/zero"),
    pytest.param(("stats", "-d", "/dev/zero", "-f", "json"), None, "/dev/zero:1: ", id="stats"),
]


@pytest.mark.parametrize(("args", "stdin", "where"), ENDLESS)
@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_endless_binary_input_is_refused_at_once(
    args: tuple[str, ...],
    stdin: str | None,
    where: str,
    engine: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CITYRANK_ENGINE", engine)
    with open(stdin or os.devnull, "rb") as source:
        done = spawn(*args, stdin=source)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(f"cityrank: error: {where}")
    assert "has a NUL byte, so it is binary data, not a CSV file" in done.stderr
    assert "UTF-16" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_text_then_endless_zeros_on_a_pipe_stops_at_the_first_zero(write: Write) -> None:
    lines = "city,score\n" + "".join(f"City {i},{i}\n" for i in range(50_000))  # > one block
    path = write("scores.csv", lines)
    done = spawn("list", "-", shell=f"cat {path} /dev/zero")
    assert done.returncode == 1
    assert done.stderr == (
        "cityrank: error: <stdin>:50002: has a NUL byte, so it is binary data, not a CSV file "
        "— check that it is the file you meant, or export the data as text\n"
    )


def test_utf16_zeros_are_nul_characters() -> None:
    done = spawn("list", "-", "--encoding", "utf-16-le", shell="cat /dev/zero")
    assert done.returncode == 1
    assert done.stderr.startswith("cityrank: error: <stdin>:1: has a NUL character")


def test_text_that_never_ends_is_a_stream(write: Write) -> None:
    """A pipe of text is read as it comes: ``yes`` ended by ``head`` is a file like any."""
    done = spawn("list", "-", "-f", "csv", shell="(echo city,score; yes Lima,1) | head -3")
    assert (
        done.stderr
        == 'cityrank: error: <stdin>:3: duplicate city "Lima": same as line 2 — keep one row '
        "per city and year, or choose one with --on-duplicate first|last|max|min\n"
    )


# -- the first line with a NUL, and files that are not text ------------------------------------


@pytest.mark.parametrize("engine", ["python", "arrow"])
def test_a_nul_byte_is_reported_on_its_line(cityrank: Run, write: Write, engine: str) -> None:
    rows = "".join(f"City {i},{i}\n" for i in range(200_000))  # big enough for Arrow's reader
    path = write("scores.csv", f"city,score\n{rows}Bad\x00City,1\n".encode())
    done = cityrank("list", str(path), env={"CITYRANK_ENGINE": engine})
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}:200002: has a NUL byte, so it is binary data, not a CSV file "
        "— check that it is the file you meant, or export the data as text\n"
    )


def _zip(path: Path) -> bytes:
    """A zip archive that is not a workbook (workbooks are read: tests/test_spreadsheets.py)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("scores.csv", "city,score\nLima,1\n")
    return path.read_bytes()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "data.zip",
            _zip,
            "is a zip archive, not a workbook — unzip it and name the file inside",
        ),
        (
            "data.doc",
            OLE,
            "is an Office file but not a workbook (a .doc or .ppt?) — save the table as CSV, "
            "or as a workbook",
        ),
        (
            "data.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "is a PDF document, not a CSV file — export the table as CSV",
        ),
        (
            "data.tar",
            b"scores.csv".ljust(257, b"\x00") + b"ustar\x0000" + b"\x00" * 100,
            "is a tar archive, not a CSV file — extract the file first (tar -xf)",
        ),
    ],
)
def test_files_that_are_not_text_are_named_for_what_they_are(
    cityrank: Run,
    write: Write,
    tmp_path: Path,
    name: str,
    content: bytes | Callable[[Path], bytes],
    said: str,
) -> None:
    data = content(tmp_path / "made") if callable(content) else content
    path = write(name, data)
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == f"cityrank: error: {path}: {said}\n"


def test_a_zip_on_standard_input_is_not_read_on(cityrank: Run, tmp_path: Path) -> None:
    done = cityrank("list", "-", input=_zip(tmp_path / "made.zip"))
    assert done.exit_code == 1
    assert done.stderr.startswith("cityrank: error: <stdin>: is a zip archive, not a workbook")


def test_a_spec_that_is_binary_is_refused() -> None:
    done = spawn("list", "--spec", "/dev/zero")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "cityrank: error: /dev/zero:1: has a NUL byte, so it is binary data, not a TOML spec file"
    )
    assert "--encoding" not in done.stderr
