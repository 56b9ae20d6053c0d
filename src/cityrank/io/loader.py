"""Bytes to ``Table``: encoding, delimiter, columns, numbers; FILE:LINE:COLUMN in every error."""

from __future__ import annotations

import codecs
import csv
import gc
import io
import itertools
import math
import operator
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from cityrank.core.lookup import city_key, skeleton, split_aliases
from cityrank.errors import CityRankError, DataError, UsageError, quoted_list
from cityrank.model import NOT_MEASURES, Entry, Table
from cityrank.numbers import LIMIT, decimals_of, parse_number

SAMPLE_NAME = "sample_data.csv"
SAMPLE_TITLE = "China Blockchain City Innovation Development Index"
SAMPLE_CITATION = (
    "2020 China Blockchain City Innovation Development Index, as reported by "
    "Finance China (announced at CIFTIS, September 2020)"
)
DATA_ENV = "CITYRANK_DATA"
STDIN = "-"

DELIMITERS = (",", "\t", ";", "|")

#: Rows turned into entries together (see ``_Builder._flush``): bounds the rows held.
BATCH = 65536
# In a batch of ASCII score cells: anything that makes "digits after the point"
# the wrong count of decimals (a tab after 85.3 is not a decimal place).
_NOT_PLAIN = re.compile(r"[\seE]")

#: The score "column" of a table read with ``no_score``.
NO_COLUMN = -1

#: ``progress(rows_done, rows_total)``, called now and then while a file is read.
Progress = Callable[[int, int], None]
_DELIMITER_NAMES = {"comma": ",", "tab": "\t", "\\t": "\t", "semicolon": ";", "pipe": "|"}

# Header names, most telling first: a column named in an earlier tier wins;
# two columns in the same tier are ambiguous.
CITY_HEADERS = (
    frozenset({"city", "city_name", "cityname", "城市", "城市名称", "城市名"}),
    frozenset({"name", "municipality", "town", "place", "location", "名称", "地区"}),
)
SCORE_HEADERS = (
    frozenset({"score", "total_score", "overall_score", "得分", "总分", "综合得分", "总得分"}),
    frozenset({"total", "points", "index", "value", "rating", "分数", "指数", "分值"}),
)
YEAR_HEADERS = (frozenset({"year", "edition", "period", "年份", "年度", "年"}),)
ALIAS_HEADERS = (frozenset({"aliases", "alias", "别名"}),)


class LoadOptions(NamedTuple):
    """How to read files: forced columns, delimiter, encoding, and strictness.

    ``strict`` turns an empty score (normally an unranked row and a warning)
    into an error. ``labels`` pairs a file (as named on the command line, or
    its base name) with the edition it holds, for files without a year column.
    ``keep_extra`` false drops the file's other columns (less memory when a
    command does not show them). ``no_score`` reads no score column at all
    (every row unranked, every other column kept): for a composite index,
    whose score is computed from indicator columns.
    """

    city_col: str | None = None
    score_col: str | None = None
    year_col: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    strict: bool = False
    labels: tuple[tuple[str, str], ...] = ()
    keep_extra: bool = True
    no_score: bool = False


@dataclass
class Problems:
    """Where the loader puts what it finds wrong: raise at once, or collect (``validate``)."""

    collect: bool = False
    errors: list[CityRankError] = field(default_factory=list)
    warnings: list[CityRankError] = field(default_factory=list)

    def error(self, problem: CityRankError) -> None:
        if not self.collect:
            raise problem
        self.errors.append(problem)

    def warn(self, problem: CityRankError) -> None:
        self.warnings.append(problem)


def sample_path() -> Path:
    """The bundled sample: inside the installed package, or at the root of a source checkout."""
    packaged = Path(__file__).parents[1] / SAMPLE_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / SAMPLE_NAME


def default_sources() -> list[str]:
    """The files used when none is given: ``$CITYRANK_DATA``, else the bundled sample."""
    env = os.environ.get(DATA_ENV, "").strip()
    if env:
        return [p for p in env.split(os.pathsep) if p]
    return [str(sample_path())]


def parse_delimiter(value: str) -> str:
    """The delimiter a ``--delimiter`` value names (``,``, ``tab``, ``\\t``, ``;``, ``|``)."""
    delimiter = _DELIMITER_NAMES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise UsageError(
            f'invalid delimiter "{value}" — give one character, such as "," ";" "|" or "tab"',
            code="bad-option",
        )
    return delimiter


def parse_label(text: str) -> tuple[str, str]:
    """``FILE=LABEL`` from ``--label`` as a pair."""
    path, sep, label = text.rpartition("=")
    if not sep or not path or not label.strip():
        raise UsageError(
            f'--label "{text}": write it as FILE=LABEL, e.g. --label scores.csv=2020',
            code="bad-option",
        )
    return path, label.strip()


def load(
    sources: Sequence[str | Path] | str | Path | None = None,
    options: LoadOptions | None = None,
    *,
    problems: Problems | None = None,
    progress: Progress | None = None,
) -> Table:
    """Read one or more score files into one ``Table``.

    No source: ``$CITYRANK_DATA``, else the bundled sample. ``"-"`` reads
    standard input. Several files are read together; a city may appear once
    per year across all of them. Raises ``CityRankError`` on the first
    problem, unless ``problems`` collects them. ``progress(done, total)`` is
    called as rows are read, for a progress bar.
    """
    options = options or LoadOptions()
    problems = problems or Problems()
    if sources is None:
        paths: list[str] = default_sources()
    elif isinstance(sources, str | Path):
        paths = [str(sources)]
    else:
        paths = [str(s) for s in sources] or default_sources()
    collecting = gc.isenabled()
    gc.disable()  # rows make no reference cycles; scanning them would only cost time
    try:
        tables = [read_table(path, options, problems, progress) for path in paths]
        return _merge(tables, problems)
    finally:
        if collecting:
            gc.enable()


_YEAR_IN_NAME = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def edition_label(path: str, options: LoadOptions) -> str | None:
    """The edition a file without a year column holds: its ``--label``, else a year in its name."""
    labels = dict(options.labels)
    base = Path(path).name
    if path in labels or base in labels:
        return labels.get(path, labels.get(base))
    if path == STDIN:
        return None
    found = _YEAR_IN_NAME.search(base)
    return found.group(0) if found else None


def read_table(
    path: str, options: LoadOptions, problems: Problems, progress: Progress | None = None
) -> Table:
    """One file (or ``-``) read and parsed, its edition taken from its name or label."""
    name, data = read_bytes(path)
    table = parse_bytes(data, name, options, problems, edition_label(path, options), progress)
    if path != STDIN and Path(path).resolve() == sample_path().resolve():
        table = replace(table, title=SAMPLE_TITLE, citation=SAMPLE_CITATION)
    return table


def check(
    sources: Sequence[str | Path] | None, options: LoadOptions | None = None
) -> tuple[Problems, int]:
    """Every problem in ``sources``, collected instead of raised, and the rows that loaded.

    A file that cannot be read at all (missing, binary, no score column)
    gives one problem and the next file is checked.
    """
    options = options or LoadOptions()
    problems = Problems(collect=True)
    paths = [str(s) for s in sources] if sources else default_sources()
    tables = []
    for path in paths:
        try:
            tables.append(read_table(path, options, problems))
        except CityRankError as exc:
            problems.errors.append(exc)
    rows = 0
    if tables:
        rows = len(_merge(tables, problems).entries)
    return problems, rows


def display_name(path: str) -> str:
    if path == STDIN:
        return "<stdin>"
    if Path(path) == sample_path():
        return SAMPLE_NAME
    return path


def read_bytes(path: str) -> tuple[str, bytes]:
    """The display name and bytes of a file, or of standard input for ``-``."""
    name = display_name(path)
    if path == STDIN:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError(
                "refusing to read scores from a terminal — pipe a file in "
                "(cityrank list - < scores.csv) or name the file",
                code="stdin-tty",
            )
        return name, sys.stdin.buffer.read()
    return name, read_path(Path(path), name, "a CSV file")


def read_path(path: Path, name: str, kind: str) -> bytes:
    """The bytes of ``path``, or a ``DataError`` saying why it cannot be read.

    ``kind`` is what the file should be ("a CSV file"), for the message about
    a directory given in its place.
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError("no such file — check the path", file=name, code="no-file") from None
    except IsADirectoryError:
        raise DataError(
            f"is a directory — name {kind} inside it", file=name, code="is-directory"
        ) from None
    except PermissionError:
        raise DataError(
            "permission denied — check the file's permissions", file=name, code="unreadable"
        ) from None
    except OSError as exc:
        raise DataError(
            f"cannot read: {exc.strerror or exc}", file=name, code="unreadable"
        ) from None


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of a file: a BOM decides UTF-8 or UTF-16, else UTF-8 or ``encoding``."""
    has_bom = True
    if data.startswith(codecs.BOM_UTF8):
        data, codec = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        has_bom = False
        codec = encoding or "utf-8"
        if encoding is None and b"\x00" in data:
            raise DataError(
                "looks like a binary file (it has NUL bytes), not CSV text — "
                "export it as CSV, or give --encoding utf-16-le (or -be) if it is UTF-16 "
                "without a BOM",
                file=name,
                code="binary",
            )
    try:
        text = data.decode(codec)
    except LookupError:
        raise UsageError(
            f'unknown encoding "{codec}" — try utf-8, gb18030, cp1252 or latin-1',
            code="bad-option",
        ) from None
    except UnicodeDecodeError as exc:
        raise _decode_error(exc, data, name, codec, has_bom) from None
    if "\x00" in text:
        raise DataError(
            "has NUL characters, which a CSV file never holds — export it as CSV again",
            file=name,
            code="binary",
        )
    return text


def _decode_error(
    exc: UnicodeDecodeError, data: bytes, name: str, codec: str, has_bom: bool
) -> DataError:
    before = data[: exc.start].decode(codec, errors="replace")
    line = len((before + "x").splitlines())
    if exc.reason == "truncated data":
        problem = f"the file ends in the middle of a {codec} character (is it cut short?)"
    else:
        problem = f"byte 0x{data[exc.start : exc.start + 1].hex()} is not valid {codec}"
    if has_bom:
        advice = f"its byte-order mark says {codec}, so the file is damaged — export it again"
    else:
        advice = (
            "give the file's encoding with --encoding "
            f"(for example --encoding {_guess_encoding(data)})"
        )
    return DataError(f"{problem} — {advice}", file=name, line=line, code="encoding")


def _guess_encoding(data: bytes) -> str:
    """gb18030 when bytes above 0x7f mostly come in pairs (Chinese), else cp1252 (Western)."""
    high = paired = 0
    run = 0
    for byte in data + b"\x00":
        if byte > 0x7F:
            run += 1
            continue
        if run:
            high += run
            paired += run if run % 2 == 0 else run - 1
        run = 0
    if high and paired / high > 0.8:
        try:
            data.decode("gb18030")
            return "gb18030"
        except UnicodeDecodeError:
            pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter among comma, tab, semicolon and pipe that the header line uses most."""
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
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


def parse_bytes(
    data: bytes,
    name: str,
    options: LoadOptions,
    problems: Problems | None = None,
    edition: str | None = None,
    progress: Progress | None = None,
) -> Table:
    """Parse one file's bytes; ``name`` is how messages refer to it.

    ``edition`` is the year given to every row when the file has no year column.
    """
    text = decode(data, name, options.encoding)
    return parse_text(text, name, options, problems or Problems(), edition, progress)


def parse_text(
    text: str,
    name: str,
    options: LoadOptions,
    problems: Problems,
    edition: str | None = None,
    progress: Progress | None = None,
) -> Table:
    """Parse one file's text into a ``Table`` (see ``load`` for the rules)."""
    stream = io.StringIO(text, newline="")
    excel_hint = excel_separator(text)
    offset = 0  # physical lines before the reader's first
    if excel_hint:
        stream.readline()  # Excel's "sep=;" line names the delimiter; it is not the header
        offset = 1
    previous_end = offset
    delimiter = options.delimiter or excel_hint or sniff_delimiter(text)
    csv.field_size_limit(2**31 - 1)
    # strict: an unclosed quote or text after a closing quote is an error,
    # where the lenient reader would silently swallow or join the text.
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 0
    builder: _Builder | None = None
    total = len(text)
    try:
        while True:
            if builder is not None and builder.takes_batches():
                # The common case, once the columns are known: rows read a batch
                # at a time, with no Python call per row.
                batch: list[list[str]] = []
                try:
                    batch.extend(itertools.islice(reader, BATCH))
                except csv.Error as exc:
                    raise _csv_error(exc, name, previous_end + _span(batch) + 1) from None
                if not batch:
                    break
                before, previous_end = previous_end, reader.line_num + offset
                lines: Sequence[int] = (
                    range(before + 1, previous_end + 1)
                    if previous_end - before == len(batch)
                    else _starts(batch, before)
                )
                builder.add_batch(lines, batch)
                if progress is not None:
                    progress(stream.tell(), total)
                continue
            row = next(reader, None)
            if row is None:
                break
            start, previous_end = previous_end + 1, reader.line_num + offset
            if builder is not None:
                builder.add(start, row)
            elif row and any(cell.strip() for cell in row):
                header, header_line = row, start
                columns = header_names(header, name, header_line, problems)
                builder = _Builder(columns, name, header_line, options, problems, edition)
    except csv.Error as exc:
        raise _csv_error(exc, name, previous_end + 1) from None
    if builder is None:
        raise DataError(
            "is empty — a score file needs a header row and at least one row",
            file=name,
            code="empty-file",
        )
    if not builder.count:
        raise DataError(
            "has a header but no rows — add at least one city with a score",
            file=name,
            line=header_line,
            code="no-rows",
        )
    return builder.table()


def _breaks(row: list[str]) -> int:
    """Line breaks inside a record's quoted fields (CRLF, LF or CR: one each)."""
    return sum(f.count("\n") + f.count("\r") - f.count("\r\n") for f in row)


def _span(rows: list[list[str]]) -> int:
    """Physical lines the records ``rows`` take up."""
    return sum(1 + _breaks(row) for row in rows)


def _starts(rows: list[list[str]], before: int) -> list[int]:
    """The line each record starts on, the first after line ``before``."""
    starts = []
    line = before + 1
    for row in rows:
        starts.append(line)
        line += 1 + _breaks(row)
    return starts


def _csv_error(exc: csv.Error, name: str, line: int) -> DataError:
    reason = str(exc)
    if "unexpected end of data" in reason:
        message = (
            "a quoted field that starts on this line is never closed — "
            "add the closing quote, or remove the stray one"
        )
    elif "expected after" in reason:
        message = (
            "text follows the closing quote of a field — write a quote inside a "
            'quoted field as two quotes (""), or remove the stray one'
        )
    else:
        message = f"unreadable CSV ({reason}) — check the quoting on this line"
    return DataError(message, file=name, line=line, code="csv-syntax")


def header_names(header: list[str], name: str, line: int, problems: Problems) -> list[str]:
    columns: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(header):
        label = raw.strip() or f"column_{index + 1}"
        folded = label.casefold()
        if folded in seen:
            problems.error(
                DataError(
                    f'columns {seen[folded] + 1} and {index + 1} are both named "{label}" — '
                    "rename one of them",
                    file=name,
                    line=line,
                    column=index + 1,
                    code="duplicate-column",
                )
            )
            label = f"{label}_{index + 1}"
            folded = label.casefold()
        seen[folded] = index
        columns.append(label)
    return columns


def _normal_header(label: str) -> str:
    return "_".join(label.casefold().replace("-", " ").split())


def _by_name(columns: list[str], tiers: tuple[frozenset[str], ...]) -> list[int] | None:
    normal = [_normal_header(c) for c in columns]
    for names in tiers:
        found = [i for i, c in enumerate(normal) if c in names]
        if found:
            return found
    return None


def _forced(columns: list[str], wanted: str, option: str, name: str) -> int:
    folded = [c.casefold() for c in columns]
    target = wanted.strip().casefold()
    if target in folded:
        return folded.index(target)
    raise UsageError(
        f'{option} "{wanted}": no such column in {name} — its columns are: {quoted_list(columns)}',
        code="unknown-column",
    )


def _is_numeric(rows: list[tuple[int, list[str]]], index: int) -> bool:
    seen = False
    for _, row in rows:
        if index >= len(row):
            continue
        cell = row[index]
        if not cell.strip():
            continue
        try:
            parse_number(cell)
        except ValueError:
            return False
        seen = True
    return seen


def detect_by_name(
    columns: list[str], name: str, line: int, options: LoadOptions
) -> tuple[int | None, int | None, int | None, int | None]:
    """Indexes of the city, score, year and aliases columns found by option or header."""

    def pick(
        forced: str | None, option: str, tiers: tuple[frozenset[str], ...], what: str
    ) -> int | None:
        if forced:
            return _forced(columns, forced, option, name)
        found = _by_name(columns, tiers)
        if found and len(found) > 1:
            raise DataError(
                f"several columns could be the {what}: {quoted_list([columns[i] for i in found])}"
                f" — choose one with {option}",
                file=name,
                line=line,
                code="ambiguous-column",
            )
        return found[0] if found else None

    year = pick(options.year_col, "--year-col", YEAR_HEADERS, "year")
    aliases = pick(None, "", ALIAS_HEADERS, "aliases")
    city = pick(options.city_col, "--city-col", CITY_HEADERS, "city")
    score = pick(options.score_col, "--score-col", SCORE_HEADERS, "score")
    return city, score, year, aliases


def _detect_by_values(
    columns: list[str],
    rows: list[tuple[int, list[str]]],
    found: tuple[int | None, int | None, int | None, int | None],
    name: str,
    line: int,
) -> tuple[int, int, int | None, int | None]:
    """Complete what the headers did not tell: the first text column is the city,
    the only numeric column the score."""
    city, score, year, aliases = found
    taken = {i for i in (year, aliases, city, score) if i is not None}
    numeric = [i for i in range(len(columns)) if i not in taken and _is_numeric(rows, i)]
    if city is None:
        text_columns = [i for i in range(len(columns)) if i not in taken and i not in numeric]
        if not text_columns:
            raise DataError(
                f"no city column among {quoted_list(columns)} — name it with --city-col",
                file=name,
                line=line,
                code="no-city-column",
            )
        city = text_columns[0]
    if score is None:
        candidates = [
            i for i in numeric if i != city and _normal_header(columns[i]) not in NOT_MEASURES
        ]
        if len(candidates) != 1:
            seen = (
                f"several numeric columns ({quoted_list([columns[i] for i in candidates])})"
                if candidates
                else "no numeric column"
            )
            raise DataError(
                f"cannot tell which column is the score: {seen} among "
                f"{quoted_list(columns)} — name it with --score-col",
                file=name,
                line=line,
                code="no-score-column",
            )
        score = candidates[0]
    return city, score, year, aliases


class _Builder:
    """Turns a file's rows into entries, one at a time, so the rows are never all held.

    Rows are buffered only when the columns cannot be told from the header
    (the score is "the only numeric column") or while a year column has been
    empty so far (an all-empty year column is ignored).
    """

    def __init__(
        self,
        columns: list[str],
        name: str,
        header_line: int,
        options: LoadOptions,
        problems: Problems,
        edition: str | None,
    ) -> None:
        self.columns = columns
        self.name = name
        self.header_line = header_line
        self.options = options
        self.problems = problems
        self.edition = edition
        self.width = len(columns)
        self.count = 0
        self.entries: list[Entry] = []
        self.seen: dict[str | None, dict[str, Entry]] = {}
        self.years: dict[str, str] = {}  # one string object per edition label
        self.unranked = 0
        self.found = detect_by_name(columns, name, header_line, options)
        if options.no_score:
            self.found = (self.found[0], NO_COLUMN, self.found[2], self.found[3])
        self.waiting: list[tuple[int, list[str]]] = []  # rows held back (see above)
        self.batch: list[tuple[int, list[str]]] = []  # rows waiting for _flush
        self.year_seen = False
        self.indexes: tuple[int, int, int | None, int | None] | None = None
        if self.found[0] is not None and self.found[1] is not None:
            self._settle(self.found)  # type: ignore[arg-type]

    def _settle(self, indexes: tuple[int, int, int | None, int | None]) -> None:
        city, score, year, _ = indexes
        if city == score:
            raise UsageError(
                f'the city and the score cannot both be column "{self.columns[city]}" — '
                "choose another with --city-col or --score-col",
                code="bad-option",
            )
        self.indexes = indexes
        keep = self.options.keep_extra
        self.extra_i = (
            [i for i in range(self.width) if i not in (city, score, year)] if keep else []
        )

    def add(self, line: int, row: list[str]) -> None:
        self.count += 1
        if self.indexes is None:
            self.waiting.append((line, row))
            return
        year_i = self.indexes[2]
        if year_i is not None and not self.year_seen:
            if len(row) != self.width or not row[year_i].strip():
                self.waiting.append((line, row))
                return
            self.year_seen = True
            self.batch.extend(self._release())
        self.batch.append((line, row))
        if len(self.batch) >= BATCH:
            self._flush()

    def takes_batches(self) -> bool:
        """Whether rows can now come a batch at a time (columns known, none held back)."""
        if self.indexes is None or self.waiting:
            return False
        return self.indexes[2] is None or self.year_seen

    def add_batch(self, lines: Sequence[int], rows: list[list[str]]) -> None:
        self.count += len(rows)
        self.batch.extend(zip(lines, rows, strict=True))
        if len(self.batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        """Turn the batched rows into entries: column by column when every row is clean.

        The fast path maps C functions over whole columns; any row it cannot
        take as it is (ragged, empty city, year or score, a score that needs
        the full rules, a duplicate) sends the batch row by row, where each
        problem is reported with its line.
        """
        batch, self.batch = self.batch, []
        if not batch or not self._fast(batch):
            for line, row in batch:
                self._row(line, row)

    def _fast(self, batch: list[tuple[int, list[str]]]) -> bool:
        assert self.indexes is not None
        city_i, score_i, year_i, alias_i = self.indexes
        if score_i == NO_COLUMN or alias_i is not None:
            return False
        rows = [row for _, row in batch]
        if set(map(len, rows)) != {self.width}:
            return False
        cities = list(map(operator.itemgetter(city_i), rows))
        if not all(map(str.strip, cities)):
            return False
        year = self.edition
        if year_i is not None:
            labels = {label.strip() for label in set(map(operator.itemgetter(year_i), rows))}
            if len(labels) != 1 or "" in labels:
                return False
            (label,) = labels
            year = self.years.setdefault(label, label)
        cells = list(map(operator.itemgetter(score_i), rows))
        joined = "".join(cells)
        if not joined.isascii() or "_" in joined:
            return False
        try:
            scores = list(map(float, cells))
        except ValueError:
            return False
        if not all(map(math.isfinite, scores)) or max(map(abs, scores)) > LIMIT:
            return False
        keys = list(map(city_key, cities))
        seen = self.seen.setdefault(year, {})
        if not seen.keys().isdisjoint(keys):
            return False
        if _NOT_PLAIN.search(joined):  # white space around a number, or an exponent
            decimals = list(map(decimals_of, map(str.strip, cells)))
        else:  # plain numbers: the digits after the point
            decimals = [len(c) - 1 - c.find(".") if "." in c else 0 for c in cells]
            if max(decimals) > 20:  # as decimals_of: no float has digits beyond
                decimals = [min(d, 20) for d in decimals]
        extra: Iterable[tuple[str, ...]] = itertools.repeat(())
        if self.extra_i:
            pick = operator.itemgetter(*self.extra_i)
            extra = (
                [(row[self.extra_i[0]],) for row in rows]
                if len(self.extra_i) == 1
                else list(map(pick, rows))
            )
        entries = list(
            map(
                Entry,
                cities,
                keys,
                scores,
                decimals,
                itertools.repeat(year),
                [line for line, _ in batch],
                itertools.repeat(self.name),
                itertools.repeat(()),
                extra,
            )
        )
        before = len(seen)
        seen.update(zip(keys, entries, strict=True))
        if len(seen) != before + len(keys):  # a city twice in this batch: undo, go row by row
            for key in keys:
                seen.pop(key, None)
            return False
        self.entries.extend(entries)
        return True

    def _release(self) -> list[tuple[int, list[str]]]:
        held, self.waiting = self.waiting, []
        return held

    def _error(self, message: str, line: int, column: int | None, code: str) -> None:
        self.problems.error(DataError(message, file=self.name, line=line, column=column, code=code))

    def _row(self, line: int, row: list[str]) -> None:
        assert self.indexes is not None
        city_i, score_i, year_i, alias_i = self.indexes
        columns = self.columns
        if len(row) != self.width:
            if any(cell.strip() for cell in row):  # a blank line holds no data
                self._error(
                    f"expected {self.width} fields like the header, found {len(row)} — "
                    "fix the row's delimiters or quote fields that contain them",
                    line,
                    None,
                    "ragged-row",
                )
            return
        city = row[city_i]
        if not city.strip():
            if any(cell.strip() for cell in row):
                self._error(
                    f'empty city name in column "{columns[city_i]}" — fill it in or delete the row',
                    line,
                    city_i + 1,
                    "empty-city",
                )
            return
        year = self.edition
        if year_i is not None:
            label = row[year_i].strip()
            if not label:
                self._error(
                    f'empty year in column "{columns[year_i]}" while other rows have one — '
                    "fill it in, or choose another column with --year-col",
                    line,
                    year_i + 1,
                    "empty-year",
                )
                return
            year = self.years.setdefault(label, label)
        cell = row[score_i] if score_i != NO_COLUMN else ""
        score: float | None = None
        decimals = 0
        if score_i == NO_COLUMN:
            pass
        elif cell.strip():
            try:
                score, decimals = parse_number(cell)
            except ValueError as exc:
                self._error(
                    f'score "{cell}" in column "{columns[score_i]}" is {exc} — '
                    "write a plain number such as 88 or 91.2",
                    line,
                    score_i + 1,
                    "bad-number",
                )
                return
        elif self.options.strict:
            self._error(
                f'empty score in column "{columns[score_i]}" — fill it in, '
                "or drop --strict to list the city unranked",
                line,
                score_i + 1,
                "empty-score",
            )
            return
        else:
            self.unranked += 1
        entry = Entry(
            city=city,
            key=city_key(city),
            score=score,
            decimals=decimals,
            year=year,
            line=line,
            file=self.name,
            aliases=split_aliases(row[alias_i]) if alias_i is not None else (),
            extra=tuple([row[i] for i in self.extra_i]) if self.extra_i else (),
        )
        edition = self.seen.setdefault(year, {})
        clash = edition.setdefault(entry.key, entry)
        if clash is not entry:
            self.problems.error(_duplicate(clash, entry))
            return
        self.entries.append(entry)

    def table(self) -> Table:
        """The finished table: rows still held back are settled now."""
        self._flush()
        name, columns = self.name, self.columns
        if self.indexes is None:
            self._settle(
                _detect_by_values(columns, self.waiting, self.found, name, self.header_line)
            )
            held = self._release()
            for line, row in held:
                self.add(line, row)
            self._flush()
        assert self.indexes is not None
        city_i, score_i, year_i, alias_i = self.indexes
        if self.waiting:
            if self.year_seen:  # cannot happen: rows are released when a year shows up
                raise AssertionError("rows held back after a year was seen")
            # The year column is empty in every row: it says nothing, so it is ignored.
            self.indexes = (city_i, score_i, None, alias_i)
            self._settle(self.indexes)
            year_i = None
            for held_row in self._release():
                self._row(*held_row)
        warnings = tuple(f"{name}: {w}" for w in _lookalikes(self.entries, name, self.problems))
        if self.unranked:
            n = self.unranked
            message = (
                f"{n} {'row has' if n == 1 else 'rows have'} no score and "
                f"{'is' if n == 1 else 'are'} listed unranked (use --strict to make this an error)"
            )
            warnings += (f"{name}: {message}",)
            self.problems.warn(DataError(message, file=name, code="unranked"))
        return Table(
            entries=tuple(self.entries),
            source=name,
            city_column=columns[city_i],
            score_column=columns[score_i] if score_i != NO_COLUMN else "",
            year_column=columns[year_i] if year_i is not None else None,
            extra_columns=tuple(columns[i] for i in self.extra_i),
            warnings=warnings,
        )


def _lookalikes(entries: list[Entry], name: str, problems: Problems) -> list[str]:
    """Warnings for cities whose names differ only by invisible or look-alike characters."""
    # Only a name whose skeleton differs from its key can be a look-alike of
    # another: those few are checked against every key of their edition.
    odd = [(e, s) for e in entries if not e.key.isascii() and (s := skeleton(e.key)) != e.key]
    if not odd:
        return []
    keys: dict[tuple[str, str | None], Entry] = {}
    for entry in entries:
        keys.setdefault((entry.key, entry.year), entry)
    messages = []
    for entry, shape in odd:
        first = keys.setdefault((shape, entry.year), entry)
        if first is not entry:
            message = (
                f'"{entry.city}" (line {entry.line}) and "{first.city}" (line {first.line}) '
                "differ only by invisible or look-alike characters — they are kept as two "
                "cities; check whether they are one"
            )
            messages.append(message)
            problems.warn(DataError(message, file=name, line=entry.line, code="look-alike"))
    return messages


def _check_editions(tables: list[Table], problems: Problems) -> None:
    owner: dict[str, Table] = {}
    dated = [t for t in tables if t.years]
    if dated and len(dated) < len(tables):
        undated = next(t for t in tables if not t.years)
        problems.error(
            DataError(
                f"has no year column and no year in its name, while {dated[0].source} has "
                f"editions — give it one with --label {undated.source}=YEAR",
                file=undated.source,
                code="no-edition",
            )
        )
    for table in dated:
        for year in table.years:
            other = owner.setdefault(year, table)
            if other is not table:
                problems.error(
                    DataError(
                        f"edition {year} is also in {other.source} — each edition must come "
                        "from one file; merge them, or relabel one with --label FILE=LABEL",
                        file=table.source,
                        code="edition-clash",
                    )
                )


def _duplicate(first: Entry, second: Entry) -> DataError:
    edition = f" in {second.year}" if second.year is not None else ""
    here = f"line {first.line}" if first.file == second.file else f"{first.file}:{first.line}"
    if first.city == second.city:
        same = ""
    elif unicodedata.normalize("NFC", first.city) == unicodedata.normalize("NFC", second.city):
        same = " (the same name in another Unicode form)"
    else:
        same = f' ("{first.city}")'
    return DataError(
        f'duplicate city "{second.city}"{edition}: same as {here}{same} — '
        "keep one row per city and year",
        file=second.file,
        line=second.line,
        code="duplicate-city",
    )


def _merge(tables: list[Table], problems: Problems) -> Table:
    """One table from several files: rows side by side, extra columns as their union.

    Each edition must come from one file; files without any edition are read
    together as one.
    """
    if len(tables) == 1:
        return tables[0]
    _check_editions(tables, problems)
    first = tables[0]
    extra: list[str] = []
    for table in tables:
        extra.extend(c for c in table.extra_columns if c not in extra)
    entries: list[Entry] = []
    seen: dict[tuple[str, str | None], Entry] = {}
    for table in tables:
        positions = [
            table.extra_columns.index(c) if c in table.extra_columns else -1 for c in extra
        ]
        for entry in table.entries:
            clash = seen.get((entry.key, entry.year))
            if clash is not None:
                problems.error(_duplicate(clash, entry))
                continue
            seen[(entry.key, entry.year)] = entry
            if tuple(extra) != table.extra_columns:
                cells = tuple(entry.extra[p] if p >= 0 else "" for p in positions)
                entry = entry._replace(extra=cells)
            entries.append(entry)
    year_columns = {t.year_column for t in tables} - {None}
    return Table(
        entries=tuple(entries),
        source=", ".join(t.source for t in tables),
        city_column=first.city_column,
        score_column=first.score_column,
        year_column=next(iter(year_columns)) if len(year_columns) == 1 else first.year_column,
        extra_columns=tuple(extra),
        title=first.title if len({t.title for t in tables}) == 1 else None,
        citation=first.citation if len({t.citation for t in tables}) == 1 else None,
        warnings=tuple(w for t in tables for w in t.warnings),
    )
