"""Which column is which: header names cleaned, and the city, score, year and aliases found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cityrank.errors import DataError, Problems, UsageError, quoted_list
from cityrank.model import NOT_MEASURES, LoadOptions
from cityrank.numbers import decimal_point, parse_number

#: The score "column" of a file read with ``no_score``.
NO_COLUMN = -1

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


class Found(NamedTuple):
    """Column indexes of each role, ``None`` where the header did not tell."""

    city: int | None
    score: int | None
    year: int | None
    aliases: int | None


class Roles(NamedTuple):
    """Column indexes of each role, settled; ``extra`` are the other columns kept."""

    city: int
    score: int
    year: int | None
    aliases: int | None
    extra: tuple[int, ...]


def header_names(header: Sequence[str], name: str, line: int, problems: Problems) -> list[str]:
    """Column names: stripped, ``column_N`` for a blank one, a repeated name an error."""
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


def normal_header(label: str) -> str:
    return "_".join(label.casefold().replace("-", " ").split())


def _by_name(columns: Sequence[str], tiers: tuple[frozenset[str], ...]) -> list[int] | None:
    normal = [normal_header(c) for c in columns]
    for names in tiers:
        found = [i for i, c in enumerate(normal) if c in names]
        if found:
            return found
    return None


def _forced(columns: Sequence[str], wanted: str, option: str, name: str) -> int:
    """The column ``wanted`` names: by its header, else by its number from 1 (as ``csvcut -c 2``
    takes it) when no header is that number."""
    folded = [c.casefold() for c in columns]
    target = wanted.strip().casefold()
    if target in folded:
        return folded.index(target)
    if target.isascii() and target.isdigit() and 1 <= int(target) <= len(columns):
        return int(target) - 1
    raise UsageError(
        f'{option} "{wanted}": no such column in {name} — its columns are: {quoted_list(columns)}'
        f" (or give a column's number, 1 to {len(columns)})",
        code="unknown-column",
    )


def detect_by_name(columns: Sequence[str], name: str, line: int, options: LoadOptions) -> Found:
    """The city, score, year and aliases columns found by option or header."""

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
    score = NO_COLUMN if options.no_score else None
    if not options.no_score:
        score = pick(options.score_col, "--score-col", SCORE_HEADERS, "score")
    return Found(city, score, year, aliases)


def is_numeric(cells: Sequence[str], na: tuple[str, ...] = (), comma: bool = False) -> bool:
    """Whether every cell that is not blank or an ``na`` marker is a number, and there is one
    (``comma``: a number may have a decimal comma, ``85,5``)."""
    seen = False
    for cell in dict.fromkeys(cells):
        if not cell.strip() or cell.strip() in na:
            continue
        try:
            parse_number((comma and decimal_point(cell)) or cell)
        except ValueError:
            return False
        seen = True
    return seen


def detect_by_values(
    columns: Sequence[str],
    cells: Sequence[Sequence[str]],
    found: Found,
    name: str,
    line: int,
    na: tuple[str, ...] = (),
    comma: bool = False,
) -> Found:
    """Complete what the headers did not tell from the cells (one sequence per column):
    the first text column is the city, the only numeric column the score (``comma``:
    numbers may have decimal commas)."""
    city, score, year, aliases = found
    taken = {i for i in found if i is not None}
    numeric = [i for i in range(len(columns)) if i not in taken and is_numeric(cells[i], na, comma)]
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
            i for i in numeric if i != city and normal_header(columns[i]) not in NOT_MEASURES
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
    return Found(city, score, year, aliases)


def settle(columns: Sequence[str], found: Found, options: LoadOptions, name: str) -> Roles:
    """The roles once city and score are known; one column in both roles is a usage error.

    The other columns are kept with ``keep_extra``, else only those that ``--where``,
    ``--by`` and ``--key`` name. A key column that is the score or the year is a usage error.
    """
    city, score, year, aliases = found
    assert city is not None and score is not None
    if year is not None and year in (city, score):
        role = "city" if year == city else "score"
        raise UsageError(
            f'column "{columns[year]}" cannot be both the year and the {role} — '
            "a column has one role; choose another with --year-col",
            code="bad-option",
        )
    if city == score:
        raise UsageError(
            f'the city and the score cannot both be column "{columns[city]}" — '
            "choose another with --city-col or --score-col",
            code="bad-option",
        )
    roles = (city, score, year)
    filtered = {_forced(columns, column, "--where", name) for column, _, _ in options.where}
    if options.by:
        filtered.add(_forced(columns, options.by, "--by", name))
    for column in options.key:
        at = _forced(columns, column, "--key", name)
        if at in (score, year):
            role = "score" if at == score else "year"
            raise UsageError(
                f'--key "{column}" is the {role} column — the key names the columns that '
                "identify a city (the city column and, say, its country)",
                code="bad-option",
            )
        filtered.add(at)
    if options.keep_extra:
        extra = tuple(i for i in range(len(columns)) if i not in roles)
    else:
        extra = tuple(sorted(filtered.difference(roles)))
    return Roles(city, score, year, aliases, extra)
