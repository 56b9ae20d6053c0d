"""One source to ``Columns``: its bytes, then Arrow's reader for a large file, else the stdlib's.

``$CITYRANK_ENGINE`` chooses: ``auto`` (Arrow for files of ``MIN_BYTES`` and
up, when pyarrow is installed), ``python`` (never), ``arrow`` (whenever it
can read the file, whatever its size). Either reader gives the same columns.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from cityrank.errors import Problems, UsageError
from cityrank.io.csv_reader import Progress, read_csv
from cityrank.io.decode import decode
from cityrank.io.sources import edition_label, read_bytes
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

    ``reader`` is told which reader read them, for ``-v``.
    """
    name, data = read_bytes(path)
    edition = edition_label(path, options)
    tell = reader or (lambda _: None)
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
    del data
    return read_csv(text, name, options, problems, edition, progress)
