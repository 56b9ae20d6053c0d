"""The ``compare`` view: cities side by side, gaps to the first named, and who leads whom."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cityrank.core.editions import Matcher
from cityrank.core.ranking import score_difference
from cityrank.core.standing import Population
from cityrank.errors import UsageError
from cityrank.model import Entry, Rank, RankedEntry, Ranking
from cityrank.numbers import decimals_of, format_number, grouped, percent
from cityrank.views.base import (
    CITY,
    RANK,
    SCORE,
    TIED,
    Cell,
    Column,
    Kind,
    Report,
    Value,
    View,
    _join,
    edition_caption,
    edition_title,
    extra_names,
    resolve_cities,
)
from cityrank.views.explain import (
    ROUNDING_NOTE,
    Part,
    adds_up,
    difference_by_indicator,
    explain,
)


class _Standing(NamedTuple):
    entry: Entry
    ranked: RankedEntry | None


def compare_view(
    ranking: Ranking,
    names: Sequence[str],
    editions: Sequence[Ranking] = (),
    population: Population | None = None,
    within: Sequence[RankedEntry | None] | None = None,
    tracks: dict[str, list[RankedEntry | None]] | None = None,
) -> Report:
    """Cities side by side; the first named is the reference for gaps.

    With several ``editions``, each city's rank in every edition is added and
    a sentence says in which editions the lead among them changed hands.
    ``population`` answers for the whole edition (default: from ``ranking``).
    ``within`` (``--by``): each city's standing in its group, shown as its rank,
    percentile and gap to #1, and ``tracks`` their standing in it in each edition (by
    label); the sentence still says their standing in the edition.
    """
    if len(names) < 2:
        raise UsageError(
            "compare needs at least two cities — e.g. cityrank compare beijing shenzhen",
            code="too-few-cities",
        )
    entries = resolve_cities(ranking, names)
    population = population or Population(ranking)
    standings = [_Standing(e, population.ranked(e)) for e in entries]
    shown = standings
    if within is not None:
        shown = [_Standing(s.entry, r) for s, r in zip(standings, within, strict=True)]
    numeric, col_ranks = population.columns(entries)
    # Who led whom is said of the edition, whatever the groups.
    overall_tracks = edition_tracks(editions, entries) if len(editions) > 1 else {}
    tracks = overall_tracks if tracks is None else tracks
    explained = [explain(ranking, e) for e in entries]
    points = [f"{p.column}_contribution" for p in explained[0]] if all(explained) else []
    columns = _compare_columns(numeric, tracks, points)
    rows = _compare_rows(shown, numeric, col_ranks, tracks, ranking.decimals)
    data = View(columns, rows, edition_title(ranking), edition_caption(ranking))
    people = _compare_people(ranking, shown, numeric, col_ranks, tracks, explained)
    notes = _compare_notes(ranking, standings, overall_tracks)
    data = _with_contributions(data, explained)
    return Report(data, (people,), notes=notes)


def _compare_columns(
    numeric: dict[str, list[float | None]],
    tracks: dict[str, list[RankedEntry | None]],
    points: list[str],
) -> tuple[Column, ...]:
    """The machine columns: standing and gaps, the file's numeric columns, ranks per edition."""
    columns = [
        CITY,
        RANK,
        TIED,
        SCORE,
        Column("gap_to_reference", "Gap to reference", "number"),
        Column("gap_to_reference_pct", "Gap to reference %", "percent"),
        Column("percentile", "Percentile", "number"),
    ]
    ranks = [Column(f"{name}_rank", f"{name} rank", "rank") for name in numeric]
    editions = [Column(f"rank_{year}", f"Rank {year}", "rank") for year in tracks]
    # cityrank's own names stay; a file column that clashes with one is renamed
    # (original_rank), the same rule as in list and show.
    after = [Column(name, name) for name in points]  # the contributions, added last
    labels = extra_names(list(numeric), [*columns, *ranks, *editions, *after])
    for name, label, rank in zip(numeric, labels, ranks, strict=True):
        columns += [Column(label, name, "number"), rank]
    return tuple(columns + editions)


def _compare_rows(
    standings: list[_Standing],
    numeric: dict[str, list[float | None]],
    col_ranks: dict[str, list[Rank | None]],
    tracks: dict[str, list[RankedEntry | None]],
    places: int | None = None,
) -> list[tuple[Value | Cell, ...]]:
    """One row per city, in ``_compare_columns``' order; gaps are to the first city
    (``places``: ``--decimals``)."""
    reference = standings[0].entry
    rows: list[tuple[Value | Cell, ...]] = []
    for number, s in enumerate(standings):
        r = s.ranked
        gap, gap_pct = _gap(s.entry, reference, places)
        # A list, not tuple += per column: a file may have 100,000 columns.
        row: list[Value] = [
            s.entry.city,
            r.rank if r else None,
            r.tied if r else None,
            s.entry.score,
            gap,
            gap_pct,
            r.percentile if r else None,
        ]
        for name, values in numeric.items():
            row += (values[number], col_ranks[name][number])
        for track in tracks.values():
            standing = track[number]
            row.append(standing.rank if standing else None)
        rows.append(tuple(row))
    return rows


def _compare_notes(
    ranking: Ranking, standings: list[_Standing], tracks: dict[str, list[RankedEntry | None]]
) -> tuple[str, ...]:
    """Who leads whom; where the lead changed hands; the first two's difference by indicator."""
    entries = [s.entry for s in standings]
    notes = [compare_sentence(standings, ranking)]
    if tracks:
        notes.append(lead_changes(tracks, entries))
    split = difference_by_indicator(ranking, entries[0], entries[1])
    if split:
        a, b = entries[0], entries[1]
        assert a.score is not None and b.score is not None
        total = score_difference(a, b)
        pieces = ", ".join(f"{column} {_signed(points)}" for column, points in split)
        notes.append(f"{a.city} − {b.city} = {_signed(total)} points, by indicator: {pieces}.")
        if not adds_up([points for _, points in split], total):
            notes.append(ROUNDING_NOTE)
    return tuple(notes)


def _with_contributions(data: View, explained: list[list[Part]]) -> View:
    """``data`` with each city's points from each indicator, when the score is a composite."""
    if not all(explained):
        return data
    columns = data.columns + tuple(
        Column(f"{p.column}_contribution", f"{p.column} points", "number") for p in explained[0]
    )
    rows = [
        tuple(row) + tuple(p.contribution for p in parts)
        for row, parts in zip(data.rows, explained, strict=True)
    ]
    return View(columns, rows, data.title, data.caption)


def edition_tracks(
    editions: Sequence[Ranking], entries: Sequence[Entry]
) -> dict[str, list[RankedEntry | None]]:
    """For each edition (by label), each city's standing in it, or ``None`` where absent."""
    return {
        str(ed.year): [matcher.find(e) for e in entries]
        for ed in editions
        for matcher in (Matcher(ed),)
    }


def lead_changes(tracks: dict[str, list[RankedEntry | None]], entries: Sequence[Entry]) -> str:
    """Which of ``entries`` led in each edition, said as the editions where that changed."""
    leaders: list[tuple[str, int]] = []
    for year, track in tracks.items():
        ranked = [(r.rank, i) for i, r in enumerate(track) if r is not None]
        if len(ranked) >= 2 and sum(1 for r, _ in ranked if r == min(ranked)[0]) == 1:
            leaders.append((year, min(ranked)[1]))
    changes = [
        f"{year} ({entries[now].city} ahead of {entries[before].city})"
        for (_, before), (year, now) in zip(leaders, leaders[1:], strict=False)
        if now != before
    ]
    if changes:
        return "The lead changed hands in " + _join(changes) + "."
    if leaders:
        return f"{entries[leaders[0][1]].city} led in every edition where it could be compared."
    return "No edition has a single leader among these cities."


def _gap(
    entry: Entry, reference: Entry, places: int | None = None
) -> tuple[float | None, float | None]:
    if entry.score is None or reference.score is None:
        return None, None
    gap = score_difference(entry, reference, places)
    return gap, percent(gap, reference.score, 2 if places is None else places)


def _compare_people(
    ranking: Ranking,
    standings: list[_Standing],
    numeric: dict[str, list[float | None]],
    col_ranks: dict[str, list[Rank | None]],
    tracks: dict[str, list[RankedEntry | None]],
    explained: list[list[Part]],
) -> View:
    """The cities as columns and the measures as rows, each row's best marked."""
    cities = [s.entry for s in standings]
    pair = len(standings) == 2
    columns = [Column("metric", "")] + [Column(f"city_{i}", e.city) for i, e in enumerate(cities)]
    if pair:
        columns.append(Column("difference", f"{cities[0].city} − {cities[1].city}"))
    rows: list[tuple[Value | Cell, ...]] = []

    def add(
        label: str,
        kind: Kind,
        values: Sequence[Value],
        best: str,
        ties: Sequence[bool] | None = None,
    ) -> None:
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        target = (max if best == "high" else min)(numbers) if numbers else None
        cells: list[Value | Cell] = [label]
        for v, t in zip(values, ties or [False] * len(values), strict=True):
            stands_out = target is not None and v == target and len(set(numbers)) > 1
            cells.append(Cell(v, kind, tied=t, best=stands_out))
        if pair:
            cells.append(_difference_cell(standings, label, values, kind))
        rows.append(tuple(cells))

    ranked = [s.ranked for s in standings]
    ties = [bool(r and r.tied) for r in ranked]
    add("Rank", "rank", [r.rank if r else None for r in ranked], "low", ties)
    add("Score", "number", [e.score for e in cities], "low" if ranking.lower_is_better else "high")
    add("Gap to #1", "number", [r.gap_to_leader if r else None for r in ranked], "low")
    add("Percentile", "number", [r.percentile if r else None for r in ranked], "high")
    lower = set(ranking.table.lower_columns) if ranking.table is not None else set()
    for name, values in numeric.items():
        add(name, "number", values, "low" if name in lower else "high")
        add(f"{name} rank", "rank", col_ranks[name], "low")
    for year, track in tracks.items():
        ties = [bool(r and r.tied) for r in track]
        add(f"Rank {year}", "rank", [r.rank if r else None for r in track], "low", ties)
    if all(explained):
        for n, part in enumerate(explained[0]):
            points = [parts[n].contribution for parts in explained]
            add(f"{part.column} points", "number", points, "high")
    return View(tuple(columns), rows, edition_title(ranking), edition_caption(ranking))


def _difference_cell(
    standings: list[_Standing], label: str, values: Sequence[Value], kind: Kind
) -> Value | Cell:
    a, b = values
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return None
    if label == "Score":
        ea, eb = standings[0].entry, standings[1].entry
        assert ea.score is not None and eb.score is not None
        diff = score_difference(ea, eb)
        pct = f" ({_signed(round(100 * diff / eb.score, 1))} %)" if eb.score else ""
        return Cell(f"{_signed(diff)}{pct}", "number")
    if kind == "rank":  # a lower rank is better: said in words, not as a sign to decode
        return Cell(ahead(round(b - a, 2)), "number")
    # Round to the decimals the two values show, so differences add up exactly.
    places = max(decimals_of(format_number(a)), decimals_of(format_number(b)))
    return Cell(_signed(round(a - b, places)), "number")


def ahead(places: float) -> str:
    """``places`` ahead (positive) or behind (negative) in words: ``1 place ahead``."""
    if places == 0:
        return "level"
    unit = "place" if abs(places) == 1 else "places"
    return f"{format_number(abs(places))} {unit} {'ahead' if places > 0 else 'behind'}"


def _signed(x: float) -> str:
    text = grouped(format_number(x))  # people read these: 590,215, as the table shows it
    return text if x <= 0 else f"+{text}"


_PLACES = ["no places", "one place", "two places", "three places", "four places", "five places"]


def compare_sentence(standings: list[_Standing], ranking: Ranking) -> str:
    """One plain sentence: who leads whom, by how many points, percent and places.

    The percentage is the lead as a share of the trailing city's score.
    """
    scored = sorted(
        (s for s in standings if s.ranked is not None),
        key=lambda s: s.ranked.rank if s.ranked else 0,
    )
    missing = [s.entry.city for s in standings if s.ranked is None]
    tail = (
        f" {_join(missing)} {'has' if len(missing) == 1 else 'have'} no score." if missing else ""
    )
    if len(scored) < 2:
        return tail.strip() or "Nothing to compare."
    best, others = scored[0], scored[1:]
    assert best.ranked is not None
    a = best.entry
    parts = []
    for s in others:
        assert s.ranked is not None
        b = s.entry
        assert a.score is not None and b.score is not None
        gap = abs(score_difference(a, b))
        if gap == 0:
            parts.append(f"is level with {b.city} on {grouped(format_number(a.score))} points")
            continue
        more = "less" if ranking.lower_is_better else "more"
        pct = (
            f" ({format_number(round(100 * gap / abs(b.score), 1))} % {more} than {b.city})"
            if b.score
            else ""
        )
        places = abs(round(s.ranked.rank - best.ranked.rank, 2))
        apart = (
            _PLACES[int(places)]
            if float(places).is_integer() and places < len(_PLACES)
            else f"{format_number(places)} places"
        )
        unit = "point" if gap == 1 else "points"
        points = grouped(format_number(gap))
        parts.append(f"leads {b.city} by {points} {unit}{pct}, {apart} apart")
    return f"{a.city} {', and '.join(parts)}.{tail}"
