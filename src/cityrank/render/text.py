"""The old home of the machine-format writers, kept so existing imports keep working.

The writers now live in ``delimited``, ``json`` and ``markdown``, the cell
helpers in ``cells``.
"""

from __future__ import annotations

from cityrank.render.cells import cell_text, plain_value
from cityrank.render.delimited import write_delimited
from cityrank.render.json import json_value, write_json, write_jsonl
from cityrank.render.markdown import write_markdown

__all__ = [
    "cell_text",
    "json_value",
    "plain_value",
    "write_delimited",
    "write_json",
    "write_jsonl",
    "write_markdown",
]
