"""The ``movers`` view: who moved between two editions."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from itertools import islice

from cityrank.core.editions import Move, entrants, exits, movements, overtakes
from cityrank.core.overtakes import Overtakes
from cityrank.model import RankedEntry, Ranking
from cityrank.numbers import format_number
from cityrank.views.base import CITY, Cell, Column, Report, Value, View, _count, edition_caption
from cityrank.views.runs import Run, RunRows

MOVER_COLUMNS = (
    Column("kind", "Kind"),
    CITY,
    Column("other_city", "Other city"),
    Column("from_rank", "From", "rank"),
    Column("to_rank", "To", "rank"),
    Column("rank_change", "Change", "int"),
    Column("from_score", "From score", "number"),
    Column("to_score", "To score", "number"),
)


#: How many overtakes the table says as sentences; machine formats list them all.
OVERTAKES_SHOWN = 20


def movers_view(
    current: Ranking,
    previous: Ranking,
    top: int = 10,
    within: int | None = None,
    regrouped: Collection[str] = (),
) -> Report:
    """Risers and fallers (``top`` of each), entries, exits and every overtake (only among
    the first ``within`` cities of ``current``, if given). The cities whose lookup keys
    are in ``regrouped`` came from another group or went to one (``--by``): they are no
    entry or exit.

    The overtakes are rows made as they are written (``RunRows``): there can be a
    hundred million of them. People see the first ``OVERTAKES_SHOWN`` and how many more.
    """
    moves = movements(current, previous)
    moved = [(r, moves[id(r.entry)]) for r in current.ranked if id(r.entry) in moves]
    risers = sorted(
        (p for p in moved if p[1].rank_change > 0),
        key=lambda p: (-p[1].rank_change, -p[1].score_change, p[0].rank),
    )[:top]
    fallers = sorted(
        (p for p in moved if p[1].rank_change < 0),
        key=lambda p: (p[1].rank_change, p[1].score_change, p[0].rank),
    )[:top]
    new = [r for r in entrants(current, previous) if r.entry.key not in regrouped]
    gone = [r for r in exits(current, previous) if r.entry.key not in regrouped]
    passes = overtakes(current, previous, within, moves)
    rows: list[tuple[Value | Cell, ...]] = []
    for kind, group in (("riser", risers), ("faller", fallers)):
        for now, move in group:
            before = move.previous
            rows.append(
                (
                    kind,
                    now.entry.city,
                    None,
                    before.rank,
                    now.rank,
                    move.rank_change,
                    before.entry.score,
                    now.entry.score,
                )
            )
    rows += [("entry", r.entry.city, None, None, r.rank, None, None, r.entry.score) for r in new]
    rows += [("exit", r.entry.city, None, r.rank, None, None, r.entry.score, None) for r in gone]
    span = f"{previous.year} → {current.year}"
    title = f"Movers · {span}"
    data_rows = RunRows(rows, lambda: _overtake_runs(passes), len(rows) + passes.count)
    data = View(MOVER_COLUMNS, data_rows, title, edition_caption(current))
    among = f" among the top {within} of {current.year}" if within is not None else ""
    people = _movers_people(current, previous, risers, fallers, new, gone, top)
    people += _overtake_sentences(passes, previous.year, current.year, among)
    note = _movers_summary(moved, new, gone, passes.count, span) + among + "."
    return Report(data, people, notes=(note,))


def _overtake_runs(passes: Overtakes) -> Iterator[Run]:
    """The overtake rows, a run per overtaker: its cells, and the names of those it passed.

    A city tied with others has several runs; they share its cells' tuples, which a
    writer formats once.
    """
    names = [r.entry.city for r in passes.now]
    made: dict[int, tuple[tuple[Value, ...], tuple[Value, ...]]] = {}
    for city, others in passes.runs():
        cells = made.get(city)
        if cells is None:
            now, before = passes.now[city], passes.before[city]
            change = before.rank - now.rank
            cells = made[city] = (
                ("overtake", now.entry.city),
                (
                    before.rank,
                    now.rank,
                    int(change) if float(change).is_integer() else change,
                    before.entry.score,
                    now.entry.score,
                ),
            )
        yield cells[0], list(map(names.__getitem__, others)), cells[1]


def _movers_people(
    current: Ranking,
    previous: Ranking,
    risers: list[tuple[RankedEntry, Move]],
    fallers: list[tuple[RankedEntry, Move]],
    new: list[RankedEntry],
    gone: list[RankedEntry],
    top: int,
) -> tuple[View, ...]:
    y1, y2 = previous.year, current.year
    move_columns = (
        CITY,
        Column("change", "Change", "change"),
        Column("from", f"#{y1}", "rank"),
        Column("to", f"#{y2}", "rank"),
        Column("score_change", "Score change", "number"),
    )
    views = []
    for label, group in (("Risers", risers), ("Fallers", fallers)):
        if group:
            rows: list[tuple[Value | Cell, ...]] = [
                (
                    now.entry.city,
                    m.rank_change,
                    Cell(m.previous.rank, "rank", tied=m.previous.tied),
                    Cell(now.rank, "rank", tied=now.tied),
                    m.score_change,
                )
                for now, m in group
            ]
            views.append(View(move_columns, rows, f"{label} · {y1} → {y2}"))
    for places, heading in ((new, f"New in {y2}"), (gone, f"Ranked in {y1}, not in {y2}")):
        if places:
            views.append(_places(places, heading, top))
    return tuple(views)


def _overtake_sentences(
    passes: Overtakes, y1: str | None, y2: str | None, among: str
) -> tuple[View, ...]:
    """The first ``OVERTAKES_SHOWN`` overtakes as sentences, then how many more there are."""
    if not passes.count:
        return ()
    sentences: list[tuple[Value | Cell, ...]] = [
        (
            f"{o.city.entry.city} overtook {o.other.entry.city}: "
            f"#{format_number(o.city_before.rank)} in {y1} → "
            f"#{format_number(o.city.rank)} in {y2}",
        )
        for o in islice(passes, OVERTAKES_SHOWN)
    ]
    more = passes.count - len(sentences)
    if more:
        sentences.append((f"… and {more} more (-f csv lists all)",))
    return (View((Column("overtake", ""),), sentences, f"Overtakes{among}"),)


def _places(group: Sequence[RankedEntry], label: str, top: int) -> View:
    """The first ``top`` cities of ``group`` with their rank and score in their edition."""
    more = f" (first {top} of {len(group)}; -f csv lists all)" if len(group) > top else ""
    rows: list[tuple[Value | Cell, ...]] = [
        (r.entry.city, Cell(r.rank, "rank", tied=r.tied), r.entry.score) for r in group[:top]
    ]
    columns = (CITY, Column("rank", "Rank", "rank"), Column("score", "Score", "number"))
    return View(columns, rows, label + more)


def _movers_summary(
    moved: list[tuple[RankedEntry, Move]],
    new: list[RankedEntry],
    gone: list[RankedEntry],
    overtaken: int,
    span: str,
) -> str:
    up = sum(1 for _, m in moved if m.rank_change > 0)
    down = sum(1 for _, m in moved if m.rank_change < 0)
    return (
        f"{span}: {_count(up, 'city')} up, {down} down, {len(moved) - up - down} unchanged; "
        f"{len(new)} new, {len(gone)} gone; {_count(overtaken, 'overtake')}"
    )
