"""The pyarrow engine: one large file's one edition, read and ranked column by column.

The pure path builds a Python object per row and formats every cell in
Python: about 30 s for ``list`` of a million rows. This engine reads the file
with pyarrow's multi-threaded CSV reader, keeps the columns as Arrow arrays,
and does in Python only what depends on the *distinct* score texts (a few
hundred in a typical file): their values, ranks, gaps and shares.

- ``list_report``: ``list`` as CSV or TSV. The figures' text is spread over
  the rows with ``take`` and the lines are joined by Arrow.
- ``edition_for``: ``compare``, ``show`` and ``history``. A ranking of just the
  cities named, with their true figures, and a ``views.Population`` that
  answers column-wise what the views ask about all the others (neighbours,
  z-score, ranks on the numeric columns).

It gives the same output as the pure path or nothing: these return ``None``
for any file they are not sure about (a quote, a lone CR, a blank score, a
duplicate, a look-alike name, several editions, ...), and the pure path then
reads the file and reports what is wrong with the right line. The tests
compare both paths byte for byte.

pyarrow is optional (``pip install 'cityrank[fast]'``) and imported only
here, only for files of at least ``engine.MIN_BYTES`` (or with
``CITYRANK_ENGINE=arrow``): its import costs about 0.25 s, more than it
saves on a small file.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import math
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from cityrank.core.lookup import ACCENTS, SKELETON, city_key, skeleton
from cityrank.core.ranking import rank_at
from cityrank.engine import engine
from cityrank.errors import CityRankError
from cityrank.io.loader import (
    LoadOptions,
    Problems,
    detect_by_name,
    display_name,
    edition_label,
    excel_separator,
    header_names,
    sample_path,
    sniff_delimiter,
)
from cityrank.model import NOT_MEASURES, Entry, Rank, RankedEntry, Ranking, Table, TieMethod
from cityrank.numbers import parse_number, percent
from cityrank.render.text import cell_text
from cityrank.views import (
    CITY,
    LIST_FIGURES,
    RANK,
    SCORE,
    TIED,
    YEAR,
    Around,
    Column,
    Population,
    Report,
    StreamedRows,
    Value,
    View,
    extra_names,
)

if TYPE_CHECKING:
    import pyarrow as pa

_READ_BLOCK = 1 << 24

# What str.split() and str.strip() take as white space, less "\n", which
# separates the names while they are keyed together; and the ones other than " ".
_SPACES = re.compile(r"[^\S\n]+")
_SPACE_CHARS = frozenset(
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(map(chr, range(0x2000, 0x200B)))
)
_ASCII_SPACES = "".join(c for c in _SPACE_CHARS if c.isascii())
# Characters that ``skeleton`` changes: without any, no name has a look-alike.
_LOOKALIKE_CHARS = frozenset(map(chr, SKELETON))


def list_report(
    path: str,
    options: LoadOptions,
    ties: TieMethod,
    lower_is_better: bool,
    year: str | None,
    top: int | None,
) -> Report | None:
    """``list_view`` of the one file ``path``, for CSV/TSV output; ``None`` when unsure.

    ``options.keep_extra`` adds the file's other columns (``--all-columns``).
    """
    edition = _load(path, options, ties, lower_is_better, year, ordered=False)
    if edition is None or (edition.label is not None and "\r" in edition.label):
        return None  # a CR in a --label: the pure path quotes such rows whole
    columns = [RANK, TIED, CITY, SCORE]
    if edition.label is not None:
        columns.append(YEAR)
    columns.extend(LIST_FIGURES)
    names = extra_names(edition.extra_columns, columns)
    columns.extend(Column(name, name) for name in names)
    rows = _Rows(edition.figures, edition.city, edition.label, edition.extras, top)
    return Report(View(tuple(columns), rows))


def edition_for(
    path: str,
    options: LoadOptions,
    ties: TieMethod,
    lower_is_better: bool,
    year: str | None,
    names: Sequence[str],
) -> tuple[Ranking, Population] | None:
    """The ranking of ``path`` reduced to the cities ``names`` name, and a ``Population``
    that answers for all of its cities; ``None`` when unsure.

    For ``compare``, ``show`` and ``history``: each name must be a city's name
    as the lookup key sees it (a prefix, an alias or a typo goes the pure way,
    which says what it matches). The ranking then holds only those cities,
    with their true ranks, gaps and percentiles.
    """
    edition = _load(path, options, ties, lower_is_better, year, ordered=True)
    if edition is None or edition.keys is None or not edition.plain_lines:
        return None
    rows = []
    for name in names:
        try:
            rows.append(edition.keys.index(city_key(name)))
        except ValueError:
            return None
    population = _Population(edition, ties)
    rows = sorted(dict.fromkeys(rows))  # file order; a city named twice is one entry
    ranked = sorted(map(population.ranked_at, rows), key=population.position)
    entries = [r.entry for r in map(population.ranked_at, rows)]
    table = Table(
        entries=tuple(entries),
        source=edition.name,
        city_column=edition.city_column,
        score_column=edition.score_column,
        year_column=edition.year_column,
        extra_columns=tuple(edition.extra_columns),
    )
    ranking = Ranking(tuple(ranked), (), ties, lower_is_better, edition.label, table)
    population.ranking = ranking
    return ranking, population


def editions(path: str, options: LoadOptions) -> tuple[str, ...] | None:
    """The editions of ``path`` (one, or none without a year), if this engine takes the file.

    This engine takes only single-edition files; ``movers`` asks, to say
    that it needs two without ranking a million rows first.
    """
    edition = _load(path, options, "competition", False, None, ordered=False)
    if edition is None:
        return None
    return (edition.label,) if edition.label is not None else ()


@dataclass(frozen=True)
class _Edition:
    """One file's one edition, read column-wise, its names checked and its rows ranked."""

    name: str  # as messages name the file
    city_column: str
    score_column: str
    year_column: str | None
    extra_columns: list[str]
    label: str | None  # the edition, if the rows have one
    city: pa.Array
    extras: list[pa.Array]
    figures: _Figures
    keys: list[str] | None  # the names' keys in file order, when asked for
    plain_lines: bool  # one physical line per row: row i is on line i + 2


def _load(
    path: str,
    options: LoadOptions,
    ties: TieMethod,
    lower_is_better: bool,
    year: str | None,
    ordered: bool,
) -> _Edition | None:
    try:
        return _read_edition(path, options, ties, lower_is_better, year, ordered)
    except CityRankError:
        return None  # the pure path raises it again, after the checks that come first
    except Exception:
        # A bug here must not cost a user the answer: "auto" falls back to the
        # pure path. CITYRANK_ENGINE=arrow (the tests) lets it surface.
        if engine() == "arrow":
            raise
        return None


def _read_edition(
    path: str,
    options: LoadOptions,
    ties: TieMethod,
    lower_is_better: bool,
    year: str | None,
    ordered: bool,
) -> _Edition | None:
    if options.no_score or options.encoding and not _is_utf8(options.encoding):
        return None
    if Path(path).resolve() == sample_path().resolve():
        return None  # the sample's title and citation come with the pure path
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    body = _clean_body(data)
    if body is None:
        return None
    start = len(data) - len(body)  # after a BOM
    end = data.find(b"\n", start)
    if end < 0:
        return None  # a header and no rows
    header_text = data[start:end].rstrip(b"\r").decode("utf-8")
    # Physical lines: with one per row, row i is on line i + 2 (see _Edition).
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if header_text.splitlines() != [header_text] or excel_separator(header_text):
        return None  # a line break the pure path's delimiter sniffing would see
    delimiter = options.delimiter or sniff_delimiter(header_text)
    if not delimiter.isascii() or delimiter in "\r\n":
        return None  # Arrow takes a one-byte delimiter
    quoted = b'"' in data
    if quoted:
        try:
            cells = next(csv.reader([header_text], delimiter=delimiter, strict=True), [])
        except csv.Error:
            return None  # a quoted header cut by a line break, or a stray quote in it
        if not _well_quoted(body[end + 1 - start :], delimiter):
            return None  # the pure path's strict quoting rules say where
    else:
        cells = header_text.split(delimiter)
    if not any(cell.strip() for cell in cells):
        return None  # a blank first line, which the pure path skips
    columns = header_names(cells, path, 1, Problems())
    city_i, score_i, year_i, alias_i = detect_by_name(columns, path, 1, options)
    if city_i is None or score_i is None or alias_i is not None:
        return None
    if city_i == score_i or year_i in (city_i, score_i):
        return None  # one column in two roles: the pure path says so, or reads it its way
    extra_i = (
        [i for i in range(len(columns)) if i not in (city_i, score_i, year_i)]
        if options.keep_extra
        else []
    )
    rows = body[end + 1 - start :]
    if bytes(rows[:3]) == codecs.BOM_UTF8:
        return None  # Arrow would drop it; Python keeps it in the first cell
    wanted = [city_i, score_i, year_i, *extra_i]
    table = _read(rows, delimiter, len(columns), wanted, quoted)
    del data, body, rows
    if table is None or table.num_rows == 0:
        return None
    one, label = _edition(table, year_i, edition_label(path, options))
    if not one or (year is not None and (label is None or year.strip() != label)):
        return None  # several editions, a blank year, or --year naming another one
    city = table.column(f"c{city_i}").combine_chunks()
    keys = _distinct_names(city, ordered)
    if keys is None:
        return None
    texts = table.column(f"c{score_i}").combine_chunks().dictionary_encode()
    figures = _figures(texts, ties, lower_is_better)
    if figures is None:
        return None
    return _Edition(
        name=display_name(path),
        city_column=columns[city_i],
        score_column=columns[score_i],
        year_column=columns[year_i] if year_i is not None else None,
        extra_columns=[columns[i] for i in extra_i],
        label=label,
        city=city,
        extras=[table.column(f"c{i}").combine_chunks() for i in extra_i],
        figures=figures,
        keys=keys if ordered else None,
        plain_lines=lines == table.num_rows + 1,
    )


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _clean_body(data: bytes) -> memoryview | None:
    """The file's UTF-8 text after any BOM, if it has nothing this engine leaves to the pure path.

    Left to it: other encodings, NUL bytes, and carriage returns other than
    in CRLF line ends of a file without quotes (a CR inside a quoted field
    changes how the pure path writes the row).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in data:
        return None
    returns = data.count(b"\r")
    if returns and (returns != data.count(b"\r\n") or b'"' in data):
        return None
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    body = memoryview(data)[start:]
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for at in range(0, len(body), _READ_BLOCK):
            decoder.decode(body[at : at + _READ_BLOCK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return body


def _read(
    rows: memoryview, delimiter: str, width: int, wanted: list[int | None], quoted: bool
) -> Any:
    """The rows as string columns ``c0``, ``c1``, ... (only ``wanted``).

    ``quoted``: the text has quoted fields, already checked by ``_well_quoted``.
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(width)]
    keep = [names[i] for i in wanted if i is not None]
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
                column_types=dict.fromkeys(keep, pa.string()),
                include_columns=keep,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException:
        return None  # a ragged row: the pure path names its line


def _well_quoted(rows: memoryview, delimiter: str) -> bool:
    """Whether every quoted field in ``rows`` is whole, as Python's strict csv reader wants.

    A field is either quoted from its first character to its last, with
    ``""`` for a quote inside, or holds no quote at all. Anything else (text
    after a closing quote, an unclosed quote, a quote inside an unquoted
    field) is left to the pure path, which reports the error or reads it its
    own way. One RE2 match over the whole text, in Arrow.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    d = f"\\x{ord(delimiter):02x}"
    field = f'(?:"(?:[^"]|"")*"|[^"{d}\\n]*)'
    row = f"{field}(?:{d}{field})*"
    text = pa.Array.from_buffers(
        pa.string(), 1, [None, pa.py_buffer(struct.pack("<2i", 0, len(rows))), pa.py_buffer(rows)]
    )
    return bool(pc.match_substring_regex(text, f"^(?:{row}\\n)*{row}$")[0].as_py())


def _edition(table: Any, year_i: int | None, edition: str | None) -> tuple[bool, str | None]:
    """Whether the rows hold one edition, and its label (``None``: no edition)."""
    if year_i is None:
        return True, edition
    import pyarrow.compute as pc

    labels: set[str] = {cell.strip() for cell in pc.unique(table.column(f"c{year_i}")).to_pylist()}
    if len(labels) != 1 or "" in labels:
        return False, None
    return True, labels.pop()


def _distinct_names(city: pa.Array, ordered: bool) -> list[str] | None:
    """The names' keys if every name is filled in and no two share a key or look alike.

    The keys are in file order when ``ordered``, else ASCII names' first.

    The keys are ``lookup.city_key``'s, made for many names at once: the
    names joined by ``\\n`` and normalised as one text, ASCII names apart
    (they only need ``lower``). That is exact: ``\\n`` is a starter that
    composes with nothing, so normalisation never crosses it, and the other
    steps work character by character.
    """
    import pyarrow.compute as pc

    plain = pc.string_is_ascii(city)
    ascii_keys = _keys(pc.filter(city, plain), True)
    other_keys = _keys(pc.filter(city, pc.invert(plain)), False)
    if ascii_keys is None or other_keys is None:
        return None
    distinct = set(ascii_keys[0])
    distinct.update(other_keys[0])
    if len(distinct) != len(city) or "" in distinct:
        return None  # a duplicate, or a blank name: the pure path reports it
    if other_keys[1]:
        # Only a non-ASCII key can have a look-alike (lookup.skeleton).
        shapes: set[str] = set()
        for key in other_keys[0]:
            shape = skeleton(key)
            if shape != key and (shape in distinct or shape in shapes):
                return None  # a look-alike pair: the pure path warns about it
            shapes.add(shape)
    if not ordered:
        return ascii_keys[0] + other_keys[0]
    firsts, others = iter(ascii_keys[0]), iter(other_keys[0])
    return [next(firsts) if is_ascii else next(others) for is_ascii in plain.to_pylist()]


def _keys(names: pa.Array, plain: bool) -> tuple[list[str], bool] | None:
    """The keys of ``names`` (all ASCII when ``plain``), and whether any may have a look-alike.

    ``None`` when a name holds a line break.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(names):
        return [], False
    joined = pc.binary_join_element_wise(names, pa.scalar(""), "\n")
    text = str(_buffer_bytes(joined), "utf-8")
    del joined
    if plain:
        text = text.lower()
        odd_spaces = any(c in text for c in _ASCII_SPACES)
        lookalikes = False
    else:
        text = ACCENTS.sub("", unicodedata.normalize("NFKD", text))
        text = unicodedata.normalize("NFC", text).casefold()
        chars = set(text)
        odd_spaces = not chars.isdisjoint(_SPACE_CHARS)
        lookalikes = not chars.isdisjoint(_LOOKALIKE_CHARS)
    for dash in "-_\u2010\u2011":
        if dash in text:
            text = text.replace(dash, " ")
    # " ".join(key.split()) for every key: runs of white space made one space,
    # none at either end.
    if odd_spaces:
        text = _SPACES.sub(" ", text)
    while "  " in text:
        text = text.replace("  ", " ")
    text = text.replace(" \n", "\n").replace("\n ", "\n").removeprefix(" ")
    keys = text.split("\n")
    keys.pop()  # after the last "\n"
    if len(keys) != len(names):
        return None
    return keys, lookalikes


def _buffer_bytes(array: pa.Array) -> memoryview:
    """The bytes of a string array's values, end to end."""
    import pyarrow as pa

    _, offsets, data = array.buffers()
    if data is None:
        return memoryview(b"")
    ends = memoryview(offsets).cast("q" if array.type == pa.large_string() else "i")
    return memoryview(data)[ends[array.offset] : ends[array.offset + len(array)]]


@dataclass(frozen=True)
class _Figures:
    """The ranking of the rows, with every figure as text per distinct score text.

    ``cells[t]`` holds the cells of score text ``t``: rank, tied, score,
    gap to leader, gap to above, percentile, share of leader (the rank is
    empty with ordinal ties, where it is the position).
    """

    order: pa.Array  # row numbers, best first
    index: pa.Array  # the score text (its number) of each row
    by_position: pa.Array  # the score text at each position
    values: list[float]  # per score text
    places: list[int]  # per score text: its decimals
    counts: list[int]  # per score text: its rows
    groups: list[int]  # per score text: its group of equal scores
    starts: list[int]  # per group: its first position
    stops: list[int]  # per group: the position after its last
    # per score text, as in RankedEntry (the rank is None with ordinal ties)
    figures: list[tuple[Rank | None, bool, float, float, float | None, float, float | None]]
    cells: list[tuple[str, ...]]  # the figures as text
    ordinal: bool

    def cut(self, top: int | None) -> int:
        """How many positions ``--top`` keeps: every row tied with the last one stays."""
        n = len(self.order)
        if top is None or top >= n:
            return n
        if top <= 0:
            return 0
        return self.stops[self.groups[int(self.by_position[top - 1].as_py())]]


def _figures(texts: pa.DictionaryArray, ties: TieMethod, lower_is_better: bool) -> _Figures | None:
    """Rank the rows as ``ranking.rank_entries`` does, from their score texts.

    Every figure of a row is a function of its score text (its value and
    decimals), except the ordinal rank, and the gap to the row above, whose
    decimals come from the last row of the group above. So Python works on
    the distinct texts and groups; Arrow sorts and spreads the results.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    values: list[float] = []
    places: list[int] = []
    for text in texts.dictionary.to_pylist():
        if not text.strip():
            return None  # unranked rows: the pure path warns about them
        try:
            value, decimals = parse_number(text)
        except ValueError:
            return None  # the pure path says which line and why
        values.append(value)
        places.append(decimals)
    index = texts.indices
    # Groups of equal value (-0.0 is 0.0, as in Python), best first.
    distinct = sorted(set(values), reverse=not lower_is_better)
    group_of = {v: g for g, v in enumerate(distinct)}
    groups = [group_of[v] for v in values]
    # A stable sort on the small integers of the groups: Arrow counts them.
    order = pc.array_sort_indices(pc.take(pa.array(groups, pa.int32()), index))
    by_position = pc.take(index, order)  # the score text at each ranked position
    sizes = [0] * len(distinct)
    counts = [0] * len(values)
    for count in pc.value_counts(index).to_pylist():
        counts[count["values"]] = count["counts"]
        sizes[groups[count["values"]]] += count["counts"]
    starts, stops = [], []
    n = 0
    for size in sizes:
        starts.append(n)
        n += size
        stops.append(n)
    # The last row of each group, whose decimals set the next group's gap to above.
    lasts = pc.take(by_position, pa.array([s - 1 for s in stops], pa.int64())).to_pylist()
    first = by_position[0].as_py()
    top, top_d = values[first], places[first]
    cells: list[tuple[str, ...]] = []
    rows = []
    for text, value in enumerate(values):
        g = groups[text]
        start, stop, d = starts[g], stops[g], places[text]
        gap_above: float | None = None
        if g:
            above = lasts[g - 1]
            above_d = places[above]
            gap_above = abs(round(values[above] - value, above_d if above_d > d else d))
        figures = (
            None if ties == "ordinal" else rank_at(ties, start, stop, start, g + 1),
            stop - start > 1,
            value,
            abs(round(top - value, top_d if top_d > d else d)),
            gap_above,
            round(100 * (n - stop) / (n - 1), 2) if n > 1 else 100.0,
            percent(value, top) if top > 0 else None,
        )
        rows.append(figures)
        cells.append(tuple(map(cell_text, figures)))
    return _Figures(
        order=order,
        index=index,
        by_position=by_position,
        values=values,
        places=places,
        counts=counts,
        groups=groups,
        starts=starts,
        stops=stops,
        figures=rows,
        cells=cells,
        ordinal=ties == "ordinal",
    )


class _Rows(StreamedRows):
    """``list``'s rows, kept as Arrow columns and written as delimited text by Arrow.

    The columns: rank, tied, city, score, [year], gap to leader, gap to
    above, percentile, share of leader, [the file's other columns].
    """

    def __init__(
        self,
        figures: _Figures,
        city: pa.Array,
        year: str | None,
        extras: list[pa.Array],
        top: int | None,
    ) -> None:
        import pyarrow.compute as pc

        stop = figures.cut(top)
        order = figures.order.slice(0, stop)
        self._figures = figures
        self._texts = figures.by_position.slice(0, stop)
        self._city = pc.take(city, order)
        self._year = year
        self._extras = [pc.take(extra, order) for extra in extras]

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> tuple[Value, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Value, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[Value, ...] | Sequence[tuple[Value, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        rank, tied, score, *gaps = self._figures.cells[self._texts[index].as_py()]
        if self._figures.ordinal:
            rank = str(index + 1)
        row: tuple[Value, ...] = (
            _number(rank),
            tied == "true",
            self._city[index].as_py(),
            _number(score),
        )
        if self._year is not None:
            row += (self._year,)
        row += tuple(map(_number, gaps))
        return row + tuple(extra[index].as_py() for extra in self._extras)

    def write_delimited(self, out: BinaryIO, delimiter: str) -> None:
        """The rows as lines, quoted exactly where Python's csv module would.

        No CR reaches here (see ``_clean_body``), so no row is quoted whole.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        if not len(self):
            return
        year = () if self._year is None else (_quoted(self._year, delimiter),)
        # Per score text, the cells before the city and after it, joined once.
        end = "" if self._extras else "\n"
        before, after = [], []
        for rank, tied, score, *gaps in self._figures.cells:
            before.append(f"{rank}{delimiter}{tied}")
            after.append(delimiter.join((score, *year, *gaps)) + end)
        columns = [
            pc.take(pa.array(before, pa.string()), self._texts),
            _quote_column(self._city, delimiter),
            pc.take(pa.array(after, pa.string()), self._texts),
            *(_quote_column(extra, delimiter) for extra in self._extras),
        ]
        if self._figures.ordinal:
            positions = pc.cast(pa.array(range(1, len(self) + 1), pa.int64()), pa.string())
            columns[0] = pc.binary_join_element_wise(positions, columns[0], "")
        if self._extras:
            columns[-1] = pc.binary_join_element_wise(columns[-1], pa.scalar(""), "\n")
        lines = pc.binary_join_element_wise(*columns, delimiter)
        del columns
        out.write(_buffer_bytes(lines))


def _number(text: str) -> Value:
    """A number cell's text back as the value a view holds."""
    if not text:
        return None
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


def _quoted(text: str, delimiter: str) -> str:
    """``text`` as Python's csv writer writes a cell (``QUOTE_MINIMAL``, ``\\n`` line ends)."""
    if delimiter in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _quote_column(column: pa.Array, delimiter: str) -> pa.Array:
    """``_quoted`` for every cell of ``column``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    needs = pc.match_substring_regex(column, f'[\\x{ord(delimiter):02x}"\\n]')
    if not pc.any(needs).as_py():
        return column
    doubled = pc.replace_substring(column, '"', '""')
    quoted = pc.binary_join_element_wise(pa.scalar('"'), doubled, pa.scalar('"'), "")
    return pc.if_else(needs, quoted, column)


class _Population(Population):
    """``views.Population`` answered column-wise, for a ranking of a few of an edition's rows."""

    def __init__(self, edition: _Edition, ties: TieMethod) -> None:
        # self.ranking (the reduced one) is set once its entries are made here.
        self.edition = edition
        self.ties = ties
        self._positions: dict[int, int] = {}  # row → position
        self._ranked: dict[int, RankedEntry] = {}  # row → its ranked entry, made once
        self._rows: dict[int, int] = {}  # id(entry) → row
        self._numeric: dict[str, pa.Array] | None = None

    def _position(self, row: int) -> int:
        import pyarrow.compute as pc

        if row not in self._positions:
            self._positions[row] = pc.index(self.edition.figures.order, row).as_py()
        return self._positions[row]

    def position(self, ranked: RankedEntry) -> int:
        return self._position(self._rows[id(ranked.entry)])

    def ranked_at(self, row: int) -> RankedEntry:
        """Row ``row`` of the file as the pure path's ranked entry (the same object each time)."""
        if row in self._ranked:
            return self._ranked[row]
        edition, figures = self.edition, self.edition.figures
        assert edition.keys is not None
        text = int(figures.index[row].as_py())
        rank, tied, value, gap_leader, gap_above, percentile, share = figures.figures[text]
        if figures.ordinal:
            rank = self._position(row) + 1
        entry = Entry(
            city=edition.city[row].as_py(),
            key=edition.keys[row],
            score=value,
            decimals=figures.places[text],
            year=edition.label,
            line=row + 2,  # after the header; _Edition.plain_lines: no blank lines
            file=edition.name,
            extra=tuple(extra[row].as_py() for extra in edition.extras),
        )
        assert rank is not None
        ranked = RankedEntry(entry, rank, tied, gap_leader, gap_above, percentile, share)
        self._ranked[row] = ranked
        self._rows[id(entry)] = row
        return ranked

    def _at(self, position: int) -> RankedEntry:
        return self.ranked_at(self.edition.figures.order[position].as_py())

    def around(self, entry: Entry) -> Around:
        import pyarrow.compute as pc

        figures = self.edition.figures
        row = self._rows[id(entry)]
        n = len(figures.order)
        position = self._position(row)
        group = figures.groups[int(figures.index[row].as_py())]
        start, stop = figures.starts[group], figures.stops[group]
        above = self._at(start - 1).entry if start else None
        below = self._at(stop).entry if stop < n else None
        tied = figures.order.slice(start, stop - start)
        tied_with = pc.take(self.edition.city, tied).to_pylist()
        del tied_with[position - start]
        hood = [self._at(p) for p in range(max(0, position - 2), min(n, position + 3))]
        return Around(self.ranked_at(row), above, below, tied_with, hood, n)

    def z_score(self, entry: Entry) -> float | None:
        # As ranking.z_score: fsum is exact, so the sums are the same over repeats.
        figures = self.edition.figures
        n = len(figures.order)
        if entry.score is None or n < 2:
            return None
        pairs = [(v, c) for v, c in zip(figures.values, figures.counts, strict=True) if c]
        mean = math.fsum(itertools.chain.from_iterable(itertools.repeat(v, c) for v, c in pairs))
        mean /= n
        squares = ((v - mean) ** 2 for v, _ in pairs)
        counts = (c for _, c in pairs)
        spread = math.fsum(itertools.chain.from_iterable(map(itertools.repeat, squares, counts)))
        sd = math.sqrt(spread / n)
        return round((entry.score - mean) / sd, 2) if sd else 0.0

    def columns(
        self, entries: Sequence[Entry]
    ) -> tuple[dict[str, list[float | None]], dict[str, list[Rank | None]]]:
        import pyarrow.compute as pc

        values: dict[str, list[float | None]] = {}
        ranks: dict[str, list[Rank | None]] = {}
        order = self.edition.figures.order
        for name, column in self._numeric_columns().items():
            values[name], ranks[name] = [], []
            ranked_order: pa.Array | None = None
            for entry in entries:
                row = self._rows[id(entry)]
                x = column[row].as_py()
                values[name].append(x)
                if x is None:
                    ranks[name].append(None)
                    continue
                # The group of x's value spans positions start..stop in the column's order.
                ahead = pc.greater(column, x)
                start = pc.sum(ahead).as_py() or 0
                stop = start + (pc.sum(pc.equal(column, x)).as_py() or 0)
                position = dense = 0
                if self.ties == "dense":
                    dense = len(set(pc.unique(pc.filter(column, ahead)).to_pylist())) + 1
                elif self.ties == "ordinal":
                    # Equal values keep the ranking's order (views.Population.columns).
                    if ranked_order is None:
                        ranked_order = pc.take(column, order)
                    before = ranked_order.slice(0, self._position(row))
                    position = start + (pc.sum(pc.equal(before, x)).as_py() or 0)
                ranks[name].append(rank_at(self.ties, start, stop, position, dense))
        return values, ranks

    def _numeric_columns(self) -> dict[str, pa.Array]:
        """As ``ranking.numeric_columns``: the extra columns whose every cell is a number."""
        if self._numeric is None:
            self._numeric = {}
            for name, column in zip(self.edition.extra_columns, self.edition.extras, strict=True):
                if "_".join(name.casefold().split()) in NOT_MEASURES:
                    continue
                numbers = _numbers(column)
                if numbers is not None and numbers.null_count < len(numbers):
                    self._numeric[name] = numbers
        return self._numeric


def _numbers(column: pa.Array) -> pa.Array | None:
    """A column's cells as numbers (null for a blank cell), or ``None`` if one is not a number.

    Plain decimals are cast by Arrow (correctly rounded, as ``float``); any
    other text goes through ``numbers.parse_number``, once per distinct text.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    plain = pc.match_substring_regex(column, r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$")
    values = pc.cast(pc.if_else(plain, column, pa.scalar(None, pa.string())), pa.float64())
    odd = pc.unique(pc.filter(column, pc.invert(plain)))
    if not len(odd):
        return values
    parsed: list[float | None] = []
    for text in odd.to_pylist():
        if not text.strip():
            parsed.append(None)
            continue
        try:
            parsed.append(parse_number(text)[0])
        except ValueError:
            return None
    where = pc.index_in(column, value_set=odd)
    return pc.coalesce(values, pc.take(pa.array(parsed, pa.float64()), where))
