"""The records of a table whose scores are a composite index: how each edition's were made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cityrank.model import Entry, Table

if TYPE_CHECKING:
    from cityrank.core.composite.compute import Composite
    from cityrank.core.composite.spec import Spec


@dataclass(frozen=True)
class Explained:
    """One edition's composite: the spec, its entries (in ``result``'s order) and the result."""

    spec: Spec
    entries: tuple[Entry, ...]
    result: Composite
    raw: dict[str, list[float | None]]

    def index(self, entry: Entry) -> int:
        """Position of ``entry`` in this edition's lists (by key)."""
        for i, e in enumerate(self.entries):
            if e.key == entry.key:
                return i
        raise KeyError(entry.city)


@dataclass(frozen=True)
class CompositeTable(Table):
    """A table whose scores were made from indicator columns; ``composite``: how, per edition."""

    composite: Mapping[str | None, Explained] = field(default_factory=dict)


def composite_of(table: Table | None) -> Mapping[str | None, Explained] | None:
    """How ``table``'s scores were made, edition by edition, if they are a composite index."""
    return table.composite if isinstance(table, CompositeTable) else None
