"""The records of the report page: what ``report_view`` gathers for ``render.report`` to draw."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from cityrank.views.base import Bars, RankLines, View
from cityrank.views.report.cards import Cards

#: The table's rows at most, unless ``--max-rows`` says otherwise.
MAX_ROWS = 10_000


class Header(NamedTuple):
    """The top of the page: what the data is, how it is ranked, and one sentence of news.

    Each of ``source``, ``filters`` and ``composite`` is ``None`` when the data
    has none; ``ties`` names the tie rule and its pattern (``competition (1224)``).
    """

    title: str
    edition: str | None
    source: str | None
    filters: str | None
    composite: str | None
    ties: str
    order: str  # "higher score is better" or "lower score is better"
    headline: str
    compared: str | None = None  # the edition movement is measured against


class Stack(NamedTuple):
    """A composite index as stacked bars: each city's points from each indicator.

    ``rows`` are (rank, tied, city, score, contribution per indicator in
    ``indicators``' order; ``None`` where the city has no value).
    """

    indicators: tuple[str, ...]
    rows: tuple[tuple[float, bool, str, float | None, tuple[float | None, ...]], ...]
    title: str


class Spread(NamedTuple):
    """How far each city's rank moves when the weights vary: (city, nominal rank, median rank,
    5 % and 95 % ranks), ranks 1 … ``worst``."""

    rows: tuple[tuple[str, float | None, float, float, float], ...]
    worst: float
    title: str
    caption: str


class RankedTable(NamedTuple):
    """The ranked table: ``list``'s view, cut at ``--max-rows``, and each row's lookup keys.

    ``keys[i]`` holds every key row ``i``'s city answers to (its name's, then
    its aliases'), joined by ``\\n``; ``anchors[i]`` is the fragment of its
    card and row (``sao-paulo``), ``None`` where none can be made.
    """

    view: View
    keys: Sequence[str]
    anchors: Sequence[str | None]
    left_out: int
    max_rows: int


class Page(NamedTuple):
    """Everything the report page shows, in the order it shows it."""

    header: Header
    table: RankedTable
    bars: Bars | None
    bump: RankLines | None
    movers: tuple[str, ...]
    stack: Stack | None
    spread: Spread | None
    cards: Cards  # one per row of the table
    notes: tuple[str, ...]
