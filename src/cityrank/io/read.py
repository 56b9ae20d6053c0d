"""One source to ``Columns``: its bytes, then Arrow's reader for a large file, else the stdlib's.

``$CITYRANK_ENGINE`` chooses: ``auto`` (Arrow for files of ``MIN_BYTES`` and
up, when pyarrow is installed), ``python`` (never), ``arrow`` (whenever it
can read the file, whatever its size). Either reader gives the same columns.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable

from cityrank.errors import Problems, UsageError
from cityrank.io.csv_reader import Progress, read_csv
from cityrank.io.decode import check_encoding, decode
from cityrank.io.sources import edition_label, read_source
from cityrank.model import Columns, LoadOptions

ENGINE_ENV = "CITYRANK_ENGINE"
ENGINES = ("auto", "python", "arrow")
#: Below this size the stdlib's reader is done before pyarrow would be imported.
MIN_BYTES = 3_000_000
#: Arrow's string offsets are 32-bit: a larger file goes to the stdlib's reader.
MAX_BYTES = 2**31 - 1


def engine() -> str:
    """The engine ``$CITYRANK_ENGINE`` asks for (``auto`` when unset)."""
    value = os.environ.get(ENGINE_ENV, "").strip().lower() or "auto"
    if value not in ENGINES:
        raise UsageError(
            f"{ENGINE_ENV}={value}: not an engine — use auto, python or arrow",
            code="bad-option",
        )
    return value


def _address_limit() -> bool:
    """Whether the process may use only so much address space (``ulimit -v``).

    Arrow reserves far more address space than it uses (its allocator's arenas,
    a stack per thread): on a 54 MB file it ran out under limits where the
    stdlib's reader needs a quarter of them, and at some limits it aborts from
    C++ with no Python error to catch. So ``auto`` keeps to the stdlib's reader
    under any limit; ``CITYRANK_ENGINE=arrow`` still asks for Arrow.
    """
    try:
        import resource
    except ImportError:  # not on POSIX
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY


def arrow_wanted(size: int) -> bool:
    """Whether a file of ``size`` bytes goes to Arrow's reader first.

    Raises ``UsageError`` when ``CITYRANK_ENGINE=arrow`` and pyarrow is missing.
    """
    chosen = engine()
    if chosen == "python" or (chosen == "auto" and (size < MIN_BYTES or _address_limit())):
        return False
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        if chosen == "arrow":
            raise UsageError(
                f"{ENGINE_ENV}=arrow needs pyarrow — pip install 'cityrank[fast]'",
                code="bad-option",
            )
        return False
    return size <= MAX_BYTES


def read_columns(
    path: str,
    options: LoadOptions,
    problems: Problems,
    progress: Progress | None = None,
    reader: Callable[[str], None] | None = None,
) -> Columns:
    """The columns of one file (or ``-``, standard input), its edition from its name or label.

    What the file is — a workbook, Parquet, JSON or delimited text, compressed or
    not — is told by its first bytes; only a text's name ending (``.json``,
    ``.csv``) tells JSON from CSV before its first character does. ``reader`` is
    told which reader read them, for ``-v``.
    """
    if options.encoding is not None:
        check_encoding(options.encoding)  # before reading: a bad name is a usage error
    source = read_source(path, options.encoding)
    name, data = source.name, source.data
    edition = edition_label(path, options)
    tell = reader or (lambda _: None)
    if source.kind in ("zip", "ole"):
        from cityrank.io.spreadsheet import read_sheet

        tell("the spreadsheet reader (python-calamine)")
        return read_sheet(data, name, options, problems, edition)
    if options.sheet is not None:
        raise UsageError(
            f"--sheet {options.sheet}: {name} is not a workbook, and has no sheets — "
            "leave --sheet out for it",
            code="bad-option",
        )
    if source.kind == "parquet":
        from cityrank.io.parquet_reader import read_parquet

        tell("the Parquet reader (pyarrow)")
        return read_parquet(data, name, options, problems, edition)
    if _is_json(source.inner, data):
        from cityrank.io.json_reader import read_json

        tell("the JSON reader")
        return read_json(decode(data, name, options.encoding), name, options, problems, edition)
    if arrow_wanted(len(data)):
        from cityrank.io.arrow_reader import read_arrow

        columns = read_arrow(data, name, options, edition)
        if columns is not None:
            tell("Arrow's reader")
            return columns
        tell("Python's csv reader (Arrow's declined the file)")
    else:
        tell("Python's csv reader")
    text = decode(data, name, options.encoding)
    del data, source
    return read_csv(text, name, options, problems, edition, progress)


#: Name endings of JSON, and of delimited text, which is never read as JSON.
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
TEXT_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".psv", ".dat")


def _is_json(inner: str, data: bytes) -> bool:
    """Whether text named ``inner`` (``""`` on standard input) is JSON: by its name's
    ending, else by its first character after space (``[`` or ``{``)."""
    lower = inner.lower()
    if lower.endswith(JSON_SUFFIXES):
        return True
    if lower.endswith(TEXT_SUFFIXES):
        return False
    head = data[:512]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", "ignore")
    else:
        text = head.decode("latin-1")
    return text.lstrip("\ufeff \t\r\n\xef\xbb\xbf")[:1] in ("[", "{")
