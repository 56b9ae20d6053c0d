"""Text made fit for where people read it: escaped for a terminal or an XML page, and spelled
in what the output stream can encode.

``cityrank.render.safe.visible`` escapes what would drive a terminal; ``literal``
adds what no XML or HTML page may hold (lone surrogates, noncharacters), and
``encodable`` what a stream in Latin-1 or ASCII cannot write.
"""

from __future__ import annotations

import functools

from cityrank.render.safe import visible

#: Where a stream cannot encode a glyph, what is drawn in its place.
ASCII_GLYPHS = {
    "—": "-",  # em dash: the missing-value mark, and between clauses
    "–": "-",  # en dash: ranges of scores
    "−": "-",  # minus sign
    "→": "->",
    "…": "...",
    "±": "+/-",
    "·": "-",  # between a title's parts; a rank not held in a sparkline
    "▲": "^",
    "▼": "v",
    "━": "=",
    "●": "o",
    "■": "x",
    "◆": "%",
    "★": "*",
    "✚": "+",
    "│": "|",
    "└": "+",
    "─": "-",
    # The sparkline's eight heights, lowest first, and the blocks of bars.
    "▁": "_",
    "▂": ".",
    "▃": ":",
    "▄": ";",
    "▅": "=",
    "▆": "+",
    "▇": "*",
    "█": "#",
    **dict.fromkeys("▏▎▍▌▋▊▉", "|"),
}


def _escape(code: int) -> str:
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not text: how Python keeps it in a file name
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


@functools.cache
def _not_text() -> dict[int, str]:
    """The escapes of lone surrogates and the 66 noncharacters (U+FDD0 to U+FDEF, and the
    last two code points of each plane): XML forbids U+FFFE, U+FFFF and surrogates, HTML
    all of them. Made when first needed: most runs write only ASCII (~1 ms of start-up)."""
    codes = [
        *range(0xD800, 0xE000),
        *range(0xFDD0, 0xFDF0),
        *(plane + last for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)),
    ]
    return {code: _escape(code) for code in codes}


def literal(text: str) -> str:
    """``text`` as ``visible`` makes it, with lone surrogates and noncharacters also escaped.

    A surrogate that stands for an undecodable byte of a file name shows as
    that byte, ``caf\\xe9.csv``. What is left is valid in XML and HTML text
    and encodable in UTF-8.
    """
    text = visible(text)
    if text.isascii():
        return text
    return text.translate(_not_text())


def encodable(text: str, encoding: str) -> str:
    """``text`` as a stream in ``encoding`` can write it: each character that encoding lacks is
    drawn from ``ASCII_GLYPHS``, else escaped (``\\u5317``). UTF encodings keep every character.
    """
    if text.isascii() or encoding.lower().startswith("utf"):
        return text
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return "".join(_one(ch, encoding) for ch in text)
    except LookupError:  # a name Python does not know: ASCII is the safe guess
        return encodable(text, "ascii")
    return text


def _one(ch: str, encoding: str) -> str:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return ASCII_GLYPHS.get(ch) or _escape(ord(ch))
    return ch
