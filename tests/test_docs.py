"""The README stays true: the commands and options it names exist, its sample output is real."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import COMMANDS, Run

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_in_the_readme_exists_and_every_command_is_in_the_readme(
    cityrank: Run,
) -> None:
    named = set(re.findall(r"`cityrank ([a-z]+)", README)) | set(
        re.findall(r"^\$ cityrank ([a-z]+)", README, re.M)
    )
    assert named <= set(COMMANDS), named - set(COMMANDS)
    assert set(COMMANDS) <= named
    top = cityrank("--help").stdout
    for command in COMMANDS:
        assert command in top


def test_every_option_in_the_readme_exists(cityrank: Run) -> None:
    helps = " ".join(cityrank(c, "--help").stdout for c in COMMANDS) + cityrank("--help").stdout
    # --check belongs to `ruff format --check`, --cov and --cov-report to pytest-cov, in the
    # development section.
    tools = {"--check", "--cov", "--cov-report"}
    for option in set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", README)) - tools:
        assert option in helps, option


def test_the_readme_table_is_what_list_prints(cityrank: Run) -> None:
    printed = cityrank("list", "-f", "table").stdout
    table_rows = [
        ln.strip() for ln in printed.splitlines() if ln.strip().startswith(("1 ", "2 ", "3 "))
    ]
    for row in table_rows:
        assert row in README, row
