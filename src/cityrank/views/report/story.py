"""The report's sentences made from the data: who leads and by how much, and who moved."""

from __future__ import annotations

from collections.abc import Sequence

from cityrank.core.editions import Matcher, Move, entrants, exits, movements, overtakes
from cityrank.core.ranking import score_difference
from cityrank.model import RankedEntry, Ranking
from cityrank.numbers import format_number
from cityrank.views.base import _count, _join, top_rows, where

#: How many cities a sentence names before it says how many more there are.
NAMED = 5
#: The overtakes told are those among the cities ranked this high now: every overtake of
#: 10,000 reshuffled cities is millions of pairs, and the news is at the top.
OVERTAKES_AMONG = 10


def place(r: RankedEntry) -> str:
    """``#2``, or ``#=2`` for a tied rank."""
    return f"#{'=' if r.tied else ''}{format_number(r.rank)}"


def points(x: float) -> str:
    return f"{format_number(x)} point{'' if x == 1 else 's'}"


def _group(ranked: Sequence[RankedEntry], start: int) -> list[RankedEntry]:
    """The entries from ``start`` that share its rank (a tie), at least that one."""
    first = ranked[start]
    group = [first]
    for r in ranked[start + 1 :]:
        if not (first.tied and r.rank == first.rank):
            break
        group.append(r)
    return group


def _names(group: Sequence[RankedEntry]) -> str:
    names = [r.entry.city for r in group[:3]]
    if len(group) > 3:
        return f"{', '.join(names)} and {len(group) - 3} more"
    return _join(names)


def headline(ranking: Ranking, previous: Ranking | None = None) -> str:
    """One sentence of news: "Beijing leads Shenzhen by 8.62 points"; with an edition before,
    "Beijing overtook Shenzhen to rank #1" when the leader changed."""
    ranked = ranking.ranked
    if not ranked:
        return f"No city has a score in {where(ranking)}."
    if len(ranked) == 1:
        return f"{ranked[0].entry.city} is the only city ranked in {where(ranking)}."
    leaders = _group(ranked, 0)
    if len(leaders) > 1:
        score = format_number(leaders[0].entry.score or 0)
        if len(leaders) == len(ranked):
            return f"All {len(ranked)} cities share #1, with {score}."
        return f"{_names(leaders)} share #1, with {score}."
    leader = leaders[0]
    runners = _group(ranked, 1)
    gap = abs(score_difference(leader.entry, runners[0].entry))
    lead = f"leads {_names(runners)} by {points(gap)}"
    if gap == 0:  # ordinal ties: ahead on the tie rule alone
        lead = f"is #1 on the tie rule, level with {_names(runners)}"
    city = leader.entry.city
    if previous is None or not previous.ranked:
        return f"{city} {lead}."
    before = Matcher(previous).find(leader.entry)
    was = _group(previous.ranked, 0)
    if before is None:
        return f"{city} enters at #1 and {lead}."
    if any(r is before for r in was):
        return f"{city} {lead}, #1 in {previous.year} too."
    if gap and [r.entry.key for r in was] == [r.entry.key for r in runners]:  # "leads it"
        return f"{city} overtook {_names(was)} to rank #1 and leads {_them(was)} by {points(gap)}."
    return f"{city} overtook {_names(was)} to rank #1 and {lead}."


def _them(group: Sequence[RankedEntry]) -> str:
    return "it" if len(group) == 1 else "them"


def movers_story(current: Ranking, previous: Ranking, named: int = NAMED) -> tuple[str, ...]:
    """Who moved between ``previous`` and ``current``, as sentences: a summary, the biggest
    risers and fallers, the cities new and gone, and the overtakes among the top ten."""
    y1, y2 = previous.year, current.year
    moves = movements(current, previous)
    moved = [(r, moves[id(r.entry)]) for r in current.ranked if id(r.entry) in moves]
    new, gone = entrants(current, previous), exits(current, previous)
    up = sum(1 for _, m in moved if m.rank_change > 0)
    down = sum(1 for _, m in moved if m.rank_change < 0)
    told = [
        f"{y1} → {y2}: {_count(up, 'city')} moved up, {down} down and "
        f"{len(moved) - up - down} kept their rank; {len(new)} new, {len(gone)} no longer ranked."
    ]
    risers = sorted(
        (p for p in moved if p[1].rank_change > 0),
        key=lambda p: (-p[1].rank_change, -p[1].score_change, p[0].rank),
    )
    fallers = sorted(
        (p for p in moved if p[1].rank_change < 0),
        key=lambda p: (p[1].rank_change, p[1].score_change, p[0].rank),
    )
    told += [_moved(now, move, "rose") for now, move in risers[:named]]
    told += [_moved(now, move, "fell") for now, move in fallers[:named]]
    if new:
        told.append(f"New in {y2}: {_listed(new, named)}.")
    if gone:
        told.append(f"Ranked in {y1}, not in {y2}: {_listed(gone, named)}.")
    top = list(top_rows(current.ranked, OVERTAKES_AMONG))
    among = Ranking(top, (), current.ties, current.lower_is_better, y2, current.table)
    for o in overtakes(among, previous):
        told.append(
            f"{o.city.entry.city} overtook {o.other.entry.city}: "
            f"{place(o.city_before)} in {y1} → {place(o.city)} in {y2}."
        )
    return tuple(told)


def _moved(now: RankedEntry, move: Move, verb: str) -> str:
    n = abs(move.rank_change)
    places = f"{format_number(n)} place{'' if n == 1 else 's'}"
    change = move.score_change
    score = f"{'+' if change > 0 else ''}{format_number(change)}"
    return (
        f"{now.entry.city} {verb} {places}, from {place(move.previous)} to {place(now)} "
        f"(score {score})."
    )


def _listed(group: Sequence[RankedEntry], named: int) -> str:
    shown = [f"{r.entry.city} ({place(r)})" for r in group[:named]]
    if len(group) > named:
        return f"{', '.join(shown)} and {len(group) - named} more"
    return _join(shown)
