"""The man page is made from the help texts and kept in step; --help ends as the page does."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from cityrank.cli.group import ENVIRONMENT, EXIT_CODES
from cityrank.cli.manpage import manual

PAGE = Path(__file__).parent.parent / "man" / "cityrank.1"
COMMANDS = ["list", "compare", "show", "validate", "history", "movers", "chart", "stats"]
COMMANDS += ["robustness", "report"]
Run = Callable[..., Result]


def test_the_committed_page_is_what_the_help_texts_make() -> None:
    # After changing a help text: python -m cityrank.cli.manpage man/cityrank.1
    assert PAGE.read_text(encoding="utf-8") == manual()


def options_in(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text)) - {"--help"}


def test_every_command_and_option_of_help_is_in_the_page(cityrank: Run) -> None:
    page = PAGE.read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f'.SS "cityrank {command} [OPTIONS]' in page, command
        for option in options_in(cityrank(command, "--help", env={"COLUMNS": "200"}).stdout):
            assert "\\fB" + option.replace("-", "\\-") + "\\fR" in page, (command, option)
    for option in options_in(cityrank("--help", env={"COLUMNS": "200"}).stdout):
        assert option.replace("-", "\\-") in page, option


def test_each_command_has_its_example() -> None:
    page = PAGE.read_text(encoding="utf-8")
    sections = page.split('.SS "cityrank ')[1:]
    assert [s.split(" ", 1)[0] for s in sections] == COMMANDS
    for section in sections:
        assert "Example:\n.RS\n.EX\ncityrank " in section


@pytest.mark.skipif(shutil.which("groff") is None, reason="needs groff")
def test_the_page_renders_without_a_warning(tmp_path: Path) -> None:
    done = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-rLL=80n", str(PAGE)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert done.returncode == 0
    assert done.stderr == ""
    shown = re.sub(r".\x08", "", done.stdout)  # overstrike: bold and underline
    for heading in ("NAME", "SYNOPSIS", "COMMANDS", "COMMON OPTIONS", "ENVIRONMENT"):
        assert f"\n{heading}\n" in shown
    assert "cityrank show [OPTIONS] CITY" in shown
    assert "-v, --verbose" in shown


def test_help_ends_with_the_environment_and_the_exit_codes(cityrank: Run) -> None:
    shown = cityrank("--help", env={"COLUMNS": "200"}).stdout
    end = shown[shown.index("Environment variables:") :]
    assert shown.index("Environment variables:") > shown.index("robustness")
    for name, _ in ENVIRONMENT:
        assert f" {name}: " in end, name
    exits = end[end.index("Exit codes:") :]
    for code, _ in EXIT_CODES:
        assert f" {code}: " in exits, code
    # Each variable the README documents, and each exit code of its table.
    assert [name for name, _ in ENVIRONMENT] == [
        "CITYRANK_DATA",
        "CITYRANK_ENGINE",
        "NO_COLOR",
        "FORCE_COLOR",
        "COLUMNS",
    ]
    readme = (PAGE.parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Exit codes") :].split("\n## ")[0]
    assert [c for c, _ in EXIT_CODES] == re.findall(r"^\| (\d[\d, ]*?) \|", table, re.M)
