"""What completion read from a file, kept for the next TAB while the file stays the same.

Reading a 10,000-row file for its city names takes longer than a shell
should wait, and a user presses TAB many times on the same file. So the
names (or editions) that completion found are kept, as one small JSON file
each, in ``$XDG_CACHE_HOME/cityrank`` (else ``~/.cache/cityrank``), at most
``KEEP`` of them, the oldest removed first. An entry holds for the same
files, unchanged (path, size, modification time, inode), read with the same
options by the same cityrank code; anything else is read afresh. Standard
input and other streams are never kept. A folder that cannot be written, or
an entry that cannot be read, only means the file is read again: nothing
here ever fails a completion.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

#: How many entries the folder keeps.
KEEP = 64
#: The entries read and not yet written, once ``write_later`` was called: the folder, the
#: entry's path and what it holds.
_LATER: list[tuple[str, str, object]] | None = None
#: The modules whose code makes what is kept: a new version of either is a new entry.
_MAKERS = ("cli/suggest.py", "core/lookup.py", "io/read.py", "io/rows.py")


def remembered(kind: str, paths: Sequence[str], options: str, read: Callable[[], T]) -> T:
    """What ``read()`` gives for ``kind`` of ``paths`` read with ``options`` (as text): kept
    from an earlier completion if nothing has changed since, else read now and kept."""
    signature = _signature(kind, paths, options)
    folder = _folder()
    if signature is None or folder is None:
        return read()
    import zlib

    # A short name; two signatures that share one only take turns (each entry holds its own).
    name = f"{zlib.crc32(signature.encode('utf-8')):08x}.json"
    entry = os.path.join(folder, name)
    try:
        with open(entry, encoding="utf-8") as handle:
            text = handle.read()
        import json  # (here: a first TAB, which finds no entry, does not need it)

        kept = json.loads(text)
        if isinstance(kept, dict) and kept.get("signature") == signature:
            value: T = kept["value"]
            os.utime(entry)  # kept the longest: the entries used last
            return value
    except (OSError, ValueError, KeyError):
        pass
    value = read()
    kept = {"signature": signature, "value": value}
    if _LATER is None:
        _keep(folder, entry, kept)
    else:
        _LATER.append((folder, entry, kept))
    return value


def write_later() -> None:
    """From now on, hold what is read for ``write_held``, rather than write it at once."""
    global _LATER
    _LATER = []


def write_held() -> None:
    """Write what ``write_later`` held. Where the system can fork, a child process writes it
    and this one goes on at once: a shell waits for the answer until the program has ended
    and closed its output, and writing an entry takes about a tenth of a first TAB. The
    child holds no stream of the shell's open, so the shell does not wait for it too."""
    global _LATER
    held, _LATER = _LATER or [], None
    if not held:
        return
    try:
        child = os.fork() if hasattr(os, "fork") else None
    except OSError:  # no process to spare
        child = None
    if child is None:  # no child: written here
        for folder, entry, kept in held:
            _keep(folder, entry, kept)
    elif child == 0:
        try:
            nothing = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(nothing, stream)
            for folder, entry, kept in held:
                _keep(folder, entry, kept)
        finally:
            os._exit(0)


def _signature(kind: str, paths: Sequence[str], options: str) -> str | None:
    """The files as they are now, the options and the code, as text; ``None`` if a path is
    not a regular file (a stream is read as it comes)."""
    files = []
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        for path in [*paths, *(os.path.join(here, maker) for maker in _MAKERS)]:
            found = os.stat(path)
            if not stat.S_ISREG(found.st_mode):
                return None
            real = os.path.realpath(path)
            files.append([real, found.st_size, found.st_mtime_ns, found.st_ino, found.st_dev])
    except (OSError, ValueError):
        return None
    return repr([kind, options, files])


def _folder() -> str | None:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not os.path.isabs(base):  # the specification says to ignore a relative path
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "cityrank")


def _keep(folder: str, entry: str, kept: object) -> None:
    """Write ``kept`` to ``entry`` whole or not at all, then drop the oldest beyond ``KEEP``."""
    import json
    import tempfile

    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                # dumps, not dump: dump writes piece by piece, several times slower
                out.write(json.dumps(kept, ensure_ascii=False, separators=(",", ":")))
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
        entries = [e for e in os.scandir(folder) if e.name.endswith(".json")]
        if len(entries) > KEEP:
            entries.sort(key=lambda e: e.stat().st_mtime_ns)
            for old in entries[: len(entries) - KEEP]:
                os.unlink(old.path)
    except (OSError, ValueError, TypeError):
        pass
