"""Benchmark cityrank against its peers (issue 6): one command reproduces everything.

    python bench/run.py --ref COMMIT full run (50 rows to 1M), of a snapshot of COMMIT
    python bench/run.py              the same, of the working tree
    python bench/run.py --quick      skip the two 1M-row files
    python bench/run.py --profile    also profile cityrank (importtime + cProfile)

Besides the peer tables it times cityrank's other commands against ``list``
(stdlib reader and auto), the stdlib reader against Arrow's at 1, 2 and 5 MB,
and ends with a summary of the issue's targets: ratio, target, met or not.

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
import tomllib
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
# name: (cities, years, more arguments for generate.py)
FILES: dict[str, tuple[int, int, tuple[str, ...]]] = {
    "fictional_50.csv": (50, 1, ()),
    "fictional_100k.csv": (100_000, 1, ()),
    "fictional_5x10k.csv": (10_000, 5, ()),
    "fictional_1m.csv": (1_000_000, 1, ()),
    # six-decimal scores, nearly all distinct (few ties to lean on)
    "fictional_1m_distinct.csv": (1_000_000, 1, ("--distinct",)),
    # 30 editions as a slow random walk: a few thousand overtakes between the
    # last two, not millions (a reshuffle makes movers' output run away)
    "fictional_5000x30.csv": (5_000, 30, ("--drift", "0.25")),
    # about 1, 2 and 5 MB: Arrow's reader against the stdlib's around MIN_BYTES
    "fictional_18500.csv": (18_500, 1, ()),
    "fictional_37k.csv": (37_000, 1, ()),
    "fictional_92k.csv": (92_000, 1, ()),
    # shell completion's case (issue 17): city names of a 10,000-row file
    "fictional_10k.csv": (10_000, 1, ()),
}
LARGE = ("fictional_1m.csv", "fictional_1m_distinct.csv")  # left out by --quick
THRESHOLD_FILES = ("fictional_18500.csv", "fictional_37k.csv", "fictional_92k.csv")
TOP = 20
ARROW_FROM = 3_000_000  # cityrank.io.read.MIN_BYTES: auto reads with Arrow from this size
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
        # cityrank's optional Arrow CSV reader for large files: `pip install 'cityrank[fast]'`.
        log(f"installing cityrank[fast] (pyarrow) into {REPO / '.venv'}")
        subprocess.run(
            [str(MAIN_PY), "-m", "pip", "install", "-q", "-e", f"{REPO}[fast]"], check=True
        )


def ensure_data(names: list[str]) -> None:
    for name in names:
        path = DATA / name
        if path.exists():
            continue
        rows, years, more = FILES[name]
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
                *more,
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
    # The installed program's entry point at that commit, as pip's script calls it
    # (cli.main:run ends the process without Python's clean-up; main did not).
    launcher.write_text(f"#!{MAIN_PY}\nimport sys\n{_entry_point(sha)}\nsys.exit(app())\n")
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


def _entry_point(sha: str) -> str:
    """The import of the ``cityrank`` script's function in pyproject.toml at ``sha``, as
    ``app``."""
    project = tomllib.loads(git("show", f"{sha}:pyproject.toml")).get("project", {})
    target = project.get("scripts", {}).get("cityrank", "cityrank.cli:app")
    module, _, function = target.partition(":")
    return f"from {module} import {function} as app"


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
        engine = self.env.get("CITYRANK_ENGINE")
        prefix = f"CITYRANK_ENGINE={engine} " if engine else ""
        if self.shell:
            return prefix + self.argv[0].replace(str(REPO) + "/", "")
        shown = [a.replace(str(REPO) + "/", "") for a in self.argv]
        return prefix + shlex.join(shown)


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


def rank_contenders(path: Path, years: int, csvkit: bool = True) -> list[Contender]:
    """``cityrank list -f csv`` and the peers; ``csvkit=False`` leaves csvkit's two out."""
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
    if path.stat().st_size >= ARROW_FROM:
        # Where cityrank reads with Arrow when pyarrow is installed (auto, the
        # row above): the stdlib's reader too, as in a default install.
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
    ]
    if csvkit:
        contenders.append(
            Contender(
                "csvkit csvsql rank()", [str(VENV_BIN / "csvsql"), "--query", query, f], "rank"
            )
        )
    if csvkit and years == 1:
        contenders.append(
            Contender(
                "csvkit csvsort", [str(VENV_BIN / "csvsort"), "-r", "-c", "score", f], "order"
            )
        )
    return contenders


def command_contenders(path: Path, years: int, engine: str) -> list[Contender]:
    """cityrank's other commands on one file, next to ``list`` on it.

    ``engine`` "python" sets CITYRANK_ENGINE=python (the stdlib's reader, as in
    a default install); "auto" leaves it unset (Arrow's reader from ARROW_FROM bytes).
    """
    f = str(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        first, second = next(rows)[0], next(rows)[0]
    env = {**CITYRANK_ENV, **({"CITYRANK_ENGINE": engine} if engine != "auto" else {})}

    def cityrank(name: str, *args: str, status: int = 0) -> Contender:
        argv = [*CITYRANK_ARGV, *args, "-d", f, "-f", "csv"]
        return Contender(name, argv, env=env, status=status)

    contenders = [
        cityrank("list", "list"),
        cityrank("compare", "compare", first, second),
        cityrank("show", "show", first),
        cityrank("history", "history", first),
        cityrank("stats", "stats"),
    ]
    if years == 1:
        # One edition: movers says it needs two (exit 2), as a user would see it.
        contenders.append(cityrank("movers (one edition: exit 2)", "movers", status=2))
    else:
        # Every overtake between the last two editions: the 5000x30 file drifts
        # slowly (generate.py --drift), so there are thousands, not millions.
        contenders.append(cityrank("movers", "movers"))
    return contenders


def threshold_contenders(path: Path) -> list[Contender]:
    """``list -f csv`` with the stdlib's reader and with Arrow's, whatever the size."""
    f = str(path)
    argv = [*CITYRANK_ARGV, "list", f, "-f", "csv"]
    return [
        Contender(
            "CITYRANK_ENGINE=python",
            argv,
            "rank",
            env={**CITYRANK_ENV, "CITYRANK_ENGINE": "python"},
        ),
        Contender(
            "CITYRANK_ENGINE=arrow", argv, "rank", env={**CITYRANK_ENV, "CITYRANK_ENGINE": "arrow"}
        ),
    ]


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


def completion_contenders(path: Path) -> list[Contender]:
    """A shell asking for completions as typer's bash script does: the first TAB on a file
    (nothing kept from before) and the next ones (cli/remember.py kept what it read)."""
    never, kept = Path(os.devnull), VENV / "completion-kept"

    def asked(cache: Path, *words: str) -> dict[str, str]:
        return {
            **CITYRANK_ENV,
            "XDG_CACHE_HOME": str(cache),
            "_CITYRANK_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join(["cityrank", *words]),
            "COMP_CWORD": str(len(words)),
        }

    f = str(path)
    return [
        Contender("python -c pass", [str(MAIN_PY), "-c", "pass"]),
        Contender("cityrank --version", [*CITYRANK_ARGV, "--version"], env=CITYRANK_ENV),
        # No folder can be made under /dev/null: every run reads the file, as a first TAB
        # does (a shell and ``rm -rf`` of the folder before each run added their own time).
        Contender("city names, first TAB", CITYRANK_ARGV, env=asked(never, "show", "-d", f, "ta")),
        Contender("city names, next TAB", CITYRANK_ARGV, env=asked(kept, "show", "-d", f, "ta")),
        Contender("editions, next TAB", CITYRANK_ARGV, env=asked(kept, "list", f, "--year", "")),
        Contender("column names", CITYRANK_ARGV, env=asked(kept, "list", f, "--city-col", "")),
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


def _median(results: list[Result] | None, name: str) -> float | None:
    for r in results or []:
        if r.contender.name == name and r.runs and not r.failures:
            return statistics.median(x.wall for x in r.runs)
    return None


def _peak_mb(results: list[Result] | None, name: str) -> float | None:
    """The largest peak RSS over the runs, as the tables show it."""
    for r in results or []:
        if r.contender.name == name and r.runs and not r.failures:
            return max(x.rss_kb for x in r.runs) / 1024
    return None


def _quotient(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def summary(by_task: dict[str, list[Result]]) -> tuple[list[str], list[dict[str, object]]]:
    """The issue's targets, each as measured in this run: ratio, target, met or not.

    A ratio that could not be measured (a --quick run, a failed contender) is
    "not measured", never met.
    """
    rows: list[tuple[str, str, str, str]] = []
    verdicts: list[dict[str, object]] = []

    def add(case: str, target: str, parts: list[tuple[str, float | None, float, str]]) -> None:
        """``parts``: (what, measured ratio, limit, detail) — each must be ≤ its limit."""
        shown, missed, unknown = [], [], False
        for what, value, limit, detail in parts:
            if value is None:
                shown.append(f"{what}: not measured")
                unknown = True
                continue
            shown.append(f"{what} {value:.2f}×" + (f" ({detail})" if detail else ""))
            if value > limit:
                missed.append(what)
        if unknown:
            verdict = "not measured"
        elif missed:
            verdict = "**missed**" + (f" ({', '.join(missed)})" if len(parts) > 1 else "")
        else:
            verdict = "met"
        rows.append((case, "; ".join(shown), target, verdict))
        verdicts.append(
            {
                "case": case,
                "target": target,
                "verdict": verdict.replace("*", ""),
                "parts": [
                    {"what": w, "ratio": v, "limit": limit, "detail": d} for w, v, limit, d in parts
                ],
            }
        )

    def detail(a: float | None, b: float | None, unit: str) -> str:
        if a is None or b is None:
            return ""
        if unit == "s":
            return f"{seconds(a)} / {seconds(b)}"
        return f"{a:.0f} / {b:.0f} MB"

    pure, stdlib, polars = "cityrank, pure Python", "stdlib csv+sorted", "polars"
    r100k, r1m = by_task.get("rank-100k"), by_task.get("rank-1m")
    r1md = by_task.get("rank-1m-distinct")

    a, b = _median(r100k, pure), _median(r100k, stdlib)
    add(
        "`list -f csv`, 100k rows, default install (CITYRANK_ENGINE=python)",
        "≤ 1.0× the bare stdlib script",
        [("time", _quotient(a, b), 1.0, detail(a, b, "s"))],
    )
    a, b = _median(r1m, pure), _median(r1m, stdlib)
    m, n = _peak_mb(r1m, pure), _peak_mb(r1m, polars)
    add(
        "`list -f csv`, 1M rows, default install",
        "≤ 0.6× that stdlib script; peak memory ≤ 2× polars'",
        [
            ("time ÷ stdlib", _quotient(a, b), 0.6, detail(a, b, "s")),
            ("memory ÷ polars", _quotient(m, n), 2.0, detail(m, n, "MB")),
        ],
    )
    a, b = _median(r1m, "cityrank"), _median(r1m, polars)
    m, n = _peak_mb(r1m, "cityrank"), _peak_mb(r1m, polars)
    add(
        "`list -f csv`, 1M rows, with pyarrow (auto)",
        "≤ 1.5× polars (read_csv + rank + sort + write_csv); peak memory ≤ 1.2× polars'",
        [
            ("time ÷ polars", _quotient(a, b), 1.5, detail(a, b, "s")),
            ("memory ÷ polars", _quotient(m, n), 1.2, detail(m, n, "MB")),
        ],
    )
    a, b = _median(r1md, "cityrank"), _median(r1md, polars)
    add(
        "same, 1M rows with ~1M distinct 6-decimal scores, with pyarrow",
        "≤ 3× polars",
        [("time ÷ polars", _quotient(a, b), 3.0, detail(a, b, "s"))],
    )
    worst: tuple[float, str] | None = None
    counted = within = 0
    expected = 0
    for label in ("1m", "5000x30"):
        for engine in ("python", "auto"):
            results = by_task.get(f"commands-{label}-{engine}")
            expected += 5
            base = _median(results, "list")
            for r in results or []:
                if r.contender.name == "list":
                    continue
                ratio = _quotient(_median(results, r.contender.name), base)
                if ratio is None:
                    continue
                counted += 1
                within += ratio <= 1.2
                where = f"{r.contender.name.split()[0]} on {label}, {engine}"
                if worst is None or ratio > worst[0]:
                    worst = (ratio, where)
    add(
        "`compare`, `show`, `history`, `stats`, `movers` on the 1M file and on a 5,000 cities "
        "× 30 editions file, in both installs (python and auto)",
        "≤ 1.2× `list` on the same file",
        [
            (
                "worst",
                worst[0] if worst and counted == expected else None,
                1.2,
                f"{worst[1]}; {within} of {counted} within 1.2×" if worst else "",
            )
        ],
    )
    a, b = _median(by_task.get("top"), "cityrank"), _median(by_task.get("top"), "bare Rich script")
    add(
        f"`cityrank list` of the 50-row file as a table (`-f table --top {TOP}`)",
        "≤ 1.5× a bare Rich script printing the same table (peers/rich_top.py)",
        [("time", _quotient(a, b), 1.5, detail(a, b, "s"))],
    )
    tab = by_task.get("completion")
    limit = 0.150
    add(
        "completion: city names of a 10,000-row file (issue 17)",
        "≤ 150 ms",
        [
            (name, _quotient(_median(tab, name), limit), 1.0, seconds(_median(tab, name) or 0))
            for name in ("city names, first TAB", "city names, next TAB")
        ],
    )
    parts = []
    for name, install in ((pure, "python"), ("cityrank", "auto")):
        a, b = _median(r1m, name), _median(r100k, name)
        m, n = _peak_mb(r1m, name), _peak_mb(r100k, name)
        parts.append((f"{install} time", _quotient(a, b), 11.0, detail(a, b, "s")))
        parts.append((f"{install} memory", _quotient(m, n), 10.0, detail(m, n, "MB")))
    add(
        "growth 100k → 1M",
        "≤ 11× in time, linear in memory (peak RSS ≤ 10×, as the rows)",
        parts,
    )
    lines = [
        "## Summary: the issue's targets",
        "",
        "Ratios of medians (time) and of peak RSS (memory) from the tables above, "
        "all measured in this run on the same files. "
        '"default install" is `CITYRANK_ENGINE=python` '
        "(pyarrow stays installed, but the stdlib's reader runs); "
        '"with pyarrow" is auto (unset). '
        "The commands row gives the worst of the 20 ratios (the four *Other commands* tables).",
        "",
        "| case | measured | target | met? |",
        "|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
    lines.append("")
    return lines, verdicts


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
        "--threshold-runs",
        type=int,
        default=10,
        help="timed runs per reader on the 1, 2 and 5 MB files (10)",
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
    names = [n for n in FILES if not (args.quick and n in LARGE)]
    ensure_data(names)
    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()

    sections: list[tuple[str, list[Result], str, str]] = []
    raw: dict[str, object] = {"machine": info}
    by_task: dict[str, list[Result]] = {}  # for the summary

    f50 = DATA / "fictional_50.csv"
    warm(f50)
    startup = measure("startup", startup_contenders(f50), args.startup_runs, False, args.slow, None)
    by_task["startup"] = startup
    sections.append(
        (
            "Start-up: 50-row file (cityrank vs bare interpreter and a bare Rich script)",
            startup,
            "python -c pass",
            "minus",
        )
    )
    f10k = DATA / "fictional_10k.csv"
    ensure_data([f10k.name])
    warm(f10k)
    tab = measure("completion", completion_contenders(f10k), args.startup_runs, False, 60, None)
    by_task["completion"] = tab
    sections.append(
        (
            "Shell completion on fictional_10k.csv (10,000 rows), as typer's bash script asks",
            tab,
            "python -c pass",
            "minus",
        )
    )
    top = measure("top", top_contenders(f50), args.startup_runs, False, args.slow, None)
    by_task["top"] = top
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
        plan.append(
            (
                "rank-1m-distinct",
                "fictional_1m_distinct.csv",
                "rank: 1,000,000 rows, six-decimal scores nearly all distinct → ranked CSV "
                "(csvkit left out: minutes per run)",
                args.runs_1m,
                True,
            )
        )
    for task, name, title, runs, counted in plan:
        path = DATA / name
        warm(path)
        contenders = rank_contenders(path, FILES[name][1], csvkit=task != "rank-1m-distinct")
        results = measure(task, contenders, runs, counted, args.slow)
        by_task[task] = results
        sections.append((title, results, "cityrank", "cityrank/peer"))

    for name in THRESHOLD_FILES:
        path = DATA / name
        warm(path)
        task = f"threshold-{path.stem.removeprefix('fictional_')}"
        results = measure(
            task,
            threshold_contenders(path),
            args.threshold_runs,
            False,
            args.slow,
            reference="CITYRANK_ENGINE=python",
        )
        by_task[task] = results
        size = path.stat().st_size
        title = (
            f"Reader threshold: `list -f csv` on {name} ({FILES[name][0]:,} rows, "
            f"{size / 1e6:.2f} MB; auto uses Arrow from {ARROW_FROM / 1e6:.0f} MB), "
            "Arrow's reader ÷ the stdlib's"
        )
        sections.append((title, results, "CITYRANK_ENGINE=python", "÷"))

    other = [("5000x30", "fictional_5000x30.csv", args.runs, False)]
    if not args.quick:
        other.insert(0, ("1m", "fictional_1m.csv", args.runs_1m, True))
    for label, name, runs, counted in other:
        path = DATA / name
        warm(path)
        rows, years, _ = FILES[name]
        for engine in ("python", "auto"):
            task = f"commands-{label}-{engine}"
            results = measure(
                task,
                command_contenders(path, years, engine),
                runs,
                counted,
                args.slow,
                reference=None,
            )
            by_task[task] = results
            install = (
                "CITYRANK_ENGINE=python (default install: stdlib reader)"
                if engine == "python"
                else f"auto (pyarrow installed: Arrow's reader from {ARROW_FROM / 1e6:g} MB)"
            )
            shape = f"{rows:,} cities × {years} editions" if years > 1 else f"{rows:,} rows"
            title = (
                f"Other commands on {name} ({shape}), {install}: "
                "compare, show, history, stats, movers ÷ list"
            )
            sections.append((title, results, "list", "÷"))

    elapsed = time.perf_counter() - began
    lines = ["# cityrank benchmark (issue 6)", ""]
    lines.append(
        f"Run {time.strftime('%Y-%m-%d %H:%M')} in {elapsed / 60:.1f} min"
        f"{' (--quick: no 1M-row files)' if args.quick else ''}. Data: fictional, seed {SEED}."
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
    summary_lines, verdicts = summary(by_task)
    lines += summary_lines
    raw["summary"] = verdicts
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
