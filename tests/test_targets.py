"""Nothing cityrank writes destroys a file: devices, pipes, links, read-only files, inputs.

Issue 14's data-loss items, each as a user would hit it. Made-up scores.
"""

from __future__ import annotations

import fcntl
import io
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import invoke

SCORES = "city,score\nAlphaville,70\nBetaburg,95\n"


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_named_pipe_is_written_through(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text(SCORES, encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    code, _, err = run("list", str(data), "-f", "csv", "-o", str(fifo))
    reader.join(10)
    assert (code, err) == (0, "")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith("rank,tied,city,score")


def test_a_device_stays_a_device(tmp_path: Path) -> None:
    """A null device of the test's own (so that a failure cannot replace the machine's)."""
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root")
    data = tmp_path / "s.csv"
    data.write_text(SCORES, encoding="utf-8")
    for option in ("-o", "--svg", "--html"):
        code, _, err = run("list", str(data), "-f", "csv", option, str(null))
        assert (code, err) == (0, "")
        assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text(SCORES, encoding="utf-8")
    target = tmp_path / "ranked.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err = run("list", str(data), "-f", "csv", "-o", str(link))
    assert (code, err) == (0, "")
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("rank,tied,city,score")


def test_a_link_to_an_input_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text(SCORES, encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(data)
    code, _, err = run("list", str(data), "-f", "csv", "-o", str(link))
    assert code == 2
    assert "is an input file" in err
    assert data.read_text(encoding="utf-8") == SCORES


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text(SCORES, encoding="utf-8")
    kept = tmp_path / "kept.csv"
    kept.write_text("keep me\n", encoding="utf-8")
    kept.chmod(0o444)
    code, _, err = run("list", str(data), "-f", "csv", "-o", str(kept))
    assert code == 1
    assert err.count("\n") == 1 and "read-only" in err
    assert kept.read_text(encoding="utf-8") == "keep me\n"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text(SCORES, encoding="utf-8")
    code, _, err = run("list", str(data), "-f", "csv", "-o", str(tmp_path))
    assert code == 2  # click refuses it as the option's value, before cityrank runs
    assert "is a directory" in err


def test_the_spec_file_is_protected(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text("city,a,b\nX,1,2\nY,2,1\n", encoding="utf-8")
    spec = tmp_path / "s.toml"
    spec.write_text("[indicators]\na = 1\nb = 1\n", encoding="utf-8")
    code, _, err = run("list", str(data), "--spec", str(spec), "-o", str(spec))
    assert code == 2
    assert "is an input file" in err
    assert spec.read_text(encoding="utf-8") == "[indicators]\na = 1\nb = 1\n"


def test_standard_inputs_file_is_protected(tmp_path: Path) -> None:
    data = tmp_path / "in.csv"
    data.write_text(SCORES, encoding="utf-8")
    for args in (["list", "-", "-o", str(data)], ["list", "-o", str(data)]):
        with data.open("rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-m", "cityrank", *args],
                stdin=stdin,
                capture_output=True,
                text=True,
                check=False,
            )
        assert done.returncode == 2, done.stderr
        assert "is an input file" in done.stderr
        assert data.read_text(encoding="utf-8") == SCORES


def test_exports_are_written_when_stdout_closes_early(tmp_path: Path) -> None:
    # The pipe is made one page small where Linux allows (F_SETPIPE_SZ; 64 KiB otherwise):
    # the SVG and HTML of the 600 rows that fill 64 KiB took most of this test's time.
    read, written = os.pipe()
    capacity = 64 * 1024
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        capacity = fcntl.fcntl(written, fcntl.F_SETPIPE_SZ, 4096)
    # Four times more CSV than the pipe holds, so that the reader is gone mid-write.
    rows = "".join(f"City {i},{i % 97}.5,{'x' * 150}\n" for i in range(4 * capacity // 150))
    data = tmp_path / "big.csv"
    data.write_text("city,score,note\n" + rows, encoding="utf-8")
    svg, html = tmp_path / "r.svg", tmp_path / "r.html"
    command = [sys.executable, "-m", "cityrank", "list", str(data), "--all-columns"]
    command += ["-f", "csv", "--svg", str(svg), "--html", str(html)]
    with subprocess.Popen(command, stdout=written, stderr=subprocess.PIPE) as done:
        os.close(written)
        assert os.read(read, 1) == b"r"  # `| head -c1`: one byte, then the reader is gone
        os.close(read)
        _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert "<html" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_termination_removes_the_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The signal arrives in the middle of writing ``-o``: no partial file is left behind."""
    number = getattr(signal, name)
    data = tmp_path / "s.csv"
    data.write_text(SCORES, encoding="utf-8")
    import cityrank.render as render

    def write_then_die(*args: object, **kwargs: object) -> None:
        out = args[2]
        assert isinstance(out, io.TextIOBase)
        out.write("rank,tied,city\n")
        os.kill(os.getpid(), number)

    monkeypatch.setattr(render, "write", write_then_die)
    target = tmp_path / "out.csv"
    code, _, _ = run("list", str(data), "-f", "csv", "-o", str(target))
    assert code == 128 + number
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]
    assert signal.getsignal(number) is not None  # the test process's own handler is back


def test_excel_safe_covers_header_cells(tmp_path: Path) -> None:
    """Issue 14, item 7: a header that a spreadsheet would run is defused like any cell."""
    data = tmp_path / "s.csv"
    data.write_text('city,score,"=HYPERLINK(""x"")"\nAlphaville,70,=1+2\n', encoding="utf-8")
    code, out, _ = run("list", str(data), "--all-columns", "--excel-safe", "-f", "csv")
    assert code == 0
    header, row = out.splitlines()
    assert header.endswith(',"\'=HYPERLINK(""x"")"')
    assert row.endswith(",'=1+2")
