"""``--columns``: a report cut down to the columns asked for, in the order asked for.

The names are the machine names (``rank``, ``city``, ``gap_to_leader``, a
file's own column). They choose the columns of the machine output and of
every table people read that has such columns; a table of one field per row
(``show``, ``compare``) keeps its rows, while its machine output is cut. A
rank keeps the flag that marks it tied, so people still read ``=2``.
"""

from __future__ import annotations

from collections.abc import Sequence

from cityrank.errors import UsageError
from cityrank.model import Made
from cityrank.views.base import Cell, Report, Value, View


class _Picked(Made[tuple[Value | Cell, ...]]):
    """Rows of ``rows`` with only the cells at ``keep``, made when read."""

    def __init__(self, rows: Sequence[tuple[Value | Cell, ...]], keep: Sequence[int]) -> None:
        self.rows, self.keep = rows, keep

    def __len__(self) -> int:
        return len(self.rows)

    def at(self, index: int) -> tuple[Value | Cell, ...]:
        row = self.rows[index]
        return tuple(row[i] for i in self.keep)


def parse_columns(text: str) -> tuple[str, ...]:
    """``"rank, city,score"`` as its names; a usage error for an empty list or a repeat."""
    names = tuple(name.strip() for name in text.split(","))
    if not all(names):
        raise UsageError(
            f'--columns "{text}": name the columns, separated by commas '
            "(--columns rank,city,score)",
            code="bad-option",
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UsageError(
            f'--columns "{text}": "{repeated[0]}" is named twice — name each column once',
            code="bad-option",
        )
    return names


def _pick(view: View, names: Sequence[str], people: bool) -> View:
    where = {c.name: i for i, c in enumerate(view.columns)}
    keep = [where[n] for n in names if n in where]
    if people:
        tied = {view.columns[i].tie_column for i in keep} - {None}
        keep += [i for i, c in enumerate(view.columns) if c.name in tied and i not in keep]
    if keep == list(range(len(view.columns))):
        return view
    columns = tuple(view.columns[i] for i in keep)
    return view._replace(columns=columns, rows=_Picked(view.rows, keep))


def select_columns(report: Report, names: Sequence[str]) -> Report:
    """``report`` with only the columns ``names``, in that order (see the module's docstring)."""
    machine = report.data.for_machines()
    document = report.document
    offered = [c.name for c in machine.columns]
    if isinstance(document, dict):
        offered += [key for key in document if key not in offered]
    unknown = [n for n in names if n not in offered]
    if unknown:
        raise UsageError(
            f'--columns: no column "{unknown[0]}" here — choose from: {", ".join(offered)}',
            code="unknown-column",
        )
    people = tuple(
        _pick(view, names, people=True) if any(c.name in names for c in view.columns) else view
        for view in report.people or (report.data,)  # no people views: people read the data
    )
    if isinstance(document, dict):
        document = {n: document[n] for n in names if n in document}
    data = _pick(report.data, names, people=False)
    return report._replace(data=data, people=people, document=document)
