"""Arrow's multi-threaded CSV reader: a large file's bytes to the ``Columns`` the stdlib's gives.

It only parses. It declines (returns ``None``) every file it cannot parse
exactly as the standard library's reader does — another encoding, NUL bytes,
a carriage return other than in CRLF line ends of an unquoted file, quoting
that Python's strict reader would refuse or read its own way, a row of
another width, a blank line or a line break inside a field (which would
shift the line numbers), a header that does not name the city and the score
— and the standard reader then reads the file and reports what is wrong.
Everything after reading is the one implementation both readers feed.

pyarrow is optional (``pip install 'cityrank[fast]'``) and imported first
here, for large files (see ``cityrank.io.read``); once it is, the core and the
CSV writer use it for long columns too (``cityrank.core.vector``).
"""

from __future__ import annotations

import array
import codecs
import csv
import struct
from typing import Any

from cityrank.errors import CityRankError, Problems
from cityrank.io.columns import NO_COLUMN, Roles, detect_by_name, header_names, settle
from cityrank.io.decimals import decimal_mode, with_decimal_points
from cityrank.io.dialect import excel_separator, sniff_delimiter
from cityrank.model import Coded, Columns, LoadOptions
from cityrank.model.arrow_column import ArrowColumn


def read_arrow(data: bytes, name: str, options: LoadOptions, edition: str | None) -> Columns | None:
    """The columns of a UTF-8 delimited file, or ``None`` when it is not sure to read it alike."""
    found = _layout(data, name, options)
    if found is None:
        return None
    header, roles, delimiter, rows, quoted = found
    wanted = [roles.city, roles.score, roles.year, roles.aliases, *roles.extra]
    keep = sorted({i for i in wanted if i is not None and i != NO_COLUMN})
    table = _read(rows, delimiter, len(header), keep, quoted)
    if table is None or table.num_rows == 0:
        return None
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    first = 1 if options.no_header else 2  # the line of the first row
    if lines != table.num_rows + first - 1:
        return None  # blank lines or line breaks in fields: the lines are not row + first
    del data, rows
    city = table.column(f"c{roles.city}").to_pylist()
    if not all(map(str.strip, city)):
        return None  # a blank city, maybe a row of blank cells, which the standard reader skips
    year = _coded(table, roles.year)
    if year is not None and not any(t.strip() for t in year.texts):
        return None  # an empty year column, which becomes one of the others
    aliases = roles.aliases
    columns = Columns(
        source=name,
        header_line=1,
        city_column=header[roles.city],
        score_column=header[roles.score] if roles.score != NO_COLUMN else "",
        year_column=header[roles.year] if roles.year is not None else None,
        extra_columns=tuple(header[i] for i in roles.extra),
        city=city,
        score=_coded(table, roles.score if roles.score != NO_COLUMN else None),
        year=year,
        aliases=table.column(f"c{aliases}").to_pylist() if aliases is not None else None,
        # The other columns stay in Arrow too: a command reads one city's cells, or ranks
        # a column's numbers in Arrow, and a list is made only if one is asked for.
        extra=tuple(ArrowColumn(table.column(f"c{i}").combine_chunks()) for i in roles.extra),
        lines=range(first, table.num_rows + first),
        positions=(roles.city, roles.score, roles.year),
        edition=edition,
    )
    del table
    _release()
    return with_decimal_points(columns, decimal_mode(options, delimiter), options.na)


def _release() -> None:
    """Give the memory of the table, all copied to Python by now, back to the system.

    Arrow's allocator keeps freed memory for its next arrays (some 95 MB after a
    54 MB file): the keys and checks that follow would add to it at the peak.
    """
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _layout(
    data: bytes, name: str, options: LoadOptions
) -> tuple[list[str], Roles, str, memoryview, bool] | None:
    """The header's columns and roles, the delimiter, the rows' bytes and whether any field
    is quoted; ``None`` for a file the standard reader must read."""
    if options.encoding and not _is_utf8(options.encoding):
        return None
    body = _clean_body(data)
    if body is None:
        return None
    start = len(data) - len(body)  # after a BOM
    end = data.find(b"\n", start)
    if end < 0:
        return None  # a header and no rows
    header_text = data[start:end].rstrip(b"\r").decode("utf-8")
    if header_text.splitlines() != [header_text] or excel_separator(header_text):
        return None  # a line break the delimiter sniffing would see
    delimiter = options.delimiter or sniff_delimiter(header_text)
    if not delimiter.isascii() or delimiter in "\r\n":
        return None  # Arrow takes a one-byte delimiter
    try:
        cells = next(csv.reader([header_text], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return None
    if not any(cell.strip() for cell in cells):
        return None  # a blank first line, which the standard reader skips
    rows = body if options.no_header else body[end + 1 - start :]
    quoted = b'"' in data
    if quoted and not _well_quoted(rows, delimiter):
        return None
    if bytes(rows[:3]) == codecs.BOM_UTF8:
        return None  # Arrow would drop it; Python keeps it in the first cell
    if options.no_header:
        cells = [str(i) for i in range(1, len(cells) + 1)]
    named = Problems(collect=True)
    columns = header_names(cells, name, 1, named)
    if named.errors:
        return None  # two columns of one name: the standard reader says so
    try:
        found = detect_by_name(columns, name, 1, options)
    except CityRankError:
        return None  # the standard reader raises it, in its place among the other problems
    if found.city is None or found.score is None:
        return None  # columns told by their values: the standard reader looks at them
    return columns, settle(columns, found, options, name), delimiter, rows, quoted


def _coded(table: Any, index: int | None) -> Coded | None:
    if index is None:
        return None
    encoded = table.column(f"c{index}").combine_chunks().dictionary_encode()
    # The codes as an array('q'): 8 bytes a row where a list holds a 28-byte int object.
    codes = encoded.indices.cast("int64")
    made = array.array("q")
    made.frombytes(
        memoryview(codes.buffers()[1])[codes.offset * 8 : (codes.offset + len(codes)) * 8]
    )
    # The distinct texts stay in Arrow (nearly a row each in a column of distinct scores):
    # the core reads the score texts there, and a list is made only if one is asked for.
    return Coded(made, ArrowColumn(encoded.dictionary))


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _clean_body(data: bytes) -> memoryview | None:
    """The file's UTF-8 text after any BOM, if it has nothing left to the standard reader.

    Left to it: other encodings, NUL bytes, and carriage returns other than
    in CRLF line ends of a file without quotes (a CR inside a quoted field
    changes how the row is written).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return None
    returns = data.count(b"\r")
    if returns and (returns != data.count(b"\r\n") or b'"' in data):
        return None
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = memoryview(data)[start:]
    return body if _utf8(body) else None


def _utf8(body: memoryview) -> bool:
    """Whether ``body`` is UTF-8 as Python's strict decoder has it (no surrogates, no
    overlong forms), checked by Arrow's validator: some 6x quicker than decoding it."""
    import pyarrow as pa

    text = _one_text(pa, body)
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _one_text(pa: Any, data: memoryview) -> Any:
    """``data`` as an Arrow string array of one item, without a copy."""
    offsets = pa.py_buffer(struct.pack("<2i", 0, len(data)))
    return pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(data)])


def _read(rows: memoryview, delimiter: str, width: int, keep: list[int], quoted: bool) -> Any:
    """The rows as string columns ``c0``, ``c1``, ... (only ``keep``); ``None`` if ragged."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(width)]
    kept = [names[i] for i in keep]
    try:
        return pcsv.read_csv(
            pa.py_buffer(rows),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(
                delimiter=delimiter,
                quote_char='"' if quoted else False,
                double_quote=True,
                escape_char=False,
                newlines_in_values=quoted,
                ignore_empty_lines=True,
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(kept, pa.string()),
                include_columns=kept,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None  # a ragged row: the standard reader names its line


def _well_quoted(rows: memoryview, delimiter: str) -> bool:
    """Whether every quoted field in ``rows`` is whole, as Python's strict csv reader wants.

    A field is either quoted from its first character to its last, with
    ``""`` for a quote inside, or holds no quote at all. One RE2 match over
    the whole text, in Arrow.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    d = f"\\x{ord(delimiter):02x}"
    field = f'(?:"(?:[^"]|"")*"|[^"{d}\\n]*)'
    row = f"{field}(?:{d}{field})*"
    text = _one_text(pa, rows)
    return bool(pc.match_substring_regex(text, f"^(?:{row}\\n)*{row}$")[0].as_py())
