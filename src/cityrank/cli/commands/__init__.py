"""One module per command; importing this package registers them all.

Registering only records how to make each click command (see
``cityrank.cli.app._MAKERS``); none is made until it runs or --help lists it.
The imports below are in the order --help lists the commands. typer reads a
command's annotations when it is made, so a command module imports the names
they use (``Common``, ``Report`` …) at run time, not under TYPE_CHECKING.
"""

# isort: off
from cityrank.cli.commands import listing
from cityrank.cli.commands import compare
from cityrank.cli.commands import show
from cityrank.cli.commands import validate
from cityrank.cli.commands import history
from cityrank.cli.commands import movers
from cityrank.cli.commands import chart
from cityrank.cli.commands import stats
from cityrank.cli.commands import robustness
# isort: on

__all__ = [
    "listing",
    "compare",
    "show",
    "validate",
    "history",
    "movers",
    "chart",
    "stats",
    "robustness",
]
