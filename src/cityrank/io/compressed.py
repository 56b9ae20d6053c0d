"""Compressed input: gzip, bzip2 and xz by the standard library, zstd by ``zstandard`` if it is
installed; each recognised by its first bytes, whatever the file's name, and decompressed as
it is read, so that what is inside is checked block by block like any other input."""

from __future__ import annotations

import re
from typing import BinaryIO, Protocol, cast

from cityrank.errors import DataError

#: How each compression's data starts, and the tool that undoes it (for messages).
MAGIC: tuple[tuple[str, bytes, str], ...] = (
    ("gzip", rb"\x1f\x8b\x08", "gunzip"),
    ("bzip2", rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)", "bunzip2"),
    ("xz", rb"\xfd7zXZ\x00", "unxz"),
    ("zstd", rb"\x28\xb5\x2f\xfd", "unzstd"),
)
#: File name endings of compressed files, dropped to find what is inside (``.csv.gz``).
SUFFIXES = (".gz", ".gzip", ".bz2", ".xz", ".zst", ".zstd")
#: Compressed bytes handed to the zstd decompressor at a time (it has no output limit).
_ZSTD_CHUNK = 1 << 16


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def compression_of(head: bytes) -> str | None:
    """The compression whose signature ``head`` starts with, if any."""
    for name, magic, _ in MAGIC:
        if re.match(magic, head):
            return name
    return None


def inner_name(name: str) -> str:
    """``name`` without the ending of its compression: ``scores.csv`` for ``scores.csv.gz``."""
    lower = name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


class Prefixed:
    """``head`` again, then the rest of ``stream``: a pipe's first block put back."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self.head = head
        self.stream = stream

    def read(self, size: int = -1, /) -> bytes:
        if not self.head:
            return self.stream.read(size)
        if size < 0:
            head, self.head = self.head, b""
            return head + self.stream.read()
        head, self.head = self.head[:size], self.head[size:]
        return head


class Decompressed:
    """The decompressed bytes of ``stream``, read as they are asked for.

    ``read`` raises one ``DataError`` for data that ends before its end marker
    (a download cut short) or does not decompress (a damaged file).
    """

    def __init__(self, compression: str, stream: Readable, name: str) -> None:
        self.compression = compression
        self.name = name
        self.tool = next(tool for c, _, tool in MAGIC if c == compression)
        self.errors: tuple[type[BaseException], ...] = (OSError, EOFError)
        self.reader = self._open(stream)

    def _open(self, readable: Readable) -> Readable:
        # The standard library's readers call only ``read``; their stubs ask for a file.
        stream = cast(BinaryIO, readable)
        if self.compression == "gzip":
            import gzip
            import zlib

            self.errors += (zlib.error,)
            return gzip.GzipFile(fileobj=stream, mode="rb")
        if self.compression == "bzip2":
            import bz2

            return bz2.BZ2File(stream)
        if self.compression == "xz":
            import lzma

            self.errors += (lzma.LZMAError,)
            return lzma.LZMAFile(stream)
        return _Zstd(stream, self)

    def read(self, size: int = -1, /) -> bytes:
        try:
            return self.reader.read(size)
        except EOFError:
            raise self.cut_short() from None
        except self.errors as exc:
            raise self.damaged(exc) from None

    def cut_short(self) -> DataError:
        return DataError(
            f"the {self.compression} data ends before its end: the file is cut short — "
            "download or copy it again",
            file=self.name,
            code="truncated",
        )

    def damaged(self, exc: BaseException) -> DataError:
        return DataError(
            f"is not valid {self.compression} data ({exc}): the file is damaged — "
            "download or copy it again",
            file=self.name,
            code="bad-archive",
        )


class _Zstd:
    """zstd frames one after another, by ``zstandard``'s decompressor objects, which (unlike
    its stream reader) tell a frame cut short."""

    def __init__(self, stream: Readable, owner: Decompressed) -> None:
        try:
            import zstandard
        except ImportError:
            raise DataError(
                "is zstd-compressed, and reading it needs the zstandard package — "
                "pip install zstandard, or decompress it first (unzstd)",
                file=owner.name,
                code="no-zstandard",
            ) from None
        self.module = zstandard
        owner.errors += (zstandard.ZstdError,)
        self.stream = stream
        self.frame = zstandard.ZstdDecompressor().decompressobj()
        self.started = False  # whether the frame has had any input
        self.done = False
        self.buffer = bytearray()

    def read(self, size: int = -1, /) -> bytes:
        while not self.done and (size < 0 or len(self.buffer) < size):
            self._more()
        if size < 0:
            size = len(self.buffer)
        block = bytes(self.buffer[:size])
        del self.buffer[:size]
        return block

    def _more(self) -> None:
        data = self.stream.read(_ZSTD_CHUNK)
        if not data:
            if self.started and not self.frame.eof:
                raise EOFError
            self.done = True
            return
        while data:
            if self.frame.eof:  # the next frame
                self.frame = self.module.ZstdDecompressor().decompressobj()
            self.started = True
            self.buffer += self.frame.decompress(data)
            data = self.frame.unused_data if self.frame.eof else b""
