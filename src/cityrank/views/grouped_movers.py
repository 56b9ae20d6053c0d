"""``movers --by COLUMN``: who moved within each group between two editions.

Each group's cities are ranked among the group's rows of each edition, and its
risers, fallers, entries, exits and overtakes are those of ``movers``. A city
whose group changed is in its group of the later edition, as ``regrouped``
(its rank in its old group and in its new one), not as an exit from one group
and an entry into another. Machines read one table, the group column first and
``from_group`` (the old group of a regrouped city) last; people read each
group's tables under its name.
"""

from __future__ import annotations

from collections.abc import Iterator

from cityrank.core.groups import Within, shown
from cityrank.core.ranking import score_difference
from cityrank.views.base import Cell, Column, Report, Value, View, edition_caption
from cityrank.views.movers import MOVER_COLUMNS, movers_view
from cityrank.views.runs import Row, Run, RunRows

FROM_GROUP = Column("from_group", "From group")


def grouped_movers_view(within: Within, top: int = 10, among: int | None = None) -> Report:
    """Movers within each group from edition 0 to edition 1 of ``within``."""
    column = within.name
    regrouped = _regrouped(within)
    keys = {key for rows in regrouped.values() for key, _, _ in rows}
    previous, current = within.rankings
    span = f"{previous.year} → {current.year}"
    blocks: list[Block] = []
    people: list[View] = []
    notes: list[str] = []
    for group in within.groups(0, 1):
        report = movers_view(within.ranking(1, group), within.ranking(0, group), top, among, keys)
        moved_in = regrouped.get(group, [])
        assert isinstance(report.data.rows, RunRows)
        blocks.append((group, report.data.rows, [row for _, row, _ in moved_in]))
        heading = f"{column}: {shown(group)}"
        people += [view._replace(title=f"{view.title} · {heading}") for view in report.people]
        if moved_in:
            title = f"From another {column} · {span} · {heading}"
            people.append(_regrouped_people(moved_in, title))
        notes += [f"{column} {shown(group)}: {note}" for note in report.notes]
    if keys:
        notes.append(
            f"{len(keys):,} {'city' if len(keys) == 1 else 'cities'} changed {column} from "
            f"{previous.year} to {current.year}: each is shown in its {column} of "
            f"{current.year} as regrouped, with its rank in each {column}."
        )
    count = sum(len(rows) + len(moved_in) for _, rows, moved_in in blocks)
    columns = (Column(column, column), *MOVER_COLUMNS, FROM_GROUP)
    caption = f"{edition_caption(current)} · ranked within each {column}"
    data = View(columns, RunRows((), lambda: _runs(blocks), count), f"Movers · {span}", caption)
    return Report(data, tuple(people), notes=tuple(notes))


Regrouped = tuple[str, tuple[Value, ...], float | None]


def _regrouped(within: Within) -> dict[str, list[Regrouped]]:
    """By group of the later edition, the cities that came from another group: each one's
    key, its row (kind ``regrouped``, ranks and scores in each group, the old group) and
    its score change."""
    moved: dict[str, list[Regrouped]] = {}
    for now in within.rankings[1].ranked:
        entry = now.entry
        was, then = within.find(entry, 0), within.find(entry, 1)
        if was is None or then is None or was[0] == then[0]:
            continue
        (old, before), (new, after) = was, then
        assert before is not None and after is not None
        row: tuple[Value, ...] = (
            "regrouped",
            entry.city,
            None,
            before.rank,
            after.rank,
            None,
            before.entry.score,
            after.entry.score,
            old,
        )
        change = score_difference(after.entry, before.entry)
        moved.setdefault(new, []).append((entry.key, row, change))
    return moved


Block = tuple[str, RunRows, list[tuple[Value, ...]]]


def _runs(blocks: list[Block]) -> Iterator[Run]:
    """Each group's rows as runs, its group first and ``from_group`` last: movers' rows,
    the regrouped cities, then its overtakes (a run per overtaker, as movers makes them)."""
    for group, rows, moved_in in blocks:
        for row in map(_plain, rows.head):  # no old group
            yield (group, row[0]), [str(row[1])], (*row[2:], None)
        for row in moved_in:  # the old group last, as FROM_GROUP is
            yield (group, row[0]), [str(row[1])], row[2:]
        # The tuples a city's runs share stay shared, so writers format them once.
        made: dict[int, tuple[tuple[Value, ...], tuple[Value, ...], tuple[Value, ...]]] = {}
        for before, values, after in rows.runs():
            held = made.get(id(before))
            if held is None or held[0] is not before:
                held = made[id(before)] = (before, (group, *before), (*after, None))
            yield held[1], values, held[2]


def _plain(row: Row) -> tuple[Value, ...]:
    """A movers row, whose cells are plain values."""
    values: list[Value] = []
    for cell in row:
        assert not isinstance(cell, Cell)
        values.append(cell)
    return tuple(values)


def _regrouped_people(rows: list[Regrouped], title: str) -> View:
    columns = (
        Column("city", "City"),
        Column("from_group", "From"),
        Column("from_rank", "Rank there", "rank"),
        Column("to_rank", "Rank here", "rank"),
        Column("score_change", "Score change", "number"),
    )
    made: list[Row] = [(row[1], row[8], row[3], row[4], change) for _, row, change in rows]
    return View(columns, made, title)
