"""Everything the commands know about the pyarrow engine (cityrank.columnar).

When the engine may take a file (``_engine_file``), and the fast path it
gives ``list``, ``compare``, ``show``, ``history`` and ``movers``: each
command asks here in one line and goes the pure way on ``None``. Dropping
the engine from the CLI is deleting this module and those lines.
"""

from __future__ import annotations

import typing

from cityrank import engine
from cityrank.core.editions import need_two_editions
from cityrank.io.loader import STDIN, display_name
from cityrank.model import Ranking
from cityrank.views import Population, Report, compare_view, history_view, show_view

if typing.TYPE_CHECKING:
    from cityrank.cli.options import Common


def _engine_file(common: Common, files: list[str] | None = None) -> str | None:
    """The one file the pyarrow engine may take, or ``None``: one large file (not
    stdin) and no composite index. The engine itself declines any file it cannot
    rank exactly as the pure path would (see ``cityrank.columnar``).
    """
    sources = common.sources(files)
    if len(sources) != 1 or sources[0] == STDIN or common.index_spec() is not None:
        return None
    return sources[0] if engine.wanted(sources[0]) else None


def _list_columnar(
    common: Common,
    files: list[str] | None,
    top: int | None,
    all_columns: bool,
    compare_to: str | None,
) -> Report | None:
    """``list`` by the pyarrow engine, when it applies: written as CSV or TSV,
    with nothing that asks for a second edition (see ``_engine_file``).
    """
    if (
        common.output_format() not in ("csv", "tsv")
        or common.excel_safe
        or common.svg is not None
        or common.html is not None
        or compare_to is not None
        or (path := _engine_file(common, files)) is None
    ):
        return None
    from cityrank import columnar

    return columnar.list_report(
        path,
        common.load_options(keep_extra=all_columns),
        common.ties.value,
        common.lower_is_better,
        common.year,
        top,
    )


def _columnar_edition(
    common: Common, cities: list[str], keep_extra: bool
) -> tuple[Ranking, Population] | None:
    """The named cities' ranking by the pyarrow engine, when it applies: one
    edition, and every name a city's own (see ``_engine_file``).
    """
    path = _engine_file(common)
    if path is None:
        return None
    from cityrank import columnar

    return columnar.edition_for(
        path,
        common.load_options(keep_extra),
        common.ties.value,
        common.lower_is_better,
        common.year,
        cities,
    )


def _compare_columnar(common: Common, cities: list[str]) -> Report | None:
    """``compare`` by the pyarrow engine, when it applies (see ``_columnar_edition``)."""
    if len(cities) >= 2:
        fast = _columnar_edition(common, cities, keep_extra=True)
        if fast is not None:
            ranking, population = fast
            return compare_view(ranking, cities, [ranking], population)
    return None


def _show_columnar(common: Common, city: str) -> Report | None:
    """``show`` by the pyarrow engine, when it applies (see ``_columnar_edition``)."""
    fast = _columnar_edition(common, [city], keep_extra=True)
    if fast is not None:
        return show_view(fast[0], city, fast[1])
    return None


def _history_columnar(common: Common, cities: list[str]) -> Report | None:
    """``history`` by the pyarrow engine, when it applies (see ``_columnar_edition``)."""
    fast = _columnar_edition(common, cities, keep_extra=False)
    if fast is not None:
        return history_view([fast[0]], cities)
    return None


def _need_two_editions(common: Common, files: list[str] | None) -> None:
    """For ``movers``: raise ``UsageError`` when the one file the engine takes has
    one edition, without ranking it (see ``_engine_file``).
    """
    path = _engine_file(common, files)
    if path is not None:
        from cityrank import columnar

        # A file the pyarrow engine takes has one edition: say so without ranking it.
        years = columnar.editions(path, common.load_options(keep_extra=False))
        if years is not None:
            need_two_editions(years, display_name(path))
