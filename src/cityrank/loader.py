"""Bytes to ``Table``: encoding, delimiter, columns, numbers; FILE:LINE:COLUMN in every error."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cityrank.errors import CityRankError, DataError, UsageError
from cityrank.lookup import city_key, skeleton, split_aliases
from cityrank.model import Entry, Table
from cityrank.numbers import parse_number

SAMPLE_NAME = "sample_data.csv"
SAMPLE_TITLE = "China Blockchain City Innovation Development Index"
SAMPLE_CITATION = (
    "2020 China Blockchain City Innovation Development Index, as reported by "
    "Finance China (announced at CIFTIS, September 2020)"
)
DATA_ENV = "CITYRANK_DATA"
STDIN = "-"

DELIMITERS = (",", "\t", ";", "|")

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
# Never taken as the score by the "only numeric column" rule.
_NOT_SCORES = frozenset({"rank", "id", "#", "no", "number", "排名", "序号"})


@dataclass(frozen=True)
class LoadOptions:
    """How to read files: forced columns, delimiter, encoding, and strictness.

    ``strict`` turns an empty score (normally an unranked row and a warning)
    into an error. ``labels`` pairs a file (as named on the command line, or
    its base name) with the edition it holds, for files without a year column.
    """

    city_col: str | None = None
    score_col: str | None = None
    year_col: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    strict: bool = False
    labels: tuple[tuple[str, str], ...] = ()


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
    packaged = Path(__file__).with_name(SAMPLE_NAME)
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / SAMPLE_NAME


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
    tables = [read_table(path, options, problems, progress) for path in paths]
    return _merge(tables, problems)


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
    return parse_bytes(data, name, options, problems, edition_label(path, options), progress)


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
    try:
        return name, Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError("no such file — check the path", file=name, code="no-file") from None
    except IsADirectoryError:
        raise DataError(
            "is a directory — name a CSV file inside it", file=name, code="is-directory"
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


def _excel_separator(text: str) -> str | None:
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
    excel_hint = _excel_separator(text)
    previous_end = 0
    if excel_hint:
        stream.readline()  # Excel's "sep=;" line names the delimiter; it is not the header
        previous_end = 1
    delimiter = options.delimiter or excel_hint or sniff_delimiter(text)
    csv.field_size_limit(2**31 - 1)
    # strict: an unclosed quote or text after a closing quote is an error,
    # where the lenient reader would silently swallow or join the text.
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    header_line = 0
    try:
        for row in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if header is None:
                if row and any(cell.strip() for cell in row):
                    header, header_line = row, start
                continue
            rows.append((start, row))
    except csv.Error as exc:
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
        raise DataError(message, file=name, line=previous_end + 1, code="csv-syntax") from None
    if header is None:
        raise DataError(
            "is empty — a score file needs a header row and at least one row",
            file=name,
            code="empty-file",
        )
    columns = _header_names(header, name, header_line, problems)
    if not rows:
        raise DataError(
            "has a header but no rows — add at least one city with a score",
            file=name,
            line=header_line,
            code="no-rows",
        )
    return _build_table(columns, rows, name, header_line, options, problems, edition, progress)


def _header_names(header: list[str], name: str, line: int, problems: Problems) -> list[str]:
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
        f'{option} "{wanted}": no such column in {name} — its columns are: {_listing(columns)}',
        code="unknown-column",
    )


def _listing(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


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


def _detect(
    columns: list[str],
    rows: list[tuple[int, list[str]]],
    name: str,
    line: int,
    options: LoadOptions,
) -> tuple[int, int, int | None, int | None]:
    """Indexes of the city, score, year and aliases columns."""

    def pick(
        forced: str | None, option: str, tiers: tuple[frozenset[str], ...], what: str
    ) -> int | None:
        if forced:
            return _forced(columns, forced, option, name)
        found = _by_name(columns, tiers)
        if found and len(found) > 1:
            raise DataError(
                f"several columns could be the {what}: {_listing([columns[i] for i in found])}"
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
    taken = {i for i in (year, aliases, city, score) if i is not None}
    numeric = [i for i in range(len(columns)) if i not in taken and _is_numeric(rows, i)]
    if city is None:
        text_columns = [i for i in range(len(columns)) if i not in taken and i not in numeric]
        if not text_columns:
            raise DataError(
                f"no city column among {_listing(columns)} — name it with --city-col",
                file=name,
                line=line,
                code="no-city-column",
            )
        city = text_columns[0]
    if score is None:
        candidates = [
            i for i in numeric if i != city and _normal_header(columns[i]) not in _NOT_SCORES
        ]
        if len(candidates) != 1:
            found = (
                f"several numeric columns ({_listing([columns[i] for i in candidates])})"
                if candidates
                else "no numeric column"
            )
            raise DataError(
                f"cannot tell which column is the score: {found} among "
                f"{_listing(columns)} — name it with --score-col",
                file=name,
                line=line,
                code="no-score-column",
            )
        score = candidates[0]
    if city == score:
        raise UsageError(
            f'the city and the score cannot both be column "{columns[city]}" — '
            "choose another with --city-col or --score-col",
            code="bad-option",
        )
    return city, score, year, aliases


def _build_table(
    columns: list[str],
    rows: list[tuple[int, list[str]]],
    name: str,
    header_line: int,
    options: LoadOptions,
    problems: Problems,
    edition: str | None = None,
    progress: Progress | None = None,
) -> Table:
    city_i, score_i, year_i, alias_i = _detect(columns, rows, name, header_line, options)
    if year_i is not None and not any(len(row) > year_i and row[year_i].strip() for _, row in rows):
        year_i = None  # a year column left empty everywhere says nothing
    extra_i = [i for i in range(len(columns)) if i not in (city_i, score_i, year_i)]
    width = len(columns)
    entries: list[Entry] = []
    seen: dict[tuple[str, str | None], Entry] = {}
    unranked = 0
    total = len(rows)
    for done, (line, row) in enumerate(rows):
        if progress is not None and not done % 65536:
            progress(done, total)
        if len(row) != width:
            if not any(cell.strip() for cell in row):
                continue  # a blank line, or a row of empty cells, holds no data
            problems.error(
                DataError(
                    f"expected {width} fields like the header, found {len(row)} — "
                    "fix the row's delimiters or quote fields that contain them",
                    file=name,
                    line=line,
                    code="ragged-row",
                )
            )
            continue
        city = row[city_i]
        if not city.strip():
            if not any(cell.strip() for cell in row):
                continue
            problems.error(
                DataError(
                    f'empty city name in column "{columns[city_i]}" — fill it in or delete the row',
                    file=name,
                    line=line,
                    column=city_i + 1,
                    code="empty-city",
                )
            )
            continue
        year = edition
        if year_i is not None:
            year = row[year_i].strip()
            if not year:
                problems.error(
                    DataError(
                        f'empty year in column "{columns[year_i]}" while other rows have one — '
                        "fill it in, or choose another column with --year-col",
                        file=name,
                        line=line,
                        column=year_i + 1,
                        code="empty-year",
                    )
                )
                continue
        cell = row[score_i]
        score: float | None = None
        decimals = 0
        if cell.strip():
            try:
                score, decimals = parse_number(cell)
            except ValueError as exc:
                problems.error(
                    DataError(
                        f'score "{cell}" in column "{columns[score_i]}" is {exc} — '
                        "write a plain number such as 88 or 91.2",
                        file=name,
                        line=line,
                        column=score_i + 1,
                        code="bad-number",
                    )
                )
                continue
        elif options.strict:
            problems.error(
                DataError(
                    f'empty score in column "{columns[score_i]}" — fill it in, '
                    "or drop --strict to list the city unranked",
                    file=name,
                    line=line,
                    column=score_i + 1,
                    code="empty-score",
                )
            )
            continue
        else:
            unranked += 1
        entry = Entry(
            city=city,
            key=city_key(city),
            score=score,
            decimals=decimals,
            year=year,
            line=line,
            file=name,
            aliases=split_aliases(row[alias_i]) if alias_i is not None else (),
            extra=tuple(row[i] for i in extra_i),
        )
        clash = seen.get((entry.key, year))
        if clash is not None:
            problems.error(_duplicate(clash, entry))
            continue
        seen[(entry.key, year)] = entry
        entries.append(entry)
    warnings: tuple[str, ...] = tuple(f"{name}: {w}" for w in _lookalikes(entries, name, problems))
    if unranked:
        rows_word = "row has" if unranked == 1 else "rows have"
        message = (
            f"{unranked} {rows_word} no score and {'is' if unranked == 1 else 'are'} "
            "listed unranked (use --strict to make this an error)"
        )
        warnings += (f"{name}: {message}",)
        problems.warn(DataError(message, file=name, code="unranked"))
    return Table(
        entries=tuple(entries),
        source=name,
        city_column=columns[city_i],
        score_column=columns[score_i],
        year_column=columns[year_i] if year_i is not None else None,
        extra_columns=tuple(columns[i] for i in extra_i),
        title=SAMPLE_TITLE if name == SAMPLE_NAME else None,
        citation=SAMPLE_CITATION if name == SAMPLE_NAME else None,
        warnings=warnings,
    )


def _lookalikes(entries: list[Entry], name: str, problems: Problems) -> list[str]:
    """Warnings for cities whose names differ only by invisible or look-alike characters."""
    if all(e.key.isascii() for e in entries):
        return []
    seen: dict[tuple[str, str | None], Entry] = {}
    messages = []
    for entry in entries:
        first = seen.setdefault((skeleton(entry.key), entry.year), entry)
        if first is not entry:
            message = (
                f'"{entry.city}" (line {entry.line}) and "{first.city}" (line {first.line}) '
                "differ only by invisible or look-alike characters — they are kept as two "
                "cities; check whether they are one"
            )
            messages.append(message)
            problems.warn(DataError(message, file=name, line=entry.line, code="look-alike"))
    return messages


def _check_editions(tables: list[Table]) -> None:
    owner: dict[str, Table] = {}
    dated = [t for t in tables if t.years]
    if dated and len(dated) < len(tables):
        undated = next(t for t in tables if not t.years)
        raise DataError(
            f"has no year column and no year in its name, while {dated[0].source} has "
            f"editions — give it one with --label {undated.source}=YEAR",
            file=undated.source,
            code="no-edition",
        )
    for table in dated:
        for year in table.years:
            other = owner.setdefault(year, table)
            if other is not table:
                raise DataError(
                    f"edition {year} is also in {other.source} — each edition must come "
                    "from one file; merge them, or relabel one with --label FILE=LABEL",
                    file=table.source,
                    code="edition-clash",
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
    _check_editions(tables)
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
                entry = replace(entry, extra=cells)
            entries.append(entry)
    year_columns = {t.year_column for t in tables} - {None}
    return Table(
        entries=tuple(entries),
        source=", ".join(t.source for t in tables),
        city_column=first.city_column,
        score_column=first.score_column,
        year_column=next(iter(year_columns)) if len(year_columns) == 1 else first.year_column,
        extra_columns=tuple(extra),
        warnings=tuple(w for t in tables for w in t.warnings),
    )
