"""Parsing score text into numbers and writing numbers back without float noise."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import itemgetter

_EXPONENT = re.compile(r"[eE]([+-]?\d+)$", re.ASCII)
#: Scores beyond this size are refused: arithmetic on them could overflow to infinity.
LIMIT = 1e100
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
#: A number with a decimal comma and maybe thousands dots: ``85,5``, ``1.234,5``, ``-0,5 %``.
_DECIMAL_COMMA = re.compile(r"([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(\s*%)?", re.ASCII)
#: What every score of a file with decimal commas looks like: ``85,5`` or ``88``.
_COMMA_SCORE = re.compile(r"[+-]?\d+(?:,\d+)?(?:\s*%)?", re.ASCII)
#: A character that no plain number (``-88.25``, `` 91.2 ``) is written with.
_NOT_PLAIN = re.compile(r"[^0-9+\-. \t\n\r\f\v]", re.ASCII)
#: Up to this many characters a number is kept exactly by a float (see ``inexact``).
_EXACT_LENGTH = 15


def parse_number(text: str) -> tuple[float, int]:
    """Return ``(value, decimals)`` for a number written the ways people write scores.

    Accepts surrounding space, a leading ``+``, thousands separators in the
    ``1,234.5`` form, a trailing ``%`` (``95%`` is 95) and scientific notation.
    ``decimals`` is the number of decimal places the text expresses, so that
    arithmetic can be rounded back to it. Raises ``ValueError`` with a reason
    for anything else, including NaN and infinities.
    """
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        # float() also takes "nan", "inf", "1_000" and non-ASCII digits, which
        # are not scores: those go the long way round, to their error.
        if value - value == 0 and abs(value) <= LIMIT and text.isascii() and "_" not in text:
            return value, decimals_of(text.strip())
    s = text.strip()
    if s.endswith("%"):
        s = s[:-1].rstrip()
    if not _PLAIN.fullmatch(s):
        if _THOUSANDS.fullmatch(s):
            s = s.replace(",", "")
        elif s.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            raise ValueError("not a finite number")
        else:
            raise ValueError("not a number")
    value = float(s)
    if not math.isfinite(value):
        raise ValueError("too large to be a finite number")
    if abs(value) > LIMIT:
        raise ValueError("too large (cityrank takes scores up to 1e100)")
    return value, decimals_of(s)


def parse_plain(texts: Sequence[str]) -> tuple[list[float], list[int]] | None:
    """The values and decimals ``parse_number`` gives for each of ``texts``, worked out for
    all of them at once; ``None`` unless every one is a plain number: ASCII digits with an
    optional sign and point, surrounding space, at most 15 characters once stripped.

    Such a number is never one that ``inexact`` refuses, nor beyond ``LIMIT``.
    """
    if _NOT_PLAIN.search("".join(texts)):
        return None
    try:
        values = list(map(float, texts))
    except ValueError:
        return None
    stripped = list(map(str.strip, texts))
    if max(map(len, stripped), default=0) > _EXACT_LENGTH:
        return None
    # No exponent: the decimals are the digits after the point (decimals_of).
    fractions = map(itemgetter(2), map(str.partition, stripped, repeat(".")))
    return values, list(map(len, fractions))


def decimal_point(text: str) -> str | None:
    """A number written with a decimal comma as ``parse_number`` reads it, else ``None``.

    ``85,5`` is ``85.5``, ``1.234,5`` is ``1234.5`` (a dot groups thousands),
    ``-0,25 %`` is ``-0.25 %``; the decimals are kept as written (``85,50`` is
    ``85.50``). Surrounding space is dropped.
    """
    found = _DECIMAL_COMMA.fullmatch(text.strip())
    if found is None:
        return None
    sign, whole, fraction, percent_sign = found.groups()
    point = f"{sign}{whole.replace('.', '')}"
    if fraction is not None:
        point += f".{fraction}"
    return point + (percent_sign or "")


def decimal_comma_scores(texts: Iterable[str]) -> str | None:
    """The first of ``texts`` with a decimal comma when every one is a number written so
    (``85,5``) or a whole number (``88``), else ``None``; blank texts are left out."""
    first = None
    for text in texts:
        if not text.strip():
            continue
        if _COMMA_SCORE.fullmatch(text.strip()) is None:
            return None
        if first is None and "," in text:
            first = text.strip()
    return first


def inexact(text: str, value: float) -> str | None:
    """What ``value`` reads as when it is not the number ``text`` says, else ``None``.

    A float keeps 15 to 17 significant digits: ``9007199254740993`` is read as
    ``…992`` and ``0.1e-400`` as ``0``. Such a score would be ranked, and
    written out, as another number, so the caller refuses it.
    """
    s = text.strip()
    if len(s) <= _EXACT_LENGTH and "e" not in s and "E" not in s:
        return None  # up to 15 significant digits always survive the round trip
    from decimal import Decimal, InvalidOperation

    try:
        said = Decimal(s.rstrip("%").rstrip().replace(",", ""))
    except InvalidOperation:
        return None
    return None if said == Decimal(repr(value)) else format_number(value)


def decimals_of(s: str) -> int:
    """How many decimal places a plain number's text expresses (``1.50`` → 2, ``1e-3`` → 3)."""
    if "e" not in s and "E" not in s:
        dot = s.find(".")
        return 0 if dot < 0 else min(len(s) - dot - 1, 20)
    exponent = 0
    match = _EXPONENT.search(s)
    if match:
        exponent = int(match.group(1))
        s = s[: match.start()]
    dot = s.find(".")
    places = 0 if dot < 0 else len(s) - dot - 1
    # Beyond 20 places a float has no digits left to keep.
    return min(max(0, places - exponent), 20)


def difference(a: float, a_decimals: int, b: float, b_decimals: int) -> float:
    """``a - b`` rounded to the decimals of its operands: 99.82 - 91.2 is exactly 8.62."""
    return round(a - b, a_decimals if a_decimals > b_decimals else b_decimals)


def format_number(x: float) -> str:
    """The shortest plain decimal text for ``x``: no exponent, no trailing ``.0``."""
    if isinstance(x, int):
        return str(x)
    text = repr(x)
    if text.endswith(".0"):
        return "0" if x == 0 else text[:-2]
    if "e" in text:
        if x.is_integer() and abs(x) < 1e16:
            return str(int(x))
        return _plain_decimal(text)
    return text


def grouped(text: str) -> str:
    """A plain number's text with its whole part in groups of three, ``11,503,501.5``: the
    locale-free comma rule, for people (machine formats stay plain)."""
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.removeprefix("-").partition(".")
    if len(whole) <= 3 or not whole.isdigit():
        return text
    head = len(whole) % 3 or 3
    parts = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    return f"{sign}{','.join(parts)}{dot}{fraction}"


def percent(part: float, whole: float, places: int = 2) -> float | None:
    """``part`` as a percentage of ``whole``, or ``None`` where that has no finite value."""
    if not whole:
        return None
    value = 100 * part / whole
    return round(value, places) if math.isfinite(value) else None


def json_number(x: float) -> int | float:
    """The value to hand to ``json``: integral floats as ints, so 88 is ``88``, not ``88.0``."""
    if isinstance(x, int):
        return x
    if x.is_integer() and abs(x) < 1e16:
        return int(x)
    return x


def _plain_decimal(text: str) -> str:
    """``1e-07`` as ``0.0000001``: the rare number whose repr has an exponent."""
    from decimal import Decimal

    return format(Decimal(text), "f")
