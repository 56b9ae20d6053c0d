"""Which characters of a name are hidden: the one rule the lookup key and the display share."""

from __future__ import annotations

import unicodedata

#: Controls (Cc: ESC, DEL, the C1 set), format characters (Cf: soft hyphen,
#: zero-width space and joiners, bidi marks and overrides, BOM, tags) and the
#: line and paragraph separators (Zl, Zp). They print as nothing, or move or
#: colour what follows, so a table cannot show them as they are; the lookup key
#: drops them (those that are white space become a space).
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def is_hidden(char: str) -> bool:
    """Whether ``char`` (one character) is hidden: its Unicode category is Cc, Cf, Zl or Zp."""
    return unicodedata.category(char) in HIDDEN_CATEGORIES


def may_hide(text: str) -> bool:
    """False when ``text`` certainly holds no hidden character; a quick test in C.

    ``str.isprintable()`` is False for every hidden character, and also for
    spaces other than " " and for unassigned and private-use code points:
    ``True`` here means "look closer", not "hidden".
    """
    return not text.isprintable()
