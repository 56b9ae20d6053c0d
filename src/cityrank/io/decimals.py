"""Decimal commas: ``85,5`` read as 85.5, by ``--decimal-comma`` or from a file's scores.

Both readers of delimited text and the other readers pass their columns
through ``with_decimal_points``, so that the rest of cityrank only ever sees
numbers with a decimal point (and writes them so). A guess is made only for
a ``;``- or tab-delimited file, where a comma cannot be the delimiter: a
comma-delimited file never has its commas read as decimal marks unasked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from cityrank.model import Coded, Columns, LoadOptions
from cityrank.numbers import decimal_comma_scores, decimal_point

#: ``on``: read decimal commas; ``off``: never; ``guess``: if every score is written so.
Mode = Literal["on", "off", "guess"]
#: Delimiters of files whose scores are looked at for decimal commas.
GUESSED_IN = (";", "\t")


def decimal_mode(options: LoadOptions, delimiter: str | None) -> Mode:
    """What ``--decimal-comma`` / ``--decimal-point`` (or neither) means for a file whose
    delimiter is ``delimiter`` (``None``: not delimited text, where nothing is guessed)."""
    if options.decimal_comma is not None:
        return "on" if options.decimal_comma else "off"
    return "guess" if delimiter in GUESSED_IN else "off"


def with_decimal_points(columns: Columns, mode: Mode, na: tuple[str, ...] = ()) -> Columns:
    """``columns`` with the numbers of the score and the other kept columns written with a
    decimal point, when ``mode`` says so or, for ``guess``, every score has a decimal comma
    (or is whole) and one has; a guess is said in ``Columns.notes``. The city, year and
    aliases are never changed, nor a cell that is not a number written so."""
    if mode == "off":
        return columns
    score = columns.score
    note = None
    if mode == "guess":
        if score is None:
            return columns
        missing = frozenset(na)
        example = decimal_comma_scores(t for t in score.texts if t.strip() not in missing)
        if example is None:
            return columns
        note = (
            f'read "{example}" as {decimal_point(example)}: every score has a decimal comma '
            "— give --decimal-point if the comma separates thousands"
        )
    if score is not None:
        score = Coded(score.codes, [decimal_point(text) or text for text in score.texts])
    extra = tuple(_pointed(cells) for cells in columns.extra)
    notes = (*columns.notes, note) if note else columns.notes
    return columns._replace(score=score, extra=extra, notes=notes)


def _pointed(cells: Sequence[str]) -> Sequence[str]:
    """``cells`` with each number written with a decimal comma written with a point."""
    distinct = {text: decimal_point(text) or text for text in dict.fromkeys(cells)}
    if all(text == pointed for text, pointed in distinct.items()):
        return cells
    return list(map(distinct.__getitem__, cells))
