"""Reading a TOML file (a composite index's spec): its bytes, as UTF-8, as a TOML document."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from cityrank.errors import DataError
from cityrank.io.sources import read_path


def read_toml(path: Path) -> dict[str, object]:
    """The document a TOML file holds (a composite index's spec).

    Raises ``DataError`` with ``file`` (and ``line``/``column`` for a TOML
    syntax error) when the file cannot be read, is not UTF-8 or is not TOML.
    """
    name = str(path)
    data = read_path(path, name, "a TOML spec file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            "is not UTF-8 text — save the spec as UTF-8", file=name, line=line, code="spec-syntax"
        ) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        line_no = col_no = None
        if where:
            line_no, col_no = int(where.group(1)), int(where.group(2))
            message = message[: where.start()]
        raise DataError(
            f"not valid TOML: {message[:1].lower()}{message[1:]} — check the syntax there "
            '(text goes in quotes: column = "rd")',
            file=name,
            line=line_no,
            column=col_no,
            code="spec-syntax",
        ) from None
    return document
