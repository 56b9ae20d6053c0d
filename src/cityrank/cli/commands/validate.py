"""``cityrank validate``: every problem in the score files."""

from cityrank.cli.arguments import Files
from cityrank.cli.messages import tell_step
from cityrank.cli.options import Common
from cityrank.cli.run import command
from cityrank.pipeline import check
from cityrank.views.base import Report
from cityrank.views.validate import validate_view


@command
def validate(files: Files = None, *, common: Common) -> Report:
    """Check score files and list every problem, not just the first.

    Prints FILE:LINE:COLUMN, a code and a message for each problem, then a
    summary; exits 1 if there is any error (warnings alone exit 0).
    Example: cityrank validate scores.csv
    """
    sources = common.sources(files)
    spec = common.index_spec()
    options = common.load_options()
    if spec is not None:  # the score is computed: there is no score column to look for
        options = options._replace(no_score=True)
    problems, rows = check(sources, options, spec, tell=tell_step if common.verbose else None)
    return validate_view(problems.errors, problems.warnings, len(sources), rows)
