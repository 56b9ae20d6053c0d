"""Bytes that cannot be text: an archive's, a compressor's or an Office file's signature, NUL.

``TextCheck`` is fed a file's bytes as they are read, so that ``/dev/zero`` or
a tar archive is refused after its first block instead of being read to the
end; ``decode`` runs the same checks on bytes it is handed whole. A data
file that is compressed, a workbook or Parquet never comes here (see
``cityrank.io.sources``): these messages are for what is inside a compressed
file, and for files that must be text (a TOML spec).
"""

from __future__ import annotations

import codecs
import re
import sys

from cityrank.errors import DataError

#: How files that are not text start (a pattern of bytes), and what to say about each.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        rb"PK\x03\x04",
        "looks like a spreadsheet or archive (zip), not {kind} — save the sheet "
        "as CSV, or unzip the archive",
    ),
    (
        rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "looks like an old Office file (.xls, .doc), not {kind} — save the sheet as CSV",
    ),
    (rb"\x1f\x8b", "is gzip-compressed: decompress it first (gunzip)"),
    (rb"BZh[1-9]1AY&SY", "is bzip2-compressed: decompress it first (bunzip2)"),
    (rb"\xfd7zXZ\x00", "is xz-compressed: decompress it first (unxz)"),
    (rb"\x28\xb5\x2f\xfd", "is zstd-compressed: decompress it first (unzstd)"),
    (rb"%PDF-", "is a PDF document, not {kind} — export the table as CSV"),
    (rb"(?s).{257}ustar", "is a tar archive, not {kind} — extract the file first (tar -xf)"),
)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def refuse_signature(head: bytes, name: str, kind: str = "a CSV file") -> None:
    """Raise ``DataError`` when ``head`` starts as an archive, a compressed or an Office file."""
    for signature, message in SIGNATURES:
        if re.match(signature, head):
            raise DataError(message.format(kind=kind), file=name, code="binary")


def nul_allowed(encoding: str | None, head: bytes) -> bool:
    """Whether a NUL byte can be part of a character: in UTF-16 or UTF-32 only."""
    if encoding is None:
        return head.startswith(_UTF16_BOMS)
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def line_of(data: bytes, end: int) -> int:
    """The line that byte ``end`` of ``data`` is on: LF line ends, else (old Mac) CR ones."""
    return (data.count(b"\n", 0, end) or data.count(b"\r", 0, end)) + 1


def text_line_of(text: str, end: int) -> int:
    """The line that character ``end`` of ``text`` is on, counted as ``line_of`` counts."""
    return (text.count("\n", 0, end) or text.count("\r", 0, end)) + 1


def nul_byte_error(name: str, line: int, head: bytes, kind: str, options: bool) -> DataError:
    """The error for a NUL byte on ``line``; UTF-16 is suggested only when ``head`` looks it."""
    order = looks_utf16(head) if options else None
    if order is not None:
        return DataError(
            f"has NUL bytes: it looks like UTF-16 ({order}-endian) without a byte-order mark — "
            f"give --encoding utf-16-{order[0]}e",
            file=name,
            line=line,
            code="binary",
        )
    return DataError(
        f"has a NUL byte, so it is binary data, not {kind} — check that it is the file "
        "you meant, or export the data as text",
        file=name,
        line=line,
        code="binary",
    )


def nul_char_error(name: str, line: int, kind: str) -> DataError:
    return DataError(
        f"has a NUL character, which {kind} never holds — check the file's encoding, "
        "or export the data again",
        file=name,
        line=line,
        code="binary",
    )


def looks_utf16(head: bytes) -> str | None:
    """``"little"`` or ``"big"`` when ``head`` has NUL bytes on one side of each pair only,
    as ASCII text in UTF-16 has; ``None`` for other NULs (``/dev/zero``, random bytes)."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.9 * pairs and even <= 0.1 * pairs:
        return "little"
    if even >= 0.9 * pairs and odd <= 0.1 * pairs:
        return "big"
    return None


def _incremental_codec(encoding: str | None, head: bytes) -> str:
    """The codec whose incremental decoder reads as ``bytes.decode(encoding)`` does: that
    one takes UTF-16 or UTF-32 without a BOM in the machine's byte order, this one raises."""
    codec = codecs.lookup(encoding or "utf-16").name
    boms = {
        "utf-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
        "utf-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE),
    }
    if codec in boms and not head.startswith(boms[codec]):
        return f"{codec}-{sys.byteorder[0]}e"
    return codec


class TextCheck:
    """A file's blocks as they are read, refused at the first that shows it is not text.

    The first block is checked for ``SIGNATURES``; every block for a NUL byte
    or, in UTF-16 or UTF-32, a NUL character. ``options`` says whether
    ``--encoding`` applies to the file (a data file, not a spec), so that a
    message may suggest it.
    """

    def __init__(self, name: str, encoding: str | None, kind: str, options: bool) -> None:
        self.name = name
        self.encoding = encoding
        self.kind = kind
        self.options = options
        self.head: bytes | None = None
        self.lf = self.cr = 0
        self.decoder: codecs.IncrementalDecoder | None = None

    def feed(self, block: bytes) -> None:
        if self.head is None:
            self.head = block
            refuse_signature(block, self.name, self.kind)
            if nul_allowed(self.encoding, block):
                codec = _incremental_codec(self.encoding, block)
                self.decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        if self.decoder is not None:
            self._feed_text(self.decoder.decode(block))
            return
        at = block.find(b"\x00")
        if at >= 0:
            line = (self.lf + block.count(b"\n", 0, at) or self.cr + block.count(b"\r", 0, at)) + 1
            raise nul_byte_error(self.name, line, self.head, self.kind, self.options)
        self.lf += block.count(b"\n")
        self.cr += block.count(b"\r")

    def _feed_text(self, text: str) -> None:
        at = text.find("\x00")
        if at >= 0:
            line = (self.lf + text.count("\n", 0, at) or self.cr + text.count("\r", 0, at)) + 1
            raise nul_char_error(self.name, line, self.kind)
        self.lf += text.count("\n")
        self.cr += text.count("\r")
