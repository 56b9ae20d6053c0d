"""The pyarrow.compute paths of the core (``core.vector``) give, to the bit, what the plain
Python gives: exact rounding, and the order and figures of a ranking.

They are taken for long columns once pyarrow is loaded; here ``MIN_ITEMS`` is lowered to
take them on small data, and raised to take the plain Python, and the two are compared:
the floats bit by bit, and what a user sees of whole commands byte by byte. The data are
fictional.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cityrank.core import ranking_arrow, shape, vector
from cityrank.core.ranking import rank_rows
from cityrank.core.shape import _by_value
from cityrank.io import arrow_reader
from cityrank.model import TIE_METHODS, Entry, Ranking, Standings, rows_of
from cityrank.numbers import parse_plain
from cityrank.render import delimited_arrow
from cityrank.render.delimited import _formatters, column_texts, write_delimited
from cityrank.views.base import CITY, RANK, TIED, CodedRows, Column, Value, View
from conftest import arrow_paths, bits, outcome

pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")


# --- rounding -------------------------------------------------------------------

_FLOATS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.integers(-(10**9), 10**9).map(lambda k: k / 1000 + 0.0005),  # halves at 3 places
    st.integers(-(10**7), 10**7).map(lambda k: (k + 0.5) / 100),  # near halves at 2 places
    st.sampled_from([0.0, -0.0, 2.675, 1.005, 0.125, -2.5, 1e16, 2.0**52, 1e100, 5e-324]),
)


@given(st.lists(st.tuples(_FLOATS, st.integers(0, 22)), max_size=60))
def test_rounding_in_arrow_is_round(pairs: list[tuple[float, int]]) -> None:
    values = [v for v, _ in pairs]
    places = [p for _, p in pairs]
    x = pa.array([*values, None], pa.float64())
    got = vector.rounded(pa, pc, x, pa.array([*places, 0], pa.int64()))
    assert bits(got) == bits([*map(round, values, places), None])
    for fixed in (0, 2, 6):
        assert bits(vector.rounded(pa, pc, x, fixed)) == bits(
            [round(v, fixed) for v in values] + [None]
        )


def test_rounding_in_arrow_takes_halves_to_even_as_round_does() -> None:
    values = [0.125, 0.375, 2.675, 1.005, -0.125, 2.5, 3.5, -0.001, 1e-300, 123456.785]
    assert bits(vector.rounded(pa, pc, pa.array(values), 2)) == bits([round(v, 2) for v in values])
    # 0.15 is a little less than 0.15, yet 0.15 * 10 is 1.5 exactly: round says 0.1, not 0.2.
    values, places = [0.15, 0.35, 0.45, -0.15, 0.015, 0.025, 0.0025], [1, 1, 1, 1, 2, 2, 3]
    got = vector.rounded(pa, pc, pa.array(values), pa.array(places))
    assert bits(got) == bits(list(map(round, values, places)))
    assert got[:2] == [0.1, 0.3]


# --- ranking ----------------------------------------------------------------------

_SCORES = st.one_of(
    st.none(),
    st.sampled_from([0.0, -0.0, 1.0, 99.82, 91.2, 88.0, 0.1, -3.5, 1e-7, 1e15, -1e99]),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)),
    st.floats(-1e100, 1e100, allow_nan=False),
)


def _standing(ranking: Ranking) -> tuple[object, ...]:
    ranked = ranking.ranked
    assert isinstance(ranked, Standings)
    figures = tuple(bits(column) for column in ranked.figures)
    return list(ranked.order), list(ranked.codes), list(ranked.unranked), figures


@given(
    st.lists(
        st.tuples(_SCORES, st.integers(0, 20), st.sampled_from(["2019", "2020"])), max_size=40
    ),
    st.sampled_from(TIE_METHODS),
    st.booleans(),
    st.sampled_from([None, 0, 3, 12]),
    st.booleans(),
)
def test_ranking_in_arrow_is_ranking_in_python(
    scores: list[tuple[float | None, int, str]],
    ties: str,
    lower: bool,
    decimals: int | None,
    one_edition: bool,
) -> None:
    """Rows of two editions (a code of 2019 may share a score with one of 2020), ranked in
    2020 or all at once: the same positions, groups and figures, bit for bit."""
    entries = [
        Entry(f"c{i}", f"c{i}", s, d, y, i + 2, "f.csv") for i, (s, d, y) in enumerate(scores)
    ]
    rows = rows_of(entries)
    members: Sequence[int] = range(len(rows))
    if not one_edition:
        members = [i for i, e in enumerate(entries) if e.year == "2020"]
    results = []
    for on in (False, True):
        with arrow_paths(on):
            results.append(_standing(rank_rows(rows, members, ties, lower, None, decimals)))  # type: ignore[arg-type]
    assert results[0] == results[1]


# --- what a user sees ------------------------------------------------------------

#: Score texts that read alike or nearly so, signs, exponents, blanks, huge and tiny ones.
_ODD_TEXTS = ["1e3", "1000", "+5", "5", "0.10", "0.1", "-0", "0", "-2.5", "", "1e-7",
              "0.0000001", "123456789012345", "88", "88.0", "88.00", "-1e99", "7.125"]  # fmt: skip


def _file(tmp_path: Path, distinct: bool = False) -> Path:
    """Three editions of fictional cities: 150 each with many ties, or 400 each of nearly
    all distinct scores (6 decimals: more than ``_FEW_CODES`` codes in all); with every
    text of ``_ODD_TEXTS`` in each edition, and a note that needs quotes."""
    pick = random.Random(12)
    lines = ["city,year,score,note"]
    for year in ("2018", "2019", "2020"):
        for i in range(400 if distinct else 150):
            if i < len(_ODD_TEXTS):
                text = _ODD_TEXTS[(i + int(year)) % len(_ODD_TEXTS)]
            elif i % 3 and not distinct:
                text = f"{pick.randint(-40, 60) / 4:.2f}"  # ties
            else:
                text = f"{pick.uniform(-1e4, 1e4):.6f}"
            note = ['"north, coast"', '"say ""hi"""', "plain", ""][i % 4]
            lines.append(f"Town {i},{year},{text},{note}")
    path = tmp_path / "towns.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: The number of score codes from which they are numbered in value order, in these tests.
_FEW_CODES = 256

_COMMANDS = [
    ["list", "-f", "csv"],
    ["list", "-f", "csv", "--top", "5"],
    ["list", "-f", "csv", "--all-columns", "--ties", "ordinal"],
    ["list", "-f", "tsv", "--all-columns", "--top", "3000"],
    ["list", "-f", "csv", "--lower-is-better"],
    ["list", "-f", "json", "--year", "2019", "--decimals", "3"],
    ["list", "-f", "csv", "--compare-to", "2018"],
    ["list", "-f", "table", "--top", "8"],
    *(["list", "-f", "tsv", "--ties", ties] for ties in TIE_METHODS),
    ["movers", "-f", "csv"],
    ["stats", "-f", "csv"],
    ["show", "town 3", "-f", "csv"],
    ["compare", "town 1", "town 2", "-f", "csv"],
    ["history", "town 4", "town 5", "-f", "csv"],
]


@pytest.mark.parametrize("distinct", [False, True], ids=["ties", "distinct"])
@pytest.mark.parametrize("args", _COMMANDS, ids=" ".join)
def test_commands_give_the_same_bytes_with_figures_from_arrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], distinct: bool
) -> None:
    path = _file(tmp_path, distinct)
    # Score codes are numbered in value order from shape._MANY_CODES (4,096) on: lowered,
    # as MIN_ITEMS is, so that a file of 1,200 rows takes that path (by_value) too.
    monkeypatch.setattr(shape, "_MANY_CODES", _FEW_CODES)
    taken: set[str] = set()
    for module, name in ((ranking_arrow, "place_rows"), (shape, "by_value")):
        monkeypatch.setattr(module, name, _counted(getattr(module, name), name, taken))
    seen = []
    for on in (False, True):
        with arrow_paths(on):
            seen.append(outcome(*args, "-d", str(path)))
    assert taken == ({"place_rows", "by_value"} if distinct else {"place_rows"})
    assert seen[0][0] == 0, seen[0][2]
    assert seen[0] == seen[1]


def _counted(function: Callable[..., object], name: str, taken: set[str]) -> Callable[..., object]:
    def counted(*given: object) -> object:
        taken.add(name)
        return function(*given)

    return counted


def test_plain_and_arrow_figures_of_odd_texts(tmp_path: Path) -> None:
    """The texts a file writes one number in several ways rank together and print as one."""
    path = _file(tmp_path)
    with arrow_paths(True):
        code, out, _ = outcome("list", "-f", "csv", "--year", "2018", "-d", str(path))
    assert code == 0
    scores = {line.split(",")[3] for line in out.splitlines()[1:]}
    assert {"1000", "5", "0.1", "0", "0.0000001", "123456789012345", "88"} <= scores
    assert not {"1e3", "+5", "0.10", "-0", "88.0"} & scores


# --- score codes in value order ---------------------------------------------------


@given(st.lists(st.tuples(_SCORES, st.integers(0, 20)), max_size=40), st.data())
def test_codes_numbered_by_value_in_arrow_as_in_python(
    scores: list[tuple[float | None, int]], data: st.DataObject
) -> None:
    """Equal values (0.0 and -0.0 among them) keep their order, as ``sorted`` keeps it."""
    values = [v for v, _ in scores]
    decimals = [d for _, d in scores]
    codes = data.draw(st.lists(st.integers(0, len(scores) - 1))) if scores else []
    got = vector.by_value(pa, pc, codes, values, decimals)
    with arrow_paths(False):
        want = _by_value(codes, values, decimals)
    assert (list(got[0]), bits(got[1]), got[2]) == (list(want[0]), bits(want[1]), want[2])


# --- CSV lines laid in Arrow ------------------------------------------------------

_CELLS = st.one_of(
    st.none(),
    st.floats(allow_nan=False),
    st.sampled_from([0.0, -0.0, 100.0, 1e16, 1e-5, 1e-7, 2.5, 1e22, 123456789012345680000.0]),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 2)),
)
_RANKS = st.one_of(st.none(), st.integers(1, 10**6), st.sampled_from([1.5, 2.0, 7.5, 2**70]))
_NAMES = st.text(st.sampled_from('ab ,"\n\r\tŁ北'), max_size=5)


@example(
    [(1, False, -0.0, "", 1e16), (2.5, True, 1e-7, "19", None)], [(0, 'a"b', "c,d")], 0, ",", True
)
@example([(None, False, 100.0, "1", -0.0)], [(0, "x", "y"), (0, "z\n", "")], 1, "\t", True)
@example([(3, False, 0.5, "", 2.0)], [(0, "r\r", "")], 0, ",", False)
@example(
    [(2**70, False, 0.5, "", 2.0), (4, True, None, "", None)],
    [(0, "a", ""), (1, "b", "")],
    0,
    ",",
    False,
)
@given(
    st.lists(
        st.tuples(_RANKS, st.booleans(), _CELLS, st.text("19", max_size=2), _CELLS),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.tuples(st.integers(0, 7), _NAMES, _NAMES), max_size=30),
    st.integers(0, 30),
    st.sampled_from([",", "\t"]),
    st.booleans(),
)
def test_lines_laid_in_arrow_are_the_plain_lines(
    codes: list[tuple[Value, ...]],
    rows: list[tuple[int, str, str]],
    ordinal: int,
    delimiter: str,
    tail: bool,
) -> None:
    """Each code's cells (ranks, floats of every size, blanks, texts) and each row's city
    and other cells (delimiters, quotes, line breaks, a carriage return): the same text."""
    before = [code[:2] for code in codes]
    after = [code[2:] for code in codes]
    picked = [(c % len(codes), city, note) for c, city, note in rows]
    coded = CodedRows(
        [c for c, _, _ in picked],
        before,
        [city for _, city, _ in picked],
        after,
        ([note for _, _, note in picked],) if tail else (),
        min(ordinal, len(picked)),
    )
    number = Column("x", "x", kind="number")
    columns: tuple[Column, ...] = (RANK, TIED, CITY, number, Column("y", "y"))
    columns += (number._replace(name="z"), *([Column("note", "note")] if tail else []))
    view = View(columns, coded)
    written = []
    laid: list[bool] = []
    write_coded = delimited_arrow.write_coded

    def told(*given: Any) -> bool:
        laid.append(write_coded(*given))
        return laid[-1]

    delimited_arrow.write_coded = told  # type: ignore[assignment]
    try:
        for on in (False, True):
            out = io.StringIO()
            with arrow_paths(on):
                write_delimited(view, out, delimiter)
            written.append(out.getvalue())
    finally:
        delimited_arrow.write_coded = write_coded
    assert written[0] == written[1]
    held = "".join(city + (note if tail else "") for _, city, note in picked)
    assert laid == ["\r" not in held]  # else the plain lines


def test_floats_written_as_text_keep_their_sign() -> None:
    """A text column of floats is not formatted once per distinct value: 0.0 and -0.0 are
    equal but ``str`` writes them apart (hypothesis found it in test_perf_paths)."""
    view = View((Column("x", "x"),), [], "", "")
    formatter = _formatters(view)[0]
    column: list[Value] = [0.0, -0.0] * 3
    assert column_texts(formatter, column) == ["0.0", "-0.0"] * 3


# --- UTF-8 checked by Arrow ---------------------------------------------------------

_BYTES = st.lists(
    st.one_of(
        st.binary(max_size=3),
        st.sampled_from(
            [
                b"\xed\xa0\x80",
                b"\xed\x9f\xbf",
                b"\xc0\x80",
                b"\xc1\xbf",
                b"\xe0\x80\x80",
                b"\xe0\xa0\x80",
                b"\xf0\x8f\xbf\xbf",
                b"\xf0\x90\x80\x80",
                b"\xf4\x8f\xbf\xbf",
                b"\xf4\x90\x80\x80",
                b"\xf5\x80\x80\x80",
                b"\xe2\x82",
                b"\xef\xbb\xbf",
                b"ab,1\n",
            ]
        ),  # fmt: skip
    ),
    max_size=8,
).map(b"".join)


@given(_BYTES)
@example(b"city,score\nA\xed\xa0\x80,1\n")  # a surrogate, which Python's decoder refuses
def test_arrow_takes_as_utf8_what_python_decodes(data: bytes) -> None:
    """Arrow's reader is only given files that Python decodes as UTF-8 (the others go to
    the stdlib's reader, which says where a byte is wrong)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        decodes = False
    else:
        decodes = True
    assert arrow_reader._utf8(memoryview(data)) is decodes


# --- plain numbers read in Arrow ----------------------------------------------------

_PLAINISH = st.from_regex(r"[ \t\v]?[+-]{0,2}[0-9]{0,9}\.?\.?[0-9]{0,9}[ \n\f\r]?", fullmatch=True)


@given(
    st.lists(
        st.one_of(_PLAINISH, st.sampled_from(["", "-0", "+5", "5.", ".25", "1e3"])), max_size=30
    )
)
@example(["0.10", "0.1", "-0", "+5", " 88 ", "123456789012345", "1234567890123456"])
def test_plain_numbers_read_in_arrow_as_in_python(texts: list[str]) -> None:
    got = vector.plain_numbers(pa, pc, texts)
    want = parse_plain(texts)
    if want is None:
        assert got is None
        return
    assert got is not None
    assert (bits(got[0]), list(got[1])) == (bits(want[0]), want[1])
