"""``python -m cityrank.cli.write_grammar [FILE]``: write ``cli/grammar.py`` (or FILE) from
the commands, for ``cli/quick.py``; run ``ruff format`` on it afterwards.
tests/test_completion_quick.py fails when the file is out of step."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import typer

from cityrank.cli import app
from cityrank.cli.completion import grammar_source


def main(argv: list[str]) -> None:
    made = typer.main.get_command(app)
    assert isinstance(made, click.Group)
    target = Path(argv[0]) if argv else Path(__file__).with_name("grammar.py")
    target.write_text(grammar_source(made), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
