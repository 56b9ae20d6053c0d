"""Reading then shaping: files to one ``Table`` (and a TOML file to a composite spec).

This sits above ``io`` (bytes to columns) and ``core`` (columns to a table),
which do not know each other.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cityrank.core.keys import qualify
from cityrank.core.merge import merge
from cityrank.core.shape import shape
from cityrank.core.where import describe, keep_rows, no_rows_left
from cityrank.errors import CityRankError, DataError, Problems
from cityrank.io.csv_reader import Progress, read_csv
from cityrank.io.decode import decode
from cityrank.io.read import read_columns
from cityrank.io.sources import SAMPLE_CITATION, SAMPLE_TITLE, default_sources, is_sample
from cityrank.model import LoadOptions, Table

if TYPE_CHECKING:
    from cityrank.core.composite.spec import Spec

#: Told what each step did and how many seconds it took (``-v``).
Tell = Callable[[str, float], None]


def load(
    sources: Sequence[str | Path] | str | Path | None = None,
    options: LoadOptions | None = None,
    *,
    problems: Problems | None = None,
    progress: Progress | None = None,
    tell: Tell | None = None,
) -> Table:
    """Read one or more score files into one ``Table``.

    No source: ``$CITYRANK_DATA``, else the bundled sample. ``"-"`` reads
    standard input. Several files are read together; a city may appear once
    per year across all of them. Raises ``CityRankError`` on the first
    problem, unless ``problems`` collects them. ``progress(done, total)`` is
    called as rows are read, for a progress bar; ``tell(what, seconds)`` after each step.
    """
    options = options or LoadOptions()
    problems = problems or Problems()
    if sources is None:
        paths: list[str] = default_sources()
    elif isinstance(sources, str | Path):
        paths = [str(sources)]
    else:
        paths = [str(s) for s in sources] or default_sources()
    collecting = gc.isenabled()
    gc.disable()  # rows make no reference cycles; scanning them would only cost time
    try:
        read = [_read(path, options, problems, progress, tell) for path in paths]
        start = time.perf_counter()
        table = qualify(merge([table for table, _ in read], problems, options.on_duplicate))
        if len(read) > 1:
            _told(tell, start, f"{len(read)} files merged: {len(table.rows):,} rows")
    finally:
        if collecting:
            gc.enable()
    if not options.where:
        return table
    total = sum(rows for _, rows in read)
    if not table.rows:
        raise no_rows_left(table.source, total, options.where)
    selection = f"{len(table.rows):,} of {total:,} rows: {describe(options.where)}"
    return replace(table, selection=selection)


def read_table(
    path: str, options: LoadOptions, problems: Problems, progress: Progress | None = None
) -> Table:
    """One file (or ``-``) read, filtered and shaped, its edition from its name or label."""
    return _read(path, options, problems, progress)[0]


def _read(
    path: str,
    options: LoadOptions,
    problems: Problems,
    progress: Progress | None,
    tell: Tell | None = None,
) -> tuple[Table, int]:
    """``read_table``, and how many rows the file had before ``--where``."""
    readers: list[str] = []
    start = time.perf_counter()
    columns = read_columns(path, options, problems, progress, readers.append)
    rows = len(columns.city)
    start = _told(tell, start, f"{columns.source}: {rows:,} rows read by {readers[-1]}")
    warnings: list[str] = []
    if options.where:
        columns, warnings = keep_rows(columns, options.where)
        for warning in warnings:
            problems.warn(DataError(warning, file=columns.source, code="where-not-a-number"))
        kept = f"{len(columns.city):,} of {rows:,} rows kept by --where"
        start = _told(tell, start, f"{columns.source}: {kept}")
    table = shape(columns, options, problems)
    _told(tell, start, f"{columns.source}: keys, duplicates and editions worked out")
    if warnings:
        extra = tuple(f"{columns.source}: {w}" for w in warnings)
        table = replace(table, warnings=extra + table.warnings)
    if is_sample(path):
        table = replace(table, title=SAMPLE_TITLE, citation=SAMPLE_CITATION)
    return table, rows


def _told(tell: Tell | None, start: float, what: str) -> float:
    """Tell ``what`` with the time since ``start``; the time now, for the next step."""
    now = time.perf_counter()
    if tell is not None:
        tell(what, now - start)
    return now


def check(
    sources: Sequence[str | Path] | None,
    options: LoadOptions | None = None,
    spec: Spec | None = None,
    tell: Tell | None = None,
) -> tuple[Problems, int]:
    """Every problem in ``sources``, collected instead of raised, and the rows that loaded.

    A file that cannot be read at all (missing, binary, no score column)
    gives one problem and the next file is checked. With a composite ``spec``,
    the files are read as for it (no score column) and the index is computed
    on what loaded, so its first problem (an indicator that is not a number,
    a missing column) is reported too, as is a ``--by`` column that holds no group.
    """
    options = options or LoadOptions()
    problems = Problems(collect=True)
    paths = [str(s) for s in sources] if sources else default_sources()
    tables = []
    for path in paths:
        try:
            tables.append(_read(path, options, problems, None, tell)[0])
        except CityRankError as exc:
            problems.errors.append(exc)
    if not tables:
        return problems, 0
    table = merge(tables, problems, options.on_duplicate)
    if spec is not None and not problems.errors:
        from cityrank.core.composite.apply import apply_composite

        try:
            apply_composite(table, spec, options.na)
        except CityRankError as exc:
            problems.errors.append(exc)
    if options.by and not problems.errors:  # the groups as the other commands would make them
        from cityrank.core.groups import split

        try:
            split(table, options.by)
        except CityRankError as exc:
            problems.errors.append(exc)
    return problems, len(table.rows)


def load_spec(path: Path) -> Spec:
    """Read an index spec from a TOML file.

    The file has an optional ``[index]`` table and the indicators, either as
    an array of tables or as one table per column (both may be used at once;
    the ``[[indicator]]`` entries come first)::

        [index]
        normalisation = "minmax"     # minmax (default) | zscore | rank | none
        aggregation = "arithmetic"   # arithmetic (default) | geometric
        missing = "error"            # error (default) | renormalise

        [[indicator]]
        column = "rd"
        weight = 0.4
        direction = "higher"         # higher (default) | lower

        [indicators]
        industry = 0.3               # just a weight
        cost = { weight = 0.2, direction = "lower" }

    The American spellings ``normalization`` and ``renormalize`` are accepted.

    Raises ``DataError`` with ``file`` (and ``line``/``column`` for a TOML
    syntax error) when the file cannot be read, is not TOML, or does not
    have this shape: an unknown key or value, a weight that is not a finite
    number or is negative, a repeated column, all weights zero, no indicators.
    """

    from cityrank.core.composite.document import spec_from_document
    from cityrank.core.composite.spec import check_indicators
    from cityrank.io.spec_file import read_toml

    name = str(path)
    spec = spec_from_document(read_toml(path), name)
    check_indicators(spec, DataError, "", file=name)
    return spec


def parse_text(
    text: str,
    name: str,
    options: LoadOptions,
    problems: Problems | None = None,
    edition: str | None = None,
) -> Table:
    """One file's text as a table; ``name`` is how messages refer to it."""
    problems = problems or Problems()
    return qualify(shape(read_csv(text, name, options, problems, edition), options, problems))


def parse_bytes(
    data: bytes,
    name: str,
    options: LoadOptions,
    problems: Problems | None = None,
    edition: str | None = None,
) -> Table:
    """One file's bytes as a table (decoded as ``load`` decodes them)."""
    return parse_text(decode(data, name, options.encoding), name, options, problems, edition)
