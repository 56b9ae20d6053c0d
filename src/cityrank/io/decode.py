"""Bytes to text: byte-order marks, UTF-8, ``--encoding``, and advice when a decode fails."""

from __future__ import annotations

import codecs

from cityrank.errors import DataError, UsageError
from cityrank.io.binary import (
    line_of,
    nul_allowed,
    nul_byte_error,
    nul_char_error,
    refuse_signature,
    text_line_of,
)

#: Encodings to name when one given cannot be used.
EXAMPLES = "utf-8, utf-16, cp1252, latin-1 or gb18030"
#: Text codecs whose decoding can give invalid text (lone surrogates) or raise another
#: error than a decoding error, whatever the bytes: never a file's encoding.
_NOT_FOR_FILES = frozenset(
    {"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"}
)


def check_encoding(encoding: str) -> str:
    """``encoding`` if it names a text encoding that decodes bytes to valid text.

    Raises ``UsageError`` for an unknown name, a codec that is not a text
    encoding (``base64``), and one in ``_NOT_FOR_FILES`` (``utf-7``).
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(
            f'unknown encoding "{encoding}" — give a text encoding such as {EXAMPLES}',
            code="bad-option",
        ) from None
    if not info._is_text_encoding:
        raise UsageError(
            f'encoding "{encoding}" is not a text encoding — give one such as {EXAMPLES}',
            code="bad-option",
        )
    if info.name in _NOT_FOR_FILES:
        raise UsageError(
            f'encoding "{encoding}" is not for files (it decodes to invalid text, or fails '
            f"on ordinary bytes) — give one such as {EXAMPLES}",
            code="bad-option",
        )
    return encoding


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of a file: a BOM decides UTF-8 or UTF-16, else UTF-8 or ``encoding``.

    Raises ``DataError`` for bytes that are no text (see ``cityrank.io.binary``)
    or do not decode, and ``UsageError`` for an ``encoding`` ``check_encoding``
    refuses.
    """
    if encoding is not None:
        check_encoding(encoding)
    refuse_signature(data, name)
    if not nul_allowed(encoding, data):
        at = data.find(b"\x00")
        if at >= 0:
            raise nul_byte_error(name, line_of(data, at), data, "a CSV file", options=True)
    has_bom = True
    if data.startswith(codecs.BOM_UTF8):
        data, codec = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        has_bom = False
        codec = encoding or "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _decode_error(exc, data, name, codec, has_bom) from None
    at = text.find("\x00")
    if at >= 0:
        raise nul_char_error(name, text_line_of(text, at), "a CSV file")
    return text


def _decode_error(
    exc: UnicodeDecodeError, data: bytes, name: str, codec: str, has_bom: bool
) -> DataError:
    before = data[: exc.start].decode(codec, errors="replace")
    line = len((before + "x").splitlines())
    cut = exc.reason in ("truncated data", "unexpected end of data")
    if cut:
        problem = f"the file ends in the middle of a {codec} character (is it cut short?)"
    else:
        problem = f"byte 0x{data[exc.start : exc.start + 1].hex()} is not valid {codec}"
    if has_bom:
        advice = f"its byte-order mark says {codec}, so the file is damaged — export it again"
    elif codecs.lookup(codec).name != "utf-8" and _is_utf8(data):
        advice = "it reads as UTF-8: leave out --encoding"
    elif cut and codec == "utf-8" and not before.isascii():
        advice = f"the text before it is valid {codec}: check that the file was copied whole"
    else:
        advice = _advice(data, codec)
    return DataError(f"{problem} — {advice}", file=name, line=line, code="encoding")


def _is_utf8(data: bytes) -> bool:
    from cityrank.io.guess import decodes

    return decodes(data, "utf-8")


def _advice(data: bytes, codec: str) -> str:
    """What to give as ``--encoding``: an encoding that reads the failing lines as text of
    one script, several when the script is unsure, or none."""
    from cityrank.io.guess import readings

    found = readings(data, codec)
    if len(found) == 1:
        reading = found[0]
        return (
            f"it reads as {reading.script} text in {reading.codec}: try --encoding {reading.codec}"
        )
    if found:
        shown = found[:4]
        at = _first_difference([r.words for r in shown])
        options = " or ".join(f'{r.script} in {r.codec} ("{r.words[at]}")' for r in shown)
        return (
            f"unknown encoding: it reads as {options} — give the one that reads right "
            "with --encoding"
        )
    return "unknown encoding: give the file's encoding with --encoding NAME, or save it as UTF-8"


def _first_difference(words: list[tuple[str, ...]]) -> int:
    """The first place where the readings' words differ (each reading has one word or more)."""
    size = min(map(len, words))
    return next((i for i in range(size) if len({w[i] for w in words}) > 1), 0)
