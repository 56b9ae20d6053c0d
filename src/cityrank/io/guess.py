"""Which encoding a file that failed to decode is in: one that reads it as text of one script.

The lines with bytes beyond ASCII are decoded with each candidate encoding in
turn, most common first, and a reading is kept when ``cityrank.io.scripts``
finds it plausible text of the encoding's script. A script's first plausible
encoding stands for it: for Latin text cp1252 comes before cp1254 and cp1250,
which no test of scripts tells apart (but Turkish read as cp1252 has letters
only Icelandic uses, so then cp1254 is named too).

When readings in several scripts remain (a short file of Korean may also read
as Chinese), charset-normalizer, if installed, may pick one of them; otherwise
the caller names them all and lets the user choose.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from cityrank.io.scripts import plausible

#: Candidates, most common first, each with the script its text is in.
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("cp1252", "Latin"),
    ("gb18030", "Simplified Chinese"),
    ("shift_jis", "Japanese"),
    ("cp932", "Japanese"),
    ("euc_kr", "Korean"),
    ("cp949", "Korean"),
    ("big5", "Traditional Chinese"),
    ("cp950", "Traditional Chinese"),
    ("euc_jp", "Japanese"),
    ("cp1251", "Cyrillic"),
    ("cp1254", "Latin"),
    ("cp1250", "Latin"),
    ("cp1253", "Greek"),
    ("cp1257", "Latin"),
    ("cp1255", "Hebrew"),
    ("cp1256", "Arabic"),
    ("cp874", "Thai"),
    ("koi8_r", "Cyrillic"),
    ("cp866", "Cyrillic"),
    ("mac_roman", "Latin"),
)

#: Latin letters of Icelandic and Faroese only, which Turkish read as cp1252 is full of.
_RARE_LATIN = frozenset("ÐðÝýÞþ")
_HIGH = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class Reading:
    """A plausible reading: the encoding, its script, and the words beyond ASCII it makes."""

    codec: str
    script: str
    words: tuple[str, ...]


def readings(data: bytes, failed: str) -> list[Reading]:
    """The plausible readings of ``data``, which does not decode as ``failed``: one per
    script, the most common encoding first (two Latin ones when the first has letters
    that only Icelandic uses, as Turkish read as cp1252 has)."""
    sample = failing_lines(data)
    if not sample:
        return []
    failed_name = codecs.lookup(failed).name
    found: list[Reading] = []
    for codec, script in CANDIDATES:
        if codecs.lookup(codec).name == failed_name:
            continue
        same = [r for r in found if r.script == script]
        if same and not (script == "Latin" and len(same) == 1 and _rare(same[0])):
            continue
        reading = read_as(sample, codec, script)
        if reading is None or (same and _rare(reading)) or not decodes(data, codec):
            continue
        found.append(reading)
    if len(found) > 1:
        chosen = _second_opinion(sample, found)
        if chosen is not None and decodes(data, chosen.codec):
            return [chosen]
    return found


def failing_lines(data: bytes, limit: int = 100, budget: int = 1 << 14) -> list[bytes]:
    """Up to ``limit`` lines (``budget`` bytes) with bytes above 0x7f: the ones that failed,
    and those that happen to be valid UTF-8 (a suggestion must read them too)."""
    lines: list[bytes] = []
    size = 0
    at = 0
    while len(lines) < limit and size < budget:
        found = _HIGH.search(data, at)
        if found is None:
            break
        high = found.start()
        start = max(data.rfind(b"\n", 0, high), data.rfind(b"\r", 0, high)) + 1
        ends = [e for e in (data.find(b"\n", high), data.find(b"\r", high)) if e >= 0]
        at = min(ends, default=len(data))
        lines.append(data[start:at])
        size += at - start
    return lines


def read_as(sample: list[bytes], codec: str, script: str) -> Reading | None:
    """The reading of ``sample`` in ``codec`` if it is plausible text in ``script``."""
    try:
        lines = [line.decode(codec) for line in sample]
    except UnicodeDecodeError:
        return None
    words = plausible(lines, script, codecs.lookup(codec).name)
    if words is None:
        return None
    return Reading(codec, script, tuple(w[:24] for w in words))


def decodes(data: bytes | memoryview, codec: str, block: int = 1 << 24) -> bool:
    """Whether all of ``data`` decodes as ``codec``, a block at a time (the text is dropped)."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        for at in range(0, len(data), block):
            decoder.decode(data[at : at + block])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _rare(reading: Reading) -> bool:
    return any(ch in _RARE_LATIN for word in reading.words for ch in word)


def _second_opinion(sample: list[bytes], found: list[Reading]) -> Reading | None:
    """The reading charset-normalizer prefers, if it is installed and its choice is plausible
    in one of the scripts found."""
    import importlib

    try:  # an optional dependency, by name: mypy need not know it
        normalizer = importlib.import_module("charset_normalizer")
    except ImportError:
        return None
    best = normalizer.from_bytes(b"\n".join(sample)).best()
    if best is None:
        return None
    try:
        codec = codecs.lookup(str(best.encoding)).name
    except LookupError:
        return None
    if codec not in {codecs.lookup(c).name for c, _ in CANDIDATES}:
        return None
    for reading in found:
        chosen = read_as(sample, codec, reading.script)
        if chosen is not None:
            return chosen
    return None
