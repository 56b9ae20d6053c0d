"""Fitting a table to a width without cutting a number: long text folds first, then the
rightmost columns are left out, and where not even two columns fit, each row is written as
lines of ``label: value``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

#: A text cell may fold down to this many cells wide (a shorter one keeps its width).
FOLD = 10


class Shown(NamedTuple):
    """A cell as the table draws it: its text, its style, and whether it must stay whole
    (a number or a figure: never folded, never cut)."""

    text: str
    style: str = ""
    right: bool = False
    whole: bool = False


class Plan(NamedTuple):
    """How a table fits: its first ``keep`` columns, each ``widths`` cells wide (``None``: as
    wide as its content)."""

    keep: int
    widths: tuple[int, ...] | None


def table_overhead(columns: int) -> int:
    """The cells a table of ``columns`` adds to its content: for several columns a padding
    cell either side of each, the spaces between them and at the edges; none for one."""
    return 0 if columns <= 1 else 3 * columns + 1


def fit_table(
    labels: Sequence[str],
    rows: Sequence[Sequence[Shown]],
    width: int,
    cells: Callable[[str], int] = len,
) -> Plan | None:
    """The widest layout of the table within ``width`` cells, or ``None`` for none.

    ``cells`` measures a text in terminal cells (Rich's ``cell_len``, where a
    Chinese character takes two).

    A column is at most as wide as its widest cell or header line, and at
    least as wide as its widest whole cell, its longest header word (up to
    ``FOLD``) and its longest text (up to ``FOLD``). The columns on the
    right are left out one by one until the others fit at that least; at
    least three are kept (fewer in a narrower table), or the table does not
    fit at all.
    """
    n = len(labels)
    natural = [cells(label) for label in labels]
    least = [min(max(map(cells, label.split()), default=0), FOLD) for label in labels]
    for row in rows:
        for i, cell in enumerate(row):
            size = cells(cell.text)
            natural[i] = max(natural[i], size)
            least[i] = max(least[i], size if cell.whole else min(size, FOLD))
    if sum(natural) + table_overhead(n) <= width:
        return Plan(n, None)
    for keep in range(n, min(n, 3) - 1, -1):
        room = width - table_overhead(keep)
        if sum(least[:keep]) <= room:
            return Plan(keep, _spread(least[:keep], natural[:keep], room))
    return None


def _spread(least: list[int], natural: list[int], room: int) -> tuple[int, ...]:
    """Widths from ``least`` up to ``natural``, the spare cells going one at a time to the
    column that lacks the most."""
    widths = list(least)
    spare = room - sum(widths)
    while spare > 0:
        lack, i = max((natural[i] - widths[i], i) for i in range(len(widths)))
        if lack <= 0:
            break
        widths[i] += 1
        spare -= 1
    return tuple(widths)


def left_out_note(labels: Sequence[str]) -> str:
    """The line under a table that had to leave ``labels`` out."""
    count = f"{len(labels)} column{'s' if len(labels) != 1 else ''} left out"
    named = ", ".join(label for label in labels if label)
    return (
        f"{count}{': ' + named if named else ''} — widen the terminal, "
        "choose columns with --columns, or use --format csv to see them all"
    )


def row_lines(labels: Sequence[str], rows: Sequence[Sequence[Shown]]) -> list[str]:
    """Each row as lines, for a width where no table fits.

    A row's cells without a header are its heading, joined by ``: ``; each
    cell with one is a line ``label: value`` under it. Rows of more than one
    line are set apart by a blank line.
    """
    blocks = []
    for row in rows:
        head = ": ".join(c.text for label, c in zip(labels, row, strict=True) if not label)
        indent = "  " if head else ""
        body = [f"{indent}{label}: {c.text}" for label, c in zip(labels, row, strict=True) if label]
        blocks.append([head, *body] if head else body)
    spaced = any(len(block) > 1 for block in blocks)
    lines: list[str] = []
    for block in blocks:
        if spaced and lines:
            lines.append("")
        lines.extend(block)
    return lines
