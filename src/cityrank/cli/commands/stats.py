"""``cityrank stats``: the score distribution of each edition."""

from cityrank.cli.arguments import Files
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.core.groups import split_edition
from cityrank.model import Ranking, Table
from cityrank.views.base import Report
from cityrank.views.grouped import grouped_blocks
from cityrank.views.stats import stats_view


@command
def stats(files: Files = None, *, common: Common) -> Report:
    """Summarise the score distribution: spread, quartiles, gaps at the top, concentration.

    One row per edition for machines (count, ranked, unranked, min, max, mean,
    median, stdev (sample), q1, q3, iqr, gap_1_2, gap_1_median, top3_share in %);
    with --by, one block per group, the group column first.
    Example: cityrank stats scores.csv -f json
    """
    table = common.load(files, keep_extra=False)
    if common.by is None:
        return stats_view(_editions(common, table))
    groups = split_edition(table, common.by, common.year)
    parts = [(group, stats_view(_editions(common, part))) for group, part in groups]
    title = "Statistics" + (f" · {common.year}" if common.year else "") + f" · by {common.by}"
    caption = parts[0][1].data.caption if parts else ""  # the edition's, as in every group
    return grouped_blocks(common.by, parts, title, caption, f"each {common.by} on its own")


def _editions(common: Common, table: Table) -> list[Ranking]:
    """The edition of --year ranked, else every edition."""
    return [common.rank(table)] if common.year else common.rank_editions(table)
