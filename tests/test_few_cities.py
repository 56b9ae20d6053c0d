"""``history`` and ``show`` asked about a city or two of a long edition do not index or
walk every city: a scan of the key column finds them (``core.editions.Matcher``) and the
z-score's sums are taken over the groups of equal scores (``core.stats``). Both give what
the full passes give. The data are fictional.
"""

from __future__ import annotations

import math
import random
import struct
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cityrank import load, rank
from cityrank.core import editions, stats
from cityrank.core.editions import Matcher, rank_editions
from cityrank.model import RankedEntry, Ranking


def _bits(x: float | None) -> bytes | None:
    return None if x is None else struct.pack("<d", x)


_POOLS = st.lists(
    st.one_of(
        st.sampled_from(["", "0", "-0", "1", "1.0", "2.5", "-2.5", "99.82", "1e6"]),
        st.floats(-1e9, 1e9, allow_nan=False).map(repr),
        st.integers(-(10**6), 10**6).map(lambda k: f"{k / 100:.2f}"),
    ),
    min_size=1,
    max_size=6,
)


@given(_POOLS, st.lists(st.integers(0, 5), min_size=1, max_size=80), st.booleans())
@example(["1", "2"], [0, 0, 1], False)
@example(["-0", "0"], [0, 1], False)  # a sum of 0: worked out score by score
@example(["2.5", "-2.5", "0.1"], [0, 1, 2], True)
@example(["0.1", "0.2", "0.3"], [0, 1, 2], False)
def test_z_scores_from_groups_are_the_z_scores_score_by_score(
    tmp_path_factory: pytest.TempPathFactory, pool: list[str], picks: list[int], lower: bool
) -> None:
    """Scores drawn from a few, so that they repeat (and are summed by group: see below)."""
    scores = [pool[i % len(pool)] for i in picks] * 12
    path = tmp_path_factory.mktemp("z") / "z.csv"
    path.write_text(
        "city,score\n" + "".join(f"C{i},{s}\n" for i, s in enumerate(scores)), encoding="utf-8"
    )
    ranking = rank(load(path), lower_is_better=lower)
    wanted = [r.entry.score for r in ranking.ranked] + [None, 3.0]
    grouped = stats.z_scorer(ranking)
    kept = stats._group_figures
    stats._group_figures = lambda ranking: None
    try:
        plain = stats.z_scorer(ranking)
    finally:
        stats._group_figures = kept
    assert [_bits(grouped(s)) for s in wanted] == [_bits(plain(s)) for s in wanted]
    # The figures themselves, before z-scores round them to 2 places.
    figures = stats._group_figures(ranking)
    if figures is not None:
        values = stats.ranked_scores(ranking)
        mean = math.fsum(values) / len(values)
        spread = math.fsum((v - mean) ** 2 for v in values)
        assert (_bits(figures[0]), _bits(figures[1]), figures[2]) == (
            _bits(mean),
            _bits(spread),
            len(values),
        )


def test_a_long_edition_of_few_scores_is_summed_by_group(tmp_path: Path) -> None:
    """Not vacuous: the groups are taken where scores repeat, and not where they do not."""
    for scores, grouped in ((5, True), (200, False)):
        path = tmp_path / f"{scores}.csv"
        lines = ["city,score"] + [f"Town {i},{i % scores}" for i in range(200)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert (stats._group_figures(rank(load(path))) is not None) is grouped


def _found(matcher: Matcher, ranking: Ranking) -> list[RankedEntry | None]:
    return [matcher.find(r.entry) for r in ranking.ranked] + [
        matcher.find(e) for e in ranking.unranked
    ]


@pytest.mark.parametrize("seed", range(6))
def test_a_city_found_by_scanning_is_the_city_the_index_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Cities in one edition and not the other, unranked ones, names that differ only by
    accents and case (one key): each edition's cities looked for in every edition."""
    rnd = random.Random(seed)
    names = ["Avalon", "Brindle", "Corvo", "São Tomé Vale", "Dunmere", "Eastvale", "Fallow"]
    lines = ["city,year,score"]
    for year in ("2019", "2020", "2021"):
        for name in names:
            if rnd.random() < 0.8:
                score = "" if rnd.random() < 0.15 else str(rnd.randint(0, 4))
                shown = name.upper() if rnd.random() < 0.3 else name
                shown = shown.replace("ã", "a").replace("é", "e") if rnd.random() < 0.5 else shown
                lines.append(f"{shown},{year},{score}")
    path = tmp_path / "editions.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rankings = rank_editions(load(path))
    for scans in (100, 0):  # every city by a scan; every city from the index
        monkeypatch.setattr(editions, "SCANS", scans)
        found = [_found(Matcher(there), here) for here in rankings for there in rankings]
        if scans:
            scanned = found
    assert scanned == found
    assert any(f is not None for fs in found for f in fs)
