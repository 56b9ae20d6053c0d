"""Issue 14 item 16: under a memory limit, one clear line, and ``auto`` picks the reader that
fits. Made-up data."""

from __future__ import annotations

import importlib.util
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke

needs_pyarrow = pytest.mark.skipif(
    importlib.util.find_spec("pyarrow") is None, reason="pyarrow is not installed"
)


def test_running_out_of_memory_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr("cityrank.cli.options.load", exhausted)
    result = invoke(["list", "-f", "csv"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        "cityrank: error: out of memory: the data needs more memory than cityrank may use "
        "here — free some memory or raise the limit (ulimit -v)"
    )
    assert result.stderr.count("\n") == 1


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@needs_pyarrow
def test_under_an_address_space_limit_auto_reads_with_the_stdlib(tmp_path: Path) -> None:
    """Arrow reserves more address space than it uses: at 600 MB it failed on a 3 MB file
    the stdlib's reader ranks in a fraction of that."""
    data = tmp_path / "big.csv"
    scores = {
        f"A place with a long name number {i:06d}": f"{i % 9973}.{i % 97:02d}"
        for i in range(66_000)
    }
    data.write_text("city,score\n" + "".join(f"{c},{s}\n" for c, s in scores.items()))
    best = max(scores, key=lambda city: float(scores[city]))
    assert data.stat().st_size > 3_000_000  # Arrow's size, were there no limit
    done = subprocess.run(
        [sys.executable, "-m", "cityrank", "list", str(data), "--top", "2", "-f", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: _limited(600 * 2**20),
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.splitlines()[1].startswith(f"1,false,{best},{scores[best]},")
