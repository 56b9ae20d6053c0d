"""Shell completion: the scripts, and what the shell is offered, through bash's own protocol.

The shell runs ``cityrank`` with ``_CITYRANK_COMPLETE`` set and the line in
``COMP_WORDS``/``COMP_CWORD`` (bash) or ``_TYPER_COMPLETE_ARGS`` (zsh, fish).
Most cases ask in-process through that same protocol; the first ones run
real bash on the scripts that ``--show-completion`` and click print.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityrank.cli import app

SRC = Path(__file__).parent.parent / "src"
CITIES = """city,score,year,Country name,aliases
São Paulo,80,2019,Brazil,Sampa
Zürich,70,2019,Switzerland,
Sapporo,60,2019,Japan,
São Paulo,81,2020,Brazil,Sampa
Zürich,72,2020,Switzerland,
"""
BASH = shutil.which("bash")


def ask(*words: str, env: dict[str, str] | None = None, style: str = "bash_complete") -> list[str]:
    """What bash is offered for ``cityrank WORDS…``, the last word being the one completed
    (each word quoted as it would be typed)."""
    line = " ".join(["cityrank", *map(shlex.quote, words)])
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_CITYRANK_COMPLETE": style,
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words)),
            **(env or {}),
        },
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout.splitlines()


@pytest.fixture
def cities(write: Callable[[str, str], Path]) -> str:
    return str(write("cities.csv", CITIES))


@pytest.fixture
def on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has a ``cityrank`` that runs this source tree."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "cityrank"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cityrank "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(SRC),
        "HOME": str(tmp_path),
    }


def bash(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert BASH is not None
    return subprocess.run(
        [BASH, "--norc", "-c", script], env=env, capture_output=True, text=True, timeout=120
    )


# COMPREPLY as bash holds it after the completion function ran on the line.
REPLY = """
COMP_WORDS=(cityrank show -d {file} sao); COMP_CWORD=4
_cityrank_completion cityrank
printf '<%s>\\n' "${{COMPREPLY[@]}}"
"""


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_bash_completes_an_accented_city_as_one_word_with_either_script(
    on_path: dict[str, str], cities: str
) -> None:
    # --show-completion prints typer's script (it asks with complete_bash) for the shell it
    # runs in; _CITYRANK_COMPLETE=bash_source prints click's (bash_complete).
    for source in (
        "source <(cityrank --show-completion)",
        'eval "$(_CITYRANK_COMPLETE=bash_source cityrank)"',
    ):
        done = bash(source + REPLY.format(file=cities), on_path)
        assert done.stderr == ""
        # One word, its space escaped: the line becomes `show São\ Paulo`, one argument.
        assert done.stdout == "<São\\ Paulo>\n", source


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_install_completion_sets_up_bash(on_path: dict[str, str], tmp_path: Path) -> None:
    # typer asks which shell runs cityrank by its parent processes. A lone command is
    # exec'd by bash -c in its own place, leaving whatever ran pytest as the nearest
    # shell (none, from a detached job); a second command keeps bash the parent.
    done = bash("cityrank --install-completion; exit $?", on_path)
    assert done.returncode == 0, done.stderr
    assert "bash completion installed" in done.stdout
    # A new shell (it reads ~/.bashrc) then completes cityrank.
    after = bash("source ~/.bashrc; complete -p cityrank", on_path)
    assert after.stdout == "complete -o default -F _cityrank_completion cityrank\n"


@pytest.mark.parametrize(
    ("shell", "marks"),
    [
        ("bash", "complete -o default -F _cityrank_completion cityrank"),
        ("zsh", "compdef _cityrank_completion cityrank"),
        ("fish", "complete --command cityrank"),
    ],
)
def test_show_completion_prints_each_shells_script(
    shell: str, marks: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # typer's switch that takes the shell by name instead of detecting it (read as the
    # options are made, so set before the run, and the group made afresh: typer's runner
    # makes it on each call, where the `cityrank` fixture keeps one).
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    done = CliRunner().invoke(app, ["--show-completion", shell], catch_exceptions=False)
    assert done.exit_code == 0
    assert marks in done.stdout


def test_a_completion_takes_no_more_than_an_ordinary_run_at_the_command_line(
    on_path: dict[str, str], cities: str
) -> None:
    """The real entry point answers with nothing on stderr and exit 0, bad file or good."""
    env = {**on_path, "_CITYRANK_COMPLETE": "bash_complete", "COMP_CWORD": "4"}
    for line, reply in (
        (f"cityrank show -d {cities} zu", "plain,Zürich\n"),
        ("cityrank show -d /no/such/file.csv zu", ""),
    ):
        done = subprocess.run(
            ["cityrank"], env={**env, "COMP_WORDS": line}, capture_output=True, text=True
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, reply, "")


def test_city_names_come_from_the_files_on_the_line(cities: str) -> None:
    assert ask("show", "-d", cities, "sao") == ["plain,São\\\\ Paulo"]
    assert ask("show", "-d", cities, "sa", style="complete_bash") == ["São\\ Paulo", "Sapporo"]
    assert ask("history", "-d", cities, "ZU") == ["plain,Zürich"]
    assert ask("chart", cities, "--history", "zür") == ["plain,Zürich"]


def test_city_names_match_as_the_lookup_does(cities: str) -> None:
    # Case, accents, hyphens for spaces, an alias; a prefix of any length.
    assert ask("show", "-d", cities, "SAO-P", style="complete_bash") == ["São\\ Paulo"]
    assert ask("show", "-d", cities, "samp", style="complete_bash") == ["São\\ Paulo"]
    assert ask("show", "-d", cities, "", style="complete_bash") == [
        "São\\ Paulo",
        "Zürich",
        "Sapporo",
    ]
    assert ask("show", "-d", cities, "x") == []


def test_compare_does_not_offer_a_city_already_on_the_line(cities: str) -> None:
    assert ask("compare", "-d", cities, "zurich", "", style="complete_bash") == [
        "São\\ Paulo",
        "Sapporo",
    ]


def test_without_files_cities_come_from_cityrank_data_else_the_sample(cities: str) -> None:
    assert ask("show", "pek") == ["plain,Beijing"]  # an alias in the bundled sample
    assert ask("compare", "sh") == ["plain,Shenzhen", "plain,Shanghai"]
    assert ask("show", "zu", env={"CITYRANK_DATA": cities}) == ["plain,Zürich"]


def test_zsh_and_fish_are_offered_the_same_names(cities: str) -> None:
    def typer_shell(shell: str) -> str:
        result = CliRunner().invoke(
            app,
            [],
            env={
                "_CITYRANK_COMPLETE": f"complete_{shell}",
                "_TYPER_COMPLETE_ARGS": f"cityrank show -d {cities} sao",
                "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            },
        )
        assert result.exit_code == 0
        return result.stdout

    assert typer_shell("zsh") == "_arguments '*: :((\"São Paulo\"))'\n"
    assert typer_shell("fish") == "São Paulo\n"


def test_column_names_complete_the_column_options(cities: str) -> None:
    for option in ("--city-col", "--score-col", "--year-col"):
        assert ask("list", cities, option, "") == [
            "plain,city",
            "plain,score",
            "plain,year",
            "plain,Country\\\\ name",
            "plain,aliases",
        ]
    assert ask("list", cities, "--score-col", "SC") == ["plain,score"]
    assert ask("compare", "-d", cities, "--where", "coun", style="complete_bash") == [
        "Country\\ name"
    ]
    assert ask("list", cities, "--where", "Country name=") == []  # only the column part


def test_editions_complete_year_from_and_to(cities: str) -> None:
    assert ask("list", cities, "--year", "") == ["plain,2019", "plain,2020"]
    assert ask("movers", cities, "--from", "2019") == ["plain,2019"]
    assert ask("movers", "-d", cities, "--to", "202") == ["plain,2020"]
    assert ask("list", cities, "--compare-to", "") == ["plain,2019", "plain,2020"]


def test_format_names_and_commands_complete(cities: str) -> None:
    assert ask("list", "-f", "mark") == ["plain,markdown"]
    assert ask("list", "--format", "js") == ["plain,json", "plain,jsonl"]
    # Commands are made lazily; the shell still finds them.
    assert ask("s") == ["plain,show", "plain,stats"]
    assert ask("list", "--ti") == ["plain,--ties"]


@pytest.mark.parametrize(
    "trouble",
    [
        ["-d", "/no/such/file.csv"],
        ["-d", "-"],
        ["--encoding", "no-such-codec"],
        ["--where", "no operator"],
        ["--delimiter", "too long"],
    ],
)
def test_a_file_that_cannot_be_read_completes_nothing_and_says_nothing(
    trouble: list[str], write: Callable[[str, str | bytes], Path]
) -> None:
    assert ask("show", *trouble, "sa") == []
    assert ask("list", *trouble, "--year", "") == []
    assert ask("list", *trouble, "--city-col", "") == []


def test_a_bad_file_or_variable_completes_nothing(
    write: Callable[[str, str | bytes], Path],
) -> None:
    binary = str(write("binary.csv", b"\x00\xff\xfe\x00" * 50))
    ragged = str(write("ragged.csv", 'city,score\n"unclosed,1\n'))
    for path in (binary, ragged):
        assert ask("show", "-d", path, "") == []
    assert ask("show", "sa", env={"CITYRANK_DATA": ":"}) == []


def test_file_options_leave_the_names_to_the_shell(cities: str) -> None:
    # click's script lists files for a "file" reply; typer's falls back to them on no reply.
    assert ask("list", "-d", "ci") == ["file,ci"]
    assert ask("list", "ci") == ["file,ci"]
    assert ask("list", "-d", "ci", style="complete_bash") == []


def test_an_unknown_shell_or_instruction_is_refused_silently() -> None:
    for instruction in ("tcsh_complete", "bash_nonsense", "complete_tcsh", "nonsense"):
        result = CliRunner().invoke(
            app,
            [],
            env={"_CITYRANK_COMPLETE": instruction, "COMP_WORDS": "cityrank ", "COMP_CWORD": "1"},
        )
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", ""), instruction


def test_city_names_of_a_ten_thousand_row_file(write: Callable[[str, str], Path]) -> None:
    # How long it takes is measured in bench/ (the completion section), not here.
    rows = "".join(f"City {i:05d},{i % 997}.5,{2019 + i % 2}\n" for i in range(10_000))
    path = str(write("big.csv", "city,score,year\n" + rows))
    for _ in range(2):  # read, then kept for the next TAB
        found = ask("show", "-d", path, "city 0999")
        assert found == [f"plain,City\\\\ 0999{i}" for i in range(10)]
