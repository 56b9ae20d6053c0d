"""Each command's result as plain rows and column specs: what to show, never how."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, BinaryIO, Literal, NamedTuple

from cityrank.core.composite.table import composite_of
from cityrank.core.editions import (
    Matcher,
    Move,
    Overtake,
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
from cityrank.errors import CityRankError, ExitStatus, UsageError

if TYPE_CHECKING:
    from cityrank.core.composite import Robustness
from cityrank.core.stats import column_ranks, numeric_columns, score_stats, z_score
from cityrank.model import TIE_PATTERNS, Entry, Rank, RankedEntry, Ranking
from cityrank.numbers import decimals_of, difference, format_number, percent

Kind = Literal["text", "rank", "number", "percent", "bool", "int", "change"]
Value = str | int | float | bool | None


class Column(NamedTuple):
    """A column: its stable machine ``name``, the ``label`` people read, and its type.

    ``tie_column`` names the boolean column that marks a ``rank`` as tied
    (shown as ``=2`` to people); ``people`` is false for columns a table
    does not need to show (the ``tied`` flag itself), ``machine`` false for
    columns only people need (the ``▲3`` arrows, which machines get as numbers).
    """

    name: str
    label: str
    kind: Kind = "text"
    tie_column: str | None = None
    people: bool = True
    machine: bool = True


class StreamedRows(Sequence[tuple[Value, ...]]):
    """Rows an engine keeps in its own form (column-wise) and writes as delimited text itself.

    Rows are still a sequence of plain tuples for any other use; CSV and TSV
    renderers call ``write_delimited`` instead, which writes the lines after the
    header exactly as they would (same quoting, ``\\n`` line ends).
    """

    @abstractmethod
    def write_delimited(self, out: BinaryIO, delimiter: str) -> None:
        """The rows as UTF-8 lines, delimited by ``delimiter``."""


class Cell(NamedTuple):
    """A value with its own type, for tables whose rows mix kinds (``compare``, ``show``)."""

    value: Value
    kind: Kind = "text"
    tied: bool = False
    best: bool = False


class View(NamedTuple):
    """A titled table of rows, aligned with ``columns``."""

    columns: tuple[Column, ...]
    rows: Sequence[tuple[Value | Cell, ...]]
    title: str = ""
    caption: str = ""

    def for_machines(self) -> View:
        """This view without the columns only people read."""
        keep = [i for i, c in enumerate(self.columns) if c.machine]
        if len(keep) == len(self.columns):
            return self
        rows = [tuple(row[i] for i in keep) for row in self.rows]
        return View(tuple(self.columns[i] for i in keep), rows, self.title, self.caption)


class Bars(NamedTuple):
    """A horizontal bar chart of ranked scores; bars grow from ``start``."""

    rows: tuple[tuple[Rank, bool, str, float], ...]  # rank, tied, city, score
    start: float
    title: str = ""
    caption: str = ""


class RankLines(NamedTuple):
    """Ranks of a few cities across editions, rank 1 at the top."""

    editions: tuple[str, ...]
    series: tuple[tuple[str, tuple[Rank | None, ...]], ...]  # city, rank per edition
    title: str = ""
    caption: str = ""


class Report(NamedTuple):
    """What a command shows: ``data`` for machines; ``people`` when people see it otherwise.

    ``document`` is the JSON shape when it is richer than ``data``'s rows
    (``show``'s nested neighbours); ``notes`` are sentences under the table;
    ``chart`` replaces the tables for people (``cityrank chart``).
    """

    data: View
    people: tuple[View, ...] = ()
    document: object = None
    notes: tuple[str, ...] = ()
    status: int = 0
    chart: Bars | RankLines | None = None


class Around(NamedTuple):
    """Where one city stands among the others (``show``)."""

    me: RankedEntry | None
    above: Entry | None  # the nearest city ahead with a different score
    below: Entry | None  # the nearest city behind with a different score
    tied_with: list[str]  # the other cities with its score, best first
    hood: Sequence[RankedEntry]  # two places either side, itself in the middle
    of: int  # how many cities are ranked


class Population:
    """What views need to know about a whole edition, asked for a few of its cities.

    This one works from the ranking's entries. ``cityrank.columnar`` answers
    the same questions column by column, for a ranking that holds only the
    cities asked about.
    """

    def __init__(self, ranking: Ranking) -> None:
        self.ranking = ranking

    def around(self, entry: Entry) -> Around:
        ranked = list(self.ranking.ranked)
        index = next((i for i, r in enumerate(ranked) if r.entry is entry), None)
        if index is None:
            return Around(None, None, None, [], [], len(ranked))
        score = entry.score
        # "Above" and "below" mean the nearest city with a different score, and
        # ties are equal scores, whatever rank the tie rule (ordinal) gives them.
        above = next((r.entry for r in reversed(ranked[:index]) if r.entry.score != score), None)
        below = next((r.entry for r in ranked[index + 1 :] if r.entry.score != score), None)
        tied_with = [
            r.entry.city for r in ranked if r.entry.score == score and r.entry is not entry
        ]
        hood = ranked[max(0, index - 2) : index + 3]
        return Around(ranked[index], above, below, tied_with, hood, len(ranked))

    def z_score(self, entry: Entry) -> float | None:
        return z_score(self.ranking, entry)

    def columns(
        self, entries: Sequence[Entry]
    ) -> tuple[dict[str, list[float | None]], dict[str, list[Rank | None]]]:
        """The file's numeric columns: each of ``entries``' values, and its rank on them."""
        ranking, table = self.ranking, self.ranking.table
        if table is None:
            return {}, {}
        everyone = [r.entry for r in ranking.ranked] + list(ranking.unranked)
        position = {id(e): i for i, e in enumerate(everyone)}
        at = [position[id(e)] for e in entries]
        values: dict[str, list[float | None]] = {}
        ranks: dict[str, list[Rank | None]] = {}
        for name, column in numeric_columns(table, everyone).items():
            column_rank = column_ranks(column, ranking.ties)
            values[name] = [column[i] for i in at]
            ranks[name] = [column_rank[i] for i in at]
        return values, ranks


def edition_title(ranking: Ranking) -> str:
    table = ranking.table
    name = (table.title or table.source) if table else "ranking"
    return f"{name} · {ranking.year}" if ranking.year else name


def edition_caption(ranking: Ranking) -> str:
    parts = []
    table = ranking.table
    if table and table.citation:
        parts.append(f"Source: {table.citation}")
    composite = composite_of(table)
    if composite:
        spec = next(iter(composite.values())).spec
        weights = ", ".join(
            f"{i.column}{' (lower)' if i.direction == 'lower' else ''} {format_number(i.weight)}"
            for i in spec.indicators
        )
        parts.append(f"score: composite of {weights} ({spec.normalisation}, {spec.aggregation})")
    parts.append(f"ties: {ranking.ties} ({TIE_PATTERNS[ranking.ties]})")
    if ranking.lower_is_better:
        parts.append("lower score is better")
    return " · ".join(parts)


def where(ranking: Ranking) -> str:
    """How messages name the data: ``sample_data.csv (2020)``."""
    source = ranking.table.source if ranking.table else "the data"
    return f"{source} ({ranking.year})" if ranking.year else source


# --- list -------------------------------------------------------------------

RANK = Column("rank", "#", "rank", tie_column="tied")
TIED = Column("tied", "Tied", "bool", people=False)
CITY = Column("city", "City")
SCORE = Column("score", "Score", "number")
YEAR = Column("year", "Year", "text", people=False)
LIST_FIGURES = (
    Column("gap_to_leader", "Gap to #1", "number"),
    Column("gap_to_above", "Gap to above", "number"),
    Column("percentile", "Percentile", "number"),
    Column("share_of_leader", "% of #1", "percent"),
)


MOVEMENT = (
    Column("change", "Change", "change", machine=False),
    Column("previous_rank", "Previous rank", "rank", people=False),
    Column("rank_change", "Rank change", "int", people=False),
    Column("previous_score", "Previous score", "number", people=False),
    Column("score_change", "Score change", "number", people=False),
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
        arrow(move.rank_change),
        before.rank,
        move.rank_change,
        before.entry.score,
        move.score_change,
    )


def arrow(change: Rank | None) -> str:
    """``▲3`` for three places up, ``▼1`` for one down, ``=`` for no change."""
    if change is None:
        return ""
    if change > 0:
        return f"▲{format_number(change)}"
    if change < 0:
        return f"▼{format_number(-change)}"
    return "="


def extra_names(extra: Sequence[str], columns: Sequence[Column]) -> list[str]:
    """Names for a file's own columns next to ours: ``original_rank`` where ``rank`` is taken.

    Keeps the output readable back in: no two columns share a name.
    """
    taken = {c.name.casefold() for c in columns}
    names = []
    for name in extra:
        while name.casefold() in taken:
            name = f"original_{name}"
        taken.add(name.casefold())
        names.append(name)
    return names


def top_rows(ranked: Sequence[RankedEntry], top: int | None) -> Sequence[RankedEntry]:
    """The first ``top`` rows, and every row tied with the last of them."""
    if top is None or top >= len(ranked):
        return ranked
    if top <= 0:
        return ()
    cut = top
    last = ranked[top - 1].entry.score
    while cut < len(ranked) and ranked[cut].entry.score == last:
        cut += 1
    return ranked[:cut]


# --- compare ----------------------------------------------------------------


class _Standing(NamedTuple):
    entry: Entry
    ranked: RankedEntry | None


def resolve_cities(ranking: Ranking, names: Sequence[str]) -> list[Entry]:
    """The entries ``names`` refer to, in order; the same city twice is a usage error."""
    everyone = [r.entry for r in ranking.ranked] + list(ranking.unranked)
    found: list[Entry] = []
    for name in names:
        entry = find_city(everyone, name, where(ranking))
        if entry in found:
            raise UsageError(
                f'"{name}" is {entry.city}, which is already in the comparison — '
                "name each city once",
                code="repeated-city",
            )
        found.append(entry)
    return found


def compare_view(
    ranking: Ranking,
    names: Sequence[str],
    editions: Sequence[Ranking] = (),
    population: Population | None = None,
) -> Report:
    """Cities side by side; the first named is the reference for gaps.

    With several ``editions``, each city's rank in every edition is added and
    a sentence says in which editions the lead among them changed hands.
    ``population`` answers for the whole edition (default: from ``ranking``).
    """
    if len(names) < 2:
        raise UsageError(
            "compare needs at least two cities — e.g. cityrank compare beijing shenzhen",
            code="too-few-cities",
        )
    entries = resolve_cities(ranking, names)
    by_entry = {id(r.entry): r for r in ranking.ranked}
    standings = [_Standing(e, by_entry.get(id(e))) for e in entries]
    numeric, col_ranks = (population or Population(ranking)).columns(entries)

    reference = standings[0].entry
    columns = [
        CITY,
        RANK,
        TIED,
        SCORE,
        Column("gap_to_reference", "Gap to reference", "number"),
        Column("gap_to_reference_pct", "Gap to reference %", "percent"),
        Column("percentile", "Percentile", "number"),
    ]
    taken: list[Column] = list(columns)
    for name in numeric:
        # The file's own names, renamed where they clash with ours (original_rank).
        label, rank_label = extra_names([name, f"{name}_rank"], taken)
        pair_columns = [Column(label, name, "number"), Column(rank_label, f"{name} rank", "rank")]
        taken += pair_columns
        columns += pair_columns
    tracks = edition_tracks(editions, entries) if len(editions) > 1 else {}
    columns += [Column(f"rank_{year}", f"Rank {year}", "rank") for year in tracks]
    rows: list[tuple[Value | Cell, ...]] = []
    for number, s in enumerate(standings):
        r = s.ranked
        gap, gap_pct = _gap(s.entry, reference)
        row: tuple[Value, ...] = (
            s.entry.city,
            r.rank if r else None,
            r.tied if r else None,
            s.entry.score,
            gap,
            gap_pct,
            r.percentile if r else None,
        )
        for name, values in numeric.items():
            row += (values[number], col_ranks[name][number])
        for track in tracks.values():
            standing = track[number]
            row += (standing.rank if standing else None,)
        rows.append(row)
    data = View(tuple(columns), rows, edition_title(ranking), edition_caption(ranking))
    people = _compare_people(ranking, standings, numeric, col_ranks, tracks)
    notes = [compare_sentence(standings, ranking)]
    if tracks:
        notes.append(lead_changes(tracks, entries))
    split = difference_by_indicator(ranking, entries[0], entries[1])
    if split:
        a, b = entries[0], entries[1]
        assert a.score is not None and b.score is not None
        total = difference(a.score, a.decimals, b.score, b.decimals)
        pieces = ", ".join(f"{column} {_signed(points)}" for column, points in split)
        notes.append(f"{a.city} − {b.city} = {_signed(total)} points, by indicator: {pieces}.")
    data = _with_contributions(data, ranking, entries)
    return Report(data, (people,), notes=tuple(notes))


def _with_contributions(data: View, ranking: Ranking, entries: Sequence[Entry]) -> View:
    """``data`` with each city's points from each indicator, when the score is a composite."""
    explained = [explain(ranking, e) for e in entries]
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


def _gap(entry: Entry, reference: Entry) -> tuple[float | None, float | None]:
    if entry.score is None or reference.score is None:
        return None, None
    gap = difference(entry.score, entry.decimals, reference.score, reference.decimals)
    return gap, percent(gap, reference.score)


def _compare_people(
    ranking: Ranking,
    standings: list[_Standing],
    numeric: dict[str, list[float | None]],
    col_ranks: dict[str, list[Rank | None]],
    tracks: dict[str, list[RankedEntry | None]],
) -> View:
    low = ranking.lower_is_better
    cities = [s.entry for s in standings]
    pair = len(standings) == 2
    columns = [Column("metric", "")] + [Column(f"city_{i}", e.city) for i, e in enumerate(cities)]
    if pair:
        columns.append(Column("difference", f"{cities[0].city} − {cities[1].city}"))
    rows: list[tuple[Value | Cell, ...]] = []

    def add(label: str, kind: Kind, values: list[Value], ties: list[bool], best: str) -> None:
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        target = (max if best == "high" else min)(numbers) if numbers else None
        cells: list[Value | Cell] = [label]
        for v, t in zip(values, ties, strict=True):
            stands_out = target is not None and v == target and len(set(numbers)) > 1
            cells.append(Cell(v, kind, tied=t, best=stands_out))
        if pair:
            cells.append(_difference_cell(standings, label, values, kind))
        rows.append(tuple(cells))

    ranked = [s.ranked for s in standings]
    add(
        "Rank",
        "rank",
        [r.rank if r else None for r in ranked],
        [bool(r and r.tied) for r in ranked],
        "low",
    )
    add(
        "Score",
        "number",
        [e.score for e in cities],
        [False] * len(cities),
        "low" if low else "high",
    )
    add(
        "Gap to #1",
        "number",
        [r.gap_to_leader if r else None for r in ranked],
        [False] * len(cities),
        "low",
    )
    add(
        "Percentile",
        "number",
        [r.percentile if r else None for r in ranked],
        [False] * len(cities),
        "high",
    )
    for name, values in numeric.items():
        vals: list[Value] = list(values)
        add(name, "number", vals, [False] * len(cities), "high")
        ranks: list[Value] = list(col_ranks[name])
        add(f"{name} rank", "rank", ranks, [False] * len(cities), "low")
    for year, track in tracks.items():
        add(
            f"Rank {year}",
            "rank",
            [r.rank if r else None for r in track],
            [bool(r and r.tied) for r in track],
            "low",
        )
    explained = [explain(ranking, e) for e in cities]
    if all(explained):
        for n, part in enumerate(explained[0]):
            points: list[Value] = [parts[n].contribution for parts in explained]
            add(f"{part.column} points", "number", points, [False] * len(cities), "high")
    return View(tuple(columns), rows, edition_title(ranking), edition_caption(ranking))


def _difference_cell(
    standings: list[_Standing], label: str, values: list[Value], kind: Kind
) -> Value | Cell:
    a, b = values
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return None
    if label == "Score":
        ea, eb = standings[0].entry, standings[1].entry
        assert ea.score is not None and eb.score is not None
        diff = difference(ea.score, ea.decimals, eb.score, eb.decimals)
        pct = f" ({_signed(round(100 * diff / eb.score, 1))} %)" if eb.score else ""
        return Cell(f"{_signed(diff)}{pct}", "number")
    # Round to the decimals the two values show, so differences add up exactly.
    places = max(decimals_of(format_number(a)), decimals_of(format_number(b)))
    return Cell(_signed(round(a - b, places)), "number")


def _signed(x: float) -> str:
    text = format_number(x)
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
        gap = abs(difference(a.score, a.decimals, b.score, b.decimals))
        if gap == 0:
            parts.append(f"is level with {b.city} on {format_number(a.score)} points")
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
        parts.append(f"leads {b.city} by {format_number(gap)} {unit}{pct}, {apart} apart")
    return f"{a.city} {', and '.join(parts)}.{tail}"


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# --- show -------------------------------------------------------------------

SHOW_COLUMNS = (
    Column("city", "City"),
    Column("year", "Year"),
    Column("rank", "Rank", "rank", tie_column="tied"),
    Column("tied", "Tied", "bool"),
    Column("of", "Of", "int"),
    Column("tied_with", "Tied with"),
    Column("score", "Score", "number"),
    Column("share_of_leader", "% of #1", "percent"),
    Column("gap_to_leader", "Gap to #1", "number"),
    Column("above_city", "City above"),
    Column("gap_to_above", "Gap to city above", "number"),
    Column("below_city", "City below"),
    Column("lead_over_below", "Lead over city below", "number"),
    Column("percentile", "Percentile", "number"),
    Column("z_score", "z-score", "number"),
)


def show_view(ranking: Ranking, name: str, population: Population | None = None) -> Report:
    """Everything about one city: standing, neighbours, its other columns and ranks on them.

    ``population`` answers for the whole edition (default: from ``ranking``).
    """
    population = population or Population(ranking)
    entry = resolve_cities(ranking, [name])[0]
    table = ranking.table
    around = population.around(entry)
    me, above, below, tied_with = around.me, around.above, around.below, around.tied_with
    lead = _points(entry, below) if below is not None else None
    summary: dict[str, Value] = {
        "city": entry.city,
        "year": entry.year,
        "rank": me.rank if me else None,
        "tied": me.tied if me else None,
        "of": around.of,
        "tied_with": "|".join(tied_with) if tied_with else None,
        "score": entry.score,
        "share_of_leader": me.share_of_leader if me else None,
        "gap_to_leader": me.gap_to_leader if me else None,
        "above_city": above.city if above else None,
        "gap_to_above": me.gap_to_above if me else None,
        "below_city": below.city if below else None,
        "lead_over_below": lead,
        "percentile": me.percentile if me else None,
        "z_score": population.z_score(entry),
    }
    values, ranks = population.columns([entry])
    numeric = {n: v[0] for n, v in values.items()}
    col_rank = {n: r[0] for n, r in ranks.items()}
    extra = dict(zip(table.extra_columns, entry.extra, strict=True)) if table else {}
    strongest = weakest = None
    rated = [(r, n) for n, r in col_rank.items() if r is not None]
    if rated:
        strongest = min(rated, key=lambda p: p[0])[1]
        weakest = max(rated, key=lambda p: p[0])[1]
    columns = list(SHOW_COLUMNS)
    row: list[Value] = list(summary.values())
    labels = extra_names(list(extra), columns)
    for (name, cell), label in zip(extra.items(), labels, strict=True):
        columns.append(Column(label, name, "number" if name in numeric else "text"))
        row.append(numeric[name] if name in numeric else cell)
    rank_labels = extra_names([f"{n}_rank" for n in col_rank], columns)
    for name, label in zip(col_rank, rank_labels, strict=True):
        columns.append(Column(label, f"{name} rank", "rank"))
        row.append(col_rank[name])
    columns += [Column("strongest_column", "Strongest"), Column("weakest_column", "Weakest")]
    row += [strongest, weakest]
    parts = explain(ranking, entry)
    if parts:
        for part in parts:
            for field_name, kind, value in (
                ("normalised", "number", part.normalised),
                ("weight", "number", part.weight),
                ("contribution", "number", part.contribution),
                ("share_pct", "percent", part.share),
                ("indicator_rank", "rank", part.rank),
            ):
                columns.append(Column(f"{part.column}_{field_name}", field_name, kind))  # type: ignore[arg-type]
                row.append(value)
        placed = [p for p in parts if p.rank is not None]
        top = min(placed, key=lambda p: p.rank or 0).column if placed else None
        bottom = max(placed, key=lambda p: p.rank or 0).column if placed else None
        columns += [Column("strongest_indicator", ""), Column("weakest_indicator", "")]
        row += [top, bottom]
    data = View(tuple(columns), [tuple(row)], edition_title(ranking), edition_caption(ranking))

    hood = around.hood
    neighbours = [
        {"rank": r.rank, "tied": r.tied, "city": r.entry.city, "score": r.entry.score} for r in hood
    ]
    document: dict[str, object] = dict(zip([c.name for c in columns], row, strict=True))
    document["tied_with"] = tied_with
    document["neighbours"] = neighbours
    people = _show_people(ranking, entry, me, summary, hood, extra, numeric, col_rank)
    notes: tuple[str, ...] = ()
    if parts:
        people += (_indicators_view(parts),)
    if me is None:
        notes = (f"{entry.city} has no score in {where(ranking)}, so it is not ranked.",)
    elif parts:
        notes = (_strongest_sentence(parts),)
    elif strongest and weakest and strongest != weakest:
        notes = (
            f"Strongest on {strongest} (#{format_number(col_rank[strongest] or 0)}), "
            f"weakest on {weakest} (#{format_number(col_rank[weakest] or 0)}).",
        )
    return Report(data, people, document=document, notes=notes)


def _points(a: Entry, b: Entry) -> float | None:
    if a.score is None or b.score is None:
        return None
    return abs(difference(a.score, a.decimals, b.score, b.decimals))


def _show_people(
    ranking: Ranking,
    entry: Entry,
    me: RankedEntry | None,
    summary: dict[str, Value],
    hood: Sequence[RankedEntry],
    extra: dict[str, str],
    numeric: dict[str, float | None],
    col_rank: dict[str, Rank | None],
) -> tuple[View, ...]:
    two = (Column("field", ""), Column("value", ""))
    lines: list[tuple[Value | Cell, ...]] = []
    if me is None:
        lines.append(("Rank", "unranked — no score"))
    else:
        rank = Cell(me.rank, "rank", tied=me.tied)
        lines.append(("Rank", rank))
        lines.append(("Of", Cell(summary["of"], "int")))
        if summary["tied_with"]:
            lines.append(("Tied with", str(summary["tied_with"]).replace("|", ", ")))
        lines.append(("Score", Cell(entry.score, "number")))
        lines.append(("Share of #1", Cell(me.share_of_leader, "percent")))
        lines.append(("Gap to #1", Cell(me.gap_to_leader, "number")))
        if summary["above_city"] is not None:
            lines.append((f"Gap to {summary['above_city']}", Cell(me.gap_to_above, "number")))
        if summary["below_city"] is not None:
            lines.append(
                (f"Lead over {summary['below_city']}", Cell(summary["lead_over_below"], "number"))
            )
        lines.append(("Percentile", Cell(me.percentile, "number")))
        lines.append(("z-score", Cell(summary["z_score"], "number")))
    title = f"{entry.city} · {edition_title(ranking)}"
    views = [View(two, lines, title, edition_caption(ranking))]
    if hood:
        rows: list[tuple[Value | Cell, ...]] = [
            (
                Cell(r.rank, "rank", tied=r.tied, best=r.entry is entry),
                Cell(r.entry.city, best=r.entry is entry),
                Cell(r.entry.score, "number", best=r.entry is entry),
            )
            for r in hood
        ]
        views.append(View((RANK, CITY, SCORE), rows, "Neighbourhood"))
    if extra:
        rows = []
        for name, cell in extra.items():
            value: Value | Cell = cell
            r = col_rank.get(name)
            rows.append((name, value, Cell(r, "rank") if name in numeric else None))
        cols = (
            Column("column", "Column"),
            Column("value", "Value"),
            Column("rank", "Rank", "rank"),
        )
        views.append(View(cols, rows, "Other columns"))
    return tuple(views)


# --- validate ---------------------------------------------------------------

VALIDATE_COLUMNS = (
    Column("file", "File"),
    Column("line", "Line", "int"),
    Column("column", "Column", "int"),
    Column("severity", "Severity"),
    Column("code", "Code"),
    Column("message", "Message"),
)


def validate_view(
    errors: Sequence[CityRankError], warnings: Sequence[CityRankError], files: int, rows: int
) -> Report:
    """One row per problem, errors first; the status is 1 when there is any error."""
    found = [("error", e) for e in errors] + [("warning", w) for w in warnings]
    table_rows: list[tuple[Value | Cell, ...]] = [
        (p.file, p.line, p.column, severity, p.code, p.message) for severity, p in found
    ]
    summary = (
        f"{_count(len(errors), 'error')}, {_count(len(warnings), 'warning')} "
        f"in {_count(files, 'file')} ({_count(rows, 'row')} loaded)."
    )
    view = View(VALIDATE_COLUMNS, table_rows)
    lines = View(
        (Column("problem", ""),),
        [(f"{p.where or p.file}: {severity}: {p.message} [{p.code}]",) for severity, p in found],
    )
    status = ExitStatus.DATA_ERROR if errors else ExitStatus.OK
    return Report(view, people=(lines,) if found else (), notes=(summary,), status=status)


def _count(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


# --- editions: history and movers --------------------------------------------

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(ranks: Sequence[Rank | None], best: float, worst: float) -> str:
    """Ranks as bars, rank ``best`` the tallest; ``·`` where a city was not ranked."""
    marks = []
    for r in ranks:
        if r is None:
            marks.append("·")
            continue
        share = 1.0 if worst == best else (worst - r) / (worst - best)
        marks.append(SPARK[round(share * (len(SPARK) - 1))])
    return "".join(marks)


def history_view(rankings: Sequence[Ranking], names: Sequence[str]) -> Report:
    """Each named city through every edition: rank, score and their changes, and the CAGR."""
    if not names:
        raise UsageError(
            "history needs at least one city — e.g. cityrank history beijing", code="no-city"
        )
    latest = rankings[-1]
    everyone = latest_entries(rankings)
    place = where(latest) if len(rankings) == 1 else (latest.table.source if latest.table else "")
    cities: list[Entry] = []
    for name in names:
        entry = find_city(everyone, name, place)
        if entry in cities:
            raise UsageError(f'"{name}" is {entry.city}, already named — name each city once')
        cities.append(entry)
    matchers = [Matcher(r) for r in rankings]
    columns = (
        CITY,
        Column("year", "Year"),
        RANK,
        TIED,
        SCORE,
        Column("rank_change", "Rank change", "int"),
        Column("score_change", "Score change", "number"),
        Column("score_cagr_pct", "Score CAGR %", "percent"),
    )
    rows: list[tuple[Value | Cell, ...]] = []
    people: list[View] = []
    summary: list[tuple[Value | Cell, ...]] = []
    tracks = [[m.find(city) for m in matchers] for city in cities]
    all_ranks = [r.rank for track in tracks for r in track if r is not None]
    best, worst = (min(all_ranks), max(all_ranks)) if all_ranks else (1, 1)
    for city, track in zip(cities, tracks, strict=True):
        pairs = enumerate(zip(rankings, track, strict=True))
        present = [(n, ranking, r) for n, (ranking, r) in pairs if r]
        growth = None
        if len(present) >= 2:
            (i, first_ranking, first), (j, last_ranking, last) = present[0], present[-1]
            assert first.entry.score is not None and last.entry.score is not None
            span = years_between(first_ranking.year, last_ranking.year, j - i)
            growth = cagr(first.entry.score, last.entry.score, span)
        detail: list[tuple[Value | Cell, ...]] = []
        before: RankedEntry | None = None
        for index, (ranking, now) in enumerate(zip(rankings, track, strict=True)):
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
                )
            )
            detail.append(
                (
                    ranking.year,
                    Cell(now.rank if now else None, "rank", tied=bool(now and now.tied)),
                    Cell(arrow(change) if before else ("new" if now and index else ""), "change"),
                    Cell(now.entry.score if now else None, "number"),
                    Cell(score_change, "number"),
                )
            )
            before = now
        summary.append(
            (
                city.city,
                sparkline([r.rank if r else None for r in track], best, worst),
                Cell(present[0][2].rank if present else None, "rank"),
                Cell(present[-1][2].rank if present else None, "rank"),
                Cell(growth, "percent"),
            )
        )
        people.append(
            View(
                (
                    Column("year", "Year"),
                    Column("rank", "Rank", "rank"),
                    Column("change", "Change", "change"),
                    Column("score", "Score", "number"),
                    Column("score_change", "Score change", "number"),
                ),
                detail,
                city.city,
            )
        )
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
    data = View(columns, rows, f"History · {place}", edition_caption(latest))
    return Report(data, (head, *people))


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


def movers_view(current: Ranking, previous: Ranking, top: int = 10) -> Report:
    """Risers and fallers (``top`` of each), entries, exits and every overtake."""
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
    passes = overtakes(current, previous)
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
    for o in passes:
        change = o.city_before.rank - o.city.rank
        rows.append(
            (
                "overtake",
                o.city.entry.city,
                o.other.entry.city,
                o.city_before.rank,
                o.city.rank,
                int(change) if float(change).is_integer() else change,
                o.city_before.entry.score,
                o.city.entry.score,
            )
        )
    span = f"{previous.year} → {current.year}"
    title = f"Movers · {span}"
    data = View(MOVER_COLUMNS, rows, title, edition_caption(current))
    people = _movers_people(current, previous, risers, fallers, new, gone, passes, top)
    return Report(data, people, notes=(_movers_summary(moved, new, gone, passes, span),))


def _movers_people(
    current: Ranking,
    previous: Ranking,
    risers: list[tuple[RankedEntry, Move]],
    fallers: list[tuple[RankedEntry, Move]],
    new: list[RankedEntry],
    gone: list[RankedEntry],
    passes: list[Overtake],
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
                    arrow(m.rank_change),
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
    if passes:
        sentences: list[tuple[Value | Cell, ...]] = [
            (
                f"{o.city.entry.city} overtook {o.other.entry.city}: "
                f"#{format_number(o.city_before.rank)} in {y1} → "
                f"#{format_number(o.city.rank)} in {y2}",
            )
            for o in passes[:top]
        ]
        more = f" (first {top} of {len(passes)}; -f csv lists all)" if len(passes) > top else ""
        views.append(View((Column("overtake", ""),), sentences, f"Overtakes{more}"))
    return tuple(views)


def _places(group: Sequence[RankedEntry], label: str, top: int) -> View:
    """The first ``top`` cities of ``group`` with their rank and score in their edition."""
    more = f" (first {top} of {len(group)})" if len(group) > top else ""
    rows: list[tuple[Value | Cell, ...]] = [
        (r.entry.city, Cell(r.rank, "rank", tied=r.tied), r.entry.score) for r in group[:top]
    ]
    columns = (CITY, Column("rank", "Rank", "rank"), Column("score", "Score", "number"))
    return View(columns, rows, label + more)


def _movers_summary(
    moved: list[tuple[RankedEntry, Move]],
    new: list[RankedEntry],
    gone: list[RankedEntry],
    passes: list[Overtake],
    span: str,
) -> str:
    up = sum(1 for _, m in moved if m.rank_change > 0)
    down = sum(1 for _, m in moved if m.rank_change < 0)
    return (
        f"{span}: {_count(up, 'city')} up, {down} down, {len(moved) - up - down} unchanged; "
        f"{len(new)} new, {len(gone)} gone; {_count(len(passes), 'overtake')}."
    )


# --- chart and stats ----------------------------------------------------------


def chart_view(ranking: Ranking, top: int | None = None, from_min: bool = False) -> Report:
    """The ranked scores as bars from zero (or from the lowest score shown, ``from_min``)."""
    ranked = top_rows(ranking.ranked, top)
    scores = [r.entry.score for r in ranked if r.entry.score is not None]
    low = min(scores) if scores else 0.0
    start = low if from_min else min(0.0, low)
    caption = edition_caption(ranking)
    if from_min:
        caption = f"bars start at {format_number(start)}, not zero · {caption}"
    bars = Bars(
        tuple((r.rank, r.tied, r.entry.city, r.entry.score or 0.0) for r in ranked),
        start,
        edition_title(ranking),
        caption,
    )
    columns = (RANK, TIED, CITY, SCORE, Column("bar_start", "Bar start", "number"))
    rows: list[tuple[Value | Cell, ...]] = [
        (r.rank, r.tied, r.entry.city, r.entry.score, start) for r in ranked
    ]
    notes = () if ranked else (f"No city has a score in {where(ranking)}: nothing to draw.",)
    return Report(View(columns, rows, bars.title, caption), notes=notes, chart=bars)


def rank_chart_view(rankings: Sequence[Ranking], names: Sequence[str]) -> Report:
    """Each named city's rank in every edition, for a line/dot chart."""
    history = history_view(rankings, names)
    cities: dict[str, list[Rank | None]] = {}
    for row in history.data.rows:
        city, rank = row[0], row[2]
        assert isinstance(city, str)
        cities.setdefault(city, []).append(rank if isinstance(rank, int | float) else None)
    editions = tuple(r.year or "" for r in rankings)
    chart = RankLines(
        editions,
        tuple((city, tuple(ranks)) for city, ranks in cities.items()),
        f"Rank by edition · {history.data.title.removeprefix('History · ')}",
        history.data.caption,
    )
    columns = (CITY, Column("year", "Year"), RANK)
    rows = [(row[0], row[1], row[2]) for row in history.data.rows]
    return Report(View(columns, rows, chart.title, chart.caption), chart=chart)


STATS_COLUMNS = (
    Column("year", "Year"),
    Column("count", "Count", "int"),
    Column("ranked", "Ranked", "int"),
    Column("unranked", "Unranked", "int"),
    Column("min", "Min", "number"),
    Column("max", "Max", "number"),
    Column("mean", "Mean", "number"),
    Column("median", "Median", "number"),
    Column("stdev", "Std dev", "number"),
    Column("q1", "Q1", "number"),
    Column("q3", "Q3", "number"),
    Column("iqr", "IQR", "number"),
    Column("gap_1_2", "Gap #1–#2", "number"),
    Column("gap_1_median", "Gap #1–median", "number"),
    Column("top3_share", "Top-3 share", "percent"),
)


def stats_view(rankings: Sequence[Ranking]) -> Report:
    """Distribution figures per edition (see ``ranking.score_stats``), with a histogram."""
    rows: list[tuple[Value | Cell, ...]] = []
    for ranking in rankings:
        figures = score_stats(ranking)
        rows.append((ranking.year, *(figures[c.name] for c in STATS_COLUMNS[1:])))
    latest = rankings[-1]
    title = f"Statistics · {edition_title(latest)}" if len(rankings) == 1 else "Statistics"
    data = View(STATS_COLUMNS, rows, title, edition_caption(latest))
    people = [_stats_people(data)]
    people.append(histogram_view(latest))
    return Report(data, tuple(people))


def _stats_people(data: View) -> View:
    """The figures with editions as columns and measures as rows: easier to read."""
    measures = data.columns[1:]
    columns = (Column("measure", ""),) + tuple(
        Column(f"y{i}", str(row[0] or "")) for i, row in enumerate(data.rows)
    )
    rows: list[tuple[Value | Cell, ...]] = [
        (m.label, *(Cell(_value(row[i + 1]), m.kind) for row in data.rows))
        for i, m in enumerate(measures)
    ]
    return View(columns, rows, data.title, data.caption)


def _value(value: Value | Cell) -> Value:
    assert not isinstance(value, Cell)  # stats rows hold plain values
    return value


def histogram_view(ranking: Ranking, bins: int = 10) -> View:
    """Counts of scores in equal-width bins, each with a bar."""
    scores = [r.entry.score for r in ranking.ranked if r.entry.score is not None]
    if not scores:
        return View((Column("bin", "Scores"),), [("no scores",)], "Histogram")
    low, high = min(scores), max(scores)
    bins = 1 if high == low else min(bins, len(scores))
    width = (high - low) / bins if bins > 1 else 1.0
    counts = [0] * bins
    for score in scores:
        counts[min(int((score - low) / width), bins - 1) if bins > 1 else 0] += 1
    most = max(counts)
    rows: list[tuple[Value | Cell, ...]] = []
    places = max(r.entry.decimals for r in ranking.ranked) + 1
    for i, count in enumerate(counts):
        a = round(low + i * width, places)
        b = round(low + (i + 1) * width, places) if bins > 1 else high
        bar = "█" * round(30 * count / most) if count else ""
        rows.append((f"{format_number(a)} – {format_number(b)}", Cell(count, "int"), bar))
    columns = (Column("bin", "Scores"), Column("count", "Cities", "int"), Column("bar", ""))
    return View(columns, rows, f"Histogram · {edition_title(ranking)}")


# --- composite explanations -------------------------------------------------------


class Part(NamedTuple):
    """One indicator's share in one city's composite score."""

    column: str
    raw: float | None
    normalised: float | None
    weight: float | None
    contribution: float | None
    share: float | None  # percent of the score
    rank: Rank | None  # among the edition's cities, on the normalised value


def explain(ranking: Ranking, entry: Entry) -> list[Part]:
    """How ``entry``'s composite score is made, indicator by indicator ([] without one)."""
    table = ranking.table
    composite = composite_of(table)
    if not composite or ranking.year not in composite:
        return []
    made = composite[ranking.year]
    i = made.index(entry)
    result = made.result
    score = result.scores[i]
    parts = []
    for column in made.spec.columns:
        normalised = result.normalised[column]
        contribution = result.contributions[column][i]
        weight = result.weights[column][i]
        value = normalised[i]
        parts.append(
            Part(
                column,
                made.raw[column][i],
                round(value, 4) if value is not None else None,
                round(weight, 4) if weight is not None else None,
                contribution,
                round(100 * contribution / score, 2)
                if contribution is not None and score
                else None,
                column_ranks(normalised, ranking.ties)[i],
            )
        )
    return parts


def _indicators_view(parts: list[Part]) -> View:
    columns = (
        Column("indicator", "Indicator"),
        Column("value", "Value", "number"),
        Column("normalised", "Normalised", "number"),
        Column("weight", "Weight", "number"),
        Column("contribution", "Points", "number"),
        Column("share", "Share", "percent"),
        Column("rank", "Rank", "rank"),
    )
    rows: list[tuple[Value | Cell, ...]] = [
        (p.column, p.raw, p.normalised, p.weight, p.contribution, p.share, p.rank) for p in parts
    ]
    return View(columns, rows, "Composite score, indicator by indicator")


def _strongest_sentence(parts: list[Part]) -> str:
    rated = [p for p in parts if p.rank is not None]
    if not rated:
        return "No indicator has a value."
    top = min(rated, key=lambda p: p.rank or 0)
    bottom = max(rated, key=lambda p: p.rank or 0)
    return (
        f"Strongest indicator: {top.column} (#{format_number(top.rank or 0)}); "
        f"weakest: {bottom.column} (#{format_number(bottom.rank or 0)})."
    )


def difference_by_indicator(ranking: Ranking, a: Entry, b: Entry) -> list[tuple[str, float]] | None:
    """``a``'s score minus ``b``'s, split by indicator; the parts add up to the difference."""
    first, second = explain(ranking, a), explain(ranking, b)
    if not first or not second or a.score is None or b.score is None:
        return None
    split = []
    for x, y in zip(first, second, strict=True):
        cx, cy = x.contribution or 0.0, y.contribution or 0.0
        split.append((x.column, difference(cx, a.decimals, cy, b.decimals)))
    return split


ROBUSTNESS_COLUMNS = (
    CITY,
    Column("nominal_rank", "Rank", "rank"),
    Column("median_rank", "Median", "rank"),
    Column("rank_p05", "5 %", "rank"),
    Column("rank_p95", "95 %", "rank"),
    Column("p_first", "P(#1)", "number"),
    Column("p_top_k", "P(top k)", "number"),
)


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def interval_bar(low: float, mid: float, high: float, worst: float, width: int = 16) -> str:
    """Ranks 1..``worst`` across ``width`` cells: ``━`` from ``low`` to ``high``, ``●`` at ``mid``.

    Rank 1 is the left end.
    """

    def cell(rank: float) -> int:
        return 0 if worst <= 1 else round((rank - 1) / (worst - 1) * (width - 1))

    line = ["·"] * width
    for i in range(cell(low), cell(high) + 1):
        line[i] = "━"
    line[cell(mid)] = "●"
    return "".join(line)


def robustness_view(
    ranking: Ranking, result: Robustness, top_k: int, weight_noise: float, vary_method: bool
) -> Report:
    """Per city: nominal rank and how far it moves when weights (and methods) vary."""
    table = ranking.table
    composite = composite_of(table)
    assert composite is not None
    entries = composite[ranking.year].entries
    order = sorted(
        range(len(entries)),
        key=lambda i: (result.nominal_rank[i] is None, result.nominal_rank[i] or 0),
    )
    rows: list[tuple[Value | Cell, ...]] = []
    people: list[tuple[Value | Cell, ...]] = []
    worst = max((r for r in result.rank_p95 if r is not None), default=1.0)
    for i in order:
        low, mid, high = result.rank_p05[i], result.median_rank[i], result.rank_p95[i]
        first, top = result.p_first[i], result.p_top_k[i]
        rows.append(
            (
                entries[i].city,
                result.nominal_rank[i],
                _round(mid, 2),
                _round(low, 2),
                _round(high, 2),
                _round(first, 4),
                _round(top, 4),
            )
        )
        bar = ""
        if low is not None and mid is not None and high is not None:
            bar = interval_bar(low, mid, high, worst)
        people.append(
            (
                entries[i].city,
                Cell(result.nominal_rank[i], "rank"),
                Cell(mid, "rank"),
                f"{format_number(low or 0)}–{format_number(high or 0)}" if bar else "",
                bar,
                Cell(round(100 * first, 1) if first is not None else None, "percent"),
                Cell(round(100 * top, 1) if top is not None else None, "percent"),
            )
        )
    varied = "weights ±" + format_number(round(100 * weight_noise, 2)) + " %"
    if vary_method:
        varied += ", normalisation and aggregation"
    title = f"Robustness · {edition_title(ranking)}"
    caption = f"{result.samples} samples, {varied} · {edition_caption(ranking)}"
    data = View(ROBUSTNESS_COLUMNS, rows, title, caption)
    view = View(
        (
            CITY,
            Column("nominal", "Rank", "rank"),
            Column("median", "Median", "rank"),
            Column("interval", "5–95 %", "change"),
            Column("bar", f"rank 1 … {format_number(worst)}"),
            Column("first", "P(#1)", "percent"),
            Column("top", f"P(top {top_k})", "percent"),
        ),
        people,
        title,
        caption,
    )
    note = (
        f"Mean Spearman correlation between the nominal ranking and the samples: "
        f"{format_number(round(result.mean_spearman, 3))}."
    )
    return Report(data, (view,), notes=(note,))
