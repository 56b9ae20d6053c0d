"""The input targets of issue 16: a 100k-row ``.csv.gz`` ranks within 1.3x the time of the same
file uncompressed, and a 100k-row ``.xlsx`` within 3x the time python-calamine alone takes to
read it.

    python bench/inputs.py [--rows 100000] [--runs 5] [--python PATH]

Each contender is a whole process timed by wall clock: ``cityrank list FILE -f csv`` on the
plain CSV, its gzip and an .xlsx of the same rows, and a Python process that only opens the
workbook with python-calamine and turns its first sheet into Python values. Runs alternate
between contenders (the order rotated each round) and the medians are compared. The data is
fictional and seeded, written to bench/data/ (git-ignored) by this script with the standard
library and openpyxl. It needs cityrank, python-calamine and openpyxl in the Python it runs.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
SRC = BENCH.parent / "src"
CALAMINE_ONLY = (
    "import sys, python_calamine as c; "
    "c.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()"
)


def write_files(rows: int) -> dict[str, Path]:
    """The fictional files: ``fictional_inputs_N.csv``, its ``.gz`` and an ``.xlsx``."""
    import openpyxl

    DATA.mkdir(parents=True, exist_ok=True)
    stem = DATA / f"fictional_inputs_{rows}"
    paths = {
        "csv": stem.with_suffix(".csv"),
        "gz": Path(f"{stem}.csv.gz"),
        "xlsx": Path(f"{stem}.xlsx"),
    }
    if all(p.exists() for p in paths.values()):
        return paths
    rng = random.Random(16)
    table = [("city", "country", "year", "score", "firms")]
    table += [
        (
            f"Fictional City {i}",
            f"Land {i % 40}",
            2020,
            round(rng.uniform(0, 100), 2),
            rng.randint(1, 900),
        )
        for i in range(rows)
    ]
    with paths["csv"].open("w", newline="", encoding="utf-8") as out:
        csv.writer(out, lineterminator="\n").writerows(table)
    paths["gz"].write_bytes(gzip.compress(paths["csv"].read_bytes(), compresslevel=6))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Scores")
    for row in table:
        sheet.append(list(row))
    book.save(paths["xlsx"])
    return paths


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(SRC)}
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    paths = write_files(args.rows)
    cityrank = [args.python, "-m", "cityrank", "list", "-f", "csv"]
    contenders = {
        "csv": [*cityrank, str(paths["csv"])],
        "csv.gz": [*cityrank, str(paths["gz"])],
        "xlsx": [*cityrank, str(paths["xlsx"])],
        "calamine alone": [args.python, "-c", CALAMINE_ONLY, str(paths["xlsx"])],
    }
    for command in contenders.values():  # warm the file cache, check each one runs
        timed(command)
    times: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for run in range(args.runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            times[name].append(timed(contenders[name]))
    median = {name: statistics.median(found) for name, found in times.items()}
    for name, found in times.items():
        shown = " ".join(f"{t:.3f}" for t in found)
        print(f"{name:15} median {median[name]:.3f} s   runs: {shown}")
    for what, ratio, target in (
        (".csv.gz / .csv", median["csv.gz"] / median["csv"], 1.3),
        (".xlsx / calamine alone", median["xlsx"] / median["calamine alone"], 3.0),
    ):
        print(
            f"{what:24} {ratio:.2f}x (target {target}x): {'met' if ratio <= target else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
