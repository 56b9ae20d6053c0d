"""Whether decoded lines read as text of one script, or as mojibake.

``plausible`` takes the lines a candidate encoding made of a file and says
whether they could be what the file holds: every letter beyond ASCII of the
candidate's script (Japanese kana and kanji count as one), few symbols among
them, and no word shaped as no word of the script is — a symbol stuck to
letters, ASCII letters inside a Cyrillic word, lowercase before uppercase, a
Greek final sigma inside a word, accented Latin letters three in a row
(Cyrillic read as cp1252), rare CJK characters (Shift-JIS read as gb18030).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

#: The first word of the Unicode names of each script's letters.
NAMES: dict[str, frozenset[str]] = {
    "Latin": frozenset({"LATIN", "FEMININE", "MASCULINE"}),  # ª º: Spanish, Portuguese
    "Greek": frozenset({"GREEK"}),
    "Cyrillic": frozenset({"CYRILLIC"}),
    "Hebrew": frozenset({"HEBREW"}),
    "Arabic": frozenset({"ARABIC"}),
    "Thai": frozenset({"THAI"}),
    "Simplified Chinese": frozenset({"CJK"}),
    "Traditional Chinese": frozenset({"CJK"}),
    "Japanese": frozenset(
        {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC", "HALFWIDTH"}
    ),
    "Korean": frozenset({"HANGUL", "CJK"}),
}
_CASED = frozenset({"Latin", "Greek", "Cyrillic"})
_HAN = frozenset({"Simplified Chinese", "Traditional Chinese", "Japanese"})
#: Punctuation that stands between letters in real names: l'Aquila, Paral·lel, Baden–Baden.
_JOINERS = frozenset("’‘·‐‑–—")
_VOWELS = {
    "Latin": frozenset("aeiouyáéíóúâêîôûàèìòùäëïöü"),
    "Greek": frozenset("αεηιουωάέήίόύώϊϋΐΰ"),
    "Cyrillic": frozenset("аеёиоуыэюяіїєўр"),  # р: Serbian Трг, Врбас
    "Thai": frozenset("ะัาำิีึืุูเแโใไ็ๅํอวย"),
}
_GREEK_ACCENTED = frozenset("άέήίόύώΐΰ")
_HEBREW_FINALS = frozenset("ךםןףץ")
_SIGNS = frozenset("ьъы")  # never start a Russian word, nor follow a vowel
_THAI_LEADING = frozenset("เแโใไ")  # written before the consonant they follow in speech
_THAI_CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))
#: At least this share of a CJK reading's characters must be common ones.
CORE_SHARE = 0.8
#: The lead bytes of EUC-KR's Hangul, which Korean read as a Chinese or Japanese EUC keeps.
HANGUL_ROWS = range(0xB0, 0xC9)


def plausible(lines: list[str], script: str, codec: str) -> list[str] | None:
    """The words beyond ASCII of ``lines`` if they read as ``script`` text, else ``None``.

    ``codec`` is the encoding's own name (``codecs.lookup(…).name``).
    """
    letters = _letters(lines, script, codec)
    if letters is None:
        return None
    words = [w for line in lines for w in _words(line) if not w.isascii()]
    if sum(_odd(word, script) for word in words) * 10 > len(words):
        return None
    if script in ("Greek", "Cyrillic") and not any(ch.isupper() for ch in letters):
        return None  # Hebrew read as cp1251 or cp1253 is all lowercase; names are not
    if script == "Latin" and sum(map(_long_runs, words)) * 2 > len(letters):
        return None
    if script in _HAN and _only_hangul_rows(letters, codec):
        return None
    return words


def _letters(lines: list[str], script: str, codec: str) -> list[str] | None:
    """The letters beyond ASCII of ``lines``, or ``None`` if the characters do not fit
    ``script``: a control or unassigned character, a letter of another script, many
    symbols or a symbol stuck to letters, many marks, or (CJK) few common characters."""
    names = NAMES[script]
    letters: list[str] = []
    others = stuck = core = marks = 0
    for line in lines:
        for at, ch in enumerate(line):
            if ch.isascii():
                continue
            kind = unicodedata.category(ch)[0]
            if kind == "C":
                return None
            if kind == "M":
                marks += 1
                stuck += at == 0 or not (line[at - 1].isalpha() or _is_mark(line[at - 1]))
                continue
            if kind != "L":
                others += 1
                stuck += ch not in _JOINERS and _touches_letter(line, at)
                continue
            if unicodedata.name(ch, "").split(" ", 1)[0] not in names:
                return None
            letters.append(ch)
            core += _common(ch, codec)
    if not letters or others * 4 > len(letters) or stuck * 20 > len(letters) + others:
        return None
    if script in ("Hebrew", "Arabic") and marks * 2 > len(letters):
        return None  # vowel points are rare in data; Arabic read as cp1255 is full of them
    return letters if core >= CORE_SHARE * len(letters) else None


def _words(line: str) -> Iterator[str]:
    """The runs of letters and combining marks in ``line``."""
    word = ""
    for ch in line:
        if ch.isalpha() or _is_mark(ch):
            word += ch
            continue
        if word:
            yield word
        word = ""
    if word:
        yield word


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _touches_letter(line: str, at: int) -> bool:
    """Whether the symbol at ``at`` touches a letter beyond ASCII, or stands between letters."""
    before = line[at - 1] if at else " "
    after = line[at + 1] if at + 1 < len(line) else " "
    if (before.isalpha() and not before.isascii()) or (after.isalpha() and not after.isascii()):
        return True
    return before.isalpha() and after.isalpha()


def _common(ch: str, codec: str) -> bool:
    """Whether ``ch`` is a common character of ``codec``: GB2312 for gb18030, Big5's first
    level, kana and JIS level-1 kanji, KS X 1001's Hangul (not cp949's additions, nor
    EUC-KR's 8-byte syllables); any character of other codecs."""
    if codec == "gb18030":
        return _encoded_lead(ch, "gb2312") is not None
    if codec in ("big5", "cp950"):
        return _encoded_lead(ch, "big5") in range(0xA4, 0xC7)
    if codec in ("shift_jis", "cp932", "euc_jp"):
        name = unicodedata.name(ch, "")
        if not name.startswith("CJK"):
            return not name.startswith("HALFWIDTH")
        return _encoded_lead(ch, "shift_jis") in range(0x88, 0x99)
    if codec in ("euc_kr", "cp949"):
        hangul = unicodedata.name(ch, "").startswith("HANGUL")
        return hangul and _encoded_lead(ch, "euc_kr") in HANGUL_ROWS
    return True


def _encoded_lead(ch: str, codec: str) -> int | None:
    try:
        return ch.encode(codec)[0]
    except UnicodeEncodeError:
        return None


def _odd(word: str, script: str) -> bool:
    """Whether ``word`` is shaped as no word of ``script`` is."""
    if script != "Latin" and any(ch.isascii() for ch in word):
        return True  # Genиve: a Latin word with one letter of another script
    if script in _CASED and _odd_case(word, script):
        return True
    lower = word.lower()
    if script in _VOWELS and len(lower) >= 3 and not any(ch in _VOWELS[script] for ch in lower):
        return True
    if script == "Latin":
        return _odd_latin(lower)
    if script == "Greek":
        return (
            "ς" in lower[:-1]
            or (len(lower) > 1 and lower.endswith("σ"))
            or sum(ch in _GREEK_ACCENTED for ch in lower) > 1
            or any(ch in "ΐΰ" for ch in lower)  # rare in Greek; Russian а read as cp1253
            or _run(lower, _VOWELS["Greek"] | {"ς"}, outside=True) >= 4  # Ολξβδθβ
        )
    if script == "Cyrillic":
        vowels = _VOWELS["Cyrillic"] - {"р"}
        return (
            lower[0] in _SIGNS
            or any(a in vowels and b in _SIGNS for a, b in zip(lower, lower[1:], strict=False))
            or _run(lower, vowels) >= 3  # ЮАИА: Hebrew read as KOI8-R
        )
    if script == "Hebrew":
        return any(ch in _HEBREW_FINALS for ch in word[:-1])
    if script == "Thai":
        return _odd_thai(word)
    if script == "Korean":  # Hanja: seldom in Korean data today, and all of Chinese read as EUC-KR
        return any(unicodedata.name(ch, "").startswith("CJK") for ch in word)
    return False


def _odd_case(word: str, script: str) -> bool:
    """Lowercase before uppercase where either is beyond ASCII (not McAllen); in Greek and
    Cyrillic also two capitals before lowercase (ЛЬсйуб: Greek read as cp1251)."""
    pairs = list(zip(word, word[1:], strict=False))
    if any(a.islower() and b.isupper() and not (a.isascii() and b.isascii()) for a, b in pairs):
        return True
    return script != "Latin" and word[:2].isupper() and not word.isupper()


def _odd_latin(lower: str) -> bool:
    """An ñ before no vowel (Polish ń read as cp1252), or ì or ù inside a word (Italian
    has them at its end; Czech ě and ů read as cp1252 are not)."""
    vowels = _VOWELS["Latin"]
    for a, b in zip(lower, lower[1:], strict=False):
        if (a == "ñ" and b not in vowels) or (a in "ìù" and b.isalpha()):
            return True
    return lower.endswith("ñ")


def _odd_thai(word: str) -> bool:
    """A leading vowel before no consonant, or a repetition or abbreviation mark inside a word."""
    for a, b in zip(word, word[1:] + " ", strict=False):
        if a in _THAI_LEADING and b not in _THAI_CONSONANTS:
            return True
    return any(ch in "ๆฯ" for ch in word[:-1])


def _run(word: str, chars: frozenset[str], outside: bool = False) -> int:
    """The longest run in ``word`` of letters in ``chars`` (of letters not in it, if
    ``outside``)."""
    longest = run = 0
    for ch in word:
        run = run + 1 if (ch in chars) != outside else 0
        longest = max(longest, run)
    return longest


def _long_runs(word: str) -> int:
    """The letters beyond ASCII in ``word`` that stand in runs of three or more."""
    total = run = 0
    for ch in word + "a":
        if ch.isascii():
            total += run if run >= 3 else 0
            run = 0
        elif ch.isalpha():
            run += 1
    return total


def _only_hangul_rows(letters: list[str], codec: str) -> bool:
    """Whether a reading in ``codec`` has only the lead bytes of EUC-KR's Hangul: Chinese
    or Japanese of eight characters or more seldom does, Korean read as them always."""
    if len(letters) < 8:
        return False
    return all(_encoded_lead(ch, codec) in HANGUL_ROWS for ch in letters)
