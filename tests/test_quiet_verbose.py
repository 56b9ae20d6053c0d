"""-q/--quiet silences warnings but never errors; -v/--verbose tells each step on stderr."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]
# Two editions; an empty score in the second (listed unranked, with a warning).
WARNED = """city,score,year,kind
Alpha,90,2019,big
Bravo,80,2019,small
Charlie,70,2019,n/a
Delta,60,2019,big
Alpha,91,2020,big
Bravo,,2020,small
Charlie,72,2020,n/a
Delta,65,2020,big
"""
COMMANDS = {
    "list": [],
    "compare": ["alpha", "delta"],
    "show": ["alpha"],
    "history": ["alpha"],
    "movers": [],
    "chart": [],
    "stats": [],
    "validate": [],
}


@pytest.fixture
def warned(write: Callable[[str, str], Path]) -> str:
    return str(write("warned.csv", WARNED))


def test_without_q_the_file_gives_warnings(cityrank: Run, warned: str) -> None:
    done = cityrank("list", "-d", warned, "-f", "csv")
    assert done.exit_code == 0
    assert "cityrank: warning:" in done.stderr


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_silences_the_warnings_and_changes_nothing_else(
    cityrank: Run, warned: str, flag: str
) -> None:
    loud = cityrank("list", "-d", warned, "-f", "csv")
    quiet = cityrank("list", "-d", warned, "-f", "csv", flag)
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, loud.stdout, "")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_q_and_v(cityrank: Run, warned: str, command: str) -> None:
    args = [command, *COMMANDS[command], "-d", warned, "-f", "csv"]
    loud = cityrank(*args)
    assert loud.exit_code == 0, loud.stderr
    quiet = cityrank(*args, "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, loud.stdout, "")
    verbose = cityrank(*args, "-v")
    assert (verbose.exit_code, verbose.stdout) == (0, loud.stdout)
    assert "rows read by Python's csv reader" in verbose.stderr
    if command != "validate":  # whose warnings are its report, on stdout
        assert "cityrank: warning:" in verbose.stderr  # -v says more, not less


def test_quiet_never_silences_an_error(cityrank: Run, write: Callable[[str, str], Path]) -> None:
    bad = write("bad.csv", "city,score\nAlpha,ninety\n")
    done = cityrank("list", "-d", str(bad), "-q")
    assert done.exit_code == 1
    assert done.stderr.startswith("cityrank: error: ")
    usage = cityrank("show", "nowhere", "-q")
    assert usage.exit_code == 2
    assert usage.stderr.startswith("cityrank: error: no city")


def test_q_and_v_together_are_a_usage_error(cityrank: Run) -> None:
    done = cityrank("list", "-q", "-v")
    assert done.exit_code == 2
    assert done.stderr == "cityrank: error: give -q/--quiet or -v/--verbose, not both\n"


def steps(stderr: str) -> list[str]:
    """The -v lines, their times made ``N ms``."""
    return [
        re.sub(r"[\d,]+\.\d ms", "N ms", line)
        for line in stderr.splitlines()
        if line.startswith("cityrank: info: ")
    ]


def test_verbose_says_the_reader_the_rows_read_kept_and_ranked_and_each_steps_time(
    cityrank: Run, warned: str
) -> None:
    done = cityrank("list", "-d", warned, "--where", "kind=big", "-f", "csv", "-v")
    assert done.exit_code == 0
    assert steps(done.stderr) == [
        "cityrank: info: start-up (Python, imports, options) took N ms of CPU",
        f"cityrank: info: {warned}: 8 rows read by Python's csv reader in N ms",
        f"cityrank: info: {warned}: 4 of 8 rows kept by --where in N ms",
        f"cityrank: info: {warned}: keys, duplicates and editions worked out in N ms",
        "cityrank: info: 2 of 2 cities ranked (2020) in N ms",
        "cityrank: info: 2 of 2 cities ranked (2019) in N ms",
        "cityrank: info: csv written in N ms",
        "cityrank: info: the command took N ms",
    ]


def test_verbose_tells_each_file_and_the_editions(
    cityrank: Run, write: Callable[..., Path]
) -> None:
    first = write("index_2019.csv", "city,score\nAlpha,1\nBravo,2\n")
    second = write("index_2020.csv", "city,score\nAlpha,3\nBravo,\n")
    done = cityrank("history", "alpha", "-d", str(first), "-d", str(second), "-v", "-f", "csv")
    assert done.exit_code == 0, done.stderr
    told = steps(done.stderr)
    assert f"cityrank: info: {first}: 2 rows read by Python's csv reader in N ms" in told
    assert f"cityrank: info: {second}: 2 rows read by Python's csv reader in N ms" in told
    assert "cityrank: info: 2 files merged: 4 rows in N ms" in told
    assert "cityrank: info: 3 of 4 cities ranked in 2 editions (2019–2020) in N ms" in told


def test_verbose_names_arrows_reader_when_it_ran(
    cityrank: Run, warned: str, write: Callable[[str, str], Path]
) -> None:
    pytest.importorskip("pyarrow")
    python = cityrank("list", "-d", warned, "-f", "csv", "-v", env={"CITYRANK_ENGINE": "python"})
    arrow = cityrank("list", "-d", warned, "-f", "csv", "-v", env={"CITYRANK_ENGINE": "arrow"})
    assert arrow.stdout == python.stdout
    assert f"{warned}: 8 rows read by Arrow's reader in" in arrow.stderr
    # A file Arrow's reader declines (a blank line inside it) is read by Python's, and -v says so.
    gappy = write("gappy.csv", "city,score\nAlpha,1\n\nBravo,2\n")
    declined = cityrank(
        "list", "-d", str(gappy), "-v", "-f", "csv", env={"CITYRANK_ENGINE": "arrow"}
    )
    assert "read by Python's csv reader (Arrow's declined the file)" in declined.stderr


def test_verbose_times_a_composite_index(cityrank: Run, write: Callable[[str, str], Path]) -> None:
    data = write("index.csv", "city,rd,cost\nAlpha,1,5\nBravo,3,2\nCharlie,2,1\n")
    done = cityrank("list", "-d", str(data), "--weights", "rd=1,cost:lower=1", "-v", "-f", "csv")
    assert done.exit_code == 0, done.stderr
    assert "cityrank: info: composite index made in N ms" in steps(done.stderr)


def test_verbose_in_validate_tells_the_reading(cityrank: Run, warned: str) -> None:
    done = cityrank("validate", warned, "-v")
    assert f"cityrank: info: {warned}: 8 rows read by Python's csv reader in N ms" in steps(
        done.stderr
    )
