"""Which engine ranks a file: the pure Python path, or pyarrow's (``cityrank.columnar``).

Kept apart from ``columnar`` so that deciding costs no import: small files,
the common case, never load that module or pyarrow.
"""

from __future__ import annotations

import os

from cityrank.errors import UsageError

#: How the engine is chosen: ``auto`` (pyarrow for large files when installed),
#: ``python`` (never), ``arrow`` (whenever the input allows, whatever its size).
ENGINE_ENV = "CITYRANK_ENGINE"
ENGINES = ("auto", "python", "arrow")
#: Below this size the pure path is done before pyarrow would be imported.
MIN_BYTES = 2_000_000
#: Arrow's string offsets are 32-bit: a larger file goes the pure way.
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


def wanted(path: str) -> bool:
    """Whether ``path`` should go to this engine: large enough, or the engine forced.

    Raises ``UsageError`` when ``CITYRANK_ENGINE=arrow`` and pyarrow is missing.
    """
    chosen = engine()
    if chosen == "python":
        return False
    try:
        size = os.path.getsize(path)
    except OSError:
        return False  # the pure path says why it cannot be read
    if chosen == "auto" and size < MIN_BYTES:
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
