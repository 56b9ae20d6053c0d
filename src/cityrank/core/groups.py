"""Groups (``--by COLUMN``): a table split by the value of one of its columns, each part ranked
on its own, as an edition is.

A group is the trimmed text of the column; a row with an empty cell is in
the group ``""`` (shown as "(none)", after the others). Groups come in order
of their names (case-insensitive, then as written), so the output does not
depend on the order of the rows. A city is in the group of its row in each edition, so a
city that changes group between editions is in its later group there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from cityrank.core.editions import Matcher
from cityrank.errors import UsageError, quoted_list
from cityrank.model import Entry, RankedEntry, Ranking, Table

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
    index, members = _members(table, name)
    return [(group, _part(table, index, rows)) for group, rows in members.items()]


def _members(table: Table, name: str) -> tuple[int, dict[str, list[int]]]:
    """The index of column ``name`` among the extra columns, and each group's row numbers,
    the groups in their order; a column empty in every row is a usage error."""
    index = group_column(table, name)
    members: dict[str, list[int]] = {}
    for i, cell in enumerate(table.rows.extra[index]):
        members.setdefault(cell.strip(), []).append(i)
    if set(members) == {""}:
        raise UsageError(
            f'--by "{name}": the column is empty in every row of {table.source} — '
            "name a column that holds the groups",
            code="bad-option",
        )
    return index, dict(sorted(members.items(), key=lambda item: _order(item[0])))


def split_edition(table: Table, name: str, year: str | None) -> list[tuple[str, Table]]:
    """``split``, keeping the groups that have a row in edition ``year`` (any, if ``None``)."""
    return [(g, part) for g, part in split(table, name) if year is None or year in part.years]


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


class Within:
    """Where cities stand within their groups in each of ``rankings`` (editions of
    ``table``): a city is in the group of its row in that edition, ranked among that
    group's rows of it by ``rank``. A group's table is made, and its edition ranked, when
    first asked for."""

    def __init__(
        self,
        table: Table,
        name: str,
        rankings: Sequence[Ranking],
        rank: Callable[[Table, str | None], Ranking],
    ) -> None:
        self.index, self._members = _members(table, name)
        self.name = name
        self.rankings = rankings
        self._table = table
        self._parts: dict[str, Table] = {}
        self._rank = rank
        self._editions: dict[int, Matcher] = {}  # made when first needed
        self._ranked: dict[tuple[int, str], tuple[Ranking, Matcher]] = {}

    def group(self, entry: Entry, edition: int) -> str | None:
        """The group of ``entry``'s city in edition ``edition``; ``None`` if it is unranked."""
        matcher = self._editions.get(edition)
        if matcher is None:
            matcher = self._editions[edition] = Matcher(self.rankings[edition])
        found = matcher.find(entry)
        return None if found is None else found.entry.extra[self.index].strip()

    def groups(self, *editions: int) -> list[str]:
        """The groups with a row in any of ``editions``, in their order."""
        years = {self.rankings[n].year for n in editions}
        return [g for g in self._members if None in years or years & set(self._part(g).years)]

    def ranking(self, edition: int, group: str) -> Ranking:
        """Group ``group``'s rows of edition ``edition`` ranked (none if it has none)."""
        return self._made(edition, group)[0]

    def find(self, entry: Entry, edition: int) -> tuple[str, RankedEntry | None] | None:
        """``entry``'s group in edition ``edition`` and its standing there."""
        group = self.group(entry, edition)
        if group is None:
            return None
        return group, self.standing(entry, edition, group)

    def standing(self, entry: Entry, edition: int, group: str) -> RankedEntry | None:
        """``entry``'s standing among group ``group``'s rows of edition ``edition``."""
        return self._made(edition, group)[1].find(entry)

    def _part(self, group: str) -> Table:
        part = self._parts.get(group)
        if part is None:
            part = self._parts[group] = _part(self._table, self.index, self._members[group])
        return part

    def _made(self, edition: int, group: str) -> tuple[Ranking, Matcher]:
        made = self._ranked.get((edition, group))
        if made is None:
            overall = self.rankings[edition]
            part = self._part(group)
            if overall.year is None or overall.year in part.years:
                ranking = self._rank(part, overall.year)
            else:
                ranking = empty(overall, overall.year)
            made = self._ranked[edition, group] = (ranking, Matcher(ranking))
        return made
