"""The ``report`` format: one self-contained HTML page, with its styles, script and charts inline.

The skeleton, stylesheet, script and search box are package data (``page.html``,
``page.css``, ``page.js``, ``search.html``); the skeleton is filled in with
``string.Template``. The standard library is all a page of escaped fragments
needs: a template engine would be a dependency to install and start, and a
second escaping rule to trust. The rows and charts are made here, fragment by
fragment, each text through ``render.report.text.esc``. The Content-Security-Policy
allows only this stylesheet and this script, by their SHA-256 hashes, and no
request of any kind.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files
from string import Template
from typing import TYPE_CHECKING, TextIO

from cityrank.core.lookup import keys_of
from cityrank.render.report.cards import cards_json
from cityrank.render.report.html import paragraphs, view_table
from cityrank.render.report.ranked import ranked_table
from cityrank.render.report.svg import bar_chart, bump_chart, spread_chart, stack_chart
from cityrank.render.report.text import esc
from cityrank.views.base import Bars, Cell, Charts, Report, View
from cityrank.views.report.page import Header, Page

if TYPE_CHECKING:
    from cityrank.render import WriteOptions


@cache
def asset(name: str) -> str:
    """A file of the page (``page.html``, ``page.css``, ``page.js``, ``search.html``), as text."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(style: str, script: str) -> str:
    """The Content-Security-Policy: nothing loaded, but the page's own style and script."""
    return (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: ``cityrank report``'s page, or any other report as a page of its
    tables, sentences and chart."""
    page = report.document
    out.write(page_html(page) if isinstance(page, Page) else report_html(report))


def _document(title: str, body: str, rules: str = "") -> str:
    style, script = asset("page.css") + rules, asset("page.js")
    return Template(asset("page.html")).substitute(
        csp=esc(policy(style, script)), title=esc(title), style=style, script=script, body=body
    )


def page_html(page: Page) -> str:
    """The report page: header, ranked table, charts, movers and a card per city."""
    head = page.header
    title = f"{head.title} · {head.edition}" if head.edition else head.title
    ranking, rules = _ranking(page)
    sections = [_header(head, title, page), ranking]
    charts = _charts(page)
    if charts:
        sections.append(_section("Charts", "Charts", charts))
    if page.movers:
        sections.append(_section("Movers", "Who moved", paragraphs(page.movers, "li")))
    sections.append(_cards(page))
    return _document(title, "\n".join(sections), rules)


def _section(ident: str, heading: str, body: str) -> str:
    return f'<section id="{ident}"><h2>{esc(heading)}</h2>{body}</section>'


def _header(head: Header, title: str, page: Page) -> str:
    about = [
        ("Edition", head.edition),
        ("Source", head.source),
        ("Rows", head.filters),
        ("Score", f"composite of {head.composite}" if head.composite else None),
        ("Ties", head.ties),
        ("Order", head.order),
        ("Movement", f"since {head.compared}" if head.compared else None),
    ]
    facts = "".join(f"<dt>{name}</dt><dd>{esc(text)}</dd>" for name, text in about if text)
    links = [("Ranking", "Ranking")]
    if page.bars or page.bump or page.stack or page.spread:
        links.append(("Charts", "Charts"))
    if page.movers:
        links.append(("Movers", "Who moved"))
    nav = " ".join(f'<a href="#{ident}">{name}</a>' for ident, name in links)
    return (
        f'<header id="Top"><h1>{esc(title)}</h1><p class="headline">{esc(head.headline)}</p>'
        f'<dl class="about">{facts}</dl><nav aria-label="Sections">{nav}</nav></header>'
    )


def _ranking(page: Page) -> tuple[str, str]:
    """The ranking section, and the stylesheet rules its table needs."""
    table = page.table
    grid, rules = ranked_table(table)
    parts = [asset("search.html"), f'<div class="scroll">{grid}</div>']
    if table.view.caption:
        parts.append(f'<p class="caption">{esc(table.view.caption)}</p>')
    if table.left_out:
        shown = len(table.view.rows)
        parts.append(
            f'<p class="more">{shown:,} rows shown; {table.left_out:,} more left out '
            f"(--max-rows {table.max_rows}): cityrank list gives every row.</p>"
        )
    parts.append(paragraphs(page.notes))
    return _section("Ranking", "Ranking", "".join(parts)), rules


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>"


def _charts(page: Page) -> str:
    parts = []
    if page.bars is not None:
        parts.append(_figure(bar_chart(page.bars), _bars_caption(page.bars)))
    if page.bump is not None:
        caption = f"Rank in each edition of this edition's top {len(page.bump.series)}."
        parts.append(_figure(bump_chart(page.bump), caption))
    if page.stack is not None:
        caption = "Each score as the points its indicators give (hover a bar for its part)."
        parts.append(_figure(stack_chart(page.stack), caption))
    if page.spread is not None:
        caption = f"Median rank (dot) and 5–95 % interval (line). {page.spread.caption}"
        parts.append(_figure(spread_chart(page.spread), caption))
    return "".join(parts)


def _bars_caption(bars: Bars) -> str:
    return f"Scores of the first {len(bars.rows)} cities; bars start at zero."


def _cards(page: Page) -> str:
    """The cities' cards, as data for the script to draw the one the address names; shown only
    then. Without the script the address lands on the city's row instead."""
    if not page.cards.shown:
        return ""
    intro = (
        "A city's card, what cityrank show says about it, opens from its name in the ranking "
        "or from the address: ranking.html#shenzhen."
    )
    return (
        f'<section id="Cities" hidden><h2>Cities</h2><p>{esc(intro)}</p><div id="Card"></div>'
        f'<script type="application/json" id="Cards">{cards_json(page.cards)}</script></section>'
    )


def report_html(report: Report) -> str:
    """Any command's report as a page: each view as a table, then its sentences and chart."""
    views = report.people or ((report.data,) if report.data.rows else ())
    title = report.data.title or (views[0].title if views else "") or "cityrank"
    parts = [f'<header id="Top"><h1>{esc(title)}</h1></header>']
    if report.chart is not None:
        chart = report.chart
        if isinstance(chart, Charts):  # one per group (--by), each under its title
            for part in chart.parts:
                parts.append(f"<h2>{esc(part.title)}</h2>{_figure(bar_chart(part), part.caption)}")
        else:
            svg = bar_chart(chart) if isinstance(chart, Bars) else bump_chart(chart)
            parts.append(_figure(svg, chart.caption))
    else:
        searchable = False
        for n, view in enumerate(views):
            keys = _keys(view)
            searchable = searchable or keys is not None
            heading = f"<h2>{esc(view.title)}</h2>" if view.title and view.title != title else ""
            grid = view_table(view, table_id="Table" if n == 0 else None, keys=keys)
            parts.append(f'<section>{heading}<div class="scroll">{grid}</div></section>')
        if searchable and views and _keys(views[0]) is not None:
            parts.insert(1, asset("search.html"))
    parts.append(paragraphs(report.notes))
    captions = dict.fromkeys(v.caption for v in views if v.caption)
    parts.append(paragraphs(list(captions)))
    return _document(title, "\n".join(parts))


def _keys(view: View) -> list[str] | None:
    """The lookup keys of a view's ``city`` column, if it has one."""
    names = [c.name for c in view.columns]
    if "city" not in names:
        return None
    i = names.index("city")
    cities = []
    for row in view.rows:
        value = row[i]
        if isinstance(value, Cell):
            value = value.value
        cities.append(value if isinstance(value, str) else "")
    return keys_of(cities)
