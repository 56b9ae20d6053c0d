"""``list --by COLUMN``: each group ranked on its own, one after another.

Machines read one table: the group column first, then ``list``'s columns,
whose ranks, gaps, percentiles and shares are within the group, then
``overall_rank``, the city's rank among all the groups. People read one
table per group, headed by its name; ``--top N`` is per group.
"""

from __future__ import annotations

from collections.abc import Sequence

from cityrank.core.groups import Within, shown
from cityrank.core.standing import Population
from cityrank.model import RankedEntry, Ranking
from cityrank.views.base import (
    Bars,
    Cell,
    Charts,
    Column,
    Report,
    Value,
    View,
    edition_caption,
    edition_title,
    resolve_cities,
)
from cityrank.views.compare import ahead, compare_view
from cityrank.views.listing import list_view

OVERALL = Column("overall_rank", "Overall #", "rank")


def grouped_list_view(
    column: str,
    groups: Sequence[tuple[str, Ranking, Ranking | None]],
    overall: Ranking,
    top: int | None = None,
    all_columns: bool = False,
) -> Report:
    """``list_view`` of each group's ranking and its edition before (for movement; every
    group has one when any has, if only an empty one), one after another."""
    ranks = {r.entry.city: r.rank for r in overall.ranked}
    rows: list[tuple[Value | Cell, ...]] = []
    people: list[View] = []
    notes: list[str] = []
    columns: tuple[Column, ...] = ()
    caption = edition_caption(overall)
    for group, ranking, previous in groups:
        part = list_view(ranking, top=top, all_columns=all_columns, previous=previous)
        view = part.data
        city = next(i for i, c in enumerate(view.columns) if c.name == "city")
        columns = view.columns  # the same in every group
        rows.extend((group, *row, ranks.get(str(row[city]))) for row in view.rows)
        caption = view.caption  # the same in every group: the tie rule, the edition before
        title = f"{edition_title(overall)} · {column}: {shown(group)}"
        people.append(view._replace(title=title, caption=""))
        notes.extend(f"{column} {shown(group)}: {note}" for note in part.notes)
    data = View(
        (Column(column, column), *columns, OVERALL),
        rows,
        f"{edition_title(overall)} · by {column}",
        f"{caption} · ranked within each {column}",
    )
    if people:
        people[-1] = people[-1]._replace(caption=data.caption)
    return Report(data, tuple(people), notes=tuple(notes))


def grouped_show(
    report: Report, column: str, group: str, overall: RankedEntry | None, of: int
) -> Report:
    """``show``'s report of a city ranked within its group (``--by``), with the group and the
    city's rank among all the groups added: ``overall_rank`` of ``overall_of``."""
    fields = {column: group, "overall_rank": overall.rank if overall else None, "overall_of": of}
    added = (Column(column, column), OVERALL, Column("overall_of", "Overall of", "int"))
    data = report.data
    rows = [(*row, *fields.values()) for row in data.rows]
    data = data._replace(columns=(*data.columns, *added), rows=rows)
    document = report.document
    if isinstance(document, dict):
        neighbours = document.pop("neighbours", None)
        document = {**document, **fields, "neighbours": neighbours}
    people = report.people
    if people:
        first = people[0]
        lines = (
            (f"{column}", shown(group)),
            (
                "Overall rank",
                Cell(fields["overall_rank"], "rank", tied=bool(overall and overall.tied)),
            ),
            ("Overall of", Cell(of, "int")),
        )
        people = (first._replace(rows=[*first.rows, *lines]), *people[1:])
    return report._replace(data=data, document=document, people=people)


def grouped_compare_view(
    ranking: Ranking, names: Sequence[str], editions: Sequence[Ranking], within: Within
) -> Report:
    """``compare_view`` of cities ranked within their groups (``--by``): ``within`` ranks
    ``ranking``, then ``editions``. Each city's rank, percentile and ranks per edition are
    in its group; its group and rank among all the groups are added, as ``show`` adds them."""
    entries = resolve_cities(ranking, names)
    population = Population(ranking)
    groups = [entry.extra[within.index].strip() for entry in entries]
    standing = [within.standing(e, 0, g) for e, g in zip(entries, groups, strict=True)]
    tracks = {
        str(edition.year): [found[1] if (found := within.find(e, n)) else None for e in entries]
        for n, edition in enumerate(editions, 1)
    }
    report = compare_view(ranking, names, editions, population, standing, tracks)
    return _with_groups(report, within.name, groups, [population.ranked(e) for e in entries])


def _with_groups(
    report: Report,
    column: str,
    groups: Sequence[str],
    overall: Sequence[RankedEntry | None],
) -> Report:
    """``report`` with each city's group and its rank among all the groups."""
    data = report.data
    ranks = [r.rank if r else None for r in overall]
    rows = [(*row, group, rank) for row, group, rank in zip(data.rows, groups, ranks, strict=True)]
    data = data._replace(columns=(*data.columns, Column(column, column), OVERALL), rows=rows)
    people = report.people
    if people:
        first = people[0]
        pair = len(groups) == 2
        group_row: tuple[Value | Cell, ...] = (column, *map(shown, groups))
        rank_row: tuple[Value | Cell, ...] = (
            "Overall rank",
            *(Cell(r.rank if r else None, "rank", tied=bool(r and r.tied)) for r in overall),
        )
        if pair:
            a, b = ranks
            apart = ahead(round(b - a, 2)) if a is not None and b is not None else None
            group_row, rank_row = (*group_row, ""), (*rank_row, Cell(apart, "number"))
        people = (first._replace(rows=[*first.rows, group_row, rank_row]), *people[1:])
    return report._replace(data=data, people=people)


def grouped_blocks(
    column: str, parts: Sequence[tuple[str, Report]], title: str, caption: str, said: str
) -> Report:
    """Each group's report one after another (``chart`` and ``stats`` with ``--by``).

    Machines read one table, the group column first; people read each group's tables,
    or its chart, under a heading that names the group. ``caption`` is the edition's; a
    chart keeps what its own caption says beyond it (where its bars start). ``said``
    (how the groups were treated) ends the caption.
    """
    rows: list[tuple[Value | Cell, ...]] = []
    people: list[View] = []
    charts: list[Bars] = []
    notes: list[str] = []
    columns: tuple[Column, ...] = ()
    for group, part in parts:
        data = part.data
        columns = data.columns  # the same in every group
        rows.extend((group, *row) for row in data.rows)
        heading = f"{column}: {shown(group)}"
        people.extend(
            view._replace(title=f"{view.title} · {heading}", caption="")
            for view in part.people or (data,)
        )
        if isinstance(part.chart, Bars):  # its caption only where it says more (--from-min)
            own = part.chart.caption.removesuffix(caption).removesuffix(" · ")
            charts.append(part.chart._replace(title=f"{part.chart.title} · {heading}", caption=own))
        notes.extend(f"{column} {shown(group)}: {note}" for note in part.notes)
    caption = f"{caption} · {said}" if caption else said
    if people:
        people[-1] = people[-1]._replace(caption=caption)
    data = View((Column(column, column), *columns), rows, title, caption)
    chart = Charts(tuple(charts), title, caption) if charts else None
    return Report(data, tuple(people), notes=tuple(notes), chart=chart)
