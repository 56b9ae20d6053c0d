"""The format registry: every name in FORMATS has a writer, and ``render.write`` prints
what the command line prints. Fictional data, except the bundled sample."""

from __future__ import annotations

import importlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from cityrank import load, rank
from cityrank.core.editions import rank_editions
from cityrank.errors import UsageError
from cityrank.render import (
    FORMATS,
    MACHINE_FORMATS,
    REGISTRY,
    TABULATE_FORMATS,
    write,
)
from cityrank.render.export import html_text, svg_text
from cityrank.views.base import Report
from cityrank.views.listing import list_view
from conftest import GOLDEN, Run, Write

TWO_EDITIONS = "city,score,year\nAlpha,90,2019\nBravo,80,2019\nAlpha,85,2020\nBravo,88,2020\n"


def sample_report() -> Report:
    return list_view(rank(load()))


def written(report: Report, fmt: str, *, excel_safe: bool = False, terminal: bool = False) -> str:
    out = io.StringIO()
    write(report, fmt, out, excel_safe=excel_safe, terminal=terminal)
    return out.getvalue()


def test_formats_keep_their_names_and_order() -> None:
    assert FORMATS == ("table", *MACHINE_FORMATS, *TABULATE_FORMATS, "report")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_registered_and_writes_the_report(fmt: str) -> None:
    module = importlib.import_module(REGISTRY[fmt].module)
    assert callable(module.write)
    text = written(sample_report(), fmt)
    assert "Beijing" in text and text.endswith("\n")


@pytest.mark.parametrize(
    ("golden", "fmt", "terminal"),
    [
        ("list.csv", "csv", False),
        ("list.tsv", "tsv", False),
        ("list.json", "json", False),
        ("list.jsonl", "jsonl", False),
        ("list.md", "markdown", False),
        ("list.grid", "grid", False),
        # conftest sets COLUMNS=100, the width Rich takes for a terminal.
        ("list.txt", "table", True),
    ],
)
def test_write_prints_what_the_command_line_prints(golden: str, fmt: str, terminal: bool) -> None:
    expected = (GOLDEN / golden).read_text(encoding="utf-8")
    assert written(sample_report(), fmt, terminal=terminal) == expected


def test_a_table_for_a_file_is_120_columns_without_colour(write: Write) -> None:
    path = write("wide.csv", "city,score\n" + "".join(f"{'X' * 60}{i},{i}\n" for i in range(3)))
    text = written(list_view(rank(load(path))), "table")
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= 120


def test_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'xml' is not an output format"):
        written(sample_report(), "xml")
    with pytest.raises(UsageError):
        written(sample_report(), "CSV")  # names are exact; the CLI folds the case


def test_machine_formats_switch_a_non_utf8_stream_to_utf8() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="latin-1", newline="")
    write(sample_report(), "csv", out, excel_safe=False, terminal=False)
    out.flush()
    assert out.encoding == "utf-8"
    assert raw.getvalue().decode("utf-8") == (GOLDEN / "list.csv").read_text(encoding="utf-8")


def test_machine_formats_drop_the_columns_only_people_read(write: Write) -> None:
    earlier, latest = rank_editions(load(write("e.csv", TWO_EDITIONS)))
    report = list_view(latest, previous=earlier)
    header = written(report, "csv").splitlines()[0].split(",")
    assert "change" not in header and "rank_change" in header
    assert "▲1" in written(report, "table")


def test_excel_safe_reaches_the_delimited_writers(write: Write) -> None:
    report = list_view(rank(load(write("f.csv", "city,score\n=SUM(1),2\n"))))
    for fmt in ("csv", "tsv"):
        assert "'=SUM(1)" in written(report, fmt, excel_safe=True)
        assert "'=SUM" not in written(report, fmt)


def test_writing_a_machine_format_imports_neither_rich_nor_tabulate() -> None:
    code = (
        "import io, sys\n"
        "from cityrank import load, rank\n"
        "from cityrank.render import write\n"
        "from cityrank.views.listing import list_view\n"
        "report = list_view(rank(load()))\n"
        "for fmt in ('csv', 'tsv', 'json', 'jsonl', 'markdown'):\n"
        "    write(report, fmt, io.StringIO(), excel_safe=False, terminal=False)\n"
        "print([m for m in ('rich', 'tabulate') if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_exports_match_what_the_command_line_saves(cityrank: Run, tmp_path: Path) -> None:
    svg, html = tmp_path / "list.svg", tmp_path / "list.html"
    result = cityrank("list", "-f", "csv", "--svg", str(svg), "--html", str(html))
    assert result.exit_code == 0
    # Standard output is not a terminal here: both are 100 columns wide.
    assert svg_text(sample_report()) == svg.read_text(encoding="utf-8")
    assert html_text(sample_report()) == html.read_text(encoding="utf-8")
    assert svg_text(sample_report(), width=60) != svg_text(sample_report())
