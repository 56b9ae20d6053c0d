"""Bytes to text: byte-order marks, UTF-8, ``--encoding``, and a guess when a decode fails."""

from __future__ import annotations

import codecs

from cityrank.errors import DataError, UsageError


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of a file: a BOM decides UTF-8 or UTF-16, else UTF-8 or ``encoding``."""
    has_bom = True
    if data.startswith(codecs.BOM_UTF8):
        data, codec = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        has_bom = False
        codec = encoding or "utf-8"
        if encoding is None and b"\x00" in data:
            raise DataError(
                "looks like a binary file (it has NUL bytes), not CSV text — "
                "export it as CSV, or give --encoding utf-16-le (or -be) if it is UTF-16 "
                "without a BOM",
                file=name,
                code="binary",
            )
    try:
        text = data.decode(codec)
    except LookupError:
        raise UsageError(
            f'unknown encoding "{codec}" — try utf-8, gb18030, cp1252 or latin-1',
            code="bad-option",
        ) from None
    except UnicodeDecodeError as exc:
        raise _decode_error(exc, data, name, codec, has_bom) from None
    if "\x00" in text:
        raise DataError(
            "has NUL characters, which a CSV file never holds — export it as CSV again",
            file=name,
            code="binary",
        )
    return text


def _decode_error(
    exc: UnicodeDecodeError, data: bytes, name: str, codec: str, has_bom: bool
) -> DataError:
    before = data[: exc.start].decode(codec, errors="replace")
    line = len((before + "x").splitlines())
    if exc.reason == "truncated data":
        problem = f"the file ends in the middle of a {codec} character (is it cut short?)"
    else:
        problem = f"byte 0x{data[exc.start : exc.start + 1].hex()} is not valid {codec}"
    if has_bom:
        advice = f"its byte-order mark says {codec}, so the file is damaged — export it again"
    else:
        advice = (
            "give the file's encoding with --encoding "
            f"(for example --encoding {_guess_encoding(data)})"
        )
    return DataError(f"{problem} — {advice}", file=name, line=line, code="encoding")


def _guess_encoding(data: bytes) -> str:
    """gb18030 when bytes above 0x7f mostly come in pairs (Chinese), else cp1252 (Western)."""
    high = paired = 0
    run = 0
    for byte in data + b"\x00":
        if byte > 0x7F:
            run += 1
            continue
        if run:
            high += run
            paired += run if run % 2 == 0 else run - 1
        run = 0
    if high and paired / high > 0.8:
        try:
            data.decode("gb18030")
            return "gb18030"
        except UnicodeDecodeError:
            pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"
