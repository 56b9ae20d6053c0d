"""The ``history`` view: cities through every edition."""

from __future__ import annotations

from collections.abc import Sequence

from cityrank.core.editions import (
    Matcher,
    cagr,
    latest_entries,
    move_between,
    years_between,
)
from cityrank.core.groups import Within
from cityrank.core.lookup import find_city
from cityrank.core.standing import find_entry
from cityrank.errors import UsageError
from cityrank.model import Entry, Rank, RankedEntry, Ranking
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
    edition_caption,
    where,
)

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
    #: ``gone`` where a city ranked before is missing, ``regrouped`` (``--by``) where its
    #: group changed since the edition before; empty otherwise.
    Column("status", "Status"),
)
_DETAIL_COLUMNS = (
    Column("year", "Year"),
    Column("rank", "Rank", "rank"),
    Column("change", "Change", "change"),
    Column("score", "Score", "number"),
    Column("score_change", "Score change", "number"),
)


def history_view(
    rankings: Sequence[Ranking], names: Sequence[str], within: Within | None = None
) -> Report:
    """Each named city through every edition: rank, score and their changes, and the CAGR.

    ``within`` (``--by``): its rank in each edition is within its group of that edition,
    named in a column of its own.
    """
    if not names:
        raise UsageError(
            "history needs at least one city — e.g. cityrank history beijing", code="no-city"
        )
    latest = rankings[-1]
    place = where(latest) if len(rankings) == 1 else (latest.table.source if latest.table else "")
    cities = _named_cities(rankings, names, place)
    rows: list[tuple[Value | Cell, ...]] = []
    people: list[View] = []
    summary: list[tuple[Value | Cell, ...]] = []
    tracks, groups = _tracks(rankings, cities, within)
    added = (Column(within.name, within.name),) if within is not None else ()
    all_ranks = [r.rank for track in tracks for r in track if r is not None]
    best, worst = (min(all_ranks), max(all_ranks)) if all_ranks else (1, 1)
    for city, track, group in zip(cities, tracks, groups, strict=True):
        growth = _growth(rankings, track)
        city_rows, detail = _city_history(city, rankings, track, growth)
        if within is not None:
            city_rows, detail = _regrouped(city_rows, detail, group)
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
        people.append(View((*_DETAIL_COLUMNS, *added), detail, city.city))
    first_year, last_year = rankings[0].year, rankings[-1].year
    caption = edition_caption(latest)
    if within is not None:
        caption += f" · ranked within each {within.name}"
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
        caption,
    )
    data = View((*HISTORY_COLUMNS, *added), rows, f"History · {place}", caption)
    return Report(data, (head, *people))


def _tracks(
    rankings: Sequence[Ranking], cities: Sequence[Entry], within: Within | None
) -> tuple[list[list[RankedEntry | None]], list[list[str | None]]]:
    """Each city's standing in every edition, and its group there (with ``within``)."""
    if within is None:
        matchers = [Matcher(r) for r in rankings]
        return [[m.find(city) for m in matchers] for city in cities], [[] for _ in cities]
    found = [[within.find(city, i) for i in range(len(rankings))] for city in cities]
    tracks = [[f[1] if f else None for f in track] for track in found]
    return tracks, [[f[0] if f else None for f in track] for track in found]


def _regrouped(
    rows: list[tuple[Value | Cell, ...]],
    detail: list[tuple[Value | Cell, ...]],
    groups: Sequence[str | None],
) -> tuple[list[tuple[Value | Cell, ...]], list[tuple[Value | Cell, ...]]]:
    """A city's rows with its group of each edition added last, and where its group
    changed since the edition before, no rank change (ranks in two groups do not compare)
    but the status ``regrouped``."""
    made, shown = [], []
    for n, (row, line, group) in enumerate(zip(rows, detail, groups, strict=True)):
        if n and group is not None and groups[n - 1] not in (None, group):
            row = (*row[:5], None, *row[6:8], "regrouped")
            line = (*line[:2], Cell("regrouped", "change"), *line[3:])
        made.append((*row, group))
        shown.append((*line, group))
    return made, shown


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
