"""The one exception family cityrank raises, each class carrying its exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message


def quoted_list(names: Sequence[str]) -> str:
    """Names for a message, each in quotes: ``"city", "score", "year"``."""
    return ", ".join(f'"{n}"' for n in names)


class DataError(CityRankError):
    """The input data cannot be used as it is (exit 1)."""


class UsageError(CityRankError):
    """An option value or a city name the user gave does not fit the data (exit 2)."""

    exit_code = ExitStatus.USAGE_ERROR


@dataclass
class Problems:
    """Where reading and shaping put what they find wrong: raise at once, or collect them."""

    collect: bool = False
    errors: list[CityRankError] = field(default_factory=list)
    warnings: list[CityRankError] = field(default_factory=list)

    def error(self, problem: CityRankError) -> None:
        if not self.collect:
            raise problem
        self.errors.append(problem)

    def warn(self, problem: CityRankError) -> None:
        self.warnings.append(problem)
