"""The format registry: each output format's name, and the module whose writer prints it.

A format is a module with ``write(report, out, options)`` plus one line in
``REGISTRY``. This package imports nothing heavy: a writer's module is
imported when its format is used, and Rich and tabulate only inside the
writers that need them, so machine formats start fast.
"""

from __future__ import annotations

import importlib
import io
from typing import TYPE_CHECKING, NamedTuple, Protocol, TextIO

from cityrank.errors import UsageError

if TYPE_CHECKING:
    from cityrank.views.base import Report

# The formats tabulate provides (tabulate.tabulate_formats), less "tsv", which
# cityrank writes itself, and those that would copy data into markup that can
# make tags or links of it: "unsafehtml" and "latex_raw" by design, and the
# markups no converter can check an escape against (MoinMoin, YouTrack) or that
# have no escape that keeps the text (Org: no escape character, and entities
# such as \ast show other characters). The markup formats kept escape data
# (render/markup.py). tests/test_review_fixes.py keeps this list in step
# with the installed tabulate.
TABULATE_FORMATS = (
    "asciidoc",
    "colon_grid",
    "double_grid",
    "double_outline",
    "fancy_grid",
    "fancy_outline",
    "github",
    "grid",
    "heavy_grid",
    "heavy_outline",
    "html",
    "jira",
    "latex",
    "latex_booktabs",
    "latex_longtable",
    "mediawiki",
    "mixed_grid",
    "mixed_outline",
    "outline",
    "pipe",
    "plain",
    "presto",
    "pretty",
    "psql",
    "rounded_grid",
    "rounded_outline",
    "rst",
    "simple",
    "simple_grid",
    "simple_outline",
    "textile",
)
TABULATE_UNSAFE = ("unsafehtml", "latex_raw", "moinmoin", "orgtbl", "youtrack")
MACHINE_FORMATS = ("csv", "tsv", "json", "jsonl", "markdown")


class WriteOptions(NamedTuple):
    """What a writer is told besides the report: the format's name and the caller's choices."""

    fmt: str
    excel_safe: bool = False  # csv, tsv: quote cells a spreadsheet would run as formulas
    terminal: bool = False  # table: the stream is the user's terminal, not a file


class Writer(Protocol):
    """A format's ``write``: prints ``report`` to ``out``."""

    def __call__(self, report: Report, out: TextIO, options: WriteOptions) -> None: ...


class Format(NamedTuple):
    """Where a format's writer lives, and which of a report's views it prints.

    ``people`` formats print the report as people see it (its people views,
    notes and charts); the others print its data view for machines, without
    the columns only people read, in UTF-8.
    """

    module: str
    people: bool = False


REGISTRY: dict[str, Format] = {
    "table": Format("cityrank.render.people", people=True),
    "csv": Format("cityrank.render.delimited"),
    "tsv": Format("cityrank.render.delimited"),
    "json": Format("cityrank.render.json"),
    "jsonl": Format("cityrank.render.json"),
    "markdown": Format("cityrank.render.markdown"),
    **dict.fromkeys(TABULATE_FORMATS, Format("cityrank.render.tabular")),
    # One self-contained HTML page: ``cityrank report``'s, or any report's tables and chart.
    "report": Format("cityrank.render.report", people=True),
}
#: Every format's name, in the order ``--format``'s help lists them.
FORMATS = tuple(REGISTRY)


def write(report: Report, fmt: str, out: TextIO, *, excel_safe: bool, terminal: bool) -> None:
    """Print ``report`` to ``out`` in the format named ``fmt`` (one of ``FORMATS``).

    ``table`` draws the people view: for a terminal when ``terminal``, else
    120 columns without colour. Every other format writes the data view for
    machines; a text stream in another encoding is switched to UTF-8 first.
    ``excel_safe`` applies to csv and tsv. Raises ``UsageError`` for a name
    not in ``FORMATS``.
    """
    entry = REGISTRY.get(fmt)
    if entry is None:
        raise UsageError(
            f"{fmt!r} is not an output format — use one of {', '.join(FORMATS)}",
            code="bad-format",
        )
    if not entry.people:
        if isinstance(out, io.TextIOWrapper) and out.encoding.lower() not in ("utf-8", "utf8"):
            out.reconfigure(encoding="utf-8")
        report = report._replace(data=report.data.for_machines())
    writer: Writer = importlib.import_module(entry.module).write
    writer(report, out, WriteOptions(fmt, excel_safe=excel_safe, terminal=terminal))
