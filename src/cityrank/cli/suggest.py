"""What the data offers the shell for a word being completed: city names, columns, editions.

Both ways of answering the shell use these: click's completion machinery
(``cli/completion.py``, through the commands' parameter types) and the quick
answer given before typer is imported (``cli/quick.py``). Neither click nor
typer is imported here, and the data is read only when a value is asked for.

A ``Line`` is what the command line says so far: the values of the options
typed (text, or a list of texts for a repeatable option) and the command's
positional words. City names come from the ``-d`` files and FILE arguments on
it, else ``$CITYRANK_DATA``, else the bundled sample, and match as
``cityrank show`` matches them: ``sao`` offers ``São Paulo``. A file that
cannot be read offers nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from cityrank.model import LoadOptions


class Line(NamedTuple):
    """The command line so far: ``params`` by parameter name (``None``, a text or texts), the
    positional words not yet given to a parameter, and whether the command takes FILE
    arguments (then those words are files)."""

    params: Mapping[str, object]
    words: Sequence[str] = ()
    takes_files: bool = False


def _given(line: Line, name: str) -> list[str]:
    value = line.params.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    assert isinstance(value, (list, tuple))
    return [str(v) for v in value]


def _text(line: Line, name: str) -> str | None:
    value = line.params.get(name)
    return value if isinstance(value, str) else None


def _sources(line: Line) -> list[str]:
    """The files on the line so far, else ``$CITYRANK_DATA``, else the sample; none for ``-``
    alone (standard input is the shell's, not data, while completing)."""
    files = _given(line, "files")
    if not files and line.takes_files:
        files = list(line.words)
    given = [*files, *_given(line, "data")]
    if not given:
        from cityrank.io.sources import default_sources

        return default_sources()
    return [path for path in given if path != STDIN]


#: How standard input is named on the line (``io.sources.STDIN``; not imported from there
#: for a completion that has nothing to read).
STDIN = "-"
#: The parameters that change how a file is read, and so what it offers: ``_options``
#: reads these and no others, and an answer is kept (``cli/remember.py``) for them.
_READING = (
    *("city_col", "score_col", "year_col", "delimiter", "encoding", "label", "where", "na"),
    *("no_header", "sheet", "spec", "weights"),
)


def _reading(line: Line) -> str:
    """The values of ``_READING`` on the line, as text: what a kept answer is kept for."""
    return repr([line.params.get(name) for name in _READING])


def _options(line: Line) -> LoadOptions:
    """How the command would read the files, from the options on the line so far (those of
    ``_READING`` alone, so that a kept answer never depends on another)."""
    from cityrank.core.where import parse_condition
    from cityrank.io.dialect import parse_delimiter
    from cityrank.io.sources import parse_label
    from cityrank.model import LoadOptions

    line = line._replace(params={name: line.params.get(name) for name in _READING})
    delimiter = _text(line, "delimiter")
    composite = any(line.params.get(name) is not None for name in ("spec", "weights"))
    return LoadOptions(
        city_col=_text(line, "city_col"),
        score_col=_text(line, "score_col"),
        year_col=_text(line, "year_col"),
        delimiter=parse_delimiter(delimiter) if delimiter else None,
        encoding=_text(line, "encoding"),
        labels=tuple(map(parse_label, _given(line, "label"))),
        keep_extra=composite,
        no_score=composite,
        where=tuple(map(parse_condition, _given(line, "where"))),
        na=tuple(cell.strip() for cell in _given(line, "na")),
        no_header=bool(line.params.get("no_header")),
        sheet=_text(line, "sheet"),
    )


def _prefix(incomplete: str) -> str:
    """What a lookup key starts with when it starts like ``incomplete`` (the lookup's key of
    it: case, accents and punctuation aside)."""
    from cityrank.core.lookup import city_key

    typed = city_key(incomplete)
    if incomplete[-1:].isspace() and typed:  # "sao " is the start of "sao paulo", not "saopaulo"
        typed += " "
    return typed


#: What a file offers as city names (``_names``). A list, not a tuple, after it has been
#: kept as JSON (``cli/remember.py``): the same when unpacked.
Offered = tuple[list[tuple[str, str, int]], list[tuple[int, str, str, str]]]


def _names(path: str, line: Line) -> Offered:
    """What a file offers as city names: for each lookup key, in the order of the first row
    with it, ``(key, that row's name, the row)``; and for each alias, ``(row, the row's key,
    the alias's key, the row's name)``. The rows are those its ``--where`` keeps; the scores
    and duplicates that a name does not need are not looked at."""
    from cityrank.core.lookup import keys_of, split_aliases
    from cityrank.core.where import keep_rows
    from cityrank.errors import Problems
    from cityrank.io.read import read_columns

    options = _options(line)
    columns = read_columns(path, options, Problems(collect=True))
    if options.where:
        columns = keep_rows(columns, options.where)[0]
    names = columns.city
    keys = keys_of(names)
    first: dict[str, int] = {}
    for row, key in enumerate(keys):
        first.setdefault(key, row)
    aliases = []
    if columns.aliases is not None:  # every alias keyed at once: one call, not one per row
        cells = [(row, split_aliases(cell)) for row, cell in enumerate(columns.aliases) if cell]
        owners = [row for row, found in cells for _ in found]
        alias_keys = keys_of([alias for _, found in cells for alias in found])
        aliases = [
            (row, keys[row], key, names[row]) for row, key in zip(owners, alias_keys, strict=True)
        ]
    return [(key, names[row], row) for key, row in first.items()], aliases


def cities(line: Line, incomplete: str) -> list[str]:
    """The names of the cities whose name or alias starts like ``incomplete``, once each, in
    the order of the first row that matches; none already on the line."""
    from functools import partial

    from cityrank.cli.remember import remembered
    from cityrank.core.lookup import keys_of

    typed = _prefix(incomplete)
    given = set(keys_of(_given(line, "cities")))
    reading = _reading(line)
    found: dict[str, str] = {}
    for path in _sources(line):
        offered, aliases = remembered("cities", [path], reading, partial(_names, path, line))
        matches = [(row, key, name) for key, name, row in offered if key.startswith(typed)]
        matches += [
            (row, key, name) for row, key, alias, name in aliases if alias.startswith(typed)
        ]
        for _, key, name in sorted(matches):
            if key not in given:
                found.setdefault(key, name)
    return list(found.values())


def editions(line: Line, incomplete: str) -> list[str]:
    """The editions of the data, oldest first, that start with ``incomplete``."""
    from cityrank.cli.remember import remembered

    sources = _sources(line)
    if not sources:
        return []
    years = remembered("editions", sources, _reading(line), lambda: _editions(sources, line))
    return [year for year in years if year.startswith(incomplete)]


def _editions(sources: list[str], line: Line) -> list[str]:
    from cityrank.pipeline import load

    return list(load(sources, _options(line)).years)


def _header(path: str, line: Line) -> list[str]:
    """The column names of one file, read from its first row that is not blank."""
    from cityrank.errors import Problems
    from cityrank.io.columns import header_names
    from cityrank.io.csv_reader import csv_rows
    from cityrank.io.decode import decode
    from cityrank.io.sources import read_source

    options = _options(line)
    source = read_source(path, options.encoding)
    name, data = source.name, source.data
    if source.kind != "text" or data.lstrip()[:1] in (b"[", b"{"):
        return _read_names(path, options)  # a workbook, Parquet or JSON: its reader knows
    for row in csv_rows(decode(data, name, options.encoding), options).reader:
        if any(cell.strip() for cell in row):
            if options.no_header:
                return [str(i) for i in range(1, len(row) + 1)]
            return header_names(row, name, 1, Problems(collect=True))
    return []


def _read_names(path: str, options: LoadOptions) -> list[str]:
    """The column names of a file that is not delimited text, as its reader gives them."""
    from cityrank.errors import Problems
    from cityrank.io.read import read_columns

    read = read_columns(path, options._replace(keep_extra=True), Problems(collect=True))
    roles = [read.city_column, read.score_column, read.year_column]
    return [name for name in (*roles, *read.extra_columns) if name]


def columns(line: Line, incomplete: str) -> list[str]:
    """The column names of the files on the line that start like ``incomplete``."""
    from functools import partial

    from cityrank.cli.remember import remembered
    from cityrank.core.lookup import city_key

    reading = _reading(line)
    typed = _prefix(incomplete)
    found: dict[str, str] = {}
    for path in _sources(line):
        read = partial(_header, path, line)
        for name in remembered("columns", [path], reading, read):
            if city_key(name).startswith(typed):
                found.setdefault(name.casefold(), name)
    return list(found.values())


def where_columns(line: Line, incomplete: str) -> list[str]:
    """For ``--where``: the column part, until an operator is typed."""
    return [] if any(op in incomplete for op in "=!<>~") else columns(line, incomplete)


#: Each kind of value by the name the parameter tables use for it.
KINDS: dict[str, Callable[[Line, str], list[str]]] = {
    "cities": cities,
    "columns": columns,
    "where_columns": where_columns,
    "editions": editions,
}


def unreadable() -> tuple[type[Exception], ...]:
    """What reading the data for completion may raise; any of it offers nothing. (Imported
    only when something is raised: an answer kept from an earlier TAB needs none of it.)"""
    import csv

    from cityrank.errors import CityRankError

    return (CityRankError, OSError, ValueError, LookupError, csv.Error)


def offer(kind: str, line: Line, incomplete: str) -> list[str]:
    """The values of ``kind`` for ``incomplete``; none when the data cannot be read."""
    try:
        return KINDS[kind](line, incomplete)
    except unreadable():
        return []
