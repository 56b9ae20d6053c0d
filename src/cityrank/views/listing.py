"""The ``list`` view: ranked rows, best first, with movement since the edition before."""

from __future__ import annotations

from cityrank.core.editions import (
    Move,
    exits,
    movements,
)
from cityrank.model import Ranking
from cityrank.views.base import (
    CITY,
    LIST_FIGURES,
    MOVEMENT,
    RANK,
    SCORE,
    TIED,
    YEAR,
    Cell,
    Column,
    Report,
    Value,
    View,
    edition_caption,
    edition_title,
    extra_names,
    top_rows,
)


def list_view(
    ranking: Ranking,
    top: int | None = None,
    all_columns: bool = False,
    previous: Ranking | None = None,
) -> Report:
    """The ranked rows, best first; ``top`` keeps every city tied at the cut.

    With a ``previous`` edition, each row says how the city moved since
    (``▲3``, ``▼1``, ``=``, ``new``) and a note names the cities that dropped out.
    """
    table = ranking.table
    ranked = top_rows(ranking.ranked, top)
    unranked = ranking.unranked if top is None else ()
    with_year = bool(table and table.years)
    extra = table.extra_columns if (table and all_columns) else ()
    columns = [RANK, TIED, CITY, SCORE]
    if with_year:
        columns.append(YEAR)
    moves = movements(ranking, previous) if previous is not None else None
    if moves is not None:
        columns.extend(MOVEMENT)
    columns.extend(LIST_FIGURES)
    columns.extend(Column(name, name) for name in extra_names(extra, columns))
    rows: list[tuple[Value | Cell, ...]] = []
    for r in ranked:
        e = r.entry
        row: tuple[Value, ...] = (r.rank, r.tied, e.city, e.score)
        if with_year:
            row += (e.year,)
        if moves is not None:
            move = moves.get(id(e))
            row += _movement_cells(move)
        row += (r.gap_to_leader, r.gap_to_above, r.percentile, r.share_of_leader)
        rows.append(row + (e.extra if all_columns else ()))
    for e in unranked:
        row = (None, None, e.city, None)
        if with_year:
            row += (e.year,)
        if moves is not None:
            row += ("", None, None, None, None)
        rows.append(row + (None, None, None, None) + (e.extra if all_columns else ()))
    caption = edition_caption(ranking)
    notes: tuple[str, ...] = ()
    if previous is not None:
        caption += f" · change since {previous.year}"
        gone = exits(ranking, previous)
        if gone:
            names = ", ".join(r.entry.city for r in gone)
            notes = (f"Ranked in {previous.year}, not in {ranking.year}: {names}.",)
    view = View(tuple(columns), rows, edition_title(ranking), caption)
    return Report(view, notes=notes)


def _movement_cells(move: Move | None) -> tuple[Value, ...]:
    if move is None:
        return ("new", None, None, None, None)
    before = move.previous
    return (
        move.rank_change,
        before.rank,
        move.rank_change,
        before.entry.score,
        move.score_change,
    )
