"""``cityrank report``: one self-contained HTML page, read back with a strict HTML5 parser.

Every file here but the bundled sample is fictional: made-up cities, made-up scores.
The page in a real browser is tested in tests/test_report_browser.py.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import html5lib
import pytest

from cityrank.numbers import format_number
from cityrank.render.report.ranked import CHUNK
from conftest import Run, Write

# Two editions of fictional cities: Alpha passes Bravo for #1, Delta is new, Echo drops out.
EDITIONS = (
    "city,score,year,rd,industry,aliases\n"
    "Bravo,90,2019,9,8,\n"
    "Alpha,85,2019,7,9,Alfa\n"
    "Charlie,70,2019,5,4,\n"
    "Echo,60,2019,2,2,\n"
    "Alpha,95.5,2020,9,9,Alfa\n"
    "Bravo,88.25,2020,8,7,\n"
    "Charlie,70,2020,4,6,\n"
    "Delta,65,2020,3,3,\n"
)
# Names that mean something to HTML, to a terminal or to a template.
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "</style></table><b>bold</b>",
    "javascript:alert(4)",
    "&amp; &lt;i&gt; &#60;",
    "$title ${csp} {{7*7}}",
    "<!-- open",
    "]]><![CDATA[x",
    "Esc\x1b[31mRed\x07",
    "Right\u202eto\u2066left",
]


def parse(text: str) -> ET.Element:
    """The page as a strict HTML5 parser reads it: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)  # type: ignore[no-any-return]


def page(cityrank: Run, *args: str, warned: bool = False) -> str:
    """``cityrank report ARGS``'s page; standard error is empty unless ``warned``."""
    result = cityrank("report", *args)
    assert result.exit_code == 0, result.output
    assert (result.stderr != "") == warned, result.stderr
    return result.stdout


def text_of(element: ET.Element | None) -> str:
    """The text of an element ``find`` found (a missing one fails the test)."""
    assert element is not None
    return "".join(element.itertext())


def table_rows(root: ET.Element) -> list[list[str]]:
    """The ranked table's body rows (every chunk), as the cells' texts."""
    section = root.find(".//section[@id='Ranking']")
    assert section is not None
    return [[text_of(c) for c in tr] for tr in section.iter("tr") if tr.find("td") is not None]


SVG = "{http://www.w3.org/2000/svg}"


def cards_data(root: ET.Element) -> dict[str, Any]:
    """The page's cards, the JSON block the page's script draws them from."""
    block = root.find(".//script[@id='Cards']")
    assert block is not None and block.get("type") == "application/json"
    return json.loads(block.text or "")  # type: ignore[no-any-return]


def card_of(data: dict[str, Any], i: int) -> dict[str, Any]:
    """Card ``i`` as its reader sees it: heading, lines (label → text), notes and tables."""

    def value(field: Any) -> Any:
        if field is None or isinstance(field, str):
            return field
        v = field[i]
        return data["pool"][v] if isinstance(v, int) else v

    def name(j: int) -> str:
        v = data["cities"] if isinstance(data["cities"], str) else data["cities"][j]
        return data["pool"][v] if isinstance(v, int) else v

    lines = {}
    for line in data["lines"]:
        said = value(line["values"])
        if said is not None:
            ref = line.get("refs", [None] * (i + 1))[i]
            label = line["label"] if ref is None else line["label"].replace("{}", name(ref))
            lines[label] = said
    hood = data["hood"]
    near = range(i - hood["back"][i], i + hood["ahead"][i])
    tables = {
        sheet["title"]: [
            [c if isinstance(c, str) else value(c["each"]) for c in row] for row in sheet["rows"]
        ]
        for sheet in data["sheets"]
    }
    return {
        "heading": f"{name(i)} · {data['title']}",
        "lines": lines,
        "notes": [n for n in (value(note["each"]) for note in data["notes"]) if n is not None],
        "neighbours": [name(j) for j in near],
        "tables": tables,
    }


def charts(root: ET.Element) -> list[ET.Element]:
    """The page's charts, in order."""
    return list(root.iter(f"{SVG}svg"))


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_sample_page_has_the_headline_the_table_a_chart_and_cards(cityrank: Run) -> None:
    text = page(cityrank)
    assert text.startswith("<!DOCTYPE html>\n") and text.endswith("</html>\n")
    root = parse(text)
    assert text_of(root.find(".//p[@class='headline']")) == "Beijing leads Shenzhen by 8.62 points."
    assert text_of(root.find(".//h1")).endswith(" · 2020")
    about = text_of(root.find(".//dl[@class='about']"))
    assert "competition (1224)" in about and "Finance China" in about
    assert [row[:3] for row in table_rows(root)] == [
        ["1", "Beijing", "99.82"],
        ["2", "Shenzhen", "91.2"],
        ["3", "Shanghai", "88"],
    ]
    assert len(charts(root)) == 1
    rows = [tr.get("id") for tr in root.iter("tr") if tr.get("data-key")]
    assert rows == ["beijing", "shenzhen", "shanghai"]  # each the target of its city's card
    data = cards_data(root)
    assert data["shown"] == 3
    shenzhen = card_of(data, 1)
    assert shenzhen["lines"]["Gap to Beijing"] == "8.62"
    assert shenzhen["lines"]["Lead over Shanghai"] == "3.2"
    assert shenzhen["neighbours"] == ["Beijing", "Shenzhen", "Shanghai"]


def test_the_table_is_what_list_gives(cityrank: Run, write: Write) -> None:
    data = str(write("editions.csv", EDITIONS))
    root = parse(page(cityrank, data, "--all-columns"))
    listed = json.loads(cityrank("list", data, "--all-columns", "-f", "json").stdout)
    rows = table_rows(root)
    assert [row[1] for row in rows] == [item["city"] for item in listed]
    assert [row[2] for row in rows] == [str(item["score"]) for item in listed]
    labels = [text_of(th) for th in root.iter("th") if th.get("scope") == "col"][:10]
    assert labels[:5] == ["#", "City", "Score", "Change", "Gap to #1"]
    assert "rd" in labels and "industry" in labels


def test_columns_cut_the_table_as_they_cut_list_s(cityrank: Run, write: Write) -> None:
    data = str(write("editions.csv", EDITIONS))
    root = parse(page(cityrank, data, "--columns", "city,rank,percentile"))
    head = root.find(".//table[@id='Table']/thead")
    assert head is not None
    assert [text_of(th) for th in head.iter("th")] == ["City", "#", "Percentile"]
    assert table_rows(root)[0] == ["Alpha", "1", "100"]


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_any_other_format_is_what_list_writes(cityrank: Run, write: Write, fmt: str) -> None:
    data = str(write("editions.csv", EDITIONS))
    listed = cityrank("list", data, "--top", "2", "-f", fmt)
    reported = cityrank("report", data, "--top", "2", "-f", fmt)
    assert reported.stdout == listed.stdout


def test_editions_say_who_overtook_whom_and_who_moved(cityrank: Run, write: Write) -> None:
    data = str(write("editions.csv", EDITIONS))
    root = parse(page(cityrank, data))
    headline = text_of(root.find(".//p[@class='headline']"))
    assert headline == "Alpha overtook Bravo to rank #1 and leads it by 7.25 points."
    movers = [text_of(li) for li in root.findall(".//section[@id='Movers']//li")]
    assert movers == [
        "2019 → 2020: 1 city moved up, 1 down and 1 kept their rank; 1 new, 1 no longer ranked.",
        "Alpha rose 1 place, from #2 to #1 (score +10.5).",
        "Bravo fell 1 place, from #1 to #2 (score -1.75).",
        "New in 2020: Delta (#4).",
        "Ranked in 2019, not in 2020: Echo (#4).",
        "Alpha overtook Bravo: #2 in 2019 → #1 in 2020.",
    ]
    changes = [row[3] for row in table_rows(root)]
    assert changes == ["▲1", "▼1", "=", "new"]
    bump = charts(root)[1]
    assert "Alpha: 2019 #2, 2020 #1" in text_of(bump)


def test_a_leader_who_stays_is_said_to_lead(cityrank: Run, write: Write) -> None:
    data = str(
        write(
            "same.csv",
            "city,score,year\nAlpha,9,2019\nBravo,8,2019\nAlpha,9,2020\nBravo,7.5,2020\n",
        )
    )
    headline = text_of(parse(page(cityrank, data)).find(".//p[@class='headline']"))
    assert headline == "Alpha leads Bravo by 1.5 points, #1 in 2019 too."


def test_a_tie_at_the_top_is_shared(cityrank: Run, write: Write) -> None:
    data = str(write("tie.csv", "city,score\nAlpha,9\nBravo,9\nCharlie,1\n"))
    headline = text_of(parse(page(cityrank, data)).find(".//p[@class='headline']"))
    assert headline == "Alpha and Bravo share #1, with 9."


def test_a_composite_shows_its_spec_and_each_score_by_indicator(
    cityrank: Run, write: Write
) -> None:
    data = str(write("editions.csv", EDITIONS))
    root = parse(page(cityrank, data, "--weights", "rd=0.6,industry=0.4", "--year", "2020"))
    about = text_of(root.find(".//dl[@class='about']"))
    assert "composite of rd × 0.6, industry × 0.4; minmax normalisation" in about
    stack = charts(root)[-1]
    tips = [text_of(t) for t in stack.iter(f"{SVG}title")]
    assert "Alpha · rd: 60 points" in tips and "Alpha · industry: 40 points" in tips
    alpha = card_of(cards_data(root), 0)
    assert alpha["tables"]["Composite score, indicator by indicator"][0][:5] == [
        "rd",
        "9",
        "100",
        "0.6",
        "60",
    ]


def test_robustness_adds_the_rank_intervals(cityrank: Run, write: Write) -> None:
    pytest.importorskip("numpy")
    data = str(write("editions.csv", EDITIONS))
    args = ["--weights", "rd=0.6,industry=0.4", "--robustness", "--samples", "50", "--seed", "1"]
    root = parse(page(cityrank, data, *args))
    spread = charts(root)[-1]
    assert text_of(spread.find(f"{SVG}title")).startswith("Robustness · ")
    assert len(spread.findall(f"{SVG}g")) == 4  # every ranked city of 2020


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--robustness"], "--robustness applies to a composite index"),
        (["--samples", "50"], "--samples and --seed apply with --robustness"),
        (["--seed", "1"], "--samples and --seed apply with --robustness"),
        (["--weights", "rd=1", "--robustness", "--samples", "0"], "--samples 0"),
    ],
)
def test_robustness_options_out_of_place_are_usage_errors(
    cityrank: Run, write: Write, args: list[str], message: str
) -> None:
    data = str(write("editions.csv", EDITIONS))
    result = cityrank("report", data, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("cityrank: error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_is_text_everywhere(cityrank: Run, write: Write, name: str) -> None:
    cell = '"' + name.replace('"', '""') + '"'
    data = str(write("hostile.csv", f"city,score,note\n{cell},9,{cell}\nPlain,8,x\n"))
    text = page(cityrank, data, "--all-columns")
    root = parse(text)
    scripts = [e.get("type") for e in root.iter("script")]
    assert scripts == ["application/json", None]  # the cards' data, and the page's own script
    assert not [e for e in root.iter() if e.tag in ("img", "b", "iframe", "object", "embed")]
    assert not [a for e in root.iter() for a in e.attrib if a.startswith("on")]
    assert len(root.findall(".//style")) == 1
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    shown = name.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    shown = shown.replace("\u202e", "\\u202e").replace("\u2066", "\\u2066")
    assert table_rows(root)[0][1] == shown
    block = root.find(".//script[@id='Cards']")
    assert block is not None and "<" not in (block.text or "") and "&" not in (block.text or "")
    assert card_of(cards_data(root), 0)["heading"].startswith(shown + " · ")


def test_the_page_asks_for_nothing_and_allows_only_its_own_style_and_script(
    cityrank: Run, write: Write
) -> None:
    data = str(write("editions.csv", EDITIONS))
    root = parse(page(cityrank, data, "--weights", "rd=1,industry=1"))
    fetching = ("link", "img", "iframe", "object", "embed", "base", "form", "audio", "video")
    assert not [e.tag for e in root.iter() if e.tag in fetching]
    assert not [e.tag for e in root.iter() if e.get("src") is not None]
    assert {e.get("href", "#")[0] for e in root.iter()} == {"#"}
    csp = next(m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy")
    policy = csp.get("content", "")
    style = root.find(".//style")
    script = next(s for s in root.iter("script") if s.get("type") is None)
    assert style is not None and script is not None
    assert policy.startswith("default-src 'none'; ")
    assert f"style-src {sha256(style.text or '')};" in policy
    assert f"script-src {sha256(script.text or '')};" in policy
    assert root.find(".//head/meta[@name='viewport']") is not None


def test_max_rows_cuts_the_table_and_says_how_many_were_left_out(
    cityrank: Run, write: Write
) -> None:
    data = str(write("many.csv", "city,score\n" + "".join(f"C{i},{i}\n" for i in range(30))))
    root = parse(page(cityrank, data, "--max-rows", "10"))
    assert len(table_rows(root)) == 10
    more = text_of(root.find(".//p[@class='more']"))
    assert more == "10 rows shown; 20 more left out (--max-rows 10): cityrank list gives every row."
    rows = [tr for tr in root.iter("tr") if tr.get("data-key")]
    assert [tr.get("id") for tr in rows] == [f"c{i}" for i in range(29, 19, -1)]
    cards = cards_data(root)
    assert cards["shown"] == 10  # a card for every row; the last names its neighbours below
    assert card_of(cards, 9)["neighbours"] == ["C22", "C21", "C20", "C19", "C18"]
    assert card_of(cards, 9)["lines"]["Lead over C19"] == "1"


def test_rows_come_in_chunks_with_one_header(cityrank: Run, write: Write) -> None:
    rows = CHUNK * 2 + 5
    data = str(write("many.csv", "city,score\n" + "".join(f"C{i},{i}\n" for i in range(rows))))
    root = parse(page(cityrank, data))
    tables = root.findall(".//section[@id='Ranking']//table")
    assert [len(t.findall(".//tbody/tr")) for t in tables] == [CHUNK, CHUNK, 5]
    assert [t.find("thead") is not None for t in tables] == [True, False, False]
    assert tables[0].get("id") == "Table"
    assert len(table_rows(root)) == rows


def test_each_row_carries_every_key_its_city_answers_to(cityrank: Run, write: Write) -> None:
    data = str(write("keys.csv", "city,score,aliases\nSão Paulo,9,Sampa|SP\nZürich,8,\n"))
    root = parse(page(cityrank, data))
    rows = [tr for tr in root.iter("tr") if tr.get("data-key")]
    assert [tr.get("data-key") for tr in rows] == ["sao paulo\nsampa\nsp", "zurich"]
    assert [tr.get("id") for tr in rows] == ["sao-paulo", "zurich"]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--top", "2"],
        ["--year", "2019"],
        ["--ties", "ordinal"],
        ["--year", "2019", "--compare-to", "2020"],
    ],
)
def test_each_row_s_keys_are_its_own_city_s(cityrank: Run, write: Write, args: list[str]) -> None:
    """Ties at the cut of --top, unranked rows and other editions: keys stay with their rows."""
    rows = EDITIONS + "Foxtrot,88.25,2020,1,1,\nGolf,,2020,1,1,\nHotel,,2019,1,1,\n"
    data = str(write("editions.csv", rows))
    root = parse(page(cityrank, data, *args, warned=True))
    ranked = [tr for tr in root.iter("tr") if tr.get("data-key")]
    listed = json.loads(cityrank("list", data, *args, "-f", "json").stdout)
    assert [text_of(tr.find("th")).lower() for tr in ranked] == [
        item["city"].lower() for item in listed
    ]
    assert [tr.get("data-key", "").split("\n")[0] for tr in ranked] == [
        item["city"].lower() for item in listed
    ]


def test_o_writes_the_file_and_never_an_input(cityrank: Run, write: Write, tmp_path: Path) -> None:
    data = write("editions.csv", EDITIONS)
    out = tmp_path / "ranking.html"
    result = cityrank("report", str(data), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == page(cityrank, str(data))
    refused = cityrank("report", str(data), "-o", str(data))
    assert refused.exit_code == 2
    assert "is an input file" in refused.stderr
    assert data.read_text(encoding="utf-8") == EDITIONS


def test_both_readers_write_the_same_page(cityrank: Run, write: Write) -> None:
    data = str(write("editions.csv", EDITIONS))
    args = ["report", data, "--weights", "rd=1,industry=1"]
    python = cityrank(*args, env={"CITYRANK_ENGINE": "python"})
    arrow = cityrank(*args, env={"CITYRANK_ENGINE": "arrow"})
    assert python.stdout == arrow.stdout


def test_other_commands_write_a_page_with_f_report(cityrank: Run) -> None:
    chart = parse(cityrank("chart", "-f", "report").stdout)
    assert "99.82" in text_of(charts(chart)[0])
    stats = parse(cityrank("stats", "-f", "report").stdout)
    assert stats.find(".//table") is not None


def test_ten_thousand_cities_make_a_page_under_five_megabytes(cityrank: Run, write: Write) -> None:
    """Two editions, so the table has its movement column (fictional names and scores)."""
    lines = ["city,score,year"]
    for year, shift in (("2019", 3), ("2020", 0)):
        lines += [f"Town {i:05d},{(i * 37 + shift) % 1000 / 10},{year}" for i in range(10_000)]
    data = str(write("big.csv", "\n".join(lines) + "\n"))
    text = page(cityrank, data)
    assert len(text.encode("utf-8")) < 5_000_000
    rows = io.StringIO(cityrank("list", data, "-f", "csv").stdout)
    assert text.count("<tr data-key=") == len(list(csv.reader(rows))) - 1 == 10_000


# Fictional: Bravo and Charlie tie at #=2; Golf has no score.
TIES = (
    "city,score,rd,industry\n"
    "Alpha,95.5,9,9\nBravo,88.25,8,7\nCharlie,88.25,4,6\nDelta,65,3,3\nEcho,60,2,2\n"
    "Foxtrot,59.5,1,1\nGolf,,1,1\n"
)


def _said(value: object, kind: str = "number") -> str:
    """How a card prints a number of ``show -f json``."""
    assert isinstance(value, int | float)
    text = f"{value:,}" if kind == "int" else format_number(value)
    return text + " %" if kind == "percent" else text


@pytest.mark.parametrize(
    ("args", "city"),
    [
        ([], "Bravo"),  # tied
        ([], "Alpha"),  # the leader
        ([], "Foxtrot"),  # the last ranked
        (["--weights", "rd=0.6,industry=0.4"], "Charlie"),  # a composite
        (["--weights", "rd=0.6,industry=0.4"], "Delta"),
        (["--max-rows", "2"], "Bravo"),  # at the cut: its neighbours are below it
    ],
)
def test_a_card_says_what_show_says(
    cityrank: Run, write: Write, args: list[str], city: str
) -> None:
    data = str(write("ties.csv", TIES))
    ranking = [a for a in args if a != "--max-rows" and not a.isdigit()]
    shown = json.loads(cityrank("show", city, "-d", data, *ranking, "-f", "json").stdout)
    made = cityrank("report", data, *args)
    assert made.exit_code == 0
    root = parse(made.stdout)
    cards = cards_data(root)
    i = [tr.get("id") for tr in root.iter("tr") if tr.get("data-key")].index(city.lower())
    card = card_of(cards, i)
    lines = card["lines"]
    rank = f"{'=' if shown['tied'] else ''}{format_number(shown['rank'])}"
    assert lines["Rank"] == rank and lines["Of"] == _said(shown["of"], "int")
    assert lines["Score"] == _said(shown["score"])
    assert lines["Share of #1"] == _said(shown["share_of_leader"], "percent")
    assert lines["Gap to #1"] == _said(shown["gap_to_leader"])
    assert lines["Percentile"] == _said(shown["percentile"])
    assert lines["z-score"] == _said(shown["z_score"])
    if shown["above_city"]:
        assert lines[f"Gap to {shown['above_city']}"] == _said(shown["gap_to_above"])
    if shown["below_city"]:
        assert lines[f"Lead over {shown['below_city']}"] == _said(shown["lead_over_below"])
    assert lines.get("Tied with") == (", ".join(shown["tied_with"]) or None)
    assert card["neighbours"] == [n["city"] for n in shown["neighbours"]]
    other = {row[0]: row[1:] for row in card["tables"]["Other columns"]}
    assert other["rd"] == [str(shown["rd"]), format_number(shown["rd_rank"])]
    if "--weights" in args:
        parts = card["tables"]["Composite score, indicator by indicator"]
        assert [row[4] for row in parts] == [
            _said(shown["rd_contribution"]),
            _said(shown["industry_contribution"]),
        ]
        assert [row[6] for row in parts] == [
            format_number(shown["rd_indicator_rank"]),
            format_number(shown["industry_indicator_rank"]),
        ]
        assert card["notes"][0].startswith("Strongest indicator: ")


def test_an_unranked_city_has_a_card_that_says_so(cityrank: Run, write: Write) -> None:
    data = str(write("ties.csv", TIES))
    root = parse(page(cityrank, data, warned=True))
    golf = card_of(cards_data(root), 6)
    assert golf["lines"] == {"Rank": "unranked — no score"}
    assert golf["neighbours"] == []
    assert len(golf["notes"]) == 1 and golf["notes"][0].startswith("Golf has no score in ")
