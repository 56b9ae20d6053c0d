"""The one exception family cityrank raises, each class carrying its exit code."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes, the same for every command."""

    OK = 0
    DATA_ERROR = 1
    USAGE_ERROR = 2
    INTERRUPTED = 130


class CityRankError(Exception):
    """A problem a user can act on: bad data, a bad option value, a missing city.

    ``where`` is the ``FILE:LINE[:COLUMN]`` prefix when the problem has a
    place in a file, and ``code`` a stable short name (used by ``validate``).
    """

    exit_code: int = ExitStatus.DATA_ERROR

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        code: str = "error",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.code = code

    @property
    def where(self) -> str:
        return place(self.file, self.line, self.column)

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message


class SheetName(str):
    """How messages name one sheet of a workbook, ``book.xlsx:Scores``, in place of a file:
    a place in it is a cell, ``book.xlsx:Scores!B12``, or a row, ``book.xlsx:Scores!12:12``
    (Excel's references, which its Name Box takes)."""


def place(file: str | None, line: int | None = None, column: int | None = None) -> str:
    """``FILE:LINE:COLUMN`` (the parts that are known), or a cell of a sheet (``SheetName``)."""
    if isinstance(file, SheetName) and line is not None:
        return f"{file}!{column_letters(column)}{line}" if column else f"{file}!{line}:{line}"
    return ":".join(str(p) for p in (file, line, column) if p is not None)


def column_letters(column: int) -> str:
    """A spreadsheet's name for column ``column`` (from 1): ``A``, ``Z``, ``AA``."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def quoted_list(names: Sequence[str]) -> str:
    """Names for a message, each in quotes: ``"city", "score", "year"``."""
    return ", ".join(f'"{n}"' for n in names)


class DataError(CityRankError):
    """The input data cannot be used as it is (exit 1)."""


class UsageError(CityRankError):
    """An option value or a city name the user gave does not fit the data (exit 2)."""

    exit_code = ExitStatus.USAGE_ERROR


class Problems:
    """Where reading and shaping put what they find wrong: raise at once, or collect them.

    A plain class, not a dataclass: shell completion reads files through it, and
    importing ``dataclasses`` would add a tenth to a first TAB."""

    __slots__ = ("collect", "errors", "warnings")

    def __init__(
        self,
        collect: bool = False,
        errors: list[CityRankError] | None = None,
        warnings: list[CityRankError] | None = None,
    ) -> None:
        self.collect = collect
        self.errors: list[CityRankError] = [] if errors is None else errors
        self.warnings: list[CityRankError] = [] if warnings is None else warnings

    def error(self, problem: CityRankError) -> None:
        if not self.collect:
            raise problem
        self.errors.append(problem)

    def warn(self, problem: CityRankError) -> None:
        self.warnings.append(problem)
