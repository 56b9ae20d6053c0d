"""City-name keys and matching a typed name to a city: the one definition of "same city"."""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from cityrank.text import is_hidden, may_hide

if TYPE_CHECKING:
    from cityrank.errors import UsageError
    from cityrank.model import Entry

# Only the combining accents of Latin, Greek and Cyrillic letters are dropped:
# marks in other scripts (Devanagari vowel signs, Thai tones) tell names apart.
ACCENTS = re.compile("[\u0300-\u036f]")

MIN_PREFIX = 3


# What str.split() takes as white space, but for "\n" (it separates names keyed
# together) and " ": the rarer ones, which a key makes one space.
ODD_SPACES = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
_SPACES = re.compile(r"[^\S\n]+")


# Latin letters that Unicode does not decompose, so that dropping accents
# leaves them as they are, each written as its usual plain-Latin spelling.
# casefold() has made the capitals small (and ß, ẞ already "ss").
FOLDED = {
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t",
    "æ": "ae", "œ": "oe", "þ": "th",
}  # fmt: skip


def keys_of(names: Sequence[str]) -> list[str]:
    """``city_key`` of every name, made for all of them at once.

    ASCII names and the others are keyed apart, each kind joined by ``\n``
    and keyed as one text. That is exact: ``\n`` is a starter that composes
    with nothing, so normalisation never crosses it, and the other steps work
    character by character. A name holding a line break is keyed on its own,
    and so is one whose key would still hold a hidden character.
    """
    plain = list(map(str.isascii, names))
    count = sum(plain)
    if count in (0, len(names)):
        return _keys(names, ascii=bool(count))
    ascii_keys = iter(_keys(list(itertools.compress(names, plain)), ascii=True))
    others = itertools.compress(names, map(operator.not_, plain))
    other_keys = iter(_keys(list(others), ascii=False))
    # The next key of the kind of each name, in C: True picks item 1, the ASCII keys.
    return list(map(next, map([other_keys, ascii_keys].__getitem__, plain)))


def _keys(names: Sequence[str], ascii: bool) -> list[str]:
    if not names:
        return []
    text = "\n".join(names)
    if ascii:
        text = text.lower()
    else:
        text = _without_accents(unicodedata.normalize("NFKD", text))
        text = _letters(unicodedata.normalize("NFC", text).casefold())
    for dash in "-_\u2010\u2011":
        if dash in text:
            text = text.replace(dash, " ")
    # " ".join(key.split()) for every key: runs of white space made one space, none at the ends.
    if any(space in text for space in ODD_SPACES):
        text = _SPACES.sub(" ", text)
    while "  " in text:
        text = text.replace("  ", " ")
    text = text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    keys = text.split("\n")
    if len(keys) != len(names):  # a line break inside a name
        return list(map(city_key, names))
    if may_hide("".join(keys)):  # rare: city_key drops hidden characters before NFC
        pairs = zip(keys, names, strict=True)
        keys = [key if key.isprintable() else city_key(name) for key, name in pairs]
    return keys


#: Accents taken out of a long text one kind at a time before the rest go in one ``sub``.
_ACCENT_KINDS = 8


def _without_accents(text: str) -> str:
    """``ACCENTS.sub("", text)`` for the many names of ``_keys``, about twice as quick.

    A ``sub`` pays for every accent it drops (hundreds of thousands in a
    large file) where ``str.replace`` of one accent pays only for a pass over
    the text, and a file's names hold few kinds of accents. The text before the
    first accent found holds none, so each search goes on from there.
    """
    at = 0
    for _ in range(_ACCENT_KINDS):
        found = ACCENTS.search(text, at)
        if found is None:
            return text
        at = found.start()
        text = text.replace(found.group(), "")
    return text[:at] + ACCENTS.sub("", text[at:])


def _letters(text: str) -> str:
    """``text`` (casefolded) with the letters of ``FOLDED`` spelt out."""
    for letter, spelt in FOLDED.items():
        if letter in text:
            text = text.replace(letter, spelt)
    return text


def _unhidden(text: str) -> str:
    """``text`` without its hidden characters, those that are white space made a space."""
    return "".join(" " if c.isspace() else "" if is_hidden(c) else c for c in text)


def city_key(name: str) -> str:
    """The lookup key of a name.

    It ignores case, Latin accents, Unicode normal form (NFC/NFD and
    full-width forms), surrounding space and space/hyphen/underscore
    differences: ``São Paulo``, ``sao-paulo`` and ``SAO_PAULO`` share the key
    ``sao paulo``. Letters without a decomposition are spelt out (``Łódź`` is
    ``lodz``, ``Þórshöfn`` ``thorshofn``, see ``FOLDED``) and hidden
    characters (``cityrank.text``: soft hyphen, zero-width and bidi
    characters, controls) are dropped. Look-alike letters from other scripts
    are kept, so such names stay apart.
    """
    if name.isascii():
        key = name.lower()
        if may_hide(key):
            key = _unhidden(key)
        if "-" in key or "_" in key:
            key = key.replace("-", " ").replace("_", " ")
        return " ".join(key.split())
    # NFKD is NFD of NFKC: full-width and compatibility forms folded, accents
    # split off so they can be dropped, then composed back.
    text = ACCENTS.sub("", unicodedata.normalize("NFKD", name))
    if may_hide(text):
        text = _unhidden(text)
    text = _letters(unicodedata.normalize("NFC", text).casefold())
    for dash in "-_\u2010\u2011":
        if dash in text:
            text = text.replace(dash, " ")
    return " ".join(text.split())


def split_aliases(cell: str) -> tuple[str, ...]:
    """The names in an ``aliases`` cell (``北京|Peking``), stripped, empty ones dropped."""
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def entry_keys(entry: Entry) -> Iterable[str]:
    """Every key an entry answers to: its name's, then its aliases'."""
    yield entry.key
    for alias in entry.aliases:
        yield city_key(alias)


def find_city(entries: Sequence[Entry], query: str, where: str) -> Entry:
    """The entry ``query`` names, by exact key, alias, the name before brackets
    (``Valencia`` finds ``Valencia (Spain)``), or unique prefix of 3+ characters.

    ``where`` names the data in messages (``sample_data.csv (2020)``).
    Raises ``UsageError`` for no match (with up to three close names) and
    for a name or prefix that several cities share (listing them).
    """
    from cityrank.errors import UsageError  # here: shell completion keys names without it

    wanted = city_key(query)
    by_key: dict[str, list[Entry]] = {}
    for entry in entries:
        for key in entry_keys(entry):
            bucket = by_key.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)
    exact = by_key.get(wanted, [])
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise UsageError(
            f'"{query}" names several cities in {where}: {_names(exact)} — '
            "use a name that only one of them has",
            code="ambiguous-city",
        )
    # A name with something in brackets after it is that name, told apart from others by
    # the brackets (a qualified name of --key, "Valencia (Spain)"): a prefix of any length.
    named = _starting(by_key, f"{wanted} (")
    if len(named) == 1:
        return named[0]
    if named:
        raise UsageError(
            f'"{query}" names several cities in {where}: {_names(named)} — '
            "type one of them as it is listed",
            code="ambiguous-city",
        )
    if len(wanted) >= MIN_PREFIX:
        found = _starting(by_key, wanted)
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(
                f'"{query}" is the start of several city names in {where}: '
                f"{_names(found)} — type more of the name",
                code="ambiguous-city",
            )
    raise _unknown(query, wanted, by_key, where)


def _starting(by_key: dict[str, list[Entry]], prefix: str) -> list[Entry]:
    """The entries with a key that starts with ``prefix``, each once (found by identity:
    linear however many match)."""
    found: dict[int, Entry] = {}
    for key, bucket in by_key.items():
        if key.startswith(prefix):
            found.update((id(e), e) for e in bucket)
    return list(found.values())


def _unknown(query: str, wanted: str, by_key: dict[str, list[Entry]], where: str) -> UsageError:
    """The error for a ``query`` (keyed ``wanted``) that names no city, with up to three
    close names."""
    import difflib  # only for the error message: kept off start-up

    from cityrank.errors import UsageError

    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    close += [k for k in by_key if wanted and k.startswith(wanted) and k not in close]
    suggestions: list[str] = []
    for key in close:
        for entry in by_key[key]:
            if entry.city not in suggestions:
                suggestions.append(entry.city)
    hint = (
        f" — did you mean {_or(suggestions[:3])}?"
        if suggestions
        else " — run 'cityrank list' to see the names"
    )
    return UsageError(f'no city "{query}" in {where}{hint}', code="unknown-city")


#: How many names a message lists before it says how many more there are.
LISTED = 10


def _names(entries: Sequence[Entry]) -> str:
    """The cities' names for a message, each in quotes (a name may hold a comma)."""
    from cityrank.errors import quoted_list

    shown = quoted_list([e.city for e in entries[:LISTED]])
    more = len(entries) - LISTED
    return f"{shown} and {more} more" if more > 0 else shown


def _or(names: Sequence[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
