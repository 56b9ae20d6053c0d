"""Markup formats show hostile data as text: real converters turn each format's output
of a hostile corpus into HTML with no tag, link or extra cell made from data (issue 14,
item 6). Fictional data."""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from cityrank.render.safe import visible
from conftest import Run, Write, invoke

# Names that mean something to some markup; none may become a tag, a link, an
# image, a template, emphasis or an extra cell.
CORPUS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](http://e/x.png)",
    "<http://evil>",
    "a|b\\|c",
    "&lt;b&gt;",
    "&#60;i&#62;",
    "*bold*",
    "**strong** __under__",
    "`code`",
    "{{template}}",
    "[[link]]",
    "[[Link|shown]]",
    "'''b''' ''i''",
    "||",
    "a!!b",
    "javascript:alert(1)",
    "http://e.example",
    "www.example.com",
    "mail me@example.com",
    "_u_ ~~s~~ ~t~ ^p^",
    '"t":http://e.example',
    "!i.png!",
    "[text|http://e.example]",
    "{color:red}r{color}",
    ":) (!) (y)",
    "$x$ \\(y\\)",
    "name_ |sub| [1]_",
    "`x <javascript:alert(1)>`_",
    ".. image:: http://e/x.png",
    ".. include:: /etc/passwd",
    "- item",
    "1. First",
    "A. Smith",
    "#. auto",
    "(c) (tm) -- ... -> 2 x 3 4x5",
    "-5 a-b -6- x -7 -8-9 y-",
    "{sys:echo pwned} {set:x:y}",
    "link:http://e.example[x] image:x.png[]",
    "pass:[<b>p</b>] +++<b>q</b>+++",
    "<<xref>> ((index))",
    "@@html:<b>h</b>@@",
    "__TOC__ ~~~~",
    "==notextile== %span%",
    "<!-- c --> <a href=x>a</a> &#x3C;s&#x3E; &nbsp;",
    "[x][1] [^1] ***t*** x<y>z",
    "x:: :role:`y` |z|_ [#]_ w__ __v",
    "• bullet",
    "(a) paren",
    "i. roman",
    ">>> doctest",
    "| line",
    "+ plus",
    "* star",
    "%{color:red}x% @code@ ??c?? ==x== <notextile>",
    "ABC(Full name) [1] fn1. p(x). y",
    "~~~~ ---- __NOTOC__ <ref>r</ref> {{!}} ISBN 0123456789",
    "{code}c{code} bq. q [~user] [^file] {{mono}} \\\\ (/)",
    "kbd:[x] footnote:[f] [[anchor]] #mark# `m` mailto:x@e.example[]",
    "http://e.example[text] {attr} ''' // c",
    "Saint-Denis",
    "St. Louis",
    "x_y_z",
    "back\\slash\\",
    "Esc\x1b[31mRed",
]
# A column name as hostile as the names.
HEADER = "<b>x</b>|[y](javascript:alert(1))"
COLUMNS = [
    "rank",
    "tied",
    "city",
    "score",
    "gap_to_leader",
    "gap_to_above",
    "percentile",
    "share_of_leader",
    HEADER,
]
# The elements a converter makes for a table itself.
TABLE_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup", "p", "div"}


def corpus_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["city", "score", HEADER])
    for i, name in enumerate(CORPUS):
        writer.writerow([name, 1000 - i, name])
    return out.getvalue()


class Page(HTMLParser):
    """An HTML page read into its elements and its table's rows of cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._link: dict[str, str | None] | None = None
        self._link_text: list[str] = []
        self.links: list[tuple[str | None, str]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self._link, self._link_text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link.get("href"), "".join(self._link_text)))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link_text.append(data)


# The converters: each takes a format's text and returns HTML.


def python_markdown(text: str) -> str:
    import markdown

    html: str = markdown.markdown(text, extensions=["tables"])
    return html


def github_cmark(text: str) -> str:
    """GitHub's own renderer, with raw HTML let through so that none can hide."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    html: str = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    return html


def docutils_html(text: str) -> str:
    from docutils.core import publish_parts

    settings = {"report_level": 1, "halt_level": 5, "warning_stream": io.StringIO()}
    body: str = publish_parts(text, writer="html5", settings_overrides=settings)["body"]
    return body


def python_textile(text: str) -> str:
    import textile

    html: str = textile.textile(text)
    return html


def python_asciidoc(text: str) -> str:
    from asciidoc.api import AsciiDocAPI

    api = AsciiDocAPI()
    api.options("--no-header-footer")
    out = io.StringIO()
    api.execute(io.StringIO(text), out, backend="html5")
    return out.getvalue()


def pandoc(reader: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        import pypandoc

        html: str = pypandoc.convert_text(text, "html", format=reader)
        return html

    convert.__name__ = f"pandoc_{reader}"
    return convert


def as_html(text: str) -> str:
    return text


pandoc_gfm = pandoc("gfm")
CONVERTERS: dict[str, list[Callable[[str], str]]] = {
    "markdown": [python_markdown, github_cmark, pandoc_gfm],
    "github": [python_markdown, github_cmark, pandoc_gfm],
    "pipe": [python_markdown, github_cmark, pandoc_gfm],
    "rst": [docutils_html, pandoc("rst")],
    "textile": [python_textile, pandoc("textile")],
    "mediawiki": [pandoc("mediawiki")],
    "asciidoc": [python_asciidoc, pandoc("asciidoc")],
    "jira": [pandoc("jira")],
    "html": [as_html],
}
# GitHub links an e-mail address in text (mailto: too) to itself, escaped or
# not: its autolinker joins the escapes back first. The one link a name may make.
LINKS_EMAILS = {github_cmark, pandoc_gfm}
# Textile wraps a word in capitals in <span class="caps"> for styling; the text stays.
CAPS_SPANS = {python_textile}
CASES = [(fmt, convert) for fmt, converters in CONVERTERS.items() for convert in converters]
IDS = [f"{fmt}-{convert.__name__}" for fmt, convert in CASES]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Page]:
    """``list --all-columns -f FMT`` of the corpus, converted: each pair made once."""
    path = tmp_path_factory.mktemp("markup") / "hostile.csv"
    path.write_text(corpus_csv(), encoding="utf-8", newline="")

    @functools.cache
    def page(fmt: str, convert: Callable[[str], str]) -> Page:
        args = ["list", str(path), "--all-columns", "-f", fmt]
        result = invoke(args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return Page(convert(result.stdout))

    return page


def harmful(page: Page, convert: Callable[[str], str]) -> list[str]:
    """What of ``page`` came from data as markup: elements beyond a table's, links, sources."""
    found = []
    for tag, attrs in page.elements:
        href = attrs.get("href") or ""
        if tag == "a" and convert in LINKS_EMAILS and attrs.keys() == {"href"}:
            address = href.removeprefix("mailto:")
            shown = [text.removeprefix("mailto:") for link, text in page.links if link == href]
            if href != address and address in shown:
                continue
        if tag == "span" and convert in CAPS_SPANS and attrs == {"class": "caps"}:
            continue
        if tag not in TABLE_TAGS:
            found.append(f"<{tag}>")
        found += [f"{tag} {name}=" for name in attrs if name in ("href", "src") or name[:2] == "on"]
    return found


@pytest.mark.parametrize(("fmt", "convert"), CASES, ids=IDS)
def test_no_tag_link_or_image_survives_conversion(
    converted: Callable[..., Page], fmt: str, convert: Callable[[str], str]
) -> None:
    page = converted(fmt, convert)
    assert harmful(page, convert) == []


@pytest.mark.parametrize(("fmt", "convert"), CASES, ids=IDS)
def test_every_row_keeps_its_cells(
    converted: Callable[..., Page], fmt: str, convert: Callable[[str], str]
) -> None:
    page = converted(fmt, convert)
    assert len(page.rows) == 1 + len(CORPUS)
    assert [len(row) for row in page.rows] == [len(COLUMNS)] * (1 + len(CORPUS))


@pytest.mark.parametrize(("fmt", "convert"), CASES, ids=IDS)
def test_each_cell_reads_as_the_data_after_conversion(
    converted: Callable[..., Page], fmt: str, convert: Callable[[str], str]
) -> None:
    page = converted(fmt, convert)
    assert page.rows[0] == COLUMNS
    expected = [" ".join(visible(name).split()) for name in CORPUS]
    assert [row[2] for row in page.rows[1:]] == expected
    assert [row[-1] for row in page.rows[1:]] == expected
    assert [row[3] for row in page.rows[1:]] == [str(1000 - i) for i in range(len(CORPUS))]


EDITIONS = (
    "city,score,year,note\n"
    "<img src=x onerror=alert(1)>,90,2019,[x](javascript:alert(1))\n"
    "a|b,80,2019,{{t}}\n"
    "Plain,70,2019,x\n"
    "<img src=x onerror=alert(1)>,85,2020,[x](javascript:alert(1))\n"
    "a|b,88,2020,{{t}}\n"
    "Plain,60,2020,x\n"
)
# validate lists the problems of a file, quoting what it found.
PROBLEMS = "city,score\n<img src=x onerror=alert(1)>,[x](javascript:alert(1))\na|b,{{t}}\n"
COMMANDS = [
    ["list", "--all-columns"],
    ["compare", "<img src=x onerror=alert(1)>", "a|b"],
    ["show", "a|b"],
    ["history", "a|b", "<img src=x onerror=alert(1)>"],
    ["movers", "--year", "2020"],
    ["stats"],
    ["validate"],
]


@pytest.mark.parametrize("fmt", [f for f in CONVERTERS if f != "html"])
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_escapes_its_table(
    cityrank: Run, write: Write, fmt: str, command: list[str]
) -> None:
    path = write("editions.csv", PROBLEMS if command[0] == "validate" else EDITIONS)
    result = cityrank(*command, "-d", str(path), "-f", fmt)
    assert result.exit_code == (1 if command[0] == "validate" else 0), result.stderr
    for convert in CONVERTERS[fmt]:
        page = Page(convert(result.stdout))
        assert harmful(page, convert) == [], convert.__name__
        assert len({len(row) for row in page.rows}) == 1, convert.__name__


@pytest.mark.parametrize(
    ("fmt", "minus"),
    [
        ("markdown", "-1.5"),
        ("github", "-1.5"),
        ("pipe", "-1.5"),
        ("rst", "\\-1.5"),  # "-1.5" alone in a cell is an option list to pandoc
        ("textile", "&#45;1.5"),  # and a dash to pandoc's Textile
        ("mediawiki", "-1.5"),
        ("asciidoc", "-1.5"),
        ("jira", "-1.5"),
    ],
)
def test_numbers_and_plain_words_are_written_as_they_are(
    cityrank: Run, write: Write, fmt: str, minus: str
) -> None:
    path = write("plain.csv", "city,score\nSaint-Denis,-1.5\nSão Paulo,2.25\n")
    out = cityrank("list", str(path), "-f", fmt).stdout
    for text in ("Saint-Denis", minus, "2.25", "São Paulo", "gap_to_leader", "share_of_leader"):
        assert text in out
    if fmt == "pipe":
        assert re.search(r"\|\s*-+:\s*\|", out)  # numbers still right-aligned


@pytest.mark.parametrize("fmt", ["moinmoin", "youtrack", "orgtbl"])
def test_formats_that_cannot_be_escaped_are_not_offered(cityrank: Run, fmt: str) -> None:
    result = cityrank("list", "-f", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert fmt in result.stderr and "markdown" in result.stderr and "mediawiki" in result.stderr
