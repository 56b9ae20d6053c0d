"""One fictional table in typed values, as CSV text, and every command to run on each input kind.

The tests of spreadsheets, compressed files, JSON and Parquet write these
rows with other libraries (openpyxl, odfpy, xlwt, json, pyarrow, gzip …) and
check that each command's output is the CSV file's, byte for byte. Made-up
cities: three editions, aliases, a blank score, ties, a look-alike name
(Cyrillic о) and two indicator columns for composites.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import invoke

HEADER = ("city", "aliases", "year", "score", "rd", "industry", "note")
ROWS: list[tuple[object, ...]] = [
    ("Alpha", "Alfa|A-town", 2018, 71.5, 10, 3, "north, coast"),
    ("Bravo", None, 2018, 80, 12, 5, "plain"),
    ("Charlie", None, 2018, 80, 8, 7, None),
    ("Delta", None, 2018, 60.25, 5, 2, 'say "hi" twice'),
    ("Echo", None, 2018, None, 4, 1, "blank score"),
    ("Alpha", "Alfa|A-town", 2019, 85, 11, 4, "north, coast"),
    ("Bravo", None, 2019, 79.5, 12, 6, "plain"),
    ("Charlie", None, 2019, 88, 9, 7, None),
    ("Delta", None, 2019, 60.25, 6, 2, None),
    ("Foxtrot", None, 2019, 70, 7, 3, "new"),
    ("Alpha", "Alfa|A-town", 2020, 90, 13, 5, "north, coast"),
    ("Bravo", None, 2020, 91.25, 14, 6, "plain"),
    ("Charlie", None, 2020, 70, 9, 8, None),
    ("Delta", None, 2020, 70, 6, 3, None),
    ("Foxtrot", None, 2020, 65.5, 8, 2, None),
    ("Gоlf", None, 2020, 50, 3, 1, "look-alike of Golf"),
    ("Golf", None, 2020, 55.125, 4, 1, None),
]

#: Every command, each with what it needs to run, all writing CSV.
COMMANDS: list[list[str]] = [
    ["list"],
    ["list", "--all-columns", "--year", "2019"],
    ["list", "--where", "rd>=8", "--ties", "dense"],
    ["compare", "alpha", "bravo"],
    ["show", "alpha"],
    ["validate"],
    ["history", "alpha", "bravo"],
    ["movers", "--from", "2018"],
    ["chart"],
    ["stats"],
    ["list", "--weights", "rd=0.7,industry=0.3"],
    ["robustness", "--weights", "rd=0.6,industry=0.4", "--samples", "40", "--seed", "1"],
]


def cell_text(value: object) -> str:
    return "" if value is None else str(value)


def csv_text(header: tuple[str, ...] = HEADER, rows: list[tuple[object, ...]] = ROWS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell_text(v) for v in row] for row in rows)
    return out.getvalue()


def run(
    args: list[str], source: str, name: str, stdin: bytes | None = None
) -> tuple[int, str, str]:
    """``cityrank ARGS -f csv`` on ``source``: exit code, stdout and stderr, with ``name``
    (how messages name the source) written ``FILE``."""
    result = invoke([*args, "-f", "csv", "-d", source], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return (
        result.exit_code,
        result.stdout.replace(name, "FILE"),
        result.stderr.replace(name, "FILE"),
    )


def outputs(path: Path | str, name: str | None = None) -> list[tuple[int, str, str]]:
    """Every command's output on the file ``path`` (messages name it ``name``)."""
    return [run(args, str(path), name or str(path)) for args in COMMANDS]


def stdin_outputs(data: bytes, name: str = "<stdin>") -> list[tuple[int, str, str]]:
    """Every command's output on ``data`` given on standard input."""
    return [run(args, "-", name, data) for args in COMMANDS]
