"""Names that differ only by look-alike characters (Unicode TR39 confusables): a warning.

The table, ``confusables.tsv`` beside this module, is made by
``scripts/make_confusables.py`` from TR39's ``confusables.txt`` and read the
first time a file has a name that is not ASCII.
"""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cityrank.core.lookup import city_key, keys_of
from cityrank.errors import DataError, Problems
from cityrank.model import Rows


@dataclass(frozen=True)
class Confusables:
    """The look-alike table as the warning uses it."""

    #: ``str.translate`` table: a look-alike character → the Latin text it looks like.
    latin: dict[int, str]
    #: The non-ASCII look-alikes and the characters whose decomposition holds one.
    suspects: frozenset[str]
    #: Matches every suspect of the BMP (and a few characters near them).
    _near: re.Pattern[str]
    #: What the ASCII look-alikes are in a key (``i`` of I, ``m``, ``0`` …) and
    #: what their Latin text is there (``l``, ``rn``, ``o`` …).
    _ascii: tuple[tuple[str, str], ...]

    def may_hold_suspect(self, text: str) -> bool:
        """False when ``text`` holds no suspect; quick on many names at once."""
        return bool(self._near.search(text) or _ASTRAL.search(text))

    def loosen(self, key: str) -> str:
        """``key`` (or keys joined by ``\\n``) with its ASCII look-alikes made their Latin text.

        The skeleton of a name without suspects, loosened, is its key loosened.
        """
        for char, text in self._ascii:
            if char in key:
                key = key.replace(char, text)
        return key


# One range of a character class is checked at once; a class holding
# characters past U+FFFF is checked range by range, so those get a test of
# their own. Runs of suspects closer than _GAP are one range: fewer ranges
# compile faster, at the cost of a few characters the exact test then turns down.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_GAP = 8


@cache
def confusables() -> Confusables:
    """The table, read once."""
    text = Path(__file__).with_name("confusables.tsv").read_text("utf-8")
    latin: dict[int, str] = {}
    codes: list[int] = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        first, _, rest = line.partition("\t")
        if first == "holding":
            for run in rest.split():
                low, _, high = run.partition("-")
                codes.extend(range(int(low, 16), int(high or low, 16) + 1))
        else:
            latin[int(first, 16)] = rest
    codes.extend(code for code in latin if code > 0x7F)
    codes.sort()
    runs: list[list[int]] = []
    for code in itertools.takewhile(lambda c: c <= 0xFFFF, codes):
        if runs and code - runs[-1][1] <= _GAP:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    near = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)
    ascii = {city_key(chr(code)): city_key(text) for code, text in latin.items() if code <= 0x7F}
    for char, text in ascii.items():  # "%" is "o/0" and 0 is "o": "%" is "o/o"
        ascii[char] = "".join(ascii.get(c, c) for c in text)
    pairs = tuple(ascii.items())
    return Confusables(latin, frozenset(map(chr, codes)), re.compile(f"[{near}]"), pairs)


def skeletons(names: Sequence[str]) -> list[str]:
    """Each name's skeleton: decomposed (NFD), look-alikes made Latin, then keyed.

    Two names with one skeleton look alike; ``Pаris`` (Cyrillic а) and
    ``Paris`` share ``paris``, ``Іstanbul`` (Cyrillic І) and ``Istanbul``
    share ``lstanbul``: TR39 writes I, l and 1 as ``l``.
    """
    latin = confusables().latin
    text = unicodedata.normalize("NFD", "\n".join(names)).translate(latin)
    shaped = text.split("\n")
    if len(shaped) != len(names):  # a line break inside a name
        shaped = [unicodedata.normalize("NFD", name).translate(latin) for name in names]
    return keys_of(shaped)


def lookalikes(
    rows: Rows, name: str, problems: Problems, names: Sequence[str] | None = None
) -> list[str]:
    """Warnings for cities whose names differ only by look-alike characters.

    Only a name holding a look-alike that is not ASCII (a suspect) is warned
    about, next to the first other row of its edition with the same
    skeleton: two ASCII names such as ``Milan`` and ``Mi1an`` are not.
    ``names`` are the keys of the rows' names when their keys are not (``--key``).
    """
    cities = rows.city
    # A suspect is not ASCII, and most files have no suspect at all.
    others = list(
        itertools.compress(range(len(cities)), map(operator.not_, map(str.isascii, cities)))
    )
    if not others:
        return []
    table = confusables()
    if not table.may_hold_suspect("\n".join(map(cities.__getitem__, others))):
        return []
    odd = [i for i in others if not table.suspects.isdisjoint(cities[i])]
    if not odd:
        return []
    # Only rows whose skeleton may be a suspect's are given one: a row without
    # suspects differs from its skeleton only by the ASCII characters TR39
    # maps (I and 1 are l, m is rn, 0 is O), which table.loosen makes the same.
    odd_shapes = skeletons(list(map(cities.__getitem__, odd)))
    near = set(map(table.loosen, odd_shapes))
    loose = table.loosen("\n".join(rows.key if names is None else names)).split("\n")
    chosen = sorted({*odd, *(i for i, key in enumerate(loose) if key in near)})
    shapes = dict(zip(chosen, skeletons(list(map(cities.__getitem__, chosen))), strict=True))
    alike: dict[tuple[str, str | None], list[int]] = {}
    for i in chosen:
        alike.setdefault((shapes[i], rows.year[i]), []).append(i)
    messages = []
    for i in odd:
        first = next((j for j in alike[shapes[i], rows.year[i]] if j != i), None)
        if first is None:
            continue
        message = (
            f'"{cities[i]}" (line {rows.line[i]}) and "{cities[first]}" '
            f"(line {rows.line[first]}) differ only by look-alike characters "
            "— they are kept as two cities; check whether they are one"
        )
        messages.append(message)
        problems.warn(DataError(message, file=name, line=rows.line[i], code="look-alike"))
    return messages
