"""The views across editions: ``history`` (cities through every edition) and ``movers``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice

from cityrank.core.editions import (
    Matcher,
    Move,
    cagr,
    entrants,
    exits,
    latest_entries,
    move_between,
    movements,
    overtakes,
    years_between,
)
from cityrank.core.lookup import find_city
from cityrank.core.overtakes import Overtakes
from cityrank.core.standing import find_entry
from cityrank.errors import UsageError
from cityrank.model import Entry, Rank, RankedEntry, Ranking
from cityrank.numbers import format_number
from cityrank.views.base import (
    CITY,
    RANK,
    SCORE,
    TIED,
    Cell,
    Column,
    Report,
    Spark,
    Value,
    View,
    _count,
    edition_caption,
    where,
)
from cityrank.views.runs import Run, RunRows

HISTORY_COLUMNS = (
    CITY,
    Column("year", "Year"),
    RANK,
    TIED,
    SCORE,
    Column("rank_change", "Rank change", "int"),
    Column("score_change", "Score change", "number"),
    Column("score_cagr_pct", "Score CAGR %", "percent"),
    #: ``new`` on a first edition after the first, ``back`` on a return after a gap,
    #: ``gone`` where a city ranked before is missing; empty otherwise.
    Column("status", "Status"),
)
_DETAIL_COLUMNS = (
    Column("year", "Year"),
    Column("rank", "Rank", "rank"),
    Column("change", "Change", "change"),
    Column("score", "Score", "number"),
    Column("score_change", "Score change", "number"),
)


def history_view(rankings: Sequence[Ranking], names: Sequence[str]) -> Report:
    """Each named city through every edition: rank, score and their changes, and the CAGR."""
    if not names:
        raise UsageError(
            "history needs at least one city — e.g. cityrank history beijing", code="no-city"
        )
    latest = rankings[-1]
    place = where(latest) if len(rankings) == 1 else (latest.table.source if latest.table else "")
    cities = _named_cities(rankings, names, place)
    matchers = [Matcher(r) for r in rankings]
    rows: list[tuple[Value | Cell, ...]] = []
    people: list[View] = []
    summary: list[tuple[Value | Cell, ...]] = []
    tracks = [[m.find(city) for m in matchers] for city in cities]
    all_ranks = [r.rank for track in tracks for r in track if r is not None]
    best, worst = (min(all_ranks), max(all_ranks)) if all_ranks else (1, 1)
    for city, track in zip(cities, tracks, strict=True):
        growth = _growth(rankings, track)
        city_rows, detail = _city_history(city, rankings, track, growth)
        rows += city_rows
        present = [r for r in track if r]
        spark = Spark(tuple(r.rank if r else None for r in track), best, worst)
        summary.append(
            (
                city.city,
                Cell(None, figure=spark),
                Cell(present[0].rank if present else None, "rank"),
                Cell(present[-1].rank if present else None, "rank"),
                Cell(growth, "percent"),
            )
        )
        people.append(View(_DETAIL_COLUMNS, detail, city.city))
    first_year, last_year = rankings[0].year, rankings[-1].year
    head = View(
        (
            CITY,
            Column("ranks", f"Rank {first_year}→{last_year}" if first_year else "Rank"),
            Column("first", "First rank", "rank"),
            Column("last", "Last rank", "rank"),
            Column("cagr", "Score CAGR", "percent"),
        ),
        summary,
        f"History · {place}",
        edition_caption(latest),
    )
    data = View(HISTORY_COLUMNS, rows, f"History · {place}", edition_caption(latest))
    return Report(data, (head, *people))


def _named_cities(rankings: Sequence[Ranking], names: Sequence[str], place: str) -> list[Entry]:
    """The cities ``names`` refer to, found among every edition's; naming one twice is an error."""
    # One edition: looked up in its key column. Several: among each city's latest entry.
    everyone = latest_entries(rankings) if len(rankings) > 1 else None
    cities: list[Entry] = []
    for name in names:
        if everyone is None:
            entry = find_entry(rankings[0], name, place)
        else:
            entry = find_city(everyone, name, place)
        if entry in cities:
            raise UsageError(f'"{name}" is {entry.city}, already named — name each city once')
        cities.append(entry)
    return cities


def _growth(rankings: Sequence[Ranking], track: Sequence[RankedEntry | None]) -> float | None:
    """The score's CAGR from the first edition that ranks the city to the last one."""
    present = [
        (n, ranking, r) for n, (ranking, r) in enumerate(zip(rankings, track, strict=True)) if r
    ]
    if len(present) < 2:
        return None
    (i, first_ranking, first), (j, last_ranking, last) = present[0], present[-1]
    assert first.entry.score is not None and last.entry.score is not None
    span = years_between(first_ranking.year, last_ranking.year, j - i)
    return cagr(first.entry.score, last.entry.score, span)


def _city_history(
    city: Entry,
    rankings: Sequence[Ranking],
    track: Sequence[RankedEntry | None],
    growth: float | None,
) -> tuple[list[tuple[Value | Cell, ...]], list[tuple[Value | Cell, ...]]]:
    """One city's rows for machines, and for people, one per edition."""
    rows: list[tuple[Value | Cell, ...]] = []
    detail: list[tuple[Value | Cell, ...]] = []
    before: RankedEntry | None = None
    seen = False
    for index, (ranking, now) in enumerate(zip(rankings, track, strict=True)):
        status = _status(index, seen, before, now)
        seen = seen or now is not None
        change: Rank | None = None
        score_change = None
        if now is not None and before is not None:
            move = move_between(before, now)
            change, score_change = move.rank_change, move.score_change
        rows.append(
            (
                city.city,
                ranking.year,
                now.rank if now else None,
                now.tied if now else None,
                now.entry.score if now else None,
                change,
                score_change,
                growth,
                status,
            )
        )
        # Blank where there is nothing to compare with; "new" or "back" where it enters.
        if before:
            shown: Value = "" if change is None else change
        else:
            shown = status
        detail.append(
            (
                ranking.year,
                Cell(now.rank if now else None, "rank", tied=bool(now and now.tied)),
                Cell(shown, "change"),
                Cell(now.entry.score if now else None, "number"),
                Cell(score_change, "number"),
            )
        )
        before = now
    return rows, detail


def _status(index: int, seen: bool, before: RankedEntry | None, now: RankedEntry | None) -> str:
    """How a city's edition ``index`` stands to the ones before it (see ``HISTORY_COLUMNS``)."""
    if now is None:
        return "gone" if before is not None else ""
    if before is None and index:
        return "back" if seen else "new"
    return ""


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
    current: Ranking, previous: Ranking, top: int = 10, within: int | None = None
) -> Report:
    """Risers and fallers (``top`` of each), entries, exits and every overtake (only among
    the first ``within`` cities of ``current``, if given).

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
    new = entrants(current, previous)
    gone = exits(current, previous)
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
