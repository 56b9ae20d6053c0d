"""``cityrank stats``: the score distribution of each edition."""

from cityrank.cli.arguments import Files
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.views.base import Report
from cityrank.views.stats import stats_view


@command
def stats(files: Files = None, *, common: Common) -> Report:
    """Summarise the score distribution: spread, quartiles, gaps at the top, concentration.

    One row per edition for machines (count, ranked, unranked, min, max, mean,
    median, stdev (sample), q1, q3, iqr, gap_1_2, gap_1_median, top3_share in %).
    Example: cityrank stats scores.csv -f json
    """
    table = common.load(files, keep_extra=False)
    editions = [common.rank(table)] if common.year else common.rank_editions(table)
    return stats_view(editions)
