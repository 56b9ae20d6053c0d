"""``delimited._write_coded`` for many rows in pyarrow.compute: the same bytes.

Each score code's cells are made one Arrow string per code (a float column by
Arrow's shortest-digits cast, checked against ``_number_cell``), and each line
is laid end to end from them and the row's own cells without a Python string
per row. Taken, as the core's Arrow paths are (``core.vector.arrow``), for
long outputs once pyarrow is loaded.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, NamedTuple, TextIO

from cityrank.core.vector import arrow_array, arrow_ints
from cityrank.model.arrow_column import ArrowColumn
from cityrank.render.cells import cell_text
from cityrank.views.base import Cell, CodedRows, Value

Formatter = Callable[[Value | Cell], str]


class Plain(NamedTuple):
    """How ``delimited`` writes a column the plain way."""

    number: Formatter  # its formatter of numbers
    text: Formatter  # its formatter of texts
    texts: Callable[[Formatter, Sequence[Value | Cell]], list[str]]  # a column formatted
    quote: Callable[[Sequence[str]], Sequence[str]]  # a column of texts quoted as needed


#: Rows laid into one Arrow string array and written at once.
_CHUNK = 65536


def write_coded(
    pa: Any,
    pc: Any,
    rows: CodedRows,
    formatters: Sequence[Formatter],
    plain: Plain,
    out: TextIO,
    delimiter: str,
) -> bool:
    """``rows`` written as ``_write_coded`` writes them; ``False``, with nothing written,
    where that one quotes a row whole (a carriage return) or a code has no cells.

    ``plain`` is how ``delimited`` formats and quotes a column of cells."""
    ordinal = rows.ordinal
    width, after_width = _width(rows.before), _width(rows.after)
    if width <= (1 if ordinal else 0) or not after_width:
        return False
    skip = 1 if ordinal else 0
    head = _code_cells(pa, pc, rows.before, formatters[:width], plain, delimiter, skip)
    after_formatters = formatters[width + 1 : width + 1 + after_width]
    tail = _code_cells(pa, pc, rows.after, after_formatters, plain, delimiter)
    if head is None or tail is None:
        return False
    before = pc.binary_join_element_wise(*head, "", delimiter)  # each code's cells, then ","
    end = delimiter if rows.tail else "\n"
    after = pc.binary_join_element_wise("", *tail, delimiter)  # "," then each code's cells
    after = pc.binary_join_element_wise(after, end, "")
    own = [_strings(pa, pc, column) for column in [rows.city, *rows.tail]]
    if any(
        _may_hold(column, "\r") and pc.any(pc.match_substring(column, "\r")).as_py()
        for column, _ in own
    ):
        return False
    city, *tails = ((_quoted(pa, pc, column, delimiter), at) for column, at in own)
    codes = arrow_ints(pa, rows.codes)
    for start in range(0, len(rows), _CHUNK):
        stop = min(len(rows), start + _CHUNK)
        code = codes[start:stop]
        heads = pc.take(before, code)
        if ordinal:  # each ranked row's own rank, an empty one for the unranked after them
            cut = max(start, min(stop, ordinal))
            numbers = pa.array(range(start + 1, cut + 1), pa.int64()).cast(pa.string())
            empty = pa.array([""] * (stop - cut), pa.string())
            heads = pc.binary_join_element_wise(
                pa.concat_arrays([numbers, empty]), heads, delimiter
            )
        parts = [heads, _rows(pc, city, start, stop), pc.take(after, code)]
        for n, column in enumerate(tails):
            parts += [_rows(pc, column, start, stop), "\n" if n == len(tails) - 1 else delimiter]
        out.write(_text(pc, pc.binary_join_element_wise(*parts, "")))
    return True


def _width(cells: Sequence[tuple[Value, ...]]) -> int:
    """How many cells each code has: a ``views.listing.Zipped`` counts its columns rather
    than make its first tuple (which would turn an ``ArrowColumn`` into a list)."""
    if not cells:
        return 0
    columns = getattr(cells, "columns", None)
    return len(columns) if columns is not None else len(cells[0])


def _text(pc: Any, lines: Any) -> str:
    """The strings of ``lines`` (a string array) end to end: its data buffer, read once."""
    _, offsets, data = lines.buffers()
    first = memoryview(offsets).cast("i")[lines.offset]
    size = pc.sum(pc.binary_length(lines)).as_py() or 0
    return str(memoryview(data)[first : first + size], "utf-8")


def _strings(pa: Any, pc: Any, column: Sequence[str]) -> tuple[Any, Any]:
    """``column`` as an Arrow string array, and ``None``; or, for a ``views.listing.Picked``
    that picks much of its source, the source (converted in file order, far quicker than
    in its order) and the order, taken a chunk at a time (``_rows``)."""
    source, order = getattr(column, "source", None), getattr(column, "order", None)
    if source is None or order is None or 4 * len(order) < len(source):
        whole = column if isinstance(column, ArrowColumn) else list(column)
        return arrow_array(pa, whole, pa.string()), None
    return arrow_array(pa, source, pa.string()), arrow_ints(pa, order)


def _rows(pc: Any, column: tuple[Any, Any], start: int, stop: int) -> Any:
    """The cells of rows ``start`` to ``stop`` of a column made by ``_strings``."""
    cells, order = column
    return cells[start:stop] if order is None else pc.take(cells, order[start:stop])


def _quoted(pa: Any, pc: Any, column: Any, delimiter: str) -> Any:
    """``csv_cell`` of each string of ``column``: quoted when it holds the delimiter, a
    quote or a line break, its quotes doubled."""
    if not _may_hold(column, delimiter, '"', "\n"):
        return column
    needs = pc.match_substring_regex(column, f'[\\x{ord(delimiter):02x}"\\n]')
    if not pc.any(needs).as_py():
        return column
    doubled = pc.replace_substring(column, '"', '""')
    return pc.if_else(needs, pc.binary_join_element_wise('"', doubled, '"', ""), column)


def _may_hold(column: Any, *texts: str) -> bool:
    """Whether a string of the Arrow string array ``column`` may hold one of ``texts``: its
    whole data buffer, searched at once, does (a sliced array's buffer holds more)."""
    buffers = getattr(column, "buffers", None)
    if buffers is None:  # a chunked array: looked at string by string
        return True
    data = buffers()[2]
    held = data.to_pybytes() if data is not None else b""
    return any(text.encode() in held for text in texts)


def _code_cells(
    pa: Any,
    pc: Any,
    cells: Sequence[tuple[Value, ...]],
    formatters: Sequence[Formatter],
    plain: Plain,
    delimiter: str,
    skip: int = 0,
) -> list[Any] | None:
    """Each column of the codes' cells (but the first ``skip``) as an Arrow string array,
    as the csv module writes its cells; ``None`` when one holds a carriage return."""
    fields = getattr(cells, "columns", None) or list(zip(*cells, strict=True))
    made: list[Any] = []
    for formatter, field in zip(formatters[skip:], fields[skip:], strict=True):
        column = _number_texts(pa, pc, field, plain.number) if formatter is plain.number else None
        if formatter is cell_text and _arrow_of(field, pa.bool_()) is not None:
            # Arrow writes a bool as "true" or "false", as cell_text does.
            column = pc.fill_null(pc.cast(_arrow_of(field, pa.bool_()), pa.string()), "")
        texts = _arrow_of(field, pa.string()) if formatter is plain.text else None
        if texts is not None:  # written as they are, quoted as needed
            if _may_hold(texts, "\r") and pc.any(pc.match_substring(texts, "\r")).as_py():
                return None
            column = pc.fill_null(_quoted(pa, pc, texts, delimiter), "")
        if column is None:
            cells_texts = plain.texts(formatter, field)
            if "\r" in "".join(cells_texts):
                return None
            column = pa.array(plain.quote(cells_texts), pa.string())
        made.append(column)
    return made


def _arrow_of(column: Sequence[Value | Cell], kind: Any) -> Any | None:
    """The array of an ``ArrowColumn`` of type ``kind``, else ``None``."""
    if isinstance(column, ArrowColumn) and column.arrow.type == kind:
        return column.arrow
    return None


def _number_texts(
    pa: Any, pc: Any, column: Sequence[Value | Cell], number: Formatter
) -> Any | None:
    """``_number_cell`` of each value of a column of floats (and ``None``), as Arrow
    strings (ints too: Arrow writes them as ``str``); ``None`` for a column of any other
    values, or a pyarrow that writes floats otherwise than the shortest digits ``repr`` has.

    Arrow's cast writes a float in the shortest digits that read back as it, as
    ``repr`` does, but with an exponent from other sizes on: those it writes with
    an exponent (and the infinities and NaN) are written by ``_number_cell`` itself."""
    values = _numbers(pa, column)
    if values is None:
        return None
    if pa.types.is_integer(values.type):
        return pc.fill_null(pc.cast(values, pa.string()), "")
    if not _casts_as_repr(pa, pc, number):
        return None
    # -0.0 + 0.0 is 0.0 and every other float plus 0.0 is itself: "-0" is written "0",
    # as _number_cell writes it.
    made = _float_texts(pa, pc, pc.add(values, 0.0))
    # Arrow writes a float as digits, "-" and "." unless it has an exponent ("e") or is
    # "inf" or "nan" (_casts_as_repr checks it): only a text with an "e" or an "n" is
    # written otherwise, found by a look through all the texts at once first.
    if _may_hold(made, "e", "n"):
        odd = pc.or_(pc.match_substring(made, "e"), pc.match_substring(made, "n"))
        odd = pc.fill_null(odd, False)
        redo = pc.indices_nonzero(odd)
        fixed = pa.array(list(map(number, values.take(redo).to_pylist())), pa.string())
        made = pc.replace_with_mask(made, odd, fixed)
    return pc.fill_null(made, "")


def _float_texts(pa: Any, pc: Any, values: Any) -> Any:
    """Arrow's cast of each float to a string; each distinct value cast once in a long
    column that repeats its values (percentiles, shares, the scores of a file of many
    ties), as a sample of 2,000 shows, which is about twice as quick."""
    sample = values[:: max(1, len(values) // 2000)]
    if len(values) < _CHUNK or len(pc.unique(sample)) >= 0.99 * len(sample):
        return pc.cast(values, pa.string())
    encoded = values.dictionary_encode()
    return pc.take(pc.cast(encoded.dictionary, pa.string()), encoded.indices)


def _numbers(pa: Any, column: Sequence[Value | Cell]) -> Any | None:
    """A column of ints (and ``None``) as an Arrow int64 array, one of floats (and ``None``)
    as a float64 one; ``None`` for any other column, or ints past 64 bits. An
    ``ArrowColumn`` of either type is taken as it is."""
    for kind in (pa.int64(), pa.float64()):
        if _arrow_of(column, kind) is not None:
            return _arrow_of(column, kind)
    kinds = set(map(type, column))
    if kinds <= {int, type(None)}:
        try:
            return pa.array(column, pa.int64())
        except OverflowError:  # past 64 bits
            return None
    if kinds <= {float, type(None)}:
        return pa.array(column, pa.float64())
    return None


#: Floats whose texts tell a pyarrow that writes them as ``repr`` does from one that does
#: not: a trailing ".0", ties of shortest digits, tiny and huge sizes, signs.
_PROBES = [100.0, -0.0, 0.1, 0.3, 2.675, 1 / 3, 2 / 3, 5e-324, 1e-05, 0.0001, 123456.7, 1e15,
           9007199254740993.0, 1.7976931348623157e308, -88.25, 91.2, 8.62, 0.1 + 0.2]  # fmt: skip


#: Floats that Arrow writes with an exponent, or as the infinities and NaN.
_ODD_PROBES = [1e16, 1e21, 1e22, 1e300, 1e-7, 1.5e-300, -2.5e-7, -1e100, math.inf, -math.inf,
               math.nan]  # fmt: skip


@cache
def _casts_as_repr(pa: Any, pc: Any, number: Formatter) -> bool:
    """Whether this pyarrow writes ``_PROBES`` as ``number`` does (but for exponents), and
    writes no float but with digits, "-" and "." unless its text has an "e" or an "n"."""
    probes = _PROBES + _ODD_PROBES
    made = pc.cast(pa.array(probes, pa.float64()), pa.string()).to_pylist()
    plain = set("0123456789.-")
    return all(
        ("e" in text or (text if text != "-0" else "0") == number(value))
        and (set(text) <= plain or "e" in text or "n" in text)
        for value, text in zip(probes, made, strict=True)
    )
