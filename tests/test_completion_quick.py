"""The quick answer to the shell (cli/quick.py), given before typer is imported, says what
click's answer says, for every shell it answers, or leaves the question to click.

Each line is asked both ways: through ``cli.quick.answer`` with the environment
a shell's script sets, and through the typer app (click's machinery, which
answers whatever quick leaves). Their stdout and exit status must match, and
quick must answer every line that asks for a value from the data.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from cityrank.cli import app, grammar, quick
from cityrank.cli.completion import grammar as grammar_of
from conftest import kept_entries

CITIES = """city,score,year,Country name,aliases
São Paulo,80,2019,Brazil,Sampa
Zürich,70,2019,Switzerland,
Sapporo,60,2019,Japan,
Qu'Appelle: "Est",50,2019,Canada,
São Paulo,81,2020,Brazil,Sampa
Zürich,72,2020,Switzerland,
"""
HEADERLESS = "Lyon,70,2020\nLille,60,2020\n"
SRC = Path(__file__).parent.parent / "src"

#: Lines whose last word is a value from the data: quick answers each. ``F`` is the file.
FROM_DATA = [
    "show -d F sa",
    "show -d F ''",
    "show -d F 'SAO-P'",
    "show -d F 'sao '",
    "show --data=F samp",
    "show -d F -q --ties dense qu",
    "compare -d F zurich ''",
    "compare zurich -d F s",
    "history -d F ZU",
    "chart F --history zür",
    "chart F --history zurich --history ''",
    "show -d F --city-col ''",
    "show -d F --city-col=sc",
    "list F --score-col SC",
    "list F -H --city-col ''",
    "show -d H -H --score-col 2 l",
    "compare -d F --where coun",
    "list F --where 'Country name='",
    "list F --where city=Zürich --year ''",
    "list F --year ''",
    "list F --compare-to 20",
    "report F --compare-to ''",
    "stats F --by co",
    "compare -d F --lower ''",
    "movers F --from 2019",
    "movers -d F --to 202",
    "show sh",
    "compare -d /no/such/file.csv sa",
    "show -d F --encoding no-such-codec sa",
    "show -d F --where 'no operator' sa",
    "list - --year ''",
    "show -d F --delimiter ';' ''",
]
#: Lines quick leaves to click: names of options and commands, choices, files, an argument
#: already given, a word the table does not know.
TO_CLICK = [
    "s",
    "''",
    "--ver",
    "list --ti",
    "list -f mark",
    "list --ties ''",
    "list -d ci",
    "list ci",
    "show tokyo ''",
    "show -d F -- sa",
    "show -d F --no-such-option sa",
    "show -dF sa",
    "show -d F -- --city-col ''",
    "show --city-col -H ''",
    "list --top ''",
]


def environ(shell: str, line: str, fish: str = "get-args") -> dict[str, str]:
    """What typer's script for ``shell`` sets when the user presses TAB after ``line``."""
    typed = f"cityrank {line}"
    words = shlex.split(typed)
    if shell == "bash":
        return {
            "_CITYRANK_COMPLETE": "complete_bash",
            "COMP_WORDS": typed,
            "COMP_CWORD": str(len(words) - 1),
        }
    # zsh and fish hand over the line as typed: a last empty word is a trailing space.
    if typed.endswith(" ''"):
        typed = typed[: -len("''")]
    return {
        "_CITYRANK_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": typed,
        "_TYPER_COMPLETE_FISH_ACTION": fish,
    }


def by_click(env: dict[str, str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, [], env=env)
    assert result.stderr == ""
    return result.exit_code, result.stdout


def by_quick(env: dict[str, str]) -> tuple[int, str] | None:
    out = io.StringIO()
    streams = sys.stdout, sys.stderr
    sys.stdout = out  # quick also replaces sys.stderr, to mute it: both are put back
    try:
        status = quick.answer(env)
    finally:
        sys.stdout, sys.stderr = streams
    return None if status is None else (status, out.getvalue())


SHELLS = [("bash", "get-args"), ("zsh", "get-args"), ("fish", "get-args"), ("fish", "is-args")]


@pytest.fixture
def files(write: Callable[[str, str], Path]) -> dict[str, str]:
    return {"F": str(write("cities.csv", CITIES)), "H": str(write("bare.csv", HEADERLESS))}


def _line(line: str, files: dict[str, str]) -> str:
    return " ".join(files.get(word, word) for word in line.split(" "))


@pytest.mark.parametrize("shell,fish", SHELLS)
@pytest.mark.parametrize("line", FROM_DATA)
def test_quick_answers_a_value_from_the_data_as_click_does(
    line: str,
    shell: str,
    fish: str,
    files: dict[str, str],
) -> None:
    env = environ(shell, _line(line, files), fish)
    quick_answer = by_quick(env)
    assert quick_answer is not None, "quick left a value from the data to click"
    assert quick_answer == by_click(env)


@pytest.mark.parametrize("line", TO_CLICK)
def test_quick_leaves_the_rest_to_click(line: str, files: dict[str, str]) -> None:
    for shell, fish in SHELLS:
        assert by_quick(environ(shell, _line(line, files), fish)) is None


def test_quick_answers_only_typer_s_scripts_for_bash_zsh_and_fish(
    files: dict[str, str],
) -> None:
    for instruction in ("bash_complete", "complete_powershell", "source_bash", "", "complete"):
        env = {**environ("bash", f"show -d {files['F']} sa"), "_CITYRANK_COMPLETE": instruction}
        assert by_quick(env) is None, instruction
    bad = {**environ("bash", "show sa"), "COMP_CWORD": "x"}
    assert by_quick(bad) is None


def test_the_table_of_words_is_in_step_with_the_commands() -> None:
    # After changing an option or argument: python -m cityrank.cli.write_grammar && ruff format
    made = typer.main.get_command(app)
    assert isinstance(made, typer.core.TyperGroup)
    kept = {"GROUP": grammar.GROUP, "SHARED": grammar.SHARED, "COMMANDS": grammar.COMMANDS}
    assert kept == grammar_of(made)


def test_a_headerless_file_offers_its_own_cells_as_city_names(
    files: dict[str, str],
) -> None:
    env = environ("bash", f"show -d {files['H']} -H --score-col 2 l")
    assert by_quick(env) == (0, "Lyon\nLille\n")


def probe(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -c CODE`` on this source tree, with ``env`` added to the environment."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(SRC), **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_main(
    argv: list[str], modules: tuple[str, ...], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed program's entry point run on ``argv``; its stderr ends up as the list
    of those of ``modules`` that were loaded by then."""
    return probe(
        "import sys\n"
        f"sys.argv = {argv!r}\n"
        "try:\n"
        "    from cityrank.cli.main import main; main()\n"
        "finally:\n"
        f"    loaded = sorted(m for m in {modules!r} if m in sys.modules)\n"
        "    sys.__stderr__.write(repr(loaded))\n",
        env,
    )


def test_the_program_answers_quickly_without_importing_typer(files: dict[str, str]) -> None:
    """The installed program's entry point: the answer, and no typer, click or Rich loaded,
    nor ``dataclasses`` (with ``inspect``, a tenth of a first TAB), ``pathlib`` and the
    ranking's records."""
    asked = environ("bash", f"show -d {files['F']} sa")
    unwanted = ("typer", "click", "rich", "dataclasses", "pathlib", "cityrank.model.ranked")
    done = run_main(["cityrank"], unwanted, asked)
    assert (done.returncode, done.stdout, done.stderr) == (0, "São\\ Paulo\nSapporo\n", "[]")


def test_an_ordinary_run_does_not_load_what_completion_needs() -> None:
    names = ("quick", "suggest", "grammar", "remember")
    done = run_main(["cityrank", "list", "-f", "csv"], tuple(f"cityrank.cli.{n}" for n in names))
    assert (done.returncode, done.stderr) == (0, "[]")
    assert done.stdout.startswith("rank,tied,city,score")


def test_the_app_is_the_typer_app_whatever_was_imported_first() -> None:
    # cli/__init__ gives ``app`` on first use; a submodule named ``app`` would shadow it.
    done = probe(
        "import cityrank.cli.run, cityrank.cli.options\n"
        "from cityrank.cli import app\n"
        "import typer\n"
        "print(isinstance(app, typer.Typer))\n"
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")


def test_the_shell_has_its_answer_before_what_was_read_is_kept(
    files: dict[str, str], tmp_path: Path
) -> None:
    """The entry of the cache is written by a child process after the answer: the program
    ends, and its output closes, while the child is still waiting here to write it."""
    go, folder = tmp_path / "go", Path(os.environ["XDG_CACHE_HOME"]) / "cityrank"
    done = probe(
        "import os, sys, time\n"
        "from cityrank.cli import remember\n"
        "keep = remember._keep\n"
        "def later(*args):\n"  # (kept after 10 s all the same, where nothing forks)
        "    for _ in range(1000):\n"
        f"        if os.path.exists({str(go)!r}): break\n"
        "        time.sleep(0.01)\n"
        "    keep(*args)\n"
        "remember._keep = later\n"
        "from cityrank.cli.main import main; main()\n",
        environ("bash", f"show -d {files['F']} zu"),
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "Zürich\n", "")
    assert not folder.exists()
    go.touch()
    for _ in range(1000):
        if kept_entries():
            break
        time.sleep(0.01)
    assert len(kept_entries()) == 1


def test_what_click_reads_for_the_program_is_kept_at_once(files: dict[str, str]) -> None:
    """A line left to click (``--`` before the word) is answered from the file too, and
    what was read is kept before the program ends."""
    done = run_main(["cityrank"], (), environ("bash", f"show -d {files['F']} -- zu"))
    assert (done.returncode, done.stdout) == (0, "Zürich\n")
    assert len(kept_entries()) == 1


def test_without_a_process_to_spare_the_program_keeps_what_it_read_itself(
    files: dict[str, str],
) -> None:
    done = probe(
        "import os, sys\n"
        "def no_fork():\n"
        "    raise BlockingIOError(11, 'Resource temporarily unavailable')\n"
        "os.fork = no_fork\n"
        "try:\n"
        "    from cityrank.cli.main import main; main()\n"
        "finally:\n"
        "    sys.__stderr__.write('ended')\n",
        environ("bash", f"show -d {files['F']} zu"),
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "Zürich\n", "ended")
    assert len(kept_entries()) == 1
