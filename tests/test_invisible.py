"""Invisible characters: one rule (categories Cc, Cf, Zl, Zp) for the lookup key and the display."""

from __future__ import annotations

import functools
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from cityrank.core.lookup import city_key, keys_of
from cityrank.render.safe import visible
from conftest import Run


def hidden(char: str) -> bool:
    """Controls, format characters and the line and paragraph separators."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


@functools.cache
def every_hidden() -> list[str]:
    """Every hidden character this Python's Unicode database knows (made when first asked:
    the scan of every code point costs each test process half a second of collection)."""
    return [chr(c) for c in range(sys.maxunicode + 1) if hidden(chr(c))]


# Fictional scores; each name but the last holds a character that prints as nothing.
HIDING = (
    "city,score\n"
    "Ber\u00adlin,5\n"  # soft hyphen
    "Zu\u200drich,4\n"  # zero-width joiner
    "\ufeffOslo,3\n"  # byte order mark
    "Ky\u202eiv,2\n"  # right-to-left override
    "Li\U000e0041ma,1\n"  # a tag character, outside the BMP
    "Paris,0\n"
)


@pytest.mark.parametrize("form", ["table", "grid"])
def test_table_rows_line_up_whatever_hides_in_a_name(
    cityrank: Run, write: Callable[[str, str], Path], form: str
) -> None:
    path = write("hiding.csv", HIDING)
    result = cityrank("list", str(path), "-f", form)
    assert result.exit_code == 0, result.stderr
    out: str = result.stdout
    assert [c for c in out if c != "\n" and hidden(c)] == []
    for shown in ("Ber\\xadlin", "Zu\\u200drich", "\\ufeffOslo", "Ky\\u202eiv", "Li\\U000e0041ma"):
        assert shown in out
    rows = [line for line in out.splitlines() if "Paris" in line or "\\" in line]
    assert len(rows) == 6
    assert len({len(line) for line in rows}) == 1, rows


def test_the_key_ignores_what_the_display_escapes(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("hiding.csv", HIDING)
    for query, shown in [
        ("berlin", "Ber\\xadlin"),
        ("zurich", "Zu\\u200drich"),
        ("kyiv", "Ky\\u202eiv"),
    ]:
        result = cityrank("show", query, "-d", str(path), "-f", "table")
        assert result.exit_code == 0, result.stderr
        assert shown in result.stdout


def test_a_name_with_a_hidden_character_is_a_duplicate_shown_escaped(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write("twice.csv", "city,score\nBer\u200blin,2\nBerlin,1\n")
    result = cityrank("list", str(path), "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr == (
        f'cityrank: error: {path}:3: duplicate city "Berlin": same as line 2 ("Ber\\u200blin") — '
        "keep one row per city and year, or choose one with --on-duplicate first|last|max|min\n"
    )


def test_one_rule_for_key_and_display() -> None:
    """A character is escaped on screen exactly when the key drops it (or makes it a space)."""
    from cityrank.text import HIDDEN_CATEGORIES, is_hidden

    assert HIDDEN_CATEGORIES == frozenset({"Cc", "Cf", "Zl", "Zp"})
    assert len(every_hidden()) > 200
    for char in every_hidden():
        assert is_hidden(char)
        shown = visible(f"a{char}b")
        assert shown != f"a{char}b" and shown.isprintable() and shown.isascii(), hex(ord(char))
        assert city_key(f"a{char}b") in ("ab", "a b"), hex(ord(char))
        assert city_key(f"A{char}B") == ("a b" if char.isspace() else "ab"), hex(ord(char))
    names = [f"Ā{char}B" for char in every_hidden()] + [f"A{char}B" for char in every_hidden()]
    assert keys_of(names) == [city_key(name) for name in names]
    for code in (*range(0x20, 0x7F), 0xA0, 0xE9, 0x3000, 0x4EAC, 0x1F600):
        char = chr(code)
        assert not is_hidden(char)
        assert visible(f"a{char}b") == f"a{char}b"


def test_escapes_name_their_code_point() -> None:
    assert visible("\x1b[31m") == "\\x1b[31m"
    assert visible("a\u00adb") == "a\\xadb"
    assert visible("\U000e0041") == "\\U000e0041"
