"""Every city's card on the report page: what ``cityrank show`` says of it, for all the table's
cities in one pass over the ranking (a ``show_view`` each would be a pass each)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cityrank.core.standing import NEIGHBOURS, Around, Population
from cityrank.core.stats import z_scorer
from cityrank.model import Entry, Rank, Ranking
from cityrank.views.base import CITY, RANK, Column, Sheet, edition_title, score_column
from cityrank.views.explain import Part, explain_all, indicators_sheet
from cityrank.views.show import (
    RANK_LINE,
    SCORE_LINE,
    Line,
    Standing,
    other_columns,
    show_notes,
    summary_lines,
)


class Hood(NamedTuple):
    """Each card's neighbourhood: the cards ``back`` places before it to ``ahead`` after it
    (itself included; 0 and 0 for an unranked city), as rows of ``columns`` made of their
    own rank and score lines (``lines``: the indices of those two in ``Cards.lines``)."""

    title: str
    columns: tuple[Column, ...]
    back: Sequence[int]
    ahead: Sequence[int]
    lines: tuple[int, int]


class Cards(NamedTuple):
    """What each city's card says, field by field for all of them.

    The first ``shown`` cards are the table's rows, in its order (the ranked
    cities best first, then the unranked); the cards after them are the
    cities just below the table's last, there as neighbours only. A ``Line``'s
    ``refs`` are card indices.
    """

    title: str  # what follows each city's name in its card's heading
    cities: Sequence[str]
    shown: int
    lines: Sequence[Line]
    hood: Hood
    sheets: tuple[Sheet, ...]  # its other columns, and its composite score by indicator
    notes: Sequence[tuple[str, ...]]


def city_cards(
    ranking: Ranking, ranked: int, unranked: Sequence[Entry], population: Population
) -> Cards:
    """The cards of the table's cities: the first ``ranked`` of the ranking, then ``unranked``.

    Each says what ``cityrank show`` says: the same lines, neighbours, other
    columns, composite breakdown and sentences, from the same functions.
    """
    n, k = len(ranking.ranked), ranked
    places = list(population.places(k))
    entries = [r.entry for r in ranking.ranked[:k]] + list(unranked)
    shown = len(entries)
    if not unranked and k < n:
        # Cards for the cities just below the table's last, that its neighbourhood and the
        # "Lead over" of its tie group name (that group may run on past the cut).
        below = {*range(k, min(n, k + NEIGHBOURS)), *(p.below(n) for p in places[-1:])}
        places += [population.place(q) for q in sorted(b for b in below if b is not None)]
        entries = [*entries, *(ranking.ranked[p.at].entry for p in places[k:])]
    card = {p.at: i for i, p in enumerate(places)}
    z = z_scorer(ranking)
    standings = [
        Standing(e, population.around_at(places[i]), z(e.score))
        if i < len(places)
        else Standing(e, Around(None, None, None, [], [], n), None)
        for i, e in enumerate(entries)
    ]
    values, ranks = population.columns(entries)
    explained = explain_all(ranking, entries)
    table = ranking.table
    sheets = _sheets(ranking, entries, values, ranks, explained)
    notes = [
        show_notes(ranking, s, parts, {name: r[i] for name, r in ranks.items()})
        for i, (s, parts) in enumerate(zip(standings, explained, strict=True))
    ]
    lines = [
        line if line.refs is None else line._replace(refs=[_get(card, r) for r in line.refs])
        for line in summary_lines(ranking, standings)
    ]
    none = [0] * (len(entries) - len(places))
    hood = Hood(
        "Neighbourhood",
        (RANK, CITY, score_column(table)),
        [p.at - p.first for p in places] + none,
        [p.last - p.at for p in places] + none,
        (RANK_LINE, SCORE_LINE),
    )
    return Cards(
        edition_title(ranking),
        [e.city for e in entries],
        shown,
        lines,
        hood,
        sheets,
        notes,
    )


def _sheets(
    ranking: Ranking,
    entries: Sequence[Entry],
    values: dict[str, list[float | None]],
    ranks: dict[str, list[Rank | None]],
    explained: Sequence[list[Part]],
) -> tuple[Sheet, ...]:
    """The cards' sheets: their other columns, and their composite score by indicator."""
    table = ranking.table
    sheets: list[Sheet] = []
    extra = list(table.extra_columns) if table is not None else []
    cells = [[e.extra[k] for e in entries] for k in range(len(extra))]
    others = other_columns(extra, cells, values, ranks)
    if others is not None:
        sheets.append(others)
    if explained and explained[0]:
        sheets.append(indicators_sheet(explained))
    return tuple(sheets)


def _get(card: dict[int, int], position: int | None) -> int | None:
    """The card of the city at ``position``; ``None`` past the cards (a neighbour-only card's
    own neighbours, which no card shows)."""
    return None if position is None else card.get(position)
