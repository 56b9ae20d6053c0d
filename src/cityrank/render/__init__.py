"""Renderers: a report's rows as a Rich table, CSV, TSV, JSON, JSON Lines, Markdown or tabulate.

This package imports nothing heavy: Rich and tabulate load only inside the
renderers that use them, so machine formats start fast.
"""

from __future__ import annotations

# The formats tabulate provides (tabulate.tabulate_formats), less those that
# would copy data unescaped into markup ("unsafehtml", "latex_raw") and "tsv",
# which cityrank writes itself. tests/test_render.py keeps this list in step
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
    "moinmoin",
    "orgtbl",
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
    "youtrack",
)
TABULATE_UNSAFE = ("unsafehtml", "latex_raw")
MACHINE_FORMATS = ("csv", "tsv", "json", "jsonl", "markdown")
FORMATS = ("table", *MACHINE_FORMATS, *TABULATE_FORMATS)
