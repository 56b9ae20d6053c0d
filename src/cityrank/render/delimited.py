"""CSV and TSV, written with the standard library's csv module: a header, then ``\\n`` lines."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from cityrank.core.vector import arrow
from cityrank.render.cells import cell_text, csv_cell
from cityrank.views.base import Cell, CodedRows, Report, Value, View
from cityrank.views.runs import RunRows

if TYPE_CHECKING:
    from cityrank.render import WriteOptions

# OWASP's list of characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write(report: Report, out: TextIO, options: WriteOptions) -> None:
    """The registry's writer: ``report``'s data as CSV, or as TSV when ``options.fmt`` is tsv."""
    delimiter = "\t" if options.fmt == "tsv" else ","
    write_delimited(report.data, out, delimiter, options.excel_safe)


def write_delimited(
    view: View, out: TextIO, delimiter: str = ",", excel_safe: bool = False
) -> None:
    """CSV (or TSV with ``delimiter="\\t"``): a header row, then one line per row, ``\\n`` ends.

    ``excel_safe`` prefixes text cells that a spreadsheet would run as a
    formula with ``'``, header cells included; numbers are never changed.
    """
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    header = [c.name for c in view.columns]
    if excel_safe:
        header = ["'" + name if name.startswith(_FORMULA_START) else name for name in header]
    writer.writerow(header)
    if isinstance(view.rows, CodedRows) and not excel_safe and _write_coded(view, out, delimiter):
        return
    if isinstance(view.rows, RunRows) and not excel_safe:
        from cityrank.render.runs import write_delimited_runs

        write_delimited_runs(view, out, delimiter)
        return
    text_columns = [i for i, c in enumerate(view.columns) if c.kind == "text"]
    # The csv module quotes a field holding "\n" but not one holding a lone
    # "\r" (it only looks for the line terminator); such rows are quoted whole.
    # (With --excel-safe the rows are read once: they may be made as they are read.)
    if not excel_safe and not any(
        isinstance(v, str) and "\r" in v
        for row in view.rows
        for v in (row[i] for i in text_columns)
    ):
        _write_fast(view, writer)
        return
    quoted = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in view.rows:
        cells = [
            "'" + v
            if excel_safe and isinstance(v, str) and v.startswith(_FORMULA_START)
            else cell_text(v)
            for v in row
        ]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)


def _write_coded(view: View, out: TextIO, delimiter: str) -> bool:
    """Rows that share their cells per code: each code's cells formatted once, then every
    line joined from them and the row's own cells. ``False`` (nothing written) for rows
    holding a carriage return, which the general path quotes whole."""
    rows = view.rows
    assert isinstance(rows, CodedRows)
    rows = _codes_used(rows)
    formatters = _formatters(view)
    fast = arrow(len(rows))
    if fast is not None:
        from cityrank.render.delimited_arrow import Plain, write_coded

        def quoted(column: Sequence[str]) -> Sequence[str]:
            return _quoter(column, delimiter)(column)

        plain = Plain(_number_cell, _text_cell, column_texts, quoted)
        if write_coded(*fast, rows, formatters, plain, out, delimiter):
            return True
    # Gathered once here (a views.listing.Picked looks each cell up when asked).
    texts = [
        column if isinstance(column, list) else list(column) for column in (rows.city, *rows.tail)
    ]
    if any("\r" in "".join(column) for column in texts):
        return False
    ordinal = rows.ordinal
    width = len(rows.before[0]) if rows.before else 0
    head = _code_cells(rows.before, formatters[:width], delimiter, 1 if ordinal else 0)
    after_width = len(rows.after[0]) if rows.after else 0
    tail = _code_cells(rows.after, formatters[width + 1 : width + 1 + after_width], delimiter)
    if head is None or tail is None:
        return False
    before = [text + delimiter for text in head]
    end = delimiter if rows.tail else "\n"
    after = [delimiter + text + end for text in tail]
    quote = [_quoter(column, delimiter) for column in texts]
    # Each line is its parts end to end: head, city, after, then tail cell and
    # separator pairs; they are laid into one list by slice and joined once.
    stride = 3 + 2 * len(rows.tail)
    for start in range(0, len(rows), _CHUNK):
        stop = min(len(rows), start + _CHUNK)
        codes = rows.codes[start:stop]
        heads = list(map(before.__getitem__, codes))
        if ordinal:  # each ranked row's own rank, an empty one for the unranked after them
            cut = max(0, min(stop, ordinal) - start)
            numbers = (f"{i + 1}{delimiter}" for i in range(start, start + cut))
            heads[:cut] = map(str.__add__, numbers, heads[:cut])
            heads[cut:] = map(str.__add__, itertools.repeat(delimiter), heads[cut:])
        count = stop - start
        parts: list[str] = [""] * (stride * count)
        parts[0::stride] = heads
        parts[1::stride] = quote[0](texts[0][start:stop])
        parts[2::stride] = map(after.__getitem__, codes)
        for n, (q, column) in enumerate(zip(quote[1:], texts[1:], strict=True)):
            parts[3 + 2 * n :: stride] = q(column[start:stop])
            last = n == len(rows.tail) - 1
            parts[4 + 2 * n :: stride] = ["\n" if last else delimiter] * count
        out.write("".join(parts))
    return True


def _codes_used(rows: CodedRows) -> CodedRows:
    """``rows`` with the cells of only the codes they use, numbered again, when they use
    few of them: a cut of a long ranking (``--top``) formats a few codes' cells, not a
    million. (A code's cells are formatted alike whichever others are formatted with it.)"""
    if 2 * len(rows) >= len(rows.before):
        return rows
    used = sorted(set(rows.codes)) or [0]  # (one code, for the widths of no rows)
    number = dict(zip(used, range(len(used)), strict=True))
    return CodedRows(
        list(map(number.__getitem__, rows.codes)),
        list(map(rows.before.__getitem__, used)),
        rows.city,
        list(map(rows.after.__getitem__, used)),
        rows.tail,
        rows.ordinal,
    )


def _code_cells(
    cells: Sequence[tuple[Value, ...]],
    formatters: Sequence[Callable[[Value | Cell], str]],
    delimiter: str,
    skip: int = 0,
) -> list[str] | None:
    """Each code's cells as one delimited text, formatted a column at a time (leaving out
    the first ``skip``); ``None`` when a text cell holds a carriage return."""
    # A views.listing.Zipped has its columns at hand: they are not made again from its tuples.
    fields = list(getattr(cells, "columns", None) or zip(*cells, strict=True))[skip:]
    texts = [column_texts(f, column) for f, column in zip(formatters[skip:], fields, strict=True)]
    for column in texts:
        if "\r" in "".join(column):
            return None
    texts = [list(_quoter(column, delimiter)(column)) for column in texts]
    if not texts:
        return [""] * len(cells)
    return list(map(delimiter.join, zip(*texts, strict=True)))


#: Rows joined into one write: bounds the text held at once.
_CHUNK = 65536


def _quoter(column: Sequence[str], delimiter: str) -> Callable[[Sequence[str]], Sequence[str]]:
    """How to write a column's cells: as they are, unless one of them needs quotes."""
    joined = "".join(column)
    if delimiter in joined or '"' in joined or "\n" in joined:
        return lambda cells: [csv_cell(c, delimiter) for c in cells]
    return lambda cells: cells


def _text_cell(value: Value | Cell) -> str:
    return "" if value is None else str(value)


def _number_cell(value: Value | Cell) -> str:
    kind = type(value)
    if kind is float:
        text = repr(value)
        # repr is the shortest round-tripping form: only "x.0" and exponents need work.
        if text[-2:] == ".0":
            return text[:-2] if value else "0"
        if "e" not in text:
            return text
    elif kind is int:
        return str(value)
    return cell_text(value)


def column_texts(
    formatter: Callable[[Value | Cell], str], column: Sequence[Value | Cell]
) -> list[str]:
    """``formatter`` of each value of ``column``, the same texts as ``map`` gives, faster.

    A column of few distinct values (percentiles, shares, ``true``/``false``)
    has each formatted once; values of one type that are equal format alike
    (``0.0`` and ``-0.0`` are both ``0``), while an ``int`` and an equal
    ``float`` may not, so a column mixing them is formatted value by value,
    as are floats written as text (``str`` writes ``-0.0``).
    """
    kinds = set(map(type, column))
    kinds.discard(type(None))
    alike = kinds <= _HASHED_ALIKE and not (formatter is _text_cell and float in kinds)
    if len(kinds) <= 1 and alike and _repeats(column):
        distinct = dict.fromkeys(column)
        if 2 * len(distinct) <= len(column):
            keys = list(distinct)
            texts = dict(zip(keys, _texts(formatter, keys, kinds), strict=True))
            return list(map(texts.__getitem__, column))
    return _texts(formatter, column, kinds)


def _repeats(column: Sequence[Value | Cell]) -> bool:
    """Whether ``column`` may repeat its values: not when a sample of 2,000 is nearly all
    distinct (scores and gaps of a file where nearly every score is distinct), whereas
    one of 10,000 distinct values (percentiles) repeats about one in ten."""
    sample = column[:: max(1, len(column) // 2000)]
    return len(set(sample)) < 0.99 * len(sample)


#: The types whose equal values give equal texts, so that a column of one of them may be
#: formatted once per distinct value.
_HASHED_ALIKE = frozenset({float, int, bool, str})


def _texts(
    formatter: Callable[[Value | Cell], str], column: Sequence[Value | Cell], kinds: set[type]
) -> list[str]:
    if formatter is not _number_cell or not kinds <= {float, int}:
        return list(map(formatter, column))
    # repr, in C, is what _number_cell writes for an int and for most floats; the rest
    # ("x.0", exponents, and None, whose repr has an "e") go through _number_cell.
    texts = list(map(repr, column))
    odd = _odd(texts)
    if odd is None:
        return [
            text if "e" not in text and text[-2:] != ".0" else _number_cell(value)
            for text, value in zip(texts, column, strict=True)
        ]
    for i in odd:
        texts[i] = _number_cell(column[i])
    return texts


def _odd(texts: list[str]) -> list[int] | None:
    """Where ``texts`` has an "e" or a text ending in ".0", found by searching all of them
    joined (in C); ``None`` when more than one in a thousand do."""
    joined = "\n".join(texts) + "\n"
    found: list[int] = []
    for mark in ("e", ".0\n"):
        at = joined.find(mark)
        while at >= 0:
            if len(found) > len(texts) // 1000:
                return None
            found.append(at)
            at = joined.find(mark, at + 1)
    odd: list[int] = []
    line = start = 0  # the line at offset ``start`` of ``joined``
    for at in sorted(found):
        line += joined.count("\n", start, at)
        start = at
        if not odd or odd[-1] != line:
            odd.append(line)
    return odd


def _formatters(view: View) -> list[Callable[[Value | Cell], str]]:
    """One formatter per column, chosen once by its kind."""
    return [
        _text_cell if c.kind == "text" else _number_cell if c.kind != "bool" else cell_text
        for c in view.columns
    ]


def _write_fast(view: View, writer: Any) -> None:
    """Rows written with one formatter per column, chosen once: the path for large outputs."""
    formatters = _formatters(view)
    if any(isinstance(v, Cell) for row in view.rows[:1] for v in row):
        formatters = [cell_text] * len(view.columns)
    pairs = list(enumerate(formatters))
    writer.writerows([f(row[i]) for i, f in pairs] for row in view.rows)
