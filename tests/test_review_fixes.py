"""Cases found in review, each once a wrong result or a traceback. Fictional data."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import tabulate

from cityrank.render import TABULATE_FORMATS, TABULATE_UNSAFE
from conftest import Run, Write, rows


def test_tabulate_format_list_is_in_step_with_tabulate() -> None:
    expected = set(tabulate.tabulate_formats) - set(TABULATE_UNSAFE) - {"tsv"}
    assert set(TABULATE_FORMATS) == expected


def test_compare_keeps_its_rank_when_the_file_has_a_rank_column(
    cityrank: Run, write: Write
) -> None:
    path = write("r.csv", "rank,city,score,firms\n7,A,90,3\n8,B,80,5\n")
    result = cityrank("compare", "a", "b", "-d", str(path), "-f", "csv")
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert len(header) == len(set(header))
    out = rows(result.stdout)
    assert [r["rank"] for r in out] == ["1", "2"]
    assert [r["firms_rank"] for r in out] == ["2", "1"]
    doc = json.loads(cityrank("compare", "a", "b", "-d", str(path), "-f", "json").stdout)
    assert [d["rank"] for d in doc] == [1, 2]


def test_robustness_follows_lower_is_better(cityrank: Run, write: Write) -> None:
    path = write("c.csv", "city,a,b\nA,1,1\nB,5,5\nC,9,9\n")
    args = ["--weights", "a=0.6,b=0.4", "--lower-is-better", "--seed", "1"]
    listed = rows(cityrank("list", str(path), *args[:3]).stdout)
    robust = rows(cityrank("robustness", str(path), *args).stdout)
    assert listed[0]["city"] == robust[0]["city"] == "A"
    assert robust[0]["nominal_rank"] == "1"


def test_ratios_that_would_overflow_are_left_empty(cityrank: Run, write: Write) -> None:
    path = write("tiny.csv", "city,score\nA,1e-300\nB,1e100\n")
    result = cityrank("list", str(path), "--lower-is-better", "-f", "json")
    assert result.exit_code == 0
    assert "Infinity" not in result.stdout and "NaN" not in result.stdout
    json.loads(result.stdout)


def test_negative_leader_has_no_share(cityrank: Run, write: Write) -> None:
    path = write("neg.csv", "city,score\nA,-1\nB,-10\n")
    out = rows(cityrank("list", str(path)).stdout)
    assert [r["share_of_leader"] for r in out] == ["", ""]


def test_a_full_disk_is_one_line_not_a_traceback() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cityrank", "list", "-f", "csv"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.startswith("cityrank: error: cannot write the output")
    assert "Traceback" not in done.stderr


def test_only_the_bundled_sample_gets_its_title(
    cityrank: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sample_data.csv").write_text("city,score\nX,1\nY,2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cityrank("list", "sample_data.csv", "-f", "table")
    assert "Blockchain" not in result.stdout and "Finance China" not in result.stdout


def test_validate_collects_problems_across_dated_and_undated_files(
    cityrank: Run, write: Write
) -> None:
    undated = write("nodate.csv", "city,score\nA,1\nA,2\n")
    dated = write("s_2020.csv", "city,score\nB,x\nC,2\n")
    out = rows(cityrank("validate", str(undated), str(dated), "-f", "csv").stdout)
    assert {r["code"] for r in out} >= {"duplicate-city", "bad-number", "no-edition"}


def test_show_ties_are_equal_scores_under_ordinal_ranks(cityrank: Run, write: Write) -> None:
    path = write("low.csv", "city,score\nA,40\nB,20\nC,20\nD,10\n")
    doc = json.loads(
        cityrank("show", "c", "-d", str(path), "--ties", "ordinal", "-f", "json").stdout
    )
    assert doc["tied_with"] == ["B"]
    assert doc["above_city"] == "A" and doc["gap_to_above"] == 20
    assert doc["below_city"] == "D" and doc["lead_over_below"] == 10


def test_cagr_counts_the_editions_a_city_was_in(cityrank: Run, write: Write) -> None:
    path = write("ed.csv", "city,score,edition\nA,1,e1\nA,2,e2\nA,3,e3\nC,100,e2\nC,121,e3\n")
    out = rows(cityrank("history", "c", "-d", str(path)).stdout)
    assert {r["score_cagr_pct"] for r in out} == {"21"}


def test_robustness_output_carries_no_float_noise(cityrank: Run, write: Write) -> None:
    lines = ["city,a,b"] + [f"T{i},{i * 7 % 10},{i * 3 % 10}" for i in range(6)]
    path = write("six.csv", "\n".join(lines) + "\n")
    args = ["--weights", "a=0.55,b=0.45", "--seed", "3", "--samples", "30", "--weight-noise", "0.5"]
    for row in rows(cityrank("robustness", str(path), *args).stdout):
        for name in ("median_rank", "rank_p05", "rank_p95", "p_first", "p_top_k"):
            decimals = row[name].partition(".")[2]
            assert len(decimals) <= 4, (name, row[name])


def test_histogram_labels_follow_the_scores_decimals(cityrank: Run, write: Write) -> None:
    path = write("small.csv", "city,score\nA,0.001\nB,0.002\nC,0.003\nD,0.004\n")
    table = cityrank("stats", str(path), "-f", "table").stdout
    assert "0 – 0 " not in table and "0.001" in table


def test_no_edition_label_reads_none(cityrank: Run, write: Write) -> None:
    path = write("one.csv", "city,score\nSolo,1\nDuo,2\n")
    for args in (["history", "solo", "-d", str(path)], ["chart", str(path), "--history", "solo"]):
        assert "None" not in cityrank(*args, "-f", "table").stdout


def test_year_is_refused_where_every_edition_is_shown(cityrank: Run, write: Write) -> None:
    path = write("y.csv", "city,score,year\nA,1,2019\nA,2,2020\n")
    result = cityrank("history", "a", "-d", str(path), "--year", "2019")
    assert result.exit_code == 2 and "--year does not apply" in result.stderr


def test_movers_year_is_the_later_edition(cityrank: Run, write: Write) -> None:
    path = write(
        "y.csv", "city,score,year\nA,1,2018\nB,2,2018\nA,3,2019\nB,2,2019\nA,1,2020\nB,2,2020\n"
    )
    out = rows(cityrank("movers", str(path), "--year", "2019").stdout)
    assert ("riser", "A", "2", "1") in [
        (r["kind"], r["city"], r["from_rank"], r["to_rank"]) for r in out
    ]


# Markdown escapes the escape's backslash and bracket too: it reads \x1b[31mRed.
@pytest.mark.parametrize(
    ("fmt", "shown"),
    [("grid", "\\x1b[31mRed"), ("github", "\\\\x1b\\[31mRed"), ("markdown", "\\\\x1b\\[31mRed")],
)
def test_text_tables_for_people_escape_control_codes(
    cityrank: Run, write: Write, fmt: str, shown: str
) -> None:
    path = write("esc.csv", 'city,score\n"Esc\x1b[31mRed|x",1\n')
    result = cityrank("list", str(path), "-f", fmt)
    assert "\x1b" not in result.stdout
    assert shown in result.stdout


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_numbers_stay_exact_after_quoted_line_breaks(
    cityrank: Run, write: Write, end: str
) -> None:
    text = end.join(
        ["city,score", f'"Two{end}lines",1', "B,2", f'"Three{end}and{end}more",3', "C,x", ""]
    )
    path = write("multi.csv", text.encode("utf-8"))
    result = cityrank("list", str(path))
    assert result.exit_code == 1
    assert f"{path}:8:2: score" in result.stderr


def test_excel_sep_line_counts_as_a_line(cityrank: Run, write: Write) -> None:
    path = write("sep.csv", "sep=;\ncity;score\nA;1\nB;x\n")
    result = cityrank("list", str(path))
    assert result.exit_code == 1
    assert f"{path}:4:2: score" in result.stderr
