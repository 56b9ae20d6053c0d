"""chart, stats and the SVG/HTML export. Scores other than the sample's are fictional."""

from __future__ import annotations

import csv
import io
import json
import random
import statistics
from pathlib import Path

import numpy as np
import pytest

from conftest import Run, Write


def fictional(write: Write, rows: int = 200, seed: int = 7) -> Path:
    rng = random.Random(seed)
    lines = ["city,score,year"]
    for year in ("2019", "2020"):
        lines += [f"Town {i},{round(rng.uniform(40, 90), 1)},{year}" for i in range(rows)]
    return write("fictional_200.csv", "\n".join(lines) + "\n")


def test_stats_match_an_independent_computation(cityrank: Run, write: Write) -> None:
    path = fictional(write)
    out = list(csv.DictReader(io.StringIO(cityrank("stats", str(path)).stdout)))
    assert [r["year"] for r in out] == ["2019", "2020"]
    for row in out:
        scores = []
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            _, score, year = line.split(",")
            if year == row["year"]:
                scores.append(float(score))
        ordered = sorted(scores, reverse=True)
        expected = {
            "count": len(scores),
            "min": min(scores),
            "max": max(scores),
            "mean": float(np.mean(scores)),
            "median": float(np.median(scores)),
            "stdev": statistics.stdev(scores),
            "q1": float(np.percentile(scores, 25)),
            "q3": float(np.percentile(scores, 75)),
            "iqr": float(np.percentile(scores, 75) - np.percentile(scores, 25)),
            "gap_1_2": ordered[0] - ordered[1],
            "gap_1_median": ordered[0] - float(np.median(scores)),
            "top3_share": 100 * sum(ordered[:3]) / sum(scores),
        }
        for name, value in expected.items():
            # Percentages carry two decimals; the other figures four or more.
            tolerance = 0.005 if name == "top3_share" else 1e-4
            assert float(row[name]) == pytest.approx(value, abs=tolerance), name


def test_stats_table_has_a_histogram(cityrank: Run, write: Write) -> None:
    result = cityrank("stats", str(fictional(write)), "-f", "table")
    assert result.exit_code == 0
    assert "Histogram" in result.stdout and "█" in result.stdout
    assert "Top-3 share" in result.stdout


def test_stats_of_the_sample_as_json(cityrank: Run) -> None:
    (row,) = json.loads(cityrank("stats", "-f", "json").stdout)
    assert row["gap_1_2"] == 8.62 and row["gap_1_median"] == 8.62
    assert row["stdev"] == pytest.approx(statistics.stdev([99.82, 91.2, 88]), abs=1e-6)


def test_chart_draws_one_bar_per_city_from_zero(cityrank: Run) -> None:
    result = cityrank("chart", "-f", "table")
    lines = [ln for ln in result.stdout.splitlines() if "█" in ln]
    assert len(lines) == 3
    assert lines[0].startswith("1 Beijing") and lines[0].rstrip().endswith("99.82")
    full = [ln.count("█") for ln in lines]
    assert full[0] > full[1] > full[2] > 0.8 * full[0]  # from zero: bars are close


def test_chart_from_min_says_so(cityrank: Run) -> None:
    result = cityrank("chart", "--from-min", "-f", "table")
    assert "bars start at 88, not zero" in result.stdout
    out = list(csv.DictReader(io.StringIO(cityrank("chart", "--from-min", "-f", "csv").stdout)))
    assert out[0]["bar_start"] == "88"


def test_chart_marks_ties_and_fits_the_width(cityrank: Run, write: Write) -> None:
    path = write("t.csv", "city,score\n北京,90\nShenzhen,80\n上海,80\n")
    result = cityrank("chart", str(path), "-f", "table", env={"COLUMNS": "60"})
    bars = [ln for ln in result.stdout.splitlines() if "█" in ln]
    assert bars[1].startswith("=2") and bars[2].startswith("=2")
    from rich.cells import cell_len

    assert all(cell_len(ln) <= 60 for ln in result.stdout.splitlines())
    # CJK names take two cells each: the bars start in the same column.
    starts = {cell_len(ln[: ln.index("█")]) for ln in bars}
    assert len(starts) == 1


def test_chart_history_draws_ranks(cityrank: Run, write: Write) -> None:
    path = fictional(write, rows=30)
    result = cityrank(
        "chart", str(path), "--history", "town 1", "--history", "town 2", "-f", "table"
    )
    assert result.exit_code == 0
    assert "2019" in result.stdout and "2020" in result.stdout
    assert "● Town 1" in result.stdout and "■ Town 2" in result.stdout
    machine = list(
        csv.DictReader(io.StringIO(cityrank("chart", str(path), "--history", "town 1").stdout))
    )
    assert [r["year"] for r in machine] == ["2019", "2020"]


def test_svg_and_html_export_leave_the_terminal_output_alone(cityrank: Run, tmp_path: Path) -> None:
    plain = cityrank("list", "-f", "table").stdout
    svg, html = tmp_path / "list.svg", tmp_path / "list.html"
    result = cityrank("list", "-f", "table", "--svg", str(svg), "--html", str(html))
    assert result.exit_code == 0
    assert result.stdout == plain
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    assert "Shenzhen" in html.read_text(encoding="utf-8")


def test_export_escapes_markup_from_data(cityrank: Run, write: Write, tmp_path: Path) -> None:
    path = write("x.csv", 'city,score\n"<script>alert(1)</script>",1\n')
    html = tmp_path / "x.html"
    cityrank("list", str(path), "-f", "csv", "--html", str(html))
    text = html.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "&lt;script&gt;" in text
