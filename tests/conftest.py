"""Shared fixtures: a CLI runner, paths to the test data, a way to write small files."""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import os
import struct
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import click
import click.testing
import pytest
import typer.main
from click.testing import Result
from hypothesis import settings
from typer.testing import CliRunner

from cityrank.cli import app
from cityrank.core import vector

# No deadline per example: a property test runs whole commands, and on a busy CI machine
# (two xdist workers, a browser) one example can take a second. Speed is measured in
# bench/, never in tests; a slow example is not a wrong one.
settings.register_profile("cityrank", deadline=None)
settings.load_profile("cityrank")

HERE = Path(__file__).parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"

# Some ~200 tests start `python -m cityrank` in a process of its own. Where the
# environment says PYTHONDONTWRITEBYTECODE, each of them would compile cityrank's ~60
# modules again (about a third of its start-up): they keep the bytecode in a folder of
# the temporary directory instead, never beside the sources.
if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX"):
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    os.environ["PYTHONPYCACHEPREFIX"] = str(
        Path(tempfile.gettempdir()) / f"cityrank-tests-pycache-{os.getuid()}"
    )


# pyarrow looks for python-dateutil each time it turns a Python value into Arrow (a
# pa.scalar, a list, a compute function's argument), and Python keeps no record of an
# import that failed: where dateutil is not installed, each look searches all of
# sys.path again (about 0.2 ms). A real run makes a few dozen; the tests that take
# Arrow's paths for every short column make some twenty thousand (nearly half of the
# time of tests/test_parity.py).
# A None in sys.modules makes the look fail at once, as it would have failed anyway.
if importlib.util.find_spec("dateutil") is None:
    sys.modules.setdefault("dateutil", None)  # type: ignore[arg-type]
    sys.modules.setdefault("dateutil.relativedelta", None)  # type: ignore[arg-type]


# PYTHONPATH=src, as one runs the tests from a checkout, is relative: a test that starts
# cityrank in another folder (its tmp_path) would import whatever cityrank is installed
# instead of this tree's. The subprocesses get it absolute.
if os.environ.get("PYTHONPATH"):
    os.environ["PYTHONPATH"] = os.pathsep.join(
        os.path.abspath(part) if part else part
        for part in os.environ["PYTHONPATH"].split(os.pathsep)
    )


class Run(Protocol):
    """The ``cityrank`` fixture: ``cityrank("list", "-f", "csv")``."""

    def __call__(
        self,
        *args: str,
        input: str | bytes | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> Result: ...


#: A file-writing fixture: ``write("s.csv", "city,score\n…")`` is the path written.
Write = Callable[[str, str | bytes], Path]


@functools.cache
def _group() -> click.Command:
    """The cityrank group, made once per test process as a real run makes it once: each
    command is made on its first use and kept (typer's runner would remake them all on
    every call, which is half of a short command's time)."""
    return typer.main.get_command(app)


#: Every command, as ``cityrank --help`` lists them.
COMMANDS = [
    "list",
    "compare",
    "show",
    "validate",
    "history",
    "movers",
    "chart",
    "stats",
    "robustness",
    "report",
]


def invoke(
    args: Sequence[str],
    *,
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
    catch_exceptions: bool = True,
) -> Result:
    """``cityrank ARGS…`` in-process, stdout and stderr apart."""
    return click.testing.CliRunner().invoke(
        _group(), list(args), input=input, env=env, catch_exceptions=catch_exceptions
    )


def outcome(
    *args: str,
    env: Mapping[str, str | None] | None = None,
    input: str | bytes | None = None,
) -> tuple[int, str, str]:
    """``invoke``'s exit code, standard output and standard error; an exception other than
    the command's own exit fails the test."""
    result = invoke(args, env=env, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def rows(text: str) -> list[dict[str, str]]:
    """CSV output as rows by header."""
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="session")
def _caches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every test's cache folder. ``tmp_path_factory.mktemp`` for each
    would list the whole base folder to number the next one: a pass over every folder
    made so far, for each test (about 1 ms a test under coverage, by the end)."""
    return tmp_path_factory.mktemp("caches")


@pytest.fixture(autouse=True)
def _no_env_data(monkeypatch: pytest.MonkeyPatch, _caches: Path) -> None:
    """Tests see the bundled sample unless they set CITYRANK_DATA themselves, and keep what
    completion reads (cli/remember.py) in a folder of their own, not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", tempfile.mkdtemp(dir=_caches))
    monkeypatch.delenv("CITYRANK_DATA", raising=False)
    monkeypatch.delenv("CITYRANK_ENGINE", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cityrank() -> Run:
    """Run ``cityrank ARGS…`` in-process; bugs raise instead of hiding in an exit code."""

    def run(
        *args: str,
        input: str | bytes | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> Result:
        return invoke(args, input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write ``content`` to ``tmp_path/name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return _write


@contextmanager
def arrow_paths(on: bool) -> Iterator[None]:
    """The core's and the writer's Arrow paths (``core.vector``) taken for every column,
    however short (``on``), or for none."""
    kept = vector.MIN_ITEMS
    vector.MIN_ITEMS = 0 if on else 2**62
    try:
        yield
    finally:
        vector.MIN_ITEMS = kept


def bits(values: Iterable[object]) -> list[object]:
    """Each value with its type, floats as their bytes (so -0.0 is not 0.0, NaN is NaN)."""
    return [(type(v), struct.pack("<d", v) if isinstance(v, float) else v) for v in values]


def kept_entries() -> list[Path]:
    """What completion kept for the next TAB (cli/remember.py), in this test's folder."""
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "cityrank"
    return sorted(folder.glob("*.json")) if folder.exists() else []
