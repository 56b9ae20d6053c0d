"""``--svg`` and ``--html`` on hostile text: every file parses with a strict parser, and no
control character from a city name, a year cell, a file name or a ``--label`` reaches it.

Lone surrogates cannot come from a file's contents (they are not UTF-8), only from a
file name or an argument holding bytes that are not UTF-8; both are covered.
"""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

# An OSC sequence that retitles a terminal window, C0 and C1 controls, the two BMP
# noncharacters XML forbids, a supplementary one, XML's own specials, a line separator,
# a bidi override, and braces (Rich formats its page template with them).
HOSTILE = "Evil\x1b]0;pwned\x07\x9b31m\x01\x7f\ufffe\uffff\U0010fffe]]><&\"'\u2028\u202e{z}"
NAME_BYTES = os.fsencode("t\x1b]0;x\x07\ufffe") + b"caf\xe9.csv"
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture
def hostile_csv(write: Callable[[str, str], Path]) -> Path:
    """Two editions whose year cells and first city are the hostile text."""
    rows = [
        f"{_cell(HOSTILE)},10,2019",
        "Plain,9,2019",
        f"{_cell(HOSTILE)},8,{_cell(HOSTILE)}",
        f"Plain,9,{_cell(HOSTILE)}",
    ]
    return write("hostile.csv", "city,score,year\n" + "\n".join(rows) + "\n")


@pytest.fixture
def hostile_name(tmp_path: Path) -> str:
    """A file without a year column whose name holds controls and a byte that is not UTF-8."""
    path = tmp_path / os.fsdecode(NAME_BYTES)
    path.write_bytes(b"city,score\nAlpha,2\nBeta,1\n")
    return str(path)


def _exported(cityrank: Run, tmp_path: Path, *args: str) -> list[bytes]:
    svg, html = tmp_path / "out.svg", tmp_path / "out.html"
    result = cityrank(*args, "-f", "csv", "--svg", str(svg), "--html", str(html))
    assert result.exit_code == 0, result.output
    return [svg.read_bytes(), html.read_bytes()]


def _commands(csv: Path) -> list[tuple[str, ...]]:
    data = str(csv)
    return [
        ("list", data),
        ("compare", HOSTILE, "plain", "-d", data),
        ("show", HOSTILE, "-d", data),
        ("chart", data),
        ("chart", data, "--history", HOSTILE, "--history", "plain"),
        ("history", HOSTILE, "plain", "-d", data),
    ]


def _assert_clean(data: bytes) -> str:
    text = data.decode("utf-8")  # strict: no lone surrogate was written
    assert not NOT_IN_XML.findall(text)
    assert "\x1b" not in text
    return text


def test_svg_and_html_from_hostile_cells_parse_as_xml(
    cityrank: Run, tmp_path: Path, hostile_csv: Path
) -> None:
    for args in _commands(hostile_csv):
        for data in _exported(cityrank, tmp_path, *args):
            text = _assert_clean(data)
            ET.fromstring(data)  # raises on anything that is not well-formed XML
            assert "Evil\\x1b]0;pwned\\x07\\x9b31m" in text, args  # shown, escaped


def test_titles_from_a_file_name_and_a_label_are_escaped(
    cityrank: Run, tmp_path: Path, hostile_name: str
) -> None:
    svg, html = _exported(cityrank, tmp_path, "list", hostile_name)
    for data in (svg, html):
        _assert_clean(data)
        ET.fromstring(data)
    name = "t\\x1b]0;x\\x07\\ufffecaf\\xe9.csv"
    assert name in svg.decode()
    assert f"{name}</title>" in html.decode()
    label = f"{hostile_name}={HOSTILE}"
    svg, html = _exported(cityrank, tmp_path, "list", hostile_name, "--label", label)
    for data in (svg, html):
        _assert_clean(data)
        ET.fromstring(data)
    assert "Evil\\x1b]0;pwned\\x07" in html.decode().split("<title>")[1].split("</title>")[0]


def test_a_label_with_bytes_that_are_not_utf8_is_shown_escaped(
    cityrank: Run, tmp_path: Path, hostile_name: str
) -> None:
    label = hostile_name + "=" + os.fsdecode(b"ann\xe9e")
    svg, html = _exported(cityrank, tmp_path, "list", hostile_name, "--label", label)
    for data in (svg, html):
        _assert_clean(data)
        ET.fromstring(data)
    assert "ann\\xe9e" in html.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="file names there are always Unicode")
def test_html_exports_parse_with_a_strict_html5_parser(
    cityrank: Run, tmp_path: Path, hostile_csv: Path, hostile_name: str
) -> None:
    html5lib = pytest.importorskip("html5lib")
    commands = [*_commands(hostile_csv), ("list", hostile_name, "--label", hostile_name + "=x")]
    for args in commands:
        _, html = _exported(cityrank, tmp_path, *args)
        html5lib.HTMLParser(strict=True).parse(html)  # raises ParseError on any parse error
