"""What a user sees from each command: stdout, stderr and exit code, asserted separately."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from cityrank import load, rank
from conftest import COMMANDS, Run, Write, rows

# Fictional scores with ties, for the tie rules (not published data).
TIES = "city,score\nAlpha,90\nBravo,80\nCharlie,80\nDelta,70\nEcho,\n"
YEARS = "city,score,year\nAlpha,90,2019\nBravo,95,2019\nAlpha,97,2020\nBravo,93,2020\n"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_an_example(cityrank: Run, command: str, flag: str) -> None:
    result = cityrank(command, flag)
    assert result.exit_code == 0
    assert "Example: cityrank " + command in result.stdout
    for option in ("--data", "--format", "--ties", "--output", "--year"):
        assert option in result.stdout


def test_version_is_the_installed_one(cityrank: Run) -> None:
    result = cityrank("--version")
    assert result.exit_code == 0
    assert result.stdout == f"cityrank {version('cityrank')}\n"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cityrank", "list", "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("1,false,Beijing,99.82,2020,0,")


def test_piped_output_defaults_to_csv(cityrank: Run) -> None:
    result = cityrank("list")
    assert result.exit_code == 0
    assert [r["city"] for r in rows(result.stdout)] == ["Beijing", "Shenzhen", "Shanghai"]
    assert result.stderr == ""


def test_gaps_carry_no_float_noise_in_any_format(cityrank: Run) -> None:
    assert rows(cityrank("list", "-f", "csv").stdout)[1]["gap_to_leader"] == "8.62"
    data = json.loads(cityrank("list", "-f", "json").stdout)
    assert data[1]["gap_to_leader"] == 8.62
    assert '"gap_to_leader": 8.62,' in cityrank("list", "-f", "json").stdout
    assert "8.62" in cityrank("list", "-f", "table").stdout


def test_ties_read_as_equals_in_the_table_and_as_a_flag_for_machines(
    cityrank: Run, write: Write
) -> None:
    path = write("ties.csv", TIES)
    table = cityrank("list", str(path), "-f", "table")
    assert table.exit_code == 0
    assert "=2" in table.stdout
    out = rows(cityrank("list", str(path), "-f", "csv").stdout)
    assert [(r["rank"], r["tied"], r["city"]) for r in out] == [
        ("1", "false", "Alpha"),
        ("2", "true", "Bravo"),
        ("2", "true", "Charlie"),
        ("4", "false", "Delta"),
        ("", "", "Echo"),
    ]


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        ("competition", ["1", "2", "2", "4"]),
        ("modified", ["1", "3", "3", "4"]),
        ("dense", ["1", "2", "2", "3"]),
        ("ordinal", ["1", "2", "3", "4"]),
        ("fractional", ["1", "2.5", "2.5", "4"]),
    ],
)
def test_tie_rules(cityrank: Run, write: Write, ties: str, expected: list[str]) -> None:
    path = write("ties.csv", TIES)
    result = cityrank("list", str(path), "--ties", ties, "-f", "csv")
    assert [r["rank"] for r in rows(result.stdout)][:4] == expected


def test_unranked_rows_are_listed_last_with_one_warning(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", TIES)
    result = cityrank("list", str(path), "-f", "csv")
    assert result.exit_code == 0
    assert rows(result.stdout)[-1]["city"] == "Echo"
    assert result.stderr.count("\n") == 1
    assert "warning" in result.stderr and "1 row has no score" in result.stderr


def test_strict_makes_an_empty_score_an_error(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", TIES)
    result = cityrank("list", str(path), "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"cityrank: error: {path}:6:2: empty score")


def test_top_keeps_every_city_tied_at_the_cut(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", TIES)
    result = cityrank("list", str(path), "--top", "2", "-f", "csv")
    assert [r["city"] for r in rows(result.stdout)] == ["Alpha", "Bravo", "Charlie"]


def test_lower_is_better_ranks_ascending(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", TIES)
    result = cityrank("list", str(path), "--lower-is-better", "-f", "csv")
    assert [r["city"] for r in rows(result.stdout)][:2] == ["Delta", "Bravo"]


def test_latest_year_by_default_and_year_picks_another(cityrank: Run, write: Write) -> None:
    path = write("years.csv", YEARS)
    latest = rows(cityrank("list", str(path), "-f", "csv").stdout)
    assert [(r["city"], r["year"]) for r in latest] == [("Alpha", "2020"), ("Bravo", "2020")]
    older = rows(cityrank("list", str(path), "--year", "2019", "-f", "csv").stdout)
    assert [r["city"] for r in older] == ["Bravo", "Alpha"]


def test_unknown_year_is_a_usage_error(cityrank: Run, write: Write) -> None:
    path = write("years.csv", YEARS)
    result = cityrank("list", str(path), "--year", "2018")
    assert result.exit_code == 2
    assert result.stderr == (
        f"cityrank: error: --year 2018: no such edition in {path} — it has 2019, 2020\n"
    )


def test_unknown_format_is_a_usage_error_listing_the_choices(cityrank: Run) -> None:
    result = cityrank("list", "-f", "yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    for choice in ("table", "csv", "jsonl", "markdown", "github", "latex"):
        assert choice in result.stderr


@pytest.mark.parametrize("fmt", ["github", "latex", "html", "psql", "rst"])
def test_tabulate_formats(cityrank: Run, fmt: str) -> None:
    result = cityrank("list", "-f", fmt)
    assert result.exit_code == 0
    assert "Shenzhen" in result.stdout and "8.62" in result.stdout


def test_all_columns_adds_the_files_other_columns(cityrank: Run) -> None:
    out = rows(cityrank("list", "--all-columns", "-f", "csv").stdout)
    assert out[0]["province"] == "Beijing"
    assert out[0]["aliases"] == "北京|Peking"


def test_csv_output_reads_back_and_ranks_identically(
    cityrank: Run, write: Write, tmp_path: Path
) -> None:
    source = write("ties.csv", TIES)
    first = cityrank("list", str(source), "-f", "csv", "--all-columns")
    again = write("again.csv", first.stdout)
    second = cityrank("list", str(again), "-f", "csv")
    assert [(r["rank"], r["city"], r["score"]) for r in rows(second.stdout)] == [
        (r["rank"], r["city"], r["score"]) for r in rows(first.stdout)
    ]
    ranking = rank(load(again))
    assert [r.entry.city for r in ranking.ranked] == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_stdin_with_dash(cityrank: Run) -> None:
    result = cityrank("list", "-", "-f", "csv", input="city,score\nX,1\nY,2\n")
    assert result.exit_code == 0
    assert [r["city"] for r in rows(result.stdout)] == ["Y", "X"]


def test_cityrank_data_variable_replaces_the_sample(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", TIES)
    result = cityrank("list", "-f", "csv", env={"CITYRANK_DATA": str(path)})
    assert rows(result.stdout)[0]["city"] == "Alpha"


def test_output_is_written_whole_and_never_over_an_input(
    cityrank: Run, write: Write, tmp_path: Path
) -> None:
    source = write("ties.csv", TIES)
    target = tmp_path / "out.json"
    result = cityrank("list", str(source), "-f", "json", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))[0]["city"] == "Alpha"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    clash = cityrank("list", str(source), "-o", str(source))
    assert clash.exit_code == 2
    assert "never overwrites" in clash.stderr
    assert source.read_text(encoding="utf-8") == TIES


def test_data_from_files_is_never_markup_or_control_codes(cityrank: Run, write: Write) -> None:
    path = write(
        "evil.csv", 'city,score\n"[bold red]Bold[/]",2\n"Esc\x1b[31mRed",1\n"\u202eabc",0\n'
    )
    result = cityrank("list", str(path), "-f", "table")
    assert result.exit_code == 0
    assert "[bold red]Bold[/]" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Esc\\x1b[31mRed" in result.stdout
    assert "\\u202eabc" in result.stdout
    machine = rows(cityrank("list", str(path), "-f", "csv").stdout)
    assert machine[1]["city"] == "Esc\x1b[31mRed"


def test_error_messages_escape_control_codes_too(cityrank: Run, write: Write) -> None:
    path = write("evil.csv", 'city,score\n"A",\x1b]0;pwned\x07\n')
    result = cityrank("list", str(path))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned\\x07" in result.stderr


def test_excel_safe_prefixes_formula_cells(cityrank: Run, write: Write) -> None:
    path = write("f.csv", 'city,score\n"=HYPERLINK(""x"")",1\n@SUM,2\nPlain,-3\n')
    faithful = rows(cityrank("list", str(path), "-f", "csv").stdout)
    assert faithful[1]["city"] == '=HYPERLINK("x")'
    safe = rows(cityrank("list", str(path), "-f", "csv", "--excel-safe").stdout)
    assert [r["city"] for r in safe] == ["'@SUM", '\'=HYPERLINK("x")', "Plain"]
    assert safe[2]["score"] == "-3"


def test_machine_formats_import_neither_rich_nor_tabulate() -> None:
    """Nor pyarrow, for a small file: its import would cost more than it saves."""
    code = (
        "import sys\n"
        "from cityrank.cli import app\n"
        "try:\n"
        "    app(['list', '-f', '{fmt}'], prog_name='cityrank')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print([m for m in ('rich', 'tabulate', 'pyarrow') if m in sys.modules], file=sys.stderr)\n"
    )
    for fmt in ("csv", "json", "jsonl", "tsv", "markdown"):
        done = subprocess.run(
            [sys.executable, "-c", code.replace("{fmt}", fmt)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.stderr.strip() == "[]", (fmt, done.stderr)


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text(
        "city,score\n" + "".join(f"City {i},{i % 97}.5\n" for i in range(50_000)), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        f"'{sys.executable}' -m cityrank list -f csv '{big}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (
        done.stdout
        == "rank,tied,city,score,gap_to_leader,gap_to_above,percentile,share_of_leader\n"
    )
    assert done.stderr == ""
    status = subprocess.run(
        ["bash", "-c", f"set -o pipefail; '{sys.executable}' -m cityrank list '{big}' | head -1"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert status.returncode == 0


# --- compare and show ---------------------------------------------------------


def test_compare_sentence_and_difference(cityrank: Run) -> None:
    result = cityrank("compare", "beijing", "shenzhen", "-f", "table")
    assert result.exit_code == 0
    assert "Beijing leads Shenzhen by 8.62 points (9.5 % more than Shenzhen), one place apart." in (
        " ".join(result.stdout.split())
    )
    assert "+8.62 (+9.5 %)" in result.stdout


def test_compare_for_machines_has_one_row_per_city(cityrank: Run) -> None:
    out = rows(cityrank("compare", "shenzhen", "peking", "上海", "-f", "csv").stdout)
    assert [(r["city"], r["gap_to_reference"], r["gap_to_reference_pct"]) for r in out] == [
        ("Shenzhen", "0", "0"),
        ("Beijing", "8.62", "9.45"),
        ("Shanghai", "-3.2", "-3.51"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["beijing"], "compare needs at least two cities"),
        (["beijing", "PEKING"], "already in the comparison"),
        (
            ["beijing", "shenzen"],
            'no city "shenzen" in sample_data.csv (2020) — did you mean "Shenzhen"?',
        ),
        (["beijing", "sh"], 'did you mean "Shenzhen" or "Shanghai"?'),
    ],
)
def test_compare_usage_errors(cityrank: Run, args: list[str], message: str) -> None:
    result = cityrank("compare", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cityrank: error: ")
    assert message in result.stderr


def test_ambiguous_prefix_lists_the_cities(cityrank: Run, write: Write) -> None:
    path = write("s.csv", "city,score\nSanta Ana,3\nSantander,2\nSantos,1\n")
    result = cityrank("show", "santa", "-d", str(path))
    assert result.exit_code == 2
    assert '"Santa Ana", "Santander"' in result.stderr


def test_show_json_has_neighbours_and_csv_one_row(cityrank: Run) -> None:
    doc = json.loads(cityrank("show", "shanghai", "-f", "json").stdout)
    assert doc["rank"] == 3 and doc["of"] == 3
    assert doc["gap_to_above"] == 3.2 and doc["above_city"] == "Shenzhen"
    assert [n["city"] for n in doc["neighbours"]] == ["Beijing", "Shenzhen", "Shanghai"]
    out = rows(cityrank("show", "shanghai", "-f", "csv").stdout)
    assert len(out) == 1 and "neighbours" not in out[0]


def test_show_an_unranked_city_says_so(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", TIES)
    result = cityrank("show", "echo", "-d", str(path), "-f", "table")
    assert result.exit_code == 0
    assert "unranked" in result.stdout


def test_show_names_who_a_city_is_tied_with(cityrank: Run, write: Write) -> None:
    path = write("ties.csv", TIES)
    doc = json.loads(cityrank("show", "bravo", "-d", str(path), "-f", "json").stdout)
    assert doc["tied_with"] == ["Charlie"]
    assert doc["above_city"] == "Alpha" and doc["below_city"] == "Delta"


# --- validate -------------------------------------------------------------------


def test_validate_lists_every_problem(cityrank: Run, write: Write) -> None:
    path = write("bad.csv", "city,score\nA,1\nB,x\nA,3\nC\nD,\n")
    result = cityrank("validate", str(path), "-f", "csv")
    assert result.exit_code == 1
    found = [(r["line"], r["severity"], r["code"]) for r in rows(result.stdout)]
    assert found == [
        ("3", "error", "bad-number"),
        ("4", "error", "duplicate-city"),
        ("5", "error", "ragged-row"),
        ("", "warning", "unranked"),
    ]
    table = cityrank("validate", str(path), "-f", "table")
    assert f"{path}:3:2: error: score" in table.stdout
    assert "3 errors, 1 warning in 1 file" in table.stdout


def test_validate_passes_a_clean_file(cityrank: Run) -> None:
    result = cityrank("validate", "-f", "table")
    assert result.exit_code == 0
    assert "0 errors, 0 warnings in 1 file (3 rows loaded)." in result.stdout


def test_look_alike_names_stay_apart_with_a_warning(cityrank: Run, write: Write) -> None:
    path = write("look.csv", "city,score\nParis,3\nP\u0430ris,2\n\u0412erlin,1\nBerlin,0\n")
    result = cityrank("list", str(path), "-f", "csv")
    assert result.exit_code == 0
    assert [r["city"] for r in rows(result.stdout)] == [
        "Paris",
        "P\u0430ris",
        "\u0412erlin",
        "Berlin",
    ]
    assert result.stderr.count("look-alike") == 2
    assert '"P\u0430ris" (line 3) and "Paris" (line 2)' in result.stderr
    assert '"\u0412erlin" (line 4) and "Berlin" (line 5)' in result.stderr


def test_ctrl_c_exits_130_without_traceback() -> None:
    import fcntl
    import signal
    import termios
    import time

    # As at a terminal: a shell starts a background job (`pytest &`, as CI may) with
    # Ctrl-C ignored, and Python keeps an ignored SIGINT ignored.
    proc = subprocess.Popen(
        [sys.executable, "-m", "cityrank", "list", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdin is not None
    # Ready when it reads its input: the first line leaves the pipe (FIONREAD says how
    # much is still in it) once cityrank is inside the command, waiting for the rest.
    # A fixed sleep sent the signal during start-up on a busy machine (click: exit 1).
    proc.stdin.write(b"city,score\n")
    proc.stdin.flush()
    waiting = bytearray(4)
    deadline = time.monotonic() + 60
    while True:
        fcntl.ioctl(proc.stdin.fileno(), termios.FIONREAD, waiting)
        if not int.from_bytes(waiting, sys.byteorder):
            break
        assert proc.poll() is None and time.monotonic() < deadline, "cityrank never read"
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err


def test_ten_thousand_columns(cityrank: Run, write: Write) -> None:
    header = ",".join(["city", "score"] + [f"c{i}" for i in range(9_998)])
    row = ",".join(["Alpha", "1"] + ["x"] * 9_998)
    path = write("wide.csv", f"{header}\n{row}\n")
    result = cityrank("list", str(path), "--all-columns", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert len(next(csv.reader(io.StringIO(result.stdout)))) == 8 + 9_998


def test_svg_never_overwrites_an_input(cityrank: Run, write: Write) -> None:
    source = write("ties.csv", TIES)
    result = cityrank("list", str(source), "--svg", str(source))
    assert result.exit_code == 2
    assert source.read_text(encoding="utf-8") == TIES


def test_excel_safe_is_for_csv_and_tsv_only(cityrank: Run) -> None:
    result = cityrank("list", "-f", "json", "--excel-safe")
    assert result.exit_code == 2
    assert "csv and tsv" in result.stderr


def test_robustness_without_numpy_says_how_to_install_it(
    cityrank: Run, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    path = write("i.csv", "city,a,b\nX,1,2\nY,2,1\n")
    result = cityrank("robustness", str(path), "--weights", "a=1,b=1")
    assert result.exit_code == 1
    assert "pip install 'cityrank[robustness]'" in result.stderr


def test_a_mistyped_command_gets_one_suggestion(cityrank: Run) -> None:
    result = cityrank("lst")
    assert result.exit_code == 2
    assert result.stderr.count("Did you mean 'list'?") == 1
