"""The ``report`` view: everything the report page shows, gathered from the other views.

The table is ``list``'s, the bars ``chart``'s, the bump chart ``chart --history``'s,
the cards ``show``'s (all of them in one pass) and the intervals ``robustness``'s: the
page says what the commands say, and ``render.report`` only draws it.
"""

from __future__ import annotations

from collections.abc import Sequence

from cityrank.core.composite.table import composite_of
from cityrank.core.lookup import entry_keys
from cityrank.core.standing import Population
from cityrank.model import TIE_PATTERNS, Entry, Ranking
from cityrank.numbers import format_number
from cityrank.views.base import Bars, RankLines, Report, top_rows
from cityrank.views.explain import explain
from cityrank.views.listing import list_view
from cityrank.views.pictures import chart_view, rank_chart_view
from cityrank.views.report.cards import city_cards
from cityrank.views.report.page import (
    MAX_ROWS,
    Header,
    Page,
    RankedTable,
    Spread,
    Stack,
)
from cityrank.views.report.story import headline, movers_story
from cityrank.views.select import select_columns

#: Bars in the score and composite charts, and cities in the bump and interval charts.
BARS = 20
BUMP = 10


def report_view(
    ranking: Ranking,
    *,
    previous: Ranking | None = None,
    editions: Sequence[Ranking] = (),
    top: int | None = None,
    all_columns: bool = False,
    max_rows: int = MAX_ROWS,
    robustness: Report | None = None,
    columns: Sequence[str] = (),
) -> Report:
    """``list``'s report, with the whole page as its ``document`` (a ``Page``).

    ``previous`` is the edition movement is measured against; ``editions``
    every edition ranked, oldest first (a bump chart when there are two or
    more); ``robustness`` the ``robustness`` view of the same ranking. The
    table keeps the first ``max_rows`` rows and says how many it left out, and
    only ``columns`` (machine names, as ``--columns``) when some are named;
    each of its cities has a card.
    """
    listing = list_view(ranking, top=top, all_columns=all_columns, previous=previous)
    if columns:
        listing = select_columns(listing, columns)
    table, ranked, unranked = _ranked_table(ranking, listing, top, max_rows)
    bars = chart_view(ranking, top=min(top or BARS, BARS)).chart
    bump = None
    if len(editions) > 1 and ranking.ranked:
        leaders = [r.entry.city for r in top_rows(ranking.ranked, BUMP)][:BUMP]
        lines = rank_chart_view(editions, leaders).chart
        bump = lines if isinstance(lines, RankLines) else None
    page = Page(
        header=_header(ranking, previous),
        table=table,
        bars=bars if isinstance(bars, Bars) and bars.rows else None,
        bump=bump,
        movers=movers_story(ranking, previous) if previous is not None else (),
        stack=_stack(ranking, min(top or BARS, BARS)),
        spread=_spread(robustness) if robustness is not None else None,
        cards=city_cards(ranking, ranked, unranked, Population(ranking)),
        notes=listing.notes,
    )
    return listing._replace(document=page)


def anchor(key: str) -> str | None:
    """The fragment a city's card is reached at: its lookup key, spaces as ``-`` (``sao-paulo``,
    which ``cityrank show`` also takes). ``None`` for an empty key."""
    return "-".join(key.split(" ")) or None


def _keys(entry: Entry) -> str:
    return "\n".join(dict.fromkeys(entry_keys(entry)))


def _ranked_table(
    ranking: Ranking, listing: Report, top: int | None, max_rows: int
) -> tuple[RankedTable, int, Sequence[Entry]]:
    """The table, and its cities: how many of the ranking's first it has, and its unranked."""
    view = listing.people[0] if listing.people else listing.data
    shown = min(len(view.rows), max_rows)
    entries = [r.entry for r in top_rows(ranking.ranked, top)[:shown]]
    ranked = len(entries)
    if top is None:
        entries += list(ranking.unranked[: shown - len(entries)])
    keys = [_keys(e) for e in entries]
    anchors: list[str | None] = []
    taken: set[str] = set()
    for e in entries:
        fragment = anchor(e.key)
        anchors.append(fragment if fragment not in taken else None)
        if fragment is not None:
            taken.add(fragment)
    rows = view.rows if shown == len(view.rows) else view.rows[:shown]
    made = RankedTable(view._replace(rows=rows), keys, anchors, len(view.rows) - shown, max_rows)
    return made, ranked, entries[ranked:]


def _header(ranking: Ranking, previous: Ranking | None) -> Header:
    table = ranking.table
    title = (table.title or table.source) if table else "ranking"
    return Header(
        title=title,
        edition=ranking.year,
        source=(table.citation or table.source) if table else None,
        filters=table.selection if table else None,
        composite=_composite_text(ranking),
        ties=f"{ranking.ties} ({TIE_PATTERNS[ranking.ties]})",
        order="lower score is better" if ranking.lower_is_better else "higher score is better",
        headline=headline(ranking, previous),
        compared=previous.year if previous is not None else None,
    )


def _composite_text(ranking: Ranking) -> str | None:
    composite = composite_of(ranking.table)
    if not composite:
        return None
    spec = next(iter(composite.values())).spec
    weights = ", ".join(
        f"{i.column}{' (lower is better)' if i.direction == 'lower' else ''} "
        f"× {format_number(i.weight)}"
        for i in spec.indicators
    )
    return f"{weights}; {spec.normalisation} normalisation, {spec.aggregation} aggregation"


def _stack(ranking: Ranking, count: int) -> Stack | None:
    """A composite index's first ``count`` cities (and those tied with the last, as in the
    bar chart), each score split into its indicators."""
    composite = composite_of(ranking.table)
    if not composite or ranking.year not in composite:
        return None
    indicators = composite[ranking.year].spec.columns
    rows = []
    for r in top_rows(ranking.ranked, count):
        parts = explain(ranking, r.entry)
        split = tuple(p.contribution for p in parts)
        rows.append((r.rank, r.tied, r.entry.city, r.entry.score, split))
    return Stack(indicators, tuple(rows), "Points from each indicator")


def _spread(robustness: Report) -> Spread | None:
    """The first ``BARS`` cities of ``robustness``'s view, with a rank interval each; the
    chart's ranks run from 1 to the worst 95 % rank among them."""
    rows: list[tuple[str, float | None, float, float, float]] = []
    for row in robustness.data.rows[:BARS]:
        city, nominal, median, low, high = row[:5]
        if not isinstance(city, str):
            continue
        if not all(isinstance(x, int | float) for x in (median, low, high)):
            continue
        assert isinstance(median, int | float) and isinstance(low, int | float)
        assert isinstance(high, int | float)
        rank = float(nominal) if isinstance(nominal, int | float) else None
        rows.append((city, rank, float(median), float(low), float(high)))
    if not rows:
        return None
    data = robustness.data
    worst = max(high for *_, high in rows)
    return Spread(tuple(rows), worst, data.title, data.caption)
