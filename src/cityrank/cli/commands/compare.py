"""``cityrank compare``: cities side by side."""

from cityrank.cli.arguments import Cities
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.editions import Matcher
from cityrank.core.groups import part_of
from cityrank.core.standing import Population
from cityrank.model import RankedEntry
from cityrank.views.base import Report, resolve_cities
from cityrank.views.compare import compare_view
from cityrank.views.grouped import grouped_compare


@command
def compare(cities: Cities, *, common: Common) -> Report:
    """Compare cities side by side: ranks, scores, gaps, who leads where.

    The first city is the reference for gaps. With --by, ranks, percentiles and ranks
    per edition are within each city's group, with its overall rank beside.
    Example: cityrank compare beijing shenzhen
    """
    table = common.load()
    ranking = common.rank(table)
    # Ranks per edition are shown only for several editions: one is not ranked twice.
    several = len(table.years) > 1
    editions = common.rank_editions(table) if several else []
    if common.by is None:
        return compare_view(ranking, cities, editions)
    # --by: each city ranked in its group, in the edition shown and in every edition.
    entries = resolve_cities(ranking, cities)
    population = Population(ranking)
    groups: list[str] = []
    within: list[RankedEntry | None] = []
    tracks: dict[str, list[RankedEntry | None]] = {str(e.year): [] for e in editions}
    for entry in entries:
        group, part = part_of(table, common.by, entry)
        groups.append(group)
        within.append(Matcher(common.rank(part, ranking.year)).find(entry))
        ranked = {e.year: e for e in common.rank_editions(part)} if several else {}
        for year, track in tracks.items():
            track.append(Matcher(ranked[year]).find(entry) if year in ranked else None)
    report = compare_view(ranking, cities, editions, population, within, tracks)
    overall = [population.ranked(e) for e in entries]
    return grouped_compare(report, common.by, groups, overall)
