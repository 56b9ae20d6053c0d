"""Shared fixtures: a CLI runner, paths to the test data, a way to write small files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import settings
from typer.testing import CliRunner

from cityrank.cli import app

# No deadline per example: a property test runs whole commands, and on a busy CI machine
# (two xdist workers, a browser) one example can take a second. Speed is measured in
# bench/, never in tests; a slow example is not a wrong one.
settings.register_profile("cityrank", deadline=None)
settings.load_profile("cityrank")

HERE = Path(__file__).parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"


@pytest.fixture(autouse=True)
def _no_env_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the bundled sample unless they set CITYRANK_DATA themselves."""
    monkeypatch.delenv("CITYRANK_DATA", raising=False)
    monkeypatch.delenv("CITYRANK_ENGINE", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cityrank(runner: CliRunner) -> Callable[..., object]:
    """Run ``cityrank ARGS…`` in-process; bugs raise instead of hiding in an exit code."""

    def run(
        *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> Result:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write ``content`` to ``tmp_path/name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return _write
