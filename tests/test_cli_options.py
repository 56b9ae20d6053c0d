"""The shared options: one table (``Common``) gives every command the same options."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import typing
from pathlib import Path

import click
import pytest
import typer.main
from typer.models import OptionInfo

from cityrank.cli import app
from cityrank.cli.group import _MAKERS
from cityrank.cli.options import Common
from conftest import COMMANDS, Run


def shared_flags() -> dict[str, list[str]]:
    """Each shared option's flags, as its field in ``Common`` declares them."""
    hints = typing.get_type_hints(Common, include_extras=True)
    flags = {}
    for field in dataclasses.fields(Common):
        info = next(m for m in hints[field.name].__metadata__ if isinstance(m, OptionInfo))
        declared = [d for d in (info.default, *(info.param_decls or ())) if isinstance(d, str)]
        # "--decimal-comma/--decimal-point" declares an on and an off flag: two flags.
        declared = [flag for d in declared for flag in d.split("/")]
        flags[field.name] = declared or ["--" + field.name.replace("_", "-")]
    return flags


def test_every_command_is_registered_in_order() -> None:
    assert list(_MAKERS) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_lists_every_shared_option(cityrank: Run, command: str) -> None:
    result = cityrank(command, "--help")
    assert result.exit_code == 0
    missing = [f for flags in shared_flags().values() for f in flags if f not in result.stdout]
    assert missing == []


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_every_shared_option_with_its_default(command: str) -> None:
    made = typer.main.get_command(app)
    assert isinstance(made, click.Group)
    params = {p.name: p for p in made.commands[command].params}
    for field in dataclasses.fields(Common):
        param = params[field.name]
        assert isinstance(param, click.Option)
        assert sorted(param.opts + param.secondary_opts) == sorted(shared_flags()[field.name])
        # report's --format defaults to its page (cityrank/cli/commands/report.py).
        page = (command, field.name) == ("report", "format")
        assert param.default == ("report" if page else field.default)


def test_commands_are_made_only_when_looked_up() -> None:
    made = typer.main.get_command(app)
    assert isinstance(made, click.Group) and isinstance(made.commands, dict)
    # dict's own methods see what is there, without the lookup that makes a command.
    assert all(c is None for c in dict.values(made.commands))
    assert made.commands["stats"].name == "stats"
    assert [name for name, c in dict.items(made.commands) if c is not None] == ["stats"]


def test_start_up_imports_only_the_command_that_runs(tmp_path: Path) -> None:
    """Each command module is imported when its command runs, not on every start."""
    tiny_csv = tmp_path / "tiny.csv"
    tiny_csv.write_text("city,score\nA,1\nB,2\n", encoding="utf-8")
    code = (
        "import sys\n"
        "import cityrank.cli\n"
        "before = sorted(m for m in sys.modules if m.startswith('cityrank.cli.commands.'))\n"
        "try:\n"
        f"    cityrank.cli.app(['list', '-f', 'csv', {str(tiny_csv)!r}], prog_name='cityrank')\n"
        "except SystemExit:\n"
        "    pass\n"
        "after = sorted(m for m in sys.modules if m.startswith('cityrank.cli.commands.'))\n"
        "print(before, after, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.strip() == "[] ['cityrank.cli.commands.listing']"


def test_a_plain_list_imports_neither_composites_nor_the_standings(tmp_path: Path) -> None:
    """What only composites, the one-city commands and movers use stays unloaded by a
    plain ``list`` (start-up time); a composite run loads its part, and says so."""
    tiny_csv = tmp_path / "tiny.csv"
    tiny_csv.write_text("city,score,a,b\nA,1,2,3\nB,2,1,1\n", encoding="utf-8")
    code = (
        "import sys\n"
        "import cityrank.cli\n"
        "try:\n"
        "    cityrank.cli.app(sys.argv[1:], prog_name='cityrank')\n"
        "except SystemExit:\n"
        "    pass\n"
        "wanted = ('cityrank.core.composite.table', 'cityrank.core.standing',"
        " 'cityrank.core.overtakes')\n"
        "print(sorted(m for m in wanted if m in sys.modules), file=sys.stderr)\n"
    )
    plain = subprocess.run(
        [sys.executable, "-c", code, "list", str(tiny_csv), "-f", "table"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.stderr.strip() == "[]"
    composite = subprocess.run(
        [sys.executable, "-c", code, "list", str(tiny_csv), "--weights", "a=1,b=1", "-f", "table"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert "composite of a 1, b 1" in composite.stdout
    assert composite.stderr.strip().endswith("['cityrank.core.composite.table']")
