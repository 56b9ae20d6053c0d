"""The files cityrank writes (``--output``, ``--svg``, ``--html``): never an input, never
anything but what a shell's ``>`` would write, and a regular file whole or not at all.

- A path that does not exist, or a regular file, is written aside and renamed
  into place (fsynced first), keeping the mode of the file it replaces.
- A symbolic link is followed: its target is written, and the link stays.
- A character device, a named pipe or a socket (``/dev/null``, ``/dev/stdout``,
  a FIFO) is written through, as ``>`` does, never replaced by a file.
- A read-only file, a directory or anything else is refused, with one line.
- Every input (data files, standard input's file, the ``--spec`` file) is
  recognised by device and inode, through links, and is never a target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from cityrank.errors import DataError, UsageError
from cityrank.io.sources import STDIN


def identity(path: str | Path) -> tuple[int, int] | None:
    """The device and inode of what ``path`` names (through links; ``-``: standard input,
    whatever it is), if it exists."""
    try:
        found = os.fstat(sys.stdin.fileno()) if str(path) == STDIN else os.stat(path)
    except (AttributeError, OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def check_targets(targets: Sequence[tuple[str, Path]], inputs: Sequence[str | Path]) -> None:
    """Refuse a target that is one of ``inputs`` (``-`` is standard input's file)."""
    read: set[tuple[int, int]] = set()
    for source in inputs:
        found = identity(source)
        if found is not None:
            read.add(found)
    for option, target in targets:
        if identity(target) in read:
            raise UsageError(
                f"{option} {target} is an input file — choose another name; "
                "cityrank never overwrites its input",
                code="output-is-input",
            )


@contextlib.contextmanager
def open_target(path: Path) -> Iterator[TextIO]:
    """A text stream (UTF-8, ``\\n``) that writes ``path`` as the module's docstring says."""
    try:
        found: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _refused(path, exc.strerror or str(exc)) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        mode = found.st_mode
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            with open(path, "w", encoding="utf-8", newline="") as through:
                yield through
            return
        what = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise _refused(path, f"it is {what}")
    if found is not None and (not found.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK)):
        raise _refused(path, "it is read-only — make it writable, or choose another name")
    with _replaced(Path(os.path.realpath(path)), found) as out:
        yield out


def _refused(path: Path, why: str) -> DataError:
    return DataError(f"cannot write {path}: {why}", code="bad-output")


@contextlib.contextmanager
def _replaced(target: Path, found: os.stat_result | None) -> Iterator[TextIO]:
    """``target`` written aside in its folder, fsynced, then renamed over it."""
    import tempfile

    folder = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _refused(
            target, f"{exc.strerror or exc} — check the folder exists and is writable"
        ) from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private (0600); give it the mode a new file
        # would have, or keep the mode of the file it replaces.
        if found is not None:
            mode = found.st_mode & 0o7777
        else:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(temp, mode)
        os.replace(temp, target)
        _sync_folder(folder)
    except BaseException:  # whatever stopped the writing, the partial file goes; then re-raised
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename durable: fsync the folder that holds the file (where the OS allows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
