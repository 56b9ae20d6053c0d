"""Text from data made safe for the page: every string escaped, never markup."""

from __future__ import annotations

import html

from cityrank.render.printable import literal


def esc(text: str) -> str:
    """``text`` for HTML and SVG text and for quoted attribute values.

    Controls, bidi overrides, lone surrogates and noncharacters are written as
    escapes first (``render.printable.literal``), then ``& < > " '`` as
    entities: a city called ``<script>alert(1)</script>`` is that text.
    """
    return html.escape(literal(text), quote=True)


def attr(text: str) -> str:
    """``text`` for a quoted attribute value, line breaks kept (as ``&#10;``)."""
    return "&#10;".join(map(esc, text.split("\n")))
