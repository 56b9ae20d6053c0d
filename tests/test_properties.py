"""Hypothesis properties of the core: tie methods against scipy, ranking invariants,
the CSV round trip through the CLI, a loader that never crashes, and a table
renderer that never lets data drive the terminal.
"""

from __future__ import annotations

import csv
import io
import math
import re
import tempfile
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from cityrank import load, rank
from cityrank.core.lookup import city_key
from cityrank.core.ranking import rank_entries, rank_values
from cityrank.errors import CityRankError
from cityrank.model import TIE_METHODS, Entry, LoadOptions, RankedEntry, Table, TieMethod
from cityrank.numbers import format_number, parse_number
from cityrank.pipeline import parse_bytes
from cityrank.render.delimited import write_delimited
from cityrank.render.json import write_json
from cityrank.render.people import render_report
from cityrank.views.listing import list_view
from conftest import invoke

SCIPY_METHOD = {
    "competition": "min",
    "modified": "max",
    "dense": "dense",
    "ordinal": "ordinal",
    "fractional": "average",
}
TIES = st.sampled_from(TIE_METHODS)
FEW_SCORES = st.sampled_from([-3.0, 0.0, 1.0, 2.5, 88.0, 91.2, 99.82])
ANY_SCORE = st.floats(allow_nan=False, allow_infinity=False)

# Names that exercise quoting, line ends, bidi, controls, normal forms and scripts.
TRICKY = [
    '"',
    ",",
    ";",
    "|",
    "\t",
    "\n",
    "\r",
    "\r\n",
    " ",
    "\u00a0",
    "\x1b[31m",
    "\x07",
    "\x85",
    "\x9b",
    "\u061c",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "São Paulo",
    unicodedata.normalize("NFD", "São Paulo"),
    "北京",
    "深圳",
    "ＢＥＩＪＩＮＧ",
    "=SUM(A1)",
    "-5",
    "12.5",
    "[bold]x[/bold]",
    ":smile:",
]
CHARACTER = st.characters(codec="utf-8", exclude_characters="\x00")
CONTROL = st.sampled_from(
    [chr(c) for c in (*range(0x01, 0x20), *range(0x7F, 0xA0))]
    + [chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F))]
    + [chr(c) for c in (*range(0x2066, 0x206A), 0x2028, 0x2029)]
)
FRAGMENT = st.one_of(CHARACTER, CONTROL, st.sampled_from(TRICKY))
NAME = st.lists(FRAGMENT, min_size=1, max_size=6).map("".join)
CITY_NAME = NAME.filter(lambda name: name.strip() != "")


def score(ranked: RankedEntry) -> float:
    """A ranked city's score: every ranked city has one."""
    assert ranked.entry.score is not None
    return ranked.entry.score


def two_decimals(cents: int) -> str:
    return str(Decimal(cents).scaleb(-2))


def exact(text: str) -> str:
    """A Decimal as the shortest plain text, the way format_number should write it."""
    value = Decimal(text).normalize()
    return "0" if value == 0 else format(value, "f")


# --- 1. tie methods equal scipy.stats.rankdata --------------------------------


@settings(max_examples=100, deadline=None)
@given(
    scores=st.lists(FEW_SCORES, max_size=12) | st.lists(ANY_SCORE, max_size=12),
    ties=TIES,
    lower_is_better=st.booleans(),
)
@example(scores=[91.2, 99.82, 91.2, 88.0], ties="competition", lower_is_better=False)
@example(scores=[0.0, -0.0, 5e-324, -5e-324], ties="ordinal", lower_is_better=True)
def test_rank_values_equal_scipy(
    scores: list[float], ties: TieMethod, lower_is_better: bool
) -> None:
    from scipy.stats import rankdata  # a second of start-up: only in the tests that use it

    ranks = rank_values(scores, ties, lower_is_better)
    values = np.array(scores, dtype=float)
    expected = rankdata(values if lower_is_better else -values, method=SCIPY_METHOD[ties])
    assert [float(r) for r in ranks] == expected.tolist()
    # Ranks are whole numbers (ints) except for fractional ties, which are x.5.
    for r in ranks:
        assert isinstance(r, int) or (ties == "fractional" and not float(r).is_integer())


# --- 2. invariants of rank_entries ------------------------------------------------

# A score as its text: few distinct values (so many ties, including 91.2 == 91.20
# written with different decimals) or arbitrary ones with 0-2 decimals.
SCORE_TEXT = st.one_of(
    st.sampled_from(["99.82", "91.2", "91.20", "88", "88.00", "0", "0.0", "-1.5", "8.62"]),
    st.builds(
        lambda units, places: str(Decimal(units).scaleb(-places)),
        st.integers(-(10**9), 10**9),
        st.sampled_from([0, 1, 2]),
    ),
)


def make_entry(i: int, text: str | None) -> Entry:
    score, decimals = parse_number(text) if text is not None else (None, 0)
    return Entry(
        city=f"city {i}",
        key=f"city {i}",
        score=score,
        decimals=decimals,
        year=None,
        line=i + 2,
        file="made-up.csv",
    )


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(st.none() | SCORE_TEXT, max_size=12),
    ties=TIES,
    lower_is_better=st.booleans(),
)
def test_rank_entries_invariants(
    texts: list[str | None], ties: TieMethod, lower_is_better: bool
) -> None:
    entries = [make_entry(i, t) for i, t in enumerate(texts)]
    text_of = {e.city: t for e, t in zip(entries, texts, strict=True)}
    ranking = rank_entries(entries, ties, lower_is_better)

    # Unranked entries (no score) come last, in input order; every scored one is ranked.
    assert ranking.unranked == tuple(e for e in entries if e.score is None)
    scored = [e for e in entries if e.score is not None]
    ranked = ranking.ranked
    assert sorted(r.entry.line for r in ranked) == [e.line for e in scored]
    assert ranking.size == len(entries)
    if not ranked:
        return
    n = len(ranked)

    # Best first; equal scores keep input order; ranks never go down the list.
    sign = 1 if lower_is_better else -1
    keys = [(sign * score(r), r.entry.line) for r in ranked]
    assert keys == sorted(keys)
    ranks = [r.rank for r in ranked]
    assert ranks == sorted(ranks)

    # The same ranks as scipy on the scores.
    from scipy.stats import rankdata

    values = np.array([r.entry.score for r in ranked], dtype=float)
    expected = rankdata(values if lower_is_better else -values, method=SCIPY_METHOD[ties])
    assert [float(r) for r in ranks] == expected.tolist()

    # The leader(s).
    leader = ranked[0]
    leaders = sum(1 for r in ranked if r.entry.score == leader.entry.score)
    leader_rank = {
        "competition": 1,
        "dense": 1,
        "ordinal": 1,
        "modified": leaders,
        "fractional": (1 + leaders) / 2,
    }[ties]
    assert leader.rank == leader_rank
    assert leader.gap_to_leader == 0
    assert format_number(leader.gap_to_leader) == "0"

    leader_text = text_of[leader.entry.city]
    assert leader_text is not None
    previous_score: str | None = None  # text of the nearest better distinct score
    group_score: str | None = None
    for r in ranked:
        text = text_of[r.entry.city]
        assert text is not None
        same = [x for x in ranked if x.entry.score == r.entry.score]
        assert r.tied == (len(same) > 1)

        # Gaps are never negative and exact: Decimal arithmetic as the oracle.
        assert r.gap_to_leader >= 0
        assert format_number(r.gap_to_leader) == exact(
            str(abs(Decimal(leader_text) - Decimal(text)))
        )
        if group_score is None or Decimal(group_score) != Decimal(text):
            previous_score, group_score = group_score, text
        if previous_score is None:
            assert r.gap_to_above is None
        else:
            assert r.gap_to_above is not None and r.gap_to_above > 0
            assert format_number(r.gap_to_above) == exact(
                str(abs(Decimal(previous_score) - Decimal(text)))
            )

        # Percentile: the share of the other ranked cities strictly beaten, 0-100, 2 decimals.
        beaten = sum(
            1 for x in ranked if (score(x) > score(r) if lower_is_better else score(x) < score(r))
        )
        assert 0 <= r.percentile <= 100
        assert round(r.percentile, 2) == r.percentile
        if n == 1:
            assert r.percentile == 100
        else:
            assert abs(Fraction(r.percentile) - Fraction(100 * beaten, n - 1)) <= Fraction(1, 200)

        # Share of the leader: the leader is 100 %, the others less, in both
        # directions; only of positive scores.
        mine, best = Fraction(Decimal(text)), Fraction(Decimal(leader_text))
        if best <= 0 or (lower_is_better and mine <= 0):
            assert r.share_of_leader is None
        else:
            share = (best / mine if lower_is_better else mine / best) * 100
            assert share <= 100
            assert r.share_of_leader is not None
            assert abs(Fraction(r.share_of_leader) - share) <= Fraction(1, 200) + abs(
                share
            ) * Fraction(1, 10**12)

    if n > 1 and leaders == 1:
        assert leader.percentile == 100
    if Decimal(leader_text) > 0:
        assert leader.share_of_leader == 100


# --- 3. CSV out of `list` reads back in -----------------------------------------

CITY_ROWS = st.lists(
    st.tuples(CITY_NAME, st.integers(-(10**7), 10**7) | st.sampled_from([0, 8800, 9120, 9982])),
    min_size=1,
    max_size=8,
    unique_by=lambda row: city_key(row[0]),
)


def ranked_rows(path: Path) -> list[tuple[object, ...]]:
    ranking = rank(load(path))
    return [(r.entry.city, r.entry.score, r.rank, r.tied) for r in ranking.ranked]


@settings(max_examples=30, deadline=None)
@given(rows=CITY_ROWS)
@example(rows=[("Beijing", 9982), ("Shenzhen", 9120), ("Shanghai", 8800)])
@example(rows=[("a\rb", 100), ("c", 200)])
def test_list_csv_reads_back(rows: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "made-up scores.csv"
        with source.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow(["city", "score"])
            writer.writerows((name, two_decimals(cents)) for name, cents in rows)

        # The loader keeps names exactly as written.
        table = load(source)
        assert [e.city for e in table.entries] == [name for name, _ in rows]
        assert [e.score for e in table.entries] == [float(two_decimals(c)) for _, c in rows]

        result = invoke(["list", str(source), "-f", "csv"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        out = result.stdout_bytes
        assert not out.startswith(b"\xef\xbb\xbf")
        assert out.endswith(b"\n") and not out.endswith(b"\r\n")

        again = Path(tmp) / "out.csv"
        again.write_bytes(out)
        assert ranked_rows(again) == ranked_rows(source)


# --- 4. the loader never crashes ------------------------------------------------


def parse_or_refuse(data: bytes) -> None:
    """parse_bytes returns a Table or raises CityRankError; anything else is a bug."""
    try:
        table = parse_bytes(data, "x.csv", LoadOptions())
    except CityRankError:
        return
    assert isinstance(table, Table)


CELL = st.one_of(
    st.sampled_from(
        [
            "city",
            "score",
            "name",
            "total",
            "year",
            "aliases",
            "rank",
            "",
            " ",
            '"',
            '""',
            "北京",
            "Beijing",
            "95%",
            "1,234.5",
            "1e3",
            "1e-400",
            "1e-99999999999999999999",
            "1e400",
            "nan",
            "-",
            "2020",
            "北京|Peking",
            "\ufeff",
        ]
    ),
    st.from_regex(r"[+-]?\d{0,4}(\.\d{0,3})?([eE][+-]?\d{1,25})?%?", fullmatch=True),
    st.text(max_size=4),
)
CSV_LIKE = st.builds(
    lambda rows, delimiter, newline: newline.join(delimiter.join(r) for r in rows),
    st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=6),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
ENCODED = st.builds(
    lambda text, encode: encode(text),
    CSV_LIKE,
    st.sampled_from(
        [
            lambda t: t.encode("utf-8"),
            lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
            lambda t: t.encode("utf-16"),
            lambda t: t.encode("utf-16-le"),
            lambda t: t.encode("utf-8", "surrogatepass")[:-1],
        ]
    ),
)


@settings(max_examples=100, deadline=None)
@given(text=st.text())
def test_loader_never_crashes_on_text(text: str) -> None:
    parse_or_refuse(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(data=st.binary())
@example(data=b"\xff\xfe" + b"\x00\xd8")  # UTF-16 BOM, then a lone surrogate
@example(data=b"\xfe\xff")
def test_loader_never_crashes_on_bytes(data: bytes) -> None:
    parse_or_refuse(data)


@settings(max_examples=100, deadline=None)
@given(data=ENCODED)
@example(data=b"city,score\nBeijing,1e-99999999999999999999\n")
def test_loader_never_crashes_on_csv_like_input(data: bytes) -> None:
    parse_or_refuse(data)


@settings(max_examples=50, deadline=None)
@given(data=ENCODED)
@example(data=b"city,score\na,1e308\nb,-1e308\n")
def test_whatever_loads_ranks_and_renders(data: bytes) -> None:
    """Anything the loader accepts ranks and renders without an exception or a non-number."""
    try:
        table = parse_bytes(data, "x.csv", LoadOptions())
    except CityRankError:
        return
    report = list_view(rank(table), all_columns=True)
    for row in report.data.rows:
        for value in row:
            assert not isinstance(value, float) or math.isfinite(value), row
    out = io.StringIO()
    write_delimited(report.data, out)
    write_json(report, out)


# --- 5. the Rich table shows data as text ---------------------------------------

# What must never reach a terminal from data: C0 controls (but the newlines Rich
# itself writes between lines), DEL, C1 controls, bidi marks/embeddings/overrides/
# isolates and the Unicode line and paragraph separators.
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def render_list(entries: list[Entry], source: str) -> str:
    table = Table.of_entries(entries, source=source, city_column="city", score_column="score")
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(render_report(list_view(rank(table))))
    return out.getvalue()


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(NAME, min_size=1, max_size=6),
    scores=st.lists(st.none() | FEW_SCORES, min_size=6, max_size=6),
    source=NAME,
)
def test_table_never_emits_controls_or_bidi(
    names: list[str], scores: list[float | None], source: str
) -> None:
    entries = [
        Entry(name, city_key(name), score, 2, None, i + 2, source)
        for i, (name, score) in enumerate(zip(names, scores, strict=False))
    ]
    output = render_list(entries, source)
    assert UNSAFE.findall(output) == []


def test_table_shows_markup_and_escapes_literally() -> None:
    names = ["[bold]X[/bold]", "[red]Y", ":smile:", "E\x1b[31mvil", "Ab\u202ecd"]
    entries = [
        Entry(name, city_key(name), 90.0 - i, 0, None, i + 2, "made-up.csv")
        for i, name in enumerate(names)
    ]
    output = render_list(entries, "made-up.csv")
    assert "[bold]X[/bold]" in output
    assert "[red]Y" in output
    assert ":smile:" in output
    assert "E\\x1b[31mvil" in output
    assert "Ab\\u202ecd" in output
    assert "\x1b" not in output and "\u202e" not in output


def test_cli_table_escapes_names(tmp_path: Path) -> None:
    source = tmp_path / "made-up.csv"
    source.write_text(
        'city,score\n"[bold]X[/bold]",2\n"E\x1b[31mvil",1\n"Ab\u202ecd",3\n',
        encoding="utf-8",
        newline="",
    )
    result = invoke(["list", str(source), "-f", "table"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "[bold]X[/bold]" in result.stdout
    assert "E\\x1b[31mvil" in result.stdout and "Ab\\u202ecd" in result.stdout
    assert UNSAFE.findall(result.stdout) == []


# --- extras: formatting round trip, key invariance ----------------------------


@settings(max_examples=100, deadline=None)
@given(x=st.floats(min_value=-1e100, max_value=1e100))
@example(x=1e-7)
@example(x=1e20)
@example(x=-0.0)
def test_format_number_reads_back(x: float) -> None:
    text = format_number(x)
    assert "e" not in text.lower()
    assert parse_number(text)[0] == x


@settings(max_examples=75, deadline=None)
@given(name=NAME)
def test_city_key_ignores_normal_form(name: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name)
    assert city_key(nfc) == city_key(nfd)


# ASCII names with an "a" to put an accent on.
ASCII_NAME = st.text(
    alphabet=st.characters(codec="ascii", exclude_characters="\x00"), max_size=8
).map(lambda s: "a" + s)


@settings(max_examples=100, deadline=None)
@given(name=ASCII_NAME)
@example(name="Sao\nPaulo")
def test_city_key_ignores_latin_accents(name: str) -> None:
    accented = name.replace("a", "á").replace("e", "é")
    assert city_key(accented) == city_key(name)
