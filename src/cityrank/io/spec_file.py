"""Reading a composite index's spec from a TOML file: bytes, UTF-8, TOML, then its shape."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from cityrank.core.composite.document import spec_from_document
from cityrank.core.composite.spec import Spec, check_indicators
from cityrank.errors import DataError
from cityrank.io.sources import read_path


def load_spec(path: Path) -> Spec:
    """Read an index spec from a TOML file.

    The file has an optional ``[index]`` table and the indicators, either as
    an array of tables or as one table per column (both may be used at once;
    the ``[[indicator]]`` entries come first)::

        [index]
        normalisation = "minmax"     # minmax (default) | zscore | rank | none
        aggregation = "arithmetic"   # arithmetic (default) | geometric
        missing = "error"            # error (default) | renormalise

        [[indicator]]
        column = "rd"
        weight = 0.4
        direction = "higher"         # higher (default) | lower

        [indicators]
        industry = 0.3               # just a weight
        cost = { weight = 0.2, direction = "lower" }

    The American spellings ``normalization`` and ``renormalize`` are accepted.

    Raises ``DataError`` with ``file`` (and ``line``/``column`` for a TOML
    syntax error) when the file cannot be read, is not TOML, or does not
    have this shape: an unknown key or value, a weight that is not a finite
    number or is negative, a repeated column, all weights zero, no indicators.
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
    spec = spec_from_document(document, name)
    check_indicators(spec, DataError, "", file=name)
    return spec
