"""``cityrank list``: the cities ranked, and how they moved since the edition before."""

from cityrank.cli.arguments import AllColumns, CompareTo, Files, Top
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.editions import previous_year
from cityrank.core.groups import empty, split
from cityrank.views.base import Report
from cityrank.views.listing import list_view


@command
def list_(
    files: Files = None,
    top: Top = None,
    all_columns: AllColumns = False,
    compare_to: CompareTo = None,
    *,
    common: Common,
) -> Report:
    """List cities ranked by score, best first.

    With several editions (a year column, or files such as 2019.csv 2020.csv),
    shows the latest and how each city moved since the one before.
    Example: cityrank list --top 10 -f markdown scores.csv
    """
    table = common.load(files, keep_extra=all_columns)
    ranking = common.rank(table)
    before = previous_year(table, ranking.year, compare_to)
    previous = common.rank(table, before) if before is not None else None
    if common.by is None:
        return list_view(ranking, top=top, all_columns=all_columns, previous=previous)
    from cityrank.views.grouped import grouped_list_view  # with --by only: ~10 ms of start-up

    groups = []
    for group, part in split(table, common.by):
        if ranking.year is not None and ranking.year not in part.years:
            continue  # the group is not in the edition shown
        now = common.rank(part, ranking.year)
        then = None
        if before is not None:
            then = common.rank(part, before) if before in part.years else empty(now, before)
        groups.append((group, now, then))
    return grouped_list_view(common.by, groups, ranking, top=top, all_columns=all_columns)
