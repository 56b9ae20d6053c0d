"""Making text from data harmless on a terminal: controls and bidi overrides shown escaped."""

from __future__ import annotations


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_UNSAFE = [
    *range(0x00, 0x20),  # C0 controls, ESC among them
    0x7F,
    *range(0x80, 0xA0),  # C1 controls (CSI, OSC as single bytes)
    0x061C,  # Arabic letter mark
    0x200E,  # left-to-right and right-to-left marks
    0x200F,
    *range(0x202A, 0x202F),  # bidi embeddings and overrides
    *range(0x2066, 0x206A),  # bidi isolates
    0x2028,  # line and paragraph separators
    0x2029,
    0x200B,  # zero-width space, word joiner and BOM: invisible, so two names
    0x2060,  # that differ only by them would look the same in a table
    0xFEFF,
]
_TABLE = {code: _escape(code) for code in _UNSAFE}


def visible(text: str) -> str:
    """``text`` with every control, bidi and line-separator character written as an escape.

    ``\\x1b[31m`` stays readable as those characters instead of turning the
    terminal red; a right-to-left override shows as ``\\u202e``.
    """
    return text.translate(_TABLE)
