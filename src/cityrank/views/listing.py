"""The ``list`` view: ranked rows, best first, with movement since the edition before."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from cityrank.core.editions import (
    Move,
    exits,
    movements,
)
from cityrank.core.vector import repeated, with_none
from cityrank.model import Entry, Ranking, Standings
from cityrank.views.base import (
    CITY,
    LIST_FIGURES,
    MOVEMENT,
    RANK,
    TIED,
    YEAR,
    Cell,
    CodedRows,
    Column,
    Report,
    Value,
    View,
    edition_caption,
    edition_title,
    extra_names,
    score_column,
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
    with_year = bool(table and table.years)
    extra = _shown_extra(ranking, all_columns)
    columns = [RANK, TIED, CITY, score_column(table)]
    if with_year:
        columns.append(YEAR)
    moves = movements(ranking, previous) if previous is not None else None
    if moves is not None:
        columns.extend(MOVEMENT)
    columns.extend(LIST_FIGURES)
    labels = extra_names([table.extra_columns[i] for i in extra] if table else [], columns)
    # The key columns of --key are for machines: people read them in the qualified names.
    columns.extend(Column(name, name, people=all_columns) for name in labels)
    rows: Sequence[tuple[Value | Cell, ...]]
    if moves is None and isinstance(ranking.ranked, Standings):
        rows = _coded_rows(ranking, ranking.ranked, top, extra, with_year)
    else:
        rows = _plain_rows(ranking, top, extra, with_year, moves)
    caption = edition_caption(ranking)
    notes: tuple[str, ...] = ()
    if previous is not None:
        caption += f" · change since {previous.year}"
        gone = exits(ranking, previous)
        if gone:
            names = ", ".join(r.entry.city for r in gone[:10])
            pair = f"movers --from {previous.year} --to {ranking.year}"
            more = f" (first 10 of {len(gone)}; {pair} -f csv lists all)" if len(gone) > 10 else ""
            notes = (f"Ranked in {previous.year}, not in {ranking.year}{more}: {names}.",)
    view = View(tuple(columns), rows, edition_title(ranking), caption)
    return Report(view, notes=notes)


def _shown_extra(ranking: Ranking, all_columns: bool) -> Sequence[int]:
    """Which of the file's other columns are shown: all with ``all_columns``, else those of
    ``--key`` (but the city column)."""
    table = ranking.table
    if table is None:
        return ()
    if all_columns:
        return range(len(table.extra_columns))
    return [table.extra_columns.index(c) for c in table.key_columns if c in table.extra_columns]


def _plain_rows(
    ranking: Ranking,
    top: int | None,
    extra: Sequence[int],
    with_year: bool,
    moves: dict[int, Move] | None,
) -> list[tuple[Value | Cell, ...]]:
    """The rows one by one, with each city's movement since the previous edition."""
    rows: list[tuple[Value | Cell, ...]] = []
    every = isinstance(extra, range)  # all of them: each entry's own tuple

    def cells(e: Entry) -> tuple[str, ...]:
        return e.extra if every else tuple(map(e.extra.__getitem__, extra))

    for r in top_rows(ranking.ranked, top):
        e = r.entry
        row: tuple[Value, ...] = (r.rank, r.tied, e.city, e.score)
        if with_year:
            row += (e.year,)
        if moves is not None:
            row += _movement_cells(moves.get(id(e)))
        row += (r.gap_to_leader, r.gap_to_above, r.percentile, r.share_of_leader)
        rows.append(row + cells(e))
    for e in ranking.unranked if top is None else ():
        row = (None, None, e.city, None)
        if with_year:
            row += (e.year,)
        if moves is not None:
            row += ("", None, None, None, None)
        rows.append(row + (None, None, None, None) + cells(e))
    return rows


def _coded_rows(
    ranking: Ranking, standings: Standings, top: int | None, extra: Sequence[int], with_year: bool
) -> CodedRows:
    """The rows as codes into the figures of each distinct score: nothing made per row."""
    cut = len(standings)
    if top is not None and top < cut:
        cut = 0 if top <= 0 else standings.span(top - 1)[1]
    rows, f = standings.rows, standings.figures
    # A list, or an array('q') from Arrow; a whole one is not copied.
    order = standings.order if cut == len(standings) else standings.order[:cut]
    codes = standings.codes if cut == len(standings) else standings.codes[:cut]
    unranked = len(rows.values)  # the code of the unranked rows: one past the last
    if top is None and standings.unranked:
        order = [*order, *standings.unranked]
        codes = [*codes, *[unranked] * len(standings.unranked)]
    # Each code's cells before and after the city, the unranked rows' last: the
    # columns themselves, which a writer formats whole (a tuple is made when asked).
    # (An Arrow column of the core stays one: a writer in Arrow takes it as it is.)
    before = Zipped(with_none(f.rank), with_none(f.tied))
    after = Zipped(
        with_none(rows.values),
        *([repeated(ranking.year, unranked + 1)] if with_year else []),
        with_none(f.gap_to_leader),
        with_none(f.gap_to_above),
        with_none(f.percentile),
        with_none(f.share_of_leader),
    )
    tail = tuple(Picked(rows.extra[i], order) for i in extra)
    ordinal = cut if ranking.ties == "ordinal" else 0
    return CodedRows(codes, before, Picked(rows.city, order), after, tail, ordinal)


class Zipped(Sequence[tuple[Value, ...]]):
    """The tuples of ``columns`` (all of one length) item by item, each made when asked."""

    def __init__(self, *columns: Sequence[Value]) -> None:
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0])

    @overload
    def __getitem__(self, index: int) -> tuple[Value, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Value, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[Value, ...] | list[tuple[Value, ...]]:
        if isinstance(index, slice):
            return list(zip(*(column[index] for column in self.columns), strict=True))
        return tuple(column[index] for column in self.columns)

    def __iter__(self) -> Iterator[tuple[Value, ...]]:
        return zip(*self.columns, strict=True)


class Picked(Sequence[str]):
    """The cells ``source[i]`` for each ``i`` of ``order``, each looked up when asked.

    Gathering a million names in rank order costs as much as writing them: a
    writer that lays the lines in Arrow takes them from ``source`` in file
    order instead (``render.delimited_arrow``).
    """

    def __init__(self, source: Sequence[str], order: Sequence[int]) -> None:
        self.source, self.order = source, order

    def __len__(self) -> int:
        return len(self.order)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return list(map(self.source.__getitem__, self.order[index]))
        return self.source[self.order[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self.source.__getitem__, self.order)


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
