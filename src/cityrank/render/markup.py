"""Escaping cells for the formats that are markup, so that a converter shows them as text.

Each markup format writes every character that its own syntax or HTML gives
meaning to as an escape that its converters turn back into that character:
after conversion a cell reads exactly as the data, with no tag, link, image,
template or extra cell made from it. Writers escape every cell, column names
too; a number (digits, ``.``, a leading ``-``) comes out unchanged but in rst
and Textile, where a leading ``-`` means something to pandoc.
tests/test_markup.py holds each escape to real converters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _between_word_characters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


# Markdown (Python-Markdown, CommonMark, GitHub): a backslash where every
# reader takes it, an entity where one does not (Python-Markdown has no \~ or
# \<). ":" and "www." as entities stop GitHub's autolinks of bare URLs; "$"
# stops its inline maths. "_" inside a word never emphasises, so
# gap_to_leader stays readable.
_MARKDOWN_BACKSLASH = frozenset("\\`*_{}[]()!|")
_MARKDOWN_ENTITY = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "~": "&#126;",
    ":": "&#58;",
    "$": "&#36;",
}
_WWW = re.compile(r"(?<![0-9A-Za-z])(www)\.", re.IGNORECASE)


def escape_markdown(text: str) -> str:
    """``text`` for a Markdown table cell: shown as written by Python-Markdown and GitHub.

    Only e-mail addresses are still linked by GitHub (to themselves): its
    autolinker joins escaped characters back before it looks for them.
    """
    out = []
    for i, char in enumerate(text):
        if char == "_" and _between_word_characters(text, i):
            out.append(char)
        elif char in _MARKDOWN_BACKSLASH:
            out.append("\\" + char)
        else:
            out.append(_MARKDOWN_ENTITY.get(char, char))
    return _WWW.sub(r"\1&#46;", "".join(out))


# reStructuredText: a backslash escapes any character and is itself dropped.
# Inline markup, references (name_), substitutions (|x|), roles and bare URIs
# (":"), e-mail addresses ("@"); then what a cell's first characters would
# start: a directive (.. image::), a list (- x, 1. x, A) x), a line block.
_RST_ALWAYS = frozenset("\\*`_|[]:@")
_RST_STARTS = _PUNCTUATION | frozenset("•‣⁃")  # the bullets beside * + -
_RST_ENUMERATOR = re.compile(r"^(\\?[#(]?[0-9A-Za-z]*)([.)])(?=\s|$)")


def escape_rst(text: str) -> str:
    """``text`` for a cell of an reStructuredText table: shown as written by docutils."""
    out = []
    for i, char in enumerate(text):
        if char == "_" and _between_word_characters(text, i):
            out.append(char)
        elif char in _RST_ALWAYS or (i == 0 and char in _RST_STARTS):
            out.append("\\" + char)
        else:
            out.append(char)
    return _RST_ENUMERATOR.sub(r"\1\\\2", "".join(out))


def _plain_in_entities(text: str, i: int) -> bool:
    """Whether the punctuation mark ``text[i]`` means nothing to Textile, MediaWiki, AsciiDoc
    and Jira."""
    char = text[i]
    if char == ",":
        return True
    if char in "._-" and _between_word_characters(text, i):
        return True  # Saint-Denis, St.Louis, gap_to_leader, 93.75
    # A minus sign (-1.5) opens no span: a closing "-" is never followed by a digit.
    return char == "-" and (i == 0 or text[i - 1] == " ") and text[i + 1 : i + 2].isdigit()


def escape_entities(text: str) -> str:
    """``text`` with its ASCII punctuation as numeric character references (``&#124;``).

    For Textile, MediaWiki, AsciiDoc and Jira, which all decode references
    but give meaning to nearly every punctuation mark (cells, links, images,
    templates, quotes, macros, typographic replacements). ``,``, a ``.``,
    ``-`` or ``_`` inside a word (Saint-Denis, gap_to_leader) and a minus
    sign (-1.5) mean nothing there and stay as they are.
    """
    return "".join(
        char if char not in _PUNCTUATION or _plain_in_entities(text, i) else f"&#{ord(char)};"
        for i, char in enumerate(text)
    )


# Textile also makes "2 x 3" a multiplication sign, and (pandoc) a minus sign a dash.
_DIMENSION = re.compile(r"(?<=[0-9]) ?x(?= ?[0-9])")
_MINUS = re.compile(r"(?<![^ ])-(?=[0-9])")


def escape_textile(text: str) -> str:
    """``text`` for a Textile table cell: ``escape_entities``, and no ``×`` from ``2 x 3``
    nor ``–`` from ``-5``."""
    text = _MINUS.sub("&#45;", escape_entities(text))
    return _DIMENSION.sub(lambda m: m.group().replace("x", "&#120;"), text)


#: The escape of each markup format that tabulate writes, by format name.
TABULATE_ESCAPES: dict[str, Callable[[str], str]] = {
    "github": escape_markdown,
    "pipe": escape_markdown,
    "rst": escape_rst,
    "textile": escape_textile,
    "mediawiki": escape_entities,
    "asciidoc": escape_entities,
    "jira": escape_entities,
}
