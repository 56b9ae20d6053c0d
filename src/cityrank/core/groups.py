"""Groups (``--by COLUMN``): a table split by the value of one of its columns, each part ranked
on its own, as an edition is.

A group is the trimmed text of the column; a row with an empty cell is in
the group ``""`` (shown as "(none)", after the others). Groups come in order
of their names (case-insensitive, then as written), so the output does not
depend on the order of the rows. A city is in the group of its row in each edition, so a
city that changes group between editions is in its later group there.
"""

from __future__ import annotations

from dataclasses import replace

from cityrank.errors import UsageError, quoted_list
from cityrank.model import Entry, Ranking, Table

#: How an empty group is named where people read it.
NO_GROUP = "(none)"


def group_column(table: Table, name: str) -> int:
    """The index among ``table.extra_columns`` of the column named ``name`` (case-insensitive)."""
    wanted = name.strip().casefold()
    for i, column in enumerate(table.extra_columns):
        if column.casefold() == wanted:
            return i
    roles = [c for c in (table.city_column, table.score_column, table.year_column) if c]
    if wanted in (c.casefold() for c in roles):
        raise UsageError(
            f'--by "{name}": the groups cannot be the city, score or year column — '
            "name another column",
            code="bad-option",
        )
    raise UsageError(
        f'--by "{name}": no such column in {table.source} — its columns are: '
        f"{quoted_list([*roles, *table.extra_columns])}",
        code="unknown-column",
    )


def split(table: Table, name: str) -> list[tuple[str, Table]]:
    """Each group's name and its rows as a table of their own (without the group column)."""
    index = group_column(table, name)
    cells = table.rows.extra[index]
    members: dict[str, list[int]] = {}
    for i, cell in enumerate(cells):
        members.setdefault(cell.strip(), []).append(i)
    if set(members) == {""}:
        raise UsageError(
            f'--by "{name}": the column is empty in every row of {table.source} — '
            "name a column that holds the groups",
            code="bad-option",
        )
    return [
        (group, _part(table, index, rows))
        for group, rows in sorted(members.items(), key=lambda item: _order(item[0]))
    ]


def _part(table: Table, index: int, rows: list[int]) -> Table:
    """Rows ``rows`` of ``table`` as a table of their own, without the group column."""
    others = [i for i in range(len(table.extra_columns)) if i != index]
    extra_columns = tuple(table.extra_columns[i] for i in others)
    return replace(table, rows=table.rows.take(rows, others), extra_columns=extra_columns)


def _order(group: str) -> tuple[bool, str, str]:
    return (not group, group.casefold(), group)  # the rows without a group last


def shown(group: str) -> str:
    """A group's name as people read it."""
    return group or NO_GROUP


def empty(ranking: Ranking, year: str) -> Ranking:
    """No city ranked in edition ``year``: the edition before for a group that was not in it,
    so that each of its cities is new."""
    return Ranking((), (), ranking.ties, ranking.lower_is_better, year, ranking.table)


def part_of(table: Table, name: str, entry: Entry) -> tuple[str, Table]:
    """The group of ``entry`` (a row of ``table``) by column ``name``, and its rows as a
    table of their own, as ``split`` makes each."""
    index = group_column(table, name)
    group = entry.extra[index].strip()
    cells = table.rows.extra[index]
    return group, _part(table, index, [i for i, cell in enumerate(cells) if cell.strip() == group])
