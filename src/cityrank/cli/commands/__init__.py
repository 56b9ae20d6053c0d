"""One module per command; importing this package registers them all.

Registering only records how to make each click command (see
``cityrank.cli.app._MAKERS``); none is made until it runs or --help lists it.
The imports below are in the order --help lists the commands.

typer reads a command's annotations when it makes the command, so command
modules have no ``from __future__ import annotations``: their annotations are
evaluated from bytecode as the function is defined, not compiled from
strings on every run, and the names they use are imported at run time.
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
