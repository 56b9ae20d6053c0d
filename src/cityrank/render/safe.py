"""Making text from data harmless on a terminal: hidden characters shown as escapes."""

from __future__ import annotations

from cityrank.text import is_hidden, may_hide


def _escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class _Escapes(dict[int, "int | str"]):
    """``str.translate`` table: a hidden character's escape, any other character itself.

    Filled as characters are met, so only those that occur are ever looked at.
    """

    def __missing__(self, code: int) -> int | str:
        shown: int | str = _escape(code) if is_hidden(chr(code)) else code
        self[code] = shown
        return shown


_TABLE = _Escapes()


def visible(text: str) -> str:
    """``text`` with every hidden character (``cityrank.text``) written as an escape.

    ``\\x1b[31m`` stays readable as those characters instead of turning the
    terminal red; a right-to-left override shows as ``\\u202e``, a soft hyphen
    as ``\\u00ad``, so each takes the columns it is counted for.
    """
    if not may_hide(text):
        return text
    return text.translate(_TABLE)
