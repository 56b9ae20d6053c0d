"""Every command with every option gives the same bytes whichever reader reads the file.

The matrix is generated from the CLI's own option list: each option of each
command is run with the sample values below, once with
``CITYRANK_ENGINE=python`` (the stdlib reader) and once with
``CITYRANK_ENGINE=arrow`` (Arrow's reader), on fictional files that Arrow
does read (checked, so the comparison is not vacuous). The Arrow run also
takes the core's and the writers' Arrow paths for every column, however
short (``core.vector``: on large files they take over once pyarrow is
loaded); the Python run takes none. stdout, stderr, the exit code and any
file written (``-o``, ``--svg``, ``--html``) must match.
An option added without sample values here fails ``test_every_option_has_samples``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer.main

from cityrank.cli import app
from cityrank.io.arrow_reader import read_arrow
from cityrank.model import LoadOptions
from conftest import arrow_paths, invoke

# Fictional: three editions of made-up cities, with aliases, a blank score, a
# quoted note with the delimiter in it, ties, a look-alike name (Cyrillic а),
# and two indicator columns for composites.
EDITIONS = """city,aliases,year,score,rd,industry,note
Alpha,Alfa|A-town,2018,71.5,10,3,"north, coast"
Bravo,,2018,80,12,5,plain
Charlie,,2018,80,8,7,
Delta,,2018,60.25,5,2,"say ""hi"" twice"
Echo,,2018,,4,1,blank score
Alpha,Alfa|A-town,2019,85,11,4,"north, coast"
Bravo,,2019,79.5,12,6,plain
Charlie,,2019,88,9,7,
Delta,,2019,60.25,6,2,
Foxtrot,,2019,70,7,3,new
Alpha,Alfa|A-town,2020,90,13,5,"north, coast"
Bravo,,2020,91.25,14,6,plain
Charlie,,2020,70,9,8,
Delta,,2020,70,6,3,
Foxtrot,,2020,65.5,8,2,
Gоlf,,2020,50,3,1,look-alike of Golf
Golf,,2020,55,4,1,
"""
SPEC = """[index]
normalisation = "zscore"
[indicators]
rd = 0.7
industry = 0.3
"""

NAMES = ["alpha", "bravo"]
#: What each command needs to run at all.
BASE: dict[str, list[str]] = {
    "list": [],
    "compare": NAMES,
    "show": NAMES[:1],
    "validate": [],
    "history": NAMES,
    "movers": [],
    "chart": [],
    "stats": [],
    "robustness": ["--weights", "rd=0.6,industry=0.4", "--samples", "40", "--seed", "1"],
    "report": [],
}
FORMATS = ["csv", "tsv", "json", "jsonl", "markdown", "table", "grid"]
FLAG: list[list[str]] = [[]]

#: Sample values of each option, by its first name; FILE, SPEC and OUT are filled in.
SAMPLES: dict[str, list[list[str]]] = {
    "--top": [["2"], ["1"]],
    "--all-columns": FLAG,
    "--compare-to": [["2018"]],
    "--data": [["FILE"]],
    "--city-col": [["city"]],
    "--score-col": [["rd"]],
    "--year-col": [["year"]],
    "--delimiter": [[","]],
    "--encoding": [["utf-8"]],
    "--label": [["FILE=2021"]],
    "--strict": FLAG,
    "--no-header": FLAG,
    # Only a workbook has sheets: a CSV file is read as it is (tests/test_spreadsheets.py).
    "--sheet": [["1"]],
    "--decimal-comma": FLAG,
    "--on-duplicate": [["error"], ["first"], ["last"], ["max"], ["min"]],
    "--na": [["80"], ["80", "--na", "60.25"]],
    "--where": [["note=plain"], ["rd>=8"], ["city~^[A-D]"], ["note!~coast"]],
    "--spec": [["SPEC"]],
    "--weights": [["rd=1,industry:lower=1"]],
    "--missing": [["renormalise"]],
    "--ties": [["competition"], ["modified"], ["dense"], ["ordinal"], ["fractional"]],
    "--lower-is-better": FLAG,
    "--year": [["2019"]],
    "--format": [[f] for f in FORMATS],
    "--output": [["OUT/out.txt"]],
    "--svg": [["OUT/out.svg"]],
    "--html": [["OUT/out.html"]],
    "--excel-safe": FLAG,
    "--common-only": FLAG,
    "--decimals": [["0"], ["3"]],
    "--lower": [["rd"], ["rd", "--lower", "industry"]],
    "--by": [["note"]],
    "--key": [["city,note"], ["note"]],
    "--columns": [["city,rank,score"], ["rank,city"]],
    "--quiet": FLAG,
    # -v names the reader that ran and times each step: its stderr differs by design.
    # tests/test_quiet_verbose.py checks that its output is the same under both readers.
    "--verbose": [],
    "--from": [["2018"]],
    "--to": [["2019"]],
    "--from-min": FLAG,
    "--history": [["alpha"]],
    "--samples": [["20"]],
    "--seed": [["7"]],
    "--weight-noise": [["0.1"]],
    "--vary-method": FLAG,
    "--top-k": [["2"]],
    "--within": [["2"]],
    "--max-rows": [["2"]],
    "--cards": [["0"], ["1"]],
    "--robustness": FLAG,
}
#: Options whose cases are combined with another one, for a case that means something.
WITH: dict[str, list[str]] = {
    "--missing": ["--weights", "rd=1,industry=1"],
    "--excel-safe": ["-f", "csv"],
    "--no-header": ["--city-col", "1", "--score-col", "4"],
    "--label": [],
    "--robustness": ["--weights", "rd=1,industry=1", "--samples", "20", "--seed", "1"],
}


def commands() -> dict[str, click.Command]:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return {name: group.commands[name] for name in group.list_commands(click.Context(group))}


def options(command: click.Command) -> Iterator[str]:
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help",):
            yield next(o for o in param.opts if o.startswith("--"))


def cases() -> Iterator[tuple[str, str, list[str]]]:
    for name, command in commands().items():
        for option in options(command):
            for value in SAMPLES.get(option, []):
                yield name, option, value


def test_every_option_has_samples() -> None:
    """A new option must say how to test it here, so both readers are held to it."""
    missing = sorted({o for c in commands().values() for o in options(c)} - set(SAMPLES))
    assert not missing, f"add sample values to SAMPLES in tests/test_parity.py for {missing}"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parity")
    data = folder / "editions.csv"
    data.write_text(EDITIONS, encoding="utf-8")
    spec = folder / "spec.toml"
    spec.write_text(SPEC, encoding="utf-8")
    # Not vacuous: Arrow's reader really reads this file.
    assert read_arrow(data.read_bytes(), str(data), LoadOptions(), None) is not None
    return {"FILE": data, "SPEC": spec, "FOLDER": folder}


def run(args: list[str], engine: str, out: Path) -> tuple[int, bytes, str, dict[str, bytes]]:
    out.mkdir(exist_ok=True)
    with arrow_paths(engine == "arrow"):
        result = invoke([a.replace("OUT", str(out)) for a in args], env={"CITYRANK_ENGINE": engine})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    written = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    for p in out.iterdir():
        p.unlink()
    return result.exit_code, result.stdout_bytes, result.stderr.replace(str(out), "OUT"), written


@pytest.mark.parametrize(("command", "option", "value"), list(cases()))
def test_both_readers_give_the_same_output(
    files: dict[str, Path], command: str, option: str, value: list[str]
) -> None:
    path = str(files["FILE"])
    given = [v.replace("FILE", path).replace("SPEC", str(files["SPEC"])) for v in value]
    args = [command, *BASE[command], *WITH.get(option, []), option, *given]
    if option != "--data":
        args += ["-d", path]
    folder = files["FOLDER"]
    python = run(args, "python", folder / "python")
    arrow = run(args, "arrow", folder / "arrow")
    assert arrow == python
