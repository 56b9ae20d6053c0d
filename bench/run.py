"""Benchmark cityrank against its peers (issue 6): one command reproduces everything.

    python bench/run.py              full run (50, 100k, 1M rows), about 15 minutes
    python bench/run.py --quick      skip the 1M-row file
    python bench/run.py --profile    also profile cityrank (importtime + cProfile)

It sets up what it needs: a virtual environment at bench/.venv with pandas,
polars and csvkit from PyPI (they are not cityrank dependencies), Debian's
``miller`` (installed with apt-get when ``mlr`` is missing), and the
fictional, seeded data files in bench/data/ (made by bench/generate.py).

Every contender is a whole process, timed by wall clock, with its peak RSS
read from that one child's resource usage (``os.wait4``). Before timing,
each task runs every contender once and checks that its ranks agree with
cityrank's; any disagreement is reported loudly. Runs alternate between
contenders (round robin, the order rotated each round). The Markdown table
goes to bench/results/latest.md and to stdout; raw timings to
bench/results/latest.json; every output to bench/results/out/.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DATA = BENCH / "data"
RESULTS = BENCH / "results"
OUT = RESULTS / "out"
PEERS = BENCH / "peers"

MAIN_PY = REPO / ".venv" / "bin" / "python"
CITYRANK = REPO / ".venv" / "bin" / "cityrank"
VENV = BENCH / ".venv"
VENV_PY = VENV / "bin" / "python"
VENV_BIN = VENV / "bin"
PEER_PACKAGES = ["pandas", "polars", "csvkit"]
TIME = "/usr/bin/time"

SEED = 6
# name: (cities, years)
FILES = {
    "fictional_50.csv": (50, 1),
    "fictional_100k.csv": (100_000, 1),
    "fictional_5x10k.csv": (10_000, 5),
    "fictional_1m.csv": (1_000_000, 1),
}
TOP = 20
TIMEOUT = 900  # seconds for one process
# Python may cache bytecode, as on any installed copy, but under bench/.venv so
# nothing is written next to the sources (some sandboxes set
# PYTHONDONTWRITEBYTECODE, which would make every start recompile cityrank).
ENV = {
    **os.environ,
    "COLUMNS": "120",
    "LINES": "50",
    "LC_ALL": "C.UTF-8",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONPYCACHEPREFIX": str(VENV / "pycache"),
}
for _name in (
    "NO_COLOR",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPATH",
    "PYTHONSTARTUP",
    "CITYRANK_ENGINE",
):
    ENV.pop(_name, None)

MLR_RANK = (
    "begin {@n = 0} @n += 1; "
    "if (@n == 1 || $score != @prev) {@rank = @n} "
    "@prev = $score; $rank = @rank"
)
MLR_LATEST = (
    "@records[NR] = $*; "
    "if (is_absent(@latest) || $year > @latest) {@latest = $year} "
    'end { for (k, r in @records) { if (r["year"] == @latest) { emit r } } }'
)


# ── setup ────────────────────────────────────────────────────────────────────


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_peers() -> None:
    if not VENV_PY.exists():
        log(f"creating {VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = "import pandas, polars, csvkit"
    ok = subprocess.run([str(VENV_PY), "-c", probe], capture_output=True).returncode == 0
    if not ok or not (VENV_BIN / "csvsort").exists():
        log(f"installing {', '.join(PEER_PACKAGES)} into {VENV}")
        subprocess.run([str(VENV_PY), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    if shutil.which("mlr") is None:
        log("installing Debian's miller")
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(["apt-get", "install", "-y", "miller"], check=True)
    if not Path(TIME).exists():
        log("installing Debian's time (GNU time, for peak RSS)")
        subprocess.run(["apt-get", "install", "-y", "time"], check=True)
    if not CITYRANK.exists():
        raise SystemExit(f"{CITYRANK} is missing: install cityrank into {REPO / '.venv'} first")
    if subprocess.run([str(MAIN_PY), "-c", "import pyarrow"], capture_output=True).returncode:
        # cityrank's optional engine for large files: `pip install 'cityrank[fast]'`.
        log(f"installing cityrank[fast] (pyarrow) into {REPO / '.venv'}")
        subprocess.run(
            [str(MAIN_PY), "-m", "pip", "install", "-q", "-e", f"{REPO}[fast]"], check=True
        )


def ensure_data(names: list[str]) -> None:
    for name in names:
        path = DATA / name
        if path.exists():
            continue
        rows, years = FILES[name]
        log(f"generating {path}")
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "generate.py"),
                "--rows",
                str(rows),
                "--years",
                str(years),
                "--seed",
                str(SEED),
                "--out",
                str(path),
            ],
            check=True,
        )


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], capture_output=True, text=True
    ).stdout.strip()


def use_cityrank(ref: str | None) -> None:
    """Run the working tree's cityrank, or a snapshot of commit ``ref`` (a stable target)."""
    global CITYRANK_ARGV, CITYRANK_ENV, CITYRANK_SOURCE
    head = git("rev-parse", "--short=12", "HEAD")
    if ref is None:
        dirty = git("status", "--porcelain", "--", "src")
        changed = (
            f", uncommitted changes in {len(dirty.splitlines())} file(s) under src/"
            if dirty
            else ""
        )
        CITYRANK_SOURCE = f"working tree (HEAD {head}{changed})"
        return
    sha = git("rev-parse", "--verify", f"{ref}^{{commit}}")
    if not sha:
        raise SystemExit(f"--ref {ref}: no such commit")
    snapshot = VENV / "snapshots" / sha[:12]
    if not (snapshot / "src" / "cityrank" / "__init__.py").exists():
        snapshot.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", sha, "src"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive.stdout, check=True)
    launcher = snapshot / "cityrank"
    launcher.write_text(f"#!{MAIN_PY}\nimport sys\nfrom cityrank.cli import app\nsys.exit(app())\n")
    launcher.chmod(0o755)
    CITYRANK_ARGV = [str(launcher)]
    CITYRANK_ENV = {"PYTHONPATH": str(snapshot / "src")}
    where = subprocess.run(
        [str(MAIN_PY), "-c", "import cityrank; print(cityrank.__file__)"],
        capture_output=True,
        text=True,
        env={**ENV, **CITYRANK_ENV},
    ).stdout.strip()
    if not where.startswith(str(snapshot)):
        raise SystemExit(f"the snapshot of {sha[:12]} is not the cityrank that runs ({where})")
    CITYRANK_SOURCE = f"snapshot of commit {sha[:12]} ({ref}), in {snapshot.relative_to(REPO)}"


def version_of(python: Path, package: str) -> str:
    code = (
        "from importlib.metadata import version as v\n"
        f"try: print(v({package!r}))\n"
        "except Exception: print('-')"
    )
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip()


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024**2:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    py = subprocess.run([str(MAIN_PY), "-VV"], capture_output=True, text=True).stdout.strip()
    mlr = subprocess.run(["mlr", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cityrank source": CITYRANK_SOURCE,
        "nproc": str(os.cpu_count()),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "python": py,
        "cityrank": version_of(MAIN_PY, "cityrank"),
        "typer": version_of(MAIN_PY, "typer"),
        "click": version_of(MAIN_PY, "click"),
        "rich": version_of(MAIN_PY, "rich"),
        "pydantic in cityrank's venv": version_of(MAIN_PY, "pydantic"),
        "pyarrow (cityrank[fast])": version_of(MAIN_PY, "pyarrow"),
        "pandas": version_of(VENV_PY, "pandas"),
        "polars": version_of(VENV_PY, "polars"),
        "csvkit": version_of(VENV_PY, "csvkit"),
        "miller": mlr,
    }


# ── running and measuring ────────────────────────────────────────────────────


# cityrank as the contenders run it: the editable install in REPO/.venv, or a
# snapshot of a git commit (--ref) put first on PYTHONPATH. Set by use_cityrank().
CITYRANK_ARGV = [str(CITYRANK)]
CITYRANK_ENV: dict[str, str] = {}
CITYRANK_SOURCE = "working tree"


@dataclass
class Contender:
    name: str
    argv: list[str]
    check: str | None = None  # "rank": has a rank column; "order": sorted only
    shell: bool = False
    env: dict[str, str] = field(default_factory=dict)
    status: int = 0  # the exit status that means success (movers on one edition: 2)

    def command(self) -> str:
        if self.shell:
            return self.argv[0].replace(str(REPO) + "/", "")
        shown = [a.replace(str(REPO) + "/", "") for a in self.argv]
        return shlex.join(shown)


@dataclass
class Run:
    wall: float
    rss_kb: int
    status: int


@dataclass
class Result:
    contender: Contender
    runs: list[Run] = field(default_factory=list)
    check: str = ""
    failed: str = ""
    failures: int = 0


def slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "_" for c in name)


def run_once(contender: Contender, stdout: Path, stderr: Path) -> Run:
    """Run one process to its end: wall time, and its peak RSS as GNU time reports it.

    The RSS comes from /usr/bin/time (``%M``), not from this script's own
    ``wait4``: a child forked from a large Python parent starts with the
    parent's high-water mark, so small tools would all look as big as this
    script.
    """
    rss_file = stderr.with_suffix(".rss")
    with stdout.open("wb") as out, stderr.open("wb") as err:
        argv = ["/bin/sh", "-c", contender.argv[0]] if contender.shell else contender.argv
        argv = [TIME, "-f", "%M", "-o", str(rss_file), *argv]
        env = {**ENV, **contender.env}
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        timer = threading.Timer(TIMEOUT, process.kill)
        timer.start()
        _, status, _ = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    try:
        rss_kb = int(rss_file.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        rss_kb = 0
    return Run(wall, rss_kb, process.returncode)


def warm(path: Path) -> None:
    with path.open("rb") as handle:
        while handle.read(1 << 22):
            pass


def measure(
    task: str,
    contenders: list[Contender],
    runs: int,
    check_counts: bool,
    slow: float,
    reference: str | None = "cityrank",
) -> list[Result]:
    """A check round, then round-robin timed rounds; see the module docstring."""
    folder = OUT / task
    folder.mkdir(parents=True, exist_ok=True)
    results = [Result(c) for c in contenders]

    def one(result: Result) -> Run:
        name = slug(result.contender.name)
        run = run_once(result.contender, folder / f"{name}.out", folder / f"{name}.err")
        if run.status != result.contender.status:
            result.failures += 1
            if not result.failed:
                tail = (
                    (folder / f"{name}.err").read_text(errors="replace").strip().splitlines()[-3:]
                )
                result.failed = f"exit {run.status}: {' / '.join(tail)}"
                log(f"!!! {task}: {result.contender.name} FAILED ({result.failed})")
        return run

    log(f"== {task}: check round")
    first: dict[str, Run] = {}
    for result in results:
        run = one(result)
        first[result.contender.name] = run
        log(f"   {result.contender.name:<22} {run.wall:8.3f} s  {run.rss_kb / 1024:8.1f} MB")
        if check_counts and run.status == result.contender.status:
            result.runs.append(run)
    if reference is not None:
        check_outputs(task, results, reference)
    rounds = runs - 1 if check_counts else runs
    active = [
        r
        for r in results
        if not r.failed
        and not (r.contender.name != reference and first[r.contender.name].wall > slow)
    ]
    for result in results:
        if result not in active and not result.failed:
            result.runs = [first[result.contender.name]]  # too slow to repeat: its one run counts
            log(
                f"   {result.contender.name}: "
                f"{first[result.contender.name].wall:.1f} s > {slow:.0f} s, not repeated"
            )
    for index in range(rounds):
        log(f"== {task}: round {index + 1}/{rounds}")
        shift = index % len(active) if active else 0
        for result in active[shift:] + active[:shift]:
            run = one(result)
            if run.status == result.contender.status:  # a failed run is reported, not timed
                result.runs.append(run)
    return results


# ── checking ranks against cityrank's ────────────────────────────────────────


def read_ranks(path: Path, mode: str) -> tuple[dict[str, tuple[int, float]], str]:
    """city → (rank, score) from a ranked CSV; ``order`` mode derives competition ranks."""
    ranks: dict[str, tuple[int, float]] = {}
    problem = ""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        previous: float | None = None
        rank = 0
        for position, row in enumerate(reader, start=1):
            score = float(row["score"])
            if mode == "rank":
                value = int(float(row["rank"]))
            else:
                if previous is not None and score > previous and not problem:
                    problem = f"not sorted by score at row {position}"
                if score != previous:
                    rank, previous = position, score
                value = rank
            if row["city"] in ranks and not problem:
                problem = f'city "{row["city"]}" appears twice'
            ranks[row["city"]] = (value, score)
    return ranks, problem


def check_outputs(task: str, results: list[Result], reference: str) -> None:
    by_name = {r.contender.name: r for r in results}
    ref = by_name[reference]
    ref_path = OUT / task / f"{slug(reference)}.out"
    if ref.failed:
        for r in results:
            r.check = "no reference"
        return
    expected, _ = read_ranks(ref_path, "rank")
    ref.check = f"reference ({len(expected)} rows)"
    for result in results:
        if result is ref or result.contender.check is None:
            continue
        if result.failed:
            result.check = "**FAILED**"
            continue
        name = slug(result.contender.name)
        try:
            got, problem = read_ranks(OUT / task / f"{name}.out", result.contender.check)
        except (KeyError, ValueError) as exc:
            got, problem = {}, f"unreadable output ({exc!r})"
        wrong = []
        for city, (rank, score) in expected.items():
            other = got.get(city)
            if other is None:
                wrong.append(f"{city}: missing")
            elif other[0] != rank or abs(other[1] - score) > 1e-9:
                wrong.append(f"{city}: {other} vs cityrank {(rank, score)}")
        extra = [c for c in got if c not in expected]
        wrong.extend(f"{c}: not in cityrank's output" for c in extra[:5])
        if problem or wrong:
            total = len(wrong) + max(0, len(extra) - 5)
            result.check = f"**DISAGREES** ({problem or f'{total} cities differ'})"
            banner = "!" * 78
            log(
                f"{banner}\n!!! {task}: {result.contender.name} DISAGREES with cityrank: "
                f"{problem} {total} differences\n!!! " + "\n!!! ".join(wrong[:5]) + f"\n{banner}"
            )
        else:
            derived = " (ranks derived from its order)" if result.contender.check == "order" else ""
            result.check = f"agrees{derived}"


# ── contenders ───────────────────────────────────────────────────────────────


def rank_contenders(path: Path, years: int) -> list[Contender]:
    f = str(path)
    table = path.stem
    mlr_rank = ["then", "put", MLR_RANK, "then", "reorder", "-f", "rank"]
    if years > 1:
        mlr = [
            "mlr",
            "--icsv",
            "--ocsv",
            "put",
            "-q",
            MLR_LATEST,
            "then",
            "sort",
            "-nr",
            "score",
            *mlr_rank,
            f,
        ]
        where = f"WHERE year = (SELECT max(year) FROM {table}) "
    else:
        mlr = ["mlr", "--icsv", "--ocsv", "sort", "-nr", "score", *mlr_rank, f]
        where = ""
    query = (
        f"SELECT rank() OVER (ORDER BY score DESC) AS rank, * FROM {table} {where}"
        "ORDER BY score DESC"
    )
    contenders = [
        Contender("cityrank", [*CITYRANK_ARGV, "list", f, "-f", "csv"], "rank", env=CITYRANK_ENV),
    ]
    if path.stat().st_size >= 2_000_000 and years == 1:
        # Where the pyarrow engine runs: the pure path too, for comparison.
        contenders.append(
            Contender(
                "cityrank, pure Python",
                [*CITYRANK_ARGV, "list", f, "-f", "csv"],
                "rank",
                env={**CITYRANK_ENV, "CITYRANK_ENGINE": "python"},
            )
        )
    contenders += [
        Contender("stdlib csv+sorted", [str(MAIN_PY), str(PEERS / "stdlib_rank.py"), f], "rank"),
        Contender("pandas", [str(VENV_PY), str(PEERS / "pandas_rank.py"), f], "rank"),
        Contender("polars", [str(VENV_PY), str(PEERS / "polars_rank.py"), f], "rank"),
        Contender("miller", mlr, "rank"),
        Contender("csvkit csvsql rank()", [str(VENV_BIN / "csvsql"), "--query", query, f], "rank"),
    ]
    if years == 1:
        contenders.append(
            Contender(
                "csvkit csvsort", [str(VENV_BIN / "csvsort"), "-r", "-c", "score", f], "order"
            )
        )
    return contenders


def command_contenders(path: Path, years: int) -> list[Contender]:
    """cityrank's other commands on one file, next to ``list`` on it."""
    f = str(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        first, second = next(rows)[0], next(rows)[0]

    def cityrank(name: str, *args: str, status: int = 0) -> Contender:
        argv = [*CITYRANK_ARGV, *args, "-d", f, "-f", "csv"]
        return Contender(name, argv, env=CITYRANK_ENV, status=status)

    contenders = [
        cityrank("list", "list"),
        cityrank("compare", "compare", first, second),
        cityrank("show", "show", first),
        cityrank("history", "history", first),
    ]
    if years == 1:
        # One edition: movers says it needs two (exit 2), as a user would see it.
        contenders.append(cityrank("movers (one edition: exit 2)", "movers", status=2))
    # On several editions, movers lists every overtake between the last two: on
    # this noisy fictional data millions of them, so its time measures that output.
    return contenders


def top_contenders(path: Path) -> list[Contender]:
    f = str(path)
    b = VENV_BIN
    return [
        Contender(
            "cityrank",
            [*CITYRANK_ARGV, "list", f, "-f", "table", "--top", str(TOP)],
            env=CITYRANK_ENV,
        ),
        Contender("bare Rich script", [str(MAIN_PY), str(PEERS / "rich_top.py"), f, str(TOP)]),
        Contender(
            "stdlib csv+sorted", [str(MAIN_PY), str(PEERS / "stdlib_rank.py"), f, "--top", str(TOP)]
        ),
        Contender("pandas", [str(VENV_PY), str(PEERS / "pandas_rank.py"), f, "--top", str(TOP)]),
        Contender("polars", [str(VENV_PY), str(PEERS / "polars_rank.py"), f, "--top", str(TOP)]),
        Contender(
            "miller",
            [
                "mlr",
                "--icsv",
                "--opprint",
                "--barred",
                "sort",
                "-nr",
                "score",
                "then",
                "put",
                MLR_RANK,
                "then",
                "reorder",
                "-f",
                "rank",
                "then",
                "head",
                "-n",
                str(TOP),
                f,
            ],
        ),
        Contender(
            "csvkit csvsort + csvlook",
            [
                f"{shlex.quote(str(b / 'csvsort'))} -r -c score {shlex.quote(f)} | "
                f"{shlex.quote(str(b / 'csvlook'))} --max-rows {TOP}"
            ],
            shell=True,
        ),
    ]


def startup_contenders(path: Path) -> list[Contender]:
    f = str(path)
    return [
        Contender("python -c pass", [str(MAIN_PY), "-c", "pass"]),
        Contender("bare Rich script", [str(MAIN_PY), str(PEERS / "rich_top.py"), f, str(TOP)]),
        Contender("cityrank -f csv", [*CITYRANK_ARGV, "list", f, "-f", "csv"], env=CITYRANK_ENV),
        Contender(
            f"cityrank -f table --top {TOP}",
            [*CITYRANK_ARGV, "list", f, "-f", "table", "--top", str(TOP)],
            env=CITYRANK_ENV,
        ),
    ]


# ── report ───────────────────────────────────────────────────────────────────


def seconds(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def table(title: str, results: list[Result], baseline: str, ratio: str) -> list[str]:
    """``ratio``: "cityrank/peer" divides cityrank's median by each peer's;
    "minus" subtracts ``baseline``."""
    medians = {
        r.contender.name: statistics.median(x.wall for x in r.runs) for r in results if r.runs
    }
    lines = [f"### {title}", ""]
    if ratio == "cityrank/peer":
        head = "| contender | runs | median | min–max | peak RSS | cityrank/peer | ranks |"
        rule = "|---|---:|---:|---:|---:|---:|---|"
    elif ratio == "÷":
        head = f"| command | runs | median | min–max | peak RSS | ÷ {baseline} |"
        rule = "|---|---:|---:|---:|---:|---:|"
    else:
        head = f"| command | runs | median | min–max | peak RSS | minus `{baseline}` |"
        rule = "|---|---:|---:|---:|---:|---:|"
    lines += [head, rule]
    for r in results:
        name = r.contender.name
        if not r.runs:
            lines.append(
                f"| {name} | 0 | — | — | — | — | **FAILED** {r.failed.replace('|', '/')} |"
            )
            continue
        walls = [x.wall for x in r.runs]
        rss = max(x.rss_kb for x in r.runs) / 1024
        spread = f"{seconds(min(walls))}–{seconds(max(walls))}"
        cells = [name, str(len(walls)), seconds(medians[name]), spread, f"{rss:.0f} MB"]
        if ratio == "cityrank/peer":
            mine = medians.get(baseline)
            cells.append(
                "—" if name == baseline or mine is None else f"{mine / medians[name]:.2f}×"
            )
            cells.append(r.check or "—")
        elif ratio == "÷":
            base = medians.get(baseline)
            cells.append(
                "—" if name == baseline or base is None else f"{medians[name] / base:.2f}×"
            )
        else:
            base = medians.get(baseline)
            cells.append(
                "—"
                if name == baseline or base is None
                else f"+{(medians[name] - base) * 1000:.0f} ms"
            )
        if r.failures:
            cells[-1] += f" **{r.failures} run(s) FAILED: {r.failed}**"
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "<details><summary>commands</summary>", ""]
    lines += [f"- {r.contender.name}: `{r.contender.command()}`" for r in results]
    lines += ["", "</details>", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark cityrank against its peers (issue 6).")
    parser.add_argument("--quick", action="store_true", help="skip the 1M-row file")
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per contender up to 100k rows (5)"
    )
    parser.add_argument(
        "--runs-1m", type=int, default=3, help="timed runs at 1M rows (3, the check run counted)"
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=20,
        help="timed runs for start-up and the top-20 table (20): they are short and noisy",
    )
    parser.add_argument(
        "--slow",
        type=float,
        default=45.0,
        help="a peer whose check run takes longer is not repeated (45 s)",
    )
    parser.add_argument(
        "--ref",
        metavar="COMMIT",
        help="benchmark a snapshot of this commit (e.g. HEAD) instead of the working tree",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile cityrank: -X importtime, and cProfile on the largest file",
    )
    parser.add_argument(
        "--profile-only", action="store_true", help="profile cityrank, benchmark nothing"
    )
    args = parser.parse_args(argv)
    if args.profile_only:
        ensure_peers()
        use_cityrank(args.ref)
        big = "fictional_100k.csv" if args.quick else "fictional_1m.csv"
        ensure_data(["fictional_50.csv", big])
        RESULTS.mkdir(parents=True, exist_ok=True)
        profile(DATA / big)
        return 0
    began = time.perf_counter()

    ensure_peers()
    use_cityrank(args.ref)
    names = [n for n in FILES if not (args.quick and n == "fictional_1m.csv")]
    ensure_data(names)
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()

    sections: list[tuple[str, list[Result], str, str]] = []
    raw: dict[str, object] = {"machine": info}

    f50 = DATA / "fictional_50.csv"
    warm(f50)
    startup = measure("startup", startup_contenders(f50), args.startup_runs, False, args.slow, None)
    sections.append(
        (
            "Start-up: 50-row file (cityrank vs bare interpreter and a bare Rich script)",
            startup,
            "python -c pass",
            "minus",
        )
    )
    top = measure("top", top_contenders(f50), args.startup_runs, False, args.slow, None)
    sections.append(
        (
            f"top: best {TOP} of the 50-row file as a terminal table",
            top,
            "cityrank",
            "cityrank/peer",
        )
    )

    plan = [
        ("rank-50", "fictional_50.csv", "rank: 50 rows → ranked CSV", args.runs, False),
        ("rank-100k", "fictional_100k.csv", "rank: 100,000 rows → ranked CSV", args.runs, False),
        (
            "rank-latest-5x10k",
            "fictional_5x10k.csv",
            "rank, latest year only: 5 years × 10,000 cities (50,000 rows) → 10,000 ranked rows",
            args.runs,
            False,
        ),
    ]
    if not args.quick:
        plan.append(
            ("rank-1m", "fictional_1m.csv", "rank: 1,000,000 rows → ranked CSV", args.runs_1m, True)
        )
    for task, name, title, runs, counted in plan:
        path = DATA / name
        warm(path)
        results = measure(task, rank_contenders(path, FILES[name][1]), runs, counted, args.slow)
        sections.append((title, results, "cityrank", "cityrank/peer"))

    other = [("commands-5x10k", "fictional_5x10k.csv", args.runs, False)]
    if not args.quick:
        other.append(("commands-1m", "fictional_1m.csv", args.runs_1m, True))
    for task, name, runs, counted in other:
        path = DATA / name
        rows, years = FILES[name]
        results = measure(
            task, command_contenders(path, years), runs, counted, args.slow, reference=None
        )
        title = (
            f"Other commands on {name} ({rows * years:,} rows): "
            "compare, show, history" + (", movers" if years == 1 else "") + " ÷ list"
        )
        sections.append((title, results, "list", "÷"))

    elapsed = time.perf_counter() - began
    lines = ["# cityrank benchmark (issue 6)", ""]
    lines.append(
        f"Run {time.strftime('%Y-%m-%d %H:%M')} in {elapsed / 60:.1f} min"
        f"{' (--quick: no 1M-row file)' if args.quick else ''}. Data: fictional, seed {SEED}."
    )
    lines.append("")
    info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines += [f"- {k}: {v}" for k, v in info.items()]
    lines += [
        "",
        "Wall time of the whole process; peak RSS of that process "
        "(for a shell pipeline: its largest "
        "member). cityrank/peer = cityrank's median ÷ the peer's (above 1: cityrank is slower). "
        "Runs alternate between contenders. Outputs go to files in bench/results/out/. "
        "Up to 100k rows a check round runs first and is not counted; "
        "at 1M the check round is run 1. "
        f"A peer slower than {args.slow:.0f} s in its check run is not repeated (runs = 1).",
        "",
    ]
    for title, results, baseline, ratio in sections:
        lines += table(title, results, baseline, ratio)
        raw[title] = [
            {
                "contender": r.contender.name,
                "command": r.contender.command(),
                "check": r.check,
                "failed": r.failed,
                "runs": [{"wall": x.wall, "rss_kb": x.rss_kb, "status": x.status} for x in r.runs],
            }
            for r in results
        ]
    disagreements = [
        f"{title}: {r.contender.name} {r.check}"
        + (f" ({r.failures} run(s) failed: {r.failed})" if r.failures else "")
        for title, results, _, _ in sections
        for r in results
        if "DISAGREES" in r.check or "FAILED" in r.check or r.failures
    ]
    lines += ["## Agreement", ""]
    lines += [f"- **{d}**" for d in disagreements] or [
        "Every checked peer's ranks agree with cityrank's."
    ]
    lines.append("")
    text = "\n".join(lines)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(
        json.dumps(raw, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    print(text)
    if disagreements:
        log("!!! SOME PEERS DISAGREE OR FAILED — see 'Agreement' above")
    if args.profile:
        profile(DATA / ("fictional_100k.csv" if args.quick else "fictional_1m.csv"))
    return 1 if disagreements else 0


# ── profiling ────────────────────────────────────────────────────────────────


def profile(big: Path) -> None:
    """Where cityrank spends its time: imports (-X importtime) and cProfile on ``big``."""
    lines = ["# cityrank profile", ""]
    f50 = DATA / "fictional_50.csv"
    best: list[tuple[int, int, str]] = []
    for _ in range(5):  # the quietest of five runs
        imports = subprocess.run(
            [str(MAIN_PY), "-X", "importtime", "-m", "cityrank", "list", str(f50), "-f", "csv"],
            capture_output=True,
            text=True,
            env={**ENV, **CITYRANK_ENV},
        ).stderr
        parsed = []
        for line in imports.splitlines():
            if not line.startswith("import time:") or "cumulative" in line:
                continue
            own, cumulative, module = line.split(":", 1)[1].split("|")
            parsed.append((int(cumulative), int(own), module[1:].rstrip()))
        total = sum(c for c, _, m in parsed if not m.startswith(" "))
        if not best or total < sum(c for c, _, m in best if not m.startswith(" ")):
            best = parsed
    total = sum(c for c, _, m in best if not m.startswith(" "))
    lines += [
        f"## -X importtime, `cityrank list {f50.name} -f csv`: {total / 1000:.0f} ms of imports "
        "(quietest of 5 runs)",
        "",
        "Heaviest modules by cumulative time; indentation is import depth.",
        "",
        "| module | cumulative | self |",
        "|---|---:|---:|",
    ]
    for cumulative, own, module in sorted(best, reverse=True)[:20]:
        depth = (len(module) - len(module.lstrip())) // 2
        lines.append(
            f"| {'· ' * depth}{module.strip()} | {cumulative / 1000:.1f} ms | {own / 1000:.1f} ms |"
        )
    lines.append("")
    stats_file = RESULTS / f"cityrank_{big.stem}.pstats"
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        subprocess.run(
            [
                str(MAIN_PY),
                "-m",
                "cProfile",
                "-o",
                str(stats_file),
                "-m",
                "cityrank",
                "list",
                str(big),
                "-f",
                "csv",
            ],
            stdout=sink,
            check=True,
            env={**ENV, **CITYRANK_ENV},
        )
    wall = time.perf_counter() - start
    code = (
        "import pstats, sys\n"
        "p = pstats.Stats(sys.argv[1])\n"
        "p.sort_stats(sys.argv[2]).print_stats(int(sys.argv[3]))\n"
    )
    lines.append(
        f"## cProfile: cityrank list {big.name} -f csv > /dev/null "
        f"({wall:.1f} s under the profiler)"
    )
    for key, count in (("cumulative", 30), ("tottime", 15)):
        out = subprocess.run(
            [str(MAIN_PY), "-c", code, str(stats_file), key, str(count)],
            capture_output=True,
            text=True,
        ).stdout
        body = out[out.find("   ncalls") :] if "   ncalls" in out else out
        lines += ["", f"### by {key}", "", "```", body.rstrip().replace(str(REPO) + "/", ""), "```"]
    text = "\n".join(lines) + "\n"
    (RESULTS / "profile.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
