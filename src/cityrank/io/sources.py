"""Where scores come from: files, standard input, the bundled sample, ``$CITYRANK_DATA``."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from cityrank.errors import DataError, UsageError
from cityrank.io.binary import TextCheck
from cityrank.io.compressed import Decompressed, Prefixed, Readable, compression_of, inner_name
from cityrank.model import LoadOptions

if TYPE_CHECKING:
    from pathlib import Path

SAMPLE_NAME = "sample_data.csv"
SAMPLE_TITLE = "China Blockchain City Innovation Development Index"
SAMPLE_CITATION = (
    "2020 China Blockchain City Innovation Development Index, as reported by "
    "Finance China (announced at CIFTIS, September 2020)"
)
DATA_ENV = "CITYRANK_DATA"
STDIN = "-"
#: Read and checked before the rest: enough to tell an archive or binary data from text.
HEAD_BYTES = 1 << 16
#: Blocks of a pipe or device after the first, each checked as it comes.
BLOCK_BYTES = 1 << 20

_YEAR_IN_NAME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def sample_path() -> Path:
    """The bundled sample: inside the installed package, or at the root of a source checkout."""
    from pathlib import Path

    return Path(_sample())


def _sample() -> str:
    """``sample_path()`` as text. (This module does without ``pathlib`` where shell
    completion reads a file: importing it is a twentieth of a first TAB.)"""
    package = os.path.dirname(os.path.dirname(__file__))
    packaged = os.path.join(package, SAMPLE_NAME)
    if os.path.isfile(packaged):
        return packaged
    checkout = os.path.realpath(__file__)
    for _ in range(4):  # io/sources.py, io, cityrank, src
        checkout = os.path.dirname(checkout)
    return os.path.join(checkout, SAMPLE_NAME)


def is_sample(path: str) -> bool:
    return path != STDIN and os.path.realpath(path) == os.path.realpath(_sample())


def piped_stdin() -> bool:
    """Whether standard input is data piped in or redirected from a file, as ``cat f |`` or
    ``< f`` make it; a terminal, ``/dev/null`` or a closed standard input is not."""
    import stat

    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (AttributeError, OSError, ValueError):  # no stdin, or one without a descriptor
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def default_sources() -> list[str]:
    """The files used when none is given: ``$CITYRANK_DATA``, else the bundled sample."""
    env = os.environ.get(DATA_ENV, "").strip()
    if env:
        paths = [p for p in env.split(os.pathsep) if p.strip()]
        if not paths:
            raise UsageError(
                f"${DATA_ENV} is set to {env!r}, which names no file — give one path, or "
                f"several separated by {os.pathsep!r}, or unset it",
                code="bad-option",
            )
        return paths
    return [str(sample_path())]


def parse_label(text: str) -> tuple[str, str]:
    """``FILE=LABEL`` from ``--label`` as a pair."""
    path, sep, label = text.rpartition("=")
    if not sep or not path or not label.strip():
        raise UsageError(
            f'--label "{text}": write it as FILE=LABEL, e.g. --label scores.csv=2020',
            code="bad-option",
        )
    return path, undecoded(label.strip())


def edition_label(path: str, options: LoadOptions) -> str | None:
    """The edition a file without a year column holds: its ``--label``, else a year in its name."""
    labels = dict(options.labels)
    base = os.path.basename(path)
    if path in labels or base in labels:
        return labels.get(path, labels.get(base))
    if path == STDIN:
        return None
    found = _YEAR_IN_NAME.search(base)
    return found.group(0) if found else None


def display_name(path: str) -> str:
    """How a file is named in titles, messages and output: bytes of its name that are not
    text in the file system's encoding escaped, ``caf\\xe9.csv``."""
    if path == STDIN:
        return "<stdin>"
    if os.path.normpath(path) == os.path.normpath(_sample()):
        return SAMPLE_NAME
    return undecoded(path)


def undecoded(text: str) -> str:
    """``text`` from the command line or the file system, each byte Python could not decode
    (kept as a lone surrogate) written ``\\xe9``, so that it can be printed anywhere."""
    if text.isascii():
        return text
    return os.fsencode(text).decode(sys.getfilesystemencoding(), "backslashreplace")


class Source(NamedTuple):
    """One input's bytes, decompressed if they were compressed, and what they are."""

    name: str
    data: bytes
    #: ``text``; ``zip`` or ``ole``, an Office container (a workbook, or what else it
    #: holds); ``parquet``.
    kind: str
    #: Its name without the ending of a compression (``scores.json`` for ``scores.json.gz``).
    inner: str


#: How containers read by other readers than the text's start.
CONTAINERS = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"PAR1", "parquet"),
)


def read_source(path: str, encoding: str | None = None) -> Source:
    """The bytes of a file, or of standard input for ``-``, decompressed, and their kind.

    Text is read a block at a time and stops with a ``DataError`` at the first
    block that shows it is no text in ``encoding`` (see
    ``cityrank.io.binary.TextCheck``), so ``/dev/zero`` is not read to its end;
    compressed input (see ``cityrank.io.compressed``) is checked so as it is
    decompressed.
    """
    name = display_name(path)
    if path == STDIN:
        if sys.stdin is None:  # ``<&-``: there is no standard input at all
            raise UsageError(
                "standard input is closed, so '-' has nothing to read — pipe a file in "
                "(cityrank list - < scores.csv) or name the file",
                code="stdin-closed",
            )
        if sys.stdin.isatty():
            raise UsageError(
                "refusing to read scores from a terminal — pipe a file in "
                "(cityrank list - < scores.csv) or name the file",
                code="stdin-tty",
            )
        data, kind = _read_data(sys.stdin.buffer, name, encoding)
        return Source(name, data, kind, "")
    with _opened(path, name, "a CSV file") as stream:
        data, kind = _read_data(stream, name, encoding)
    return Source(name, data, kind, inner_name(os.path.basename(path)))


def _read_data(stream: BinaryIO, name: str, encoding: str | None) -> tuple[bytes, str]:
    """All of ``stream``, decompressed, and its kind (see ``Source.kind``)."""
    start = _regular_start(stream)
    head = stream.read(HEAD_BYTES)
    compression = compression_of(head)
    source: Readable = stream
    if compression is not None:
        if start is not None:
            stream.seek(start)
        else:
            source = Prefixed(head, stream)
        source = Decompressed(compression, source, name)
        head, start = source.read(HEAD_BYTES), None
    kind = next((kind for magic, kind in CONTAINERS if head.startswith(magic)), "text")
    if kind != "text":
        if start is not None:
            stream.seek(start)
            return stream.read(), kind
        return head + source.read(), kind
    check = TextCheck(name, encoding, "a CSV file", options=True)
    return _read_checked(source, check, head, start, stream), kind


def read_path(path: Path, name: str, kind: str, check: TextCheck | None = None) -> bytes:
    """The bytes of ``path``, or a ``DataError`` saying why it cannot be read.

    ``kind`` is what the file should be ("a TOML spec file"), for the messages
    about a directory given in its place or bytes that are no text; ``check``
    checks the bytes as they come (by default as UTF-8 text of a file
    ``--encoding`` does not apply to).
    """
    check = check or TextCheck(name, None, kind, options=False)
    with _opened(path, name, kind) as stream:
        start = _regular_start(stream)
        return _read_checked(stream, check, stream.read(HEAD_BYTES), start, stream)


@contextmanager
def _opened(path: str | Path, name: str, kind: str) -> Iterator[BinaryIO]:
    """``path`` open for reading; a ``DataError`` saying why when it cannot be opened or read."""
    try:
        with open(path, "rb") as stream:
            yield stream
    except FileNotFoundError:
        raise DataError("no such file — check the path", file=name, code="no-file") from None
    except IsADirectoryError:
        raise DataError(
            f"is a directory — name {kind} inside it", file=name, code="is-directory"
        ) from None
    except PermissionError:
        raise DataError(
            "permission denied — check the file's permissions", file=name, code="unreadable"
        ) from None
    except OSError as exc:
        raise DataError(
            f"cannot read: {exc.strerror or exc}", file=name, code="unreadable"
        ) from None


def _read_checked(
    source: Readable, check: TextCheck, head: bytes, start: int | None, stream: BinaryIO
) -> bytes:
    """``head`` and the rest of ``source``, fed to ``check`` a block at a time (a regular
    file, ``start`` not ``None``: its first block only, then the rest of ``stream`` at once,
    as ``decode`` checks the whole of it)."""
    check.feed(head)
    if start is not None:
        stream.seek(start)
        return stream.read()
    blocks = [head]
    while block := source.read(BLOCK_BYTES):
        check.feed(block)
        blocks.append(block)
    return b"".join(blocks)


def _regular_start(stream: BinaryIO) -> int | None:
    """Where ``stream`` stands, if it is a regular file (not a pipe, device or socket)."""
    import stat

    try:
        if stat.S_ISREG(os.fstat(stream.fileno()).st_mode) and stream.seekable():
            return stream.tell()
    except (OSError, ValueError):  # no descriptor: a test's in-memory stream
        pass
    return None
