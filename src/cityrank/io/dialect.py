"""The dialect of a delimited text: its delimiter, sniffed, named, or from Excel's ``sep=`` line."""

from __future__ import annotations

from collections.abc import Iterator

from cityrank.errors import UsageError

DELIMITERS = (",", "\t", ";", "|")
_DELIMITER_NAMES = {"comma": ",", "tab": "\t", "\\t": "\t", "semicolon": ";", "pipe": "|"}


def parse_delimiter(value: str) -> str:
    """The delimiter a ``--delimiter`` value names (``,``, ``tab``, ``\\t``, ``;``, ``|``)."""
    delimiter = _DELIMITER_NAMES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise UsageError(
            f'invalid delimiter "{value}" — give one character, such as "," ";" "|" or "tab"',
            code="bad-option",
        )
    return delimiter


def sniff_delimiter(text: str) -> str:
    """The delimiter among comma, tab, semicolon and pipe that the header line uses most."""
    header = next((ln for ln in _lines(text) if ln.strip()), "")
    counts = {d: _count_unquoted(header, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def excel_separator(text: str) -> str | None:
    """The delimiter an Excel ``sep=;`` first line names, if the file starts with one."""
    first = text[:8].splitlines()[0] if text else ""
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4]
    return None


def _count_unquoted(line: str, delimiter: str) -> int:
    if '"' not in line:
        return line.count(delimiter)
    return sum(part.count(delimiter) for part in line.split('"')[::2])


def _lines(text: str, size: int = 1 << 16) -> Iterator[str]:
    """The lines of ``text`` (as ``splitlines``), split a block at a time: a header is near
    the start, and splitting a whole large file would cost its size again in memory."""
    start = 0
    while start < len(text):
        block = text[start : start + size]
        lines = block.splitlines(keepends=True)
        if start + size < len(text):
            if len(lines) <= 1:  # a line longer than the block: take a larger one
                size *= 2
                continue
            lines.pop()  # may be cut short: it starts the next block
        for line in lines:
            yield line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        start += sum(map(len, lines))
