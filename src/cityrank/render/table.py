"""The old name of ``cityrank.render.people``, kept so existing imports keep working."""

from __future__ import annotations

from cityrank.render.people import MISSING, people_text, render_report, render_view

__all__ = ["MISSING", "people_text", "render_report", "render_view"]
