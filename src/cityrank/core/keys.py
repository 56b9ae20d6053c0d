"""Cities identified by several columns (``--key``): which rows are one city, how they are named.

With ``--key "Country,City"`` a row's key is the lookup key of its *qualified
name*: the city followed by its other key values in brackets, in the order
given, the empty ones left out (``Valencia (Spain)``). Every row has that key,
whether or not its name is shared, so duplicates, files and editions match
cities by the full key, and a user may type the qualified name of any city
(``Tokyo (Japan)``); ``lookup.find_city`` finds a bare ``Valencia`` among the
qualified names.

A row is *shown* with its qualified name when another row of the data read
has the same name (by lookup key) and a different key: in any edition, so that
a city has one name in every edition and every command, and a name listed in
an error is one the user can type.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import replace

from cityrank.core.lookup import keys_of
from cityrank.errors import UsageError
from cityrank.model import Columns, Entry, Rows, Table


def parse_key(text: str) -> tuple[str, ...]:
    """The column names of ``--key "Country or Area,City"``, stripped, each once."""
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if not names:
        raise UsageError(
            f'--key "{text}": name the columns that identify a city, comma-separated — '
            'e.g. --key "Country,City"',
            code="bad-option",
        )
    return names


def key_positions(
    city_column: str, extra_columns: Sequence[str], wanted: Sequence[str]
) -> list[int]:
    """Where the key columns other than the city column are among ``extra_columns``, in the
    order of ``wanted`` (the reader has checked that each is the city column or one of them)."""
    folded = [name.casefold() for name in extra_columns]
    positions = []
    for name in wanted:
        target = name.casefold()
        if target != city_column.casefold() and target in folded:
            positions.append(folded.index(target))
    return positions


def qualified(city: str, values: Sequence[str]) -> str:
    """``Valencia (Spain)``: the name with its other key values, or the name alone when
    they are all empty."""
    suffix = _suffix(values)
    return f"{city.strip()}{suffix}" if suffix else city


def _suffix(values: Sequence[str]) -> str:
    shown = [value.strip() for value in values if value.strip()]
    return f" ({', '.join(shown)})" if shown else ""


class Keyed:
    """One file's rows keyed by several columns: each row's key, and its qualified name."""

    def __init__(self, columns: Columns, positions: Sequence[int]) -> None:
        self.city = columns.city
        self.cells = [columns.extra[p] for p in positions]
        #: The key columns other than the city column.
        self.columns = tuple(columns.extra_columns[p] for p in positions)
        # The other key values have few distinct texts (countries): each made a suffix once.
        suffixes: Iterable[str]
        if len(self.cells) == 1:
            column = self.cells[0]
            made = {value: _suffix((value,)) for value in dict.fromkeys(column)}
            suffixes = map(made.__getitem__, column)
        else:
            each = list(zip(*self.cells, strict=True))
            several = {values: _suffix(values) for values in dict.fromkeys(each)}
            suffixes = map(several.__getitem__, each)
        names = map(str.__add__, map(str.strip, self.city), suffixes)
        self.keys = keys_of(list(names))

    def name(self, row: int) -> str:
        """Row ``row``'s qualified name, for a message."""
        return qualified(self.city[row], [column[row] for column in self.cells])


def keyed(columns: Columns, wanted: Sequence[str]) -> Keyed | None:
    """The rows of ``columns`` keyed by the columns ``wanted``, ``None`` when that is the
    city column alone."""
    positions = key_positions(columns.city_column, columns.extra_columns, wanted)
    return Keyed(columns, positions) if positions else None


def qualified_entry(table: Table, entry: Entry) -> Entry:
    """``entry`` of ``table`` with its qualified name, for a message."""
    if not table.key_columns:
        return entry
    at = [table.extra_columns.index(c) for c in table.key_columns if c in table.extra_columns]
    return entry._replace(city=qualified(entry.city, [entry.extra[i] for i in at]))


def qualify(table: Table) -> Table:
    """``table`` with the names that rows of different keys share shown qualified."""
    if not table.key_columns:
        return table
    rows = table.rows
    names = keys_of(rows.city)
    pairs = set(zip(names, rows.key, strict=True))
    if len(pairs) == len(set(names)):
        return table
    seen: set[str] = set()
    shared: set[str] = set()
    for name, _ in pairs:
        (shared if name in seen else seen).add(name)
    # Files whose headers differ in case are merged as several columns: each is read, and
    # the empty values left out.
    wanted = dict.fromkeys(name.casefold() for name in table.key_columns)
    columns = [column.casefold() for column in table.extra_columns]
    positions = [i for name in wanted for i, column in enumerate(columns) if column == name]
    cells = [rows.extra[p] for p in positions]
    city = list(rows.city)
    for i in itertools.compress(range(len(city)), map(shared.__contains__, names)):
        city[i] = qualified(city[i], [column[i] for column in cells])
    return replace(table, rows=Rows(**{**rows._asdict(), "city": city}))
