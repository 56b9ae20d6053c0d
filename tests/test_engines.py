"""Arrow's reader gives the stdlib reader's columns, or declines the file.

Everything after reading is one implementation, so the tests here run a
command twice, with ``CITYRANK_ENGINE=python`` and ``CITYRANK_ENGINE=arrow``,
and compare what a user sees: stdout, stderr and the exit code; and check
that the Arrow reader really reads the files it should (so the comparisons
are not vacuous). The generated files are fictional.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cityrank.core.lookup import ODD_SPACES, city_key, keys_of
from cityrank.errors import Problems
from cityrank.io import read as engine
from cityrank.io.arrow_reader import read_arrow
from cityrank.io.csv_reader import read_csv
from cityrank.model import TIE_METHODS, Columns, LoadOptions
from conftest import Run, invoke

DATA = Path(__file__).parent / "data"


def arrow_reads(path: Path, options: LoadOptions | None = None) -> Columns | None:
    """The columns Arrow's reader makes of ``path``, or ``None`` when it declines it."""
    return read_arrow(path.read_bytes(), str(path), options or LoadOptions(), None)


def run_both(args: list[str]) -> tuple[tuple[int, bytes, str], tuple[int, bytes, str]]:
    """``cityrank ARGS`` with each engine: (exit code, stdout bytes, stderr) twice."""
    results = []
    for chosen in ("python", "arrow"):
        result = invoke(args, env={engine.ENGINE_ENV: chosen}, catch_exceptions=False)
        results.append((result.exit_code, result.stdout_bytes, result.stderr))
    return results[0], results[1]


# --- generated files ----------------------------------------------------------

NAME_PARTS = st.sampled_from(
    [
        "Tadomadi",
        "São Corvo",
        "sao-corvo",
        "Östland",
        "梅青景韶县",
        "Kúpanöba Nova",
        "Dëvâsaze_Vila",
        "Москва",
        "Mосква",  # a Latin M: a look-alike of the one before
        "Ꭰlpha",  # Cherokee: casefold differs from lower
        "Straße",
        "STRASSE",
        "Ａｌｐｈａ",  # full-width
        "x\u200bz",  # a zero-width space
        "Nueva\u00a0York",
        "  padded  ",
        "Tab\there",
        "Ideo\u3000space",
        "a,b",
        "c;d",
        "e|f",
    ]
)
NAMES = st.lists(
    st.tuples(NAME_PARTS, st.integers(0, 30)).map(lambda p: f"{p[0]} {p[1]}" if p[1] else p[0]),
    min_size=1,
    max_size=25,
)
SCORES = st.sampled_from(
    ["85", "85.0", "85.00", "91.2", "99.82", "88", "-3.5", "-0", "0", "0.00", "1e3", "100", "7.125"]
)


@st.composite
def score_files(draw: st.DrawFn) -> tuple[str, str]:
    """A score file (text) and its delimiter: mostly clean, sometimes not."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    names = draw(NAMES)
    header = ["city", "score"]
    year = draw(st.sampled_from([None, "2020", " 2020", "mixed", "blank"]))
    extra = draw(st.booleans())
    if year is not None:
        header.append("year")
    if extra:
        header.append("note")
    rows = []
    for i, name in enumerate(names):
        cells = [name.replace(delimiter, " "), draw(SCORES)]
        if year == "mixed":
            cells.append("2019" if i % 2 else "2020")
        elif year == "blank":
            cells.append("" if i == 0 else "2020")
        elif year is not None:
            cells.append(year)
        if extra:
            cells.append(draw(st.sampled_from(["", "a,b", "x\ty", "plain", "=1+2", "c;d"])))
            cells[-1] = cells[-1].replace(delimiter, " ")
        rows.append(delimiter.join(cells))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join([delimiter.join(header), *rows]) + end, delimiter


@settings(
    max_examples=70,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=score_files(),
    fmt=st.sampled_from(["csv", "tsv"]),
    ties=st.sampled_from(TIE_METHODS),
    lower=st.booleans(),
    top=st.none() | st.integers(0, 8),
    all_columns=st.booleans(),
    bom=st.booleans(),
)
def test_generated_files_give_the_same_output(
    write: Callable[[str, str | bytes], Path],
    file: tuple[str, str],
    fmt: str,
    ties: str,
    lower: bool,
    top: int | None,
    all_columns: bool,
    bom: bool,
) -> None:
    text, _ = file
    path = write("scores.csv", (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    args = ["list", str(path), "-f", fmt, "--ties", ties]
    args += ["--lower-is-better"] * lower + ["--all-columns"] * all_columns
    args += ["--top", str(top)] if top is not None else []
    python, arrow = run_both(args)
    assert arrow == python


QUOTED_NAMES = st.sampled_from(
    ["Washington, D.C.", 'The "Big" Apple', "Line\nbreak", "Plain", "São Paulo", "a;b", "x\ty"]
)


@st.composite
def quoted_files(draw: st.DrawFn) -> str:
    """A file written by Python's csv module with some quoting, sometimes damaged by hand."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    quoting: Literal[0, 1, 2, 3] = draw(
        st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    writer.writerow(["city", "score", "note"])
    names = draw(st.lists(st.tuples(QUOTED_NAMES, st.integers(0, 99)), min_size=1, max_size=12))
    for name, number in dict.fromkeys(names):
        score = draw(SCORES)
        row: list[object] = [f"{name} {number}", score, draw(QUOTED_NAMES)]
        if quoting == csv.QUOTE_NONNUMERIC:
            row[1] = float(score)
        writer.writerow(row)
    text = out.getvalue()
    damage = draw(st.sampled_from([None, '"x', 'x"', '"a"b', '""', '"']))
    if damage is not None:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + damage + text[at:]
    return text


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=quoted_files(),
    fmt=st.sampled_from(["csv", "tsv"]),
    command=st.sampled_from(["list", "show"]),
    data=st.data(),
)
def test_quoted_files_give_the_same_output(
    write: Callable[[str, str | bytes], Path],
    text: str,
    fmt: str,
    command: str,
    data: st.DataObject,
) -> None:
    path = write("quoted.csv", text)
    if command == "list":
        args = ["list", str(path), "--all-columns", "-f", fmt]
    else:
        name = data.draw(st.sampled_from(["Plain 1", "Washington, D.C. 2", "nowhere"]))
        args = ["show", name, "-d", str(path), "-f", "json"]
    python, arrow = run_both(args)
    assert arrow == python


def test_arrow_reads_a_clean_file_as_the_stdlib_reader_does(
    write: Callable[[str, str | bytes], Path],
) -> None:
    """Not a vacuous comparison: a clean file really goes through Arrow, to the same columns."""
    rows = "".join(f"City {i},{i % 7}.{i % 4}5,2020,note {i}\n" for i in range(50))
    text = "city,score,year,note\n" + rows
    path = write("clean.csv", text)
    arrow = arrow_reads(path)
    assert arrow is not None
    python = read_csv(text, str(path), LoadOptions(), Problems())
    assert arrow._replace(score=None, year=None) == python._replace(score=None, year=None)
    assert arrow.score is not None and python.score is not None
    assert arrow.score.cells() == python.score.cells()
    assert arrow.year is not None and python.year is not None
    assert arrow.year.cells() == python.year.cells()
    assert list(arrow.lines) == list(python.lines)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ('city,score\n"Par"is,1\n', "text after a closing quote"),
        ('city,score\n"Paris,1\n', "an unclosed quote"),
        ('city,score\nPa"ris,1\n', "a quote inside an unquoted field"),
        ('city,score\r\n"Pa\r\nris",1\r\n', "a CR inside a quoted field"),
        ('"city,score\nParis,1\n', "a header cut by its quote"),
        ("city,score\nParis,1\rRome,2\n", "a lone CR"),
        ("city,score\nParis,1\nRome\n", "a ragged row"),
        ("city,score\nParis,1\n\nRome,2\n", "a blank line, which shifts the line numbers"),
        ("city,score\n,1\nRome,2\n", "a blank city, maybe a row of blank cells"),
        ("sep=;\ncity;score\nParis;1\n", "an Excel sep line"),
        ("where,amount\nParis,1\n", "columns found by their values"),
        ("city,score\n", "no rows"),
    ],
)
def test_arrow_declines_what_it_cannot_parse_alike(
    write: Callable[[str, str | bytes], Path], content: str, why: str
) -> None:
    path = write("odd.csv", content)
    assert arrow_reads(path, LoadOptions(keep_extra=False)) is None, why


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("city,score\nParis,\nRome,1\n", "an unranked row"),
        ("city,score\nParis,x\nRome,1\n", "a bad number"),
        ("city,score\nParis,1\nparis,2\n", "a duplicate"),
        ("city,score,year\nParis,1,2019\nRome,2,2020\n", "two editions"),
        ("city,score\nPаris,1\nParis,2\n", "a look-alike name"),
        ("city,score,aliases\nBeijing,1,Peking\nRome,2,\n", "aliases"),
    ],
)
def test_arrow_reads_what_the_shared_steps_judge(
    write: Callable[[str, str | bytes], Path], content: str, why: str
) -> None:
    """Meaning is not the reader's business: these are read, then judged by the one core."""
    path = write("judged.csv", content)
    assert arrow_reads(path) is not None, why
    for args in (["list", str(path), "-f", "csv"], ["validate", str(path)]):
        python, arrow = run_both(args)
        assert arrow == python


def test_invalid_utf8_anywhere_is_declined(write: Callable[[str, str | bytes], Path]) -> None:
    path = write("latin1.csv", "city,score,note\nParis,1,café\n".encode("latin-1"))
    assert arrow_reads(path) is None


@pytest.mark.parametrize(
    "path", sorted((DATA / "valid").iterdir()) + sorted((DATA / "invalid").iterdir()), ids=str
)
def test_the_test_corpus_gives_the_same_output(path: Path) -> None:
    """Every corpus file the engine takes: the same output, warnings and exit code.

    A file Arrow declines is read by the stdlib reader under either setting.
    """
    if path.suffix == ".md":
        pytest.skip("not data")
    for extra in (["-f", "csv", "--all-columns"], ["-f", "tsv", "--top", "2"], ["-f", "json"]):
        python, arrow = run_both(["list", str(path), *extra])
        assert arrow == python


@pytest.mark.parametrize(
    "name",
    ["accented_city.csv", "bom_utf8.csv", "crlf.csv", "padded_cells.csv", "percent.csv"]
    + ["pipe.csv", "scientific.csv", "semicolon.csv", "tab.tsv", "ties.csv"],
)
def test_arrow_reads_clean_corpus_files(name: str) -> None:
    """So the corpus comparison above is not vacuous."""
    assert arrow_reads(DATA / "valid" / name) is not None


# --- compare, show, history, movers ---------------------------------------------


@st.composite
def city_files(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A clean-ish file with numeric columns beside the score, and its city names."""
    names = list(dict.fromkeys(draw(NAMES)))
    year = draw(st.sampled_from([None, "2021"]))
    header = ["city", "score", "firms", "funding", "note", "id"] + (["year"] if year else [])
    numbers = st.sampled_from(["", "3", "3.0", "-0", "12", "1200.50", "7.5", "12%", "x", "1e2"])
    lines = [",".join(header)]
    for i, name in enumerate(names):
        cells = [name.replace(",", " "), draw(SCORES), draw(numbers), draw(numbers)]
        cells += [draw(st.sampled_from(["", "note", "7"])), str(i)] + ([year] if year else [])
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n", [n.replace(",", " ") for n in names]


def _asked(draw: Callable[[st.SearchStrategy[str]], str], names: list[str]) -> str:
    name = draw(st.sampled_from(names))
    form = draw(st.sampled_from(["as is", "upper", "prefix", "unknown"]))
    if form == "upper":
        return name.upper()
    if form == "prefix":
        return name.strip()[:4]
    if form == "unknown":
        return "Nowhere at all"
    return name


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=city_files(),
    command=st.sampled_from(["compare", "show", "history", "movers"]),
    fmt=st.sampled_from(["json", "csv", "table"]),
    ties=st.sampled_from(TIE_METHODS),
    lower=st.booleans(),
    data=st.data(),
)
def test_other_commands_give_the_same_output(
    write: Callable[[str, str | bytes], Path],
    file: tuple[str, list[str]],
    command: str,
    fmt: str,
    ties: str,
    lower: bool,
    data: st.DataObject,
) -> None:
    text, names = file
    path = write("scores.csv", text)
    count = {"compare": 3, "show": 1, "history": 2, "movers": 0}[command]
    asked = [_asked(data.draw, names) for _ in range(count)]
    args = [command, *asked, "-d", str(path), "-f", fmt, "--ties", ties]
    args += ["--lower-is-better"] * lower
    python, arrow = run_both(args)
    assert arrow == python


def test_show_and_compare_of_a_clean_file_go_through_arrow(
    write: Callable[[str, str | bytes], Path],
) -> None:
    rows = "".join(f"City {i},{i % 7}.{i % 4}5,{i % 5},n{i}\n" for i in range(40))
    path = write("clean.csv", "city,score,firms,note\n" + rows)
    assert arrow_reads(path) is not None
    for args in (["show", "City 3"], ["compare", "City 3", "City 10"], ["history", "city 3"]):
        python, arrow = run_both([*args, "-d", str(path), "-f", "json"])
        assert arrow == python
        assert arrow[0] == 0


@pytest.mark.parametrize(
    ("content", "args"),
    [
        # Found by review: one column in two roles.
        (b"city,score\nA,90\nB,90\n", ["list", "-f", "csv", "--year-col", "score"]),
        (b"city,score\n2020,90\n", ["show", "2020", "--year-col", "city"]),
        (b"city,score\nA,90\nB,90\n", ["movers", "--year-col", "score"]),
        # A BOM at the start of the first row: Python keeps it in the cell.
        (b"city,score\n\xef\xbb\xbfA,90\nB,85\n", ["list", "-f", "csv"]),
        (b"\xef\xbb\xbfcity,score\n\xef\xbb\xbfA,90\nB,85\n", ["compare", "A", "B"]),
        (b"score,city\n\xef\xbb\xbf90,A\n85,B\n", ["list", "-f", "tsv"]),
        # A CR in a --label: the pure path quotes those rows whole.
        (b"city,score\nA,90\nB,85\n", ["list", "-f", "csv", "--label", "FILE=20\r20"]),
        # Tabs after a score are not decimal places.
        (b"city,score\nA,90\nB,85.3\t\t\nC,80\n", ["list", "-f", "csv"]),
        (b"city,score\nA,100000000000000\nB,99999999999999.9\t\n", ["show", "B"]),
    ],
)
def test_review_findings_give_the_same_output(
    write: Callable[[str, str | bytes], Path], content: bytes, args: list[str]
) -> None:
    path = write("review.csv", content)
    args = [a.replace("FILE", str(path)) for a in args]
    where = [str(path)] if args[0] == "list" else ["-d", str(path)]
    python, arrow = run_both([args[0], *where, *args[1:]])
    assert arrow == python


def test_trailing_white_space_is_not_decimals(write: Callable[[str, str | bytes], Path]) -> None:
    path = write("tabs.csv", b"city,score\nA,90\nB,85.3\t\t\nC,80\n")
    for chosen in ("python", "arrow"):
        result = invoke(["list", str(path), "-f", "csv"], env={engine.ENGINE_ENV: chosen})
        assert result.exit_code == 0
        assert "2,false,B,85.3,4.7,4.7," in result.stdout, chosen


@pytest.mark.parametrize(
    "args",
    [["list", "-f", "csv"], ["show", "beijing", "-f", "table"], ["compare", "beijing", "88"]],
)
def test_the_bundled_sample_keeps_its_title_with_either_engine(args: list[str]) -> None:
    python, arrow = run_both(args)
    assert arrow == python


# --- the batch keys -----------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\n"), max_size=12),
        max_size=20,
    )
)
@example(["Ǆ\u0301", "\u0345", "ᾼ", "A\u030a\u0323", " a  b ", "\x1c", "ß-_\u2010\u2011"])
def test_batch_keys_are_city_key(names: list[str]) -> None:
    assert keys_of(names) == [city_key(n) for n in names]
    ascii_names = [n for n in names if n.isascii()]
    assert keys_of(ascii_names) == [city_key(n) for n in ascii_names]


#: Letters and accents, so that a batch holds more kinds of accent than are taken out one
#: kind at a time (``lookup._ACCENT_KINDS``), in any order.
_ACCENTED = st.text(
    st.sampled_from(
        [*"aeoxyz -", *map(chr, range(0x300, 0x370)), *map(chr, range(0xC0, 0x180)), "北"]
    ),
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ACCENTED, max_size=30))
@example([f"a{chr(0x300 + k)}" for k in range(20)])
@example(["é", "plain", *(f"o{chr(0x300 + k)}x" for k in range(9, -1, -1))])
def test_batch_keys_drop_many_kinds_of_accent_as_city_key_does(names: list[str]) -> None:
    assert keys_of(names) == [city_key(n) for n in names]


def test_batch_keys_fold_every_white_space_as_city_key_does() -> None:
    every = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert set(ODD_SPACES) == set(every) - {"\n", " "}
    names = [f"{space}a{space}{space}b{space}" for space in every]
    assert keys_of(names) == [city_key(n) for n in names]


# --- choosing the engine ------------------------------------------------------


def test_an_unknown_engine_is_a_usage_error(
    cityrank: Run, write: Callable[[str, str | bytes], Path]
) -> None:
    path = write("s.csv", "city,score\nParis,1\n")
    result = cityrank("list", str(path), "-f", "csv", env={engine.ENGINE_ENV: "turbo"})
    assert result.exit_code == 2
    assert "CITYRANK_ENGINE=turbo: not an engine" in result.stderr


def test_forcing_arrow_without_pyarrow_says_how_to_install(
    cityrank: Run,
    write: Callable[[str, str | bytes], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    path = write("s.csv", "city,score\nParis,1\n")
    result = cityrank("list", str(path), "-f", "csv", env={engine.ENGINE_ENV: "arrow"})
    assert result.exit_code == 2
    assert "pip install 'cityrank[fast]'" in result.stderr


def test_small_files_stay_on_the_pure_path(write: Callable[[str, str | bytes], Path]) -> None:
    path = write("s.csv", "city,score\nParis,1\n")
    assert not engine.arrow_wanted(path.stat().st_size)
