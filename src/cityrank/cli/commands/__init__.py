"""One module per command; importing this package registers them all, in --help order.

Registering imports no command module: a module is imported, and its click
command made, only when that command runs or --help lists it (see
``cityrank.cli.group._MAKERS``), so ``cityrank list`` loads ``listing`` alone
— nine modules read on every start would cost ~2 ms.

typer reads a command's annotations when it makes the command, so command
modules have no ``from __future__ import annotations``: their annotations are
evaluated from bytecode as the function is defined, not compiled from
strings on every run, and the names they use are imported at run time.
"""

import importlib
from collections.abc import Callable

import click

from cityrank.cli.group import _MAKERS

#: Each command's name and the module here that defines it, in --help order.
MODULES = {
    "list": "listing",
    "compare": "compare",
    "show": "show",
    "validate": "validate",
    "history": "history",
    "movers": "movers",
    "chart": "chart",
    "stats": "stats",
    "robustness": "robustness",
    "report": "report",
}


def _lazy(name: str, module: str) -> Callable[[], click.Command]:
    """A maker that imports ``module``, whose ``@command`` puts the real maker in its place."""

    def make() -> click.Command:
        importlib.import_module(f"{__name__}.{module}")
        if _MAKERS[name] is make:
            raise LookupError(f"{__name__}.{module} defines no command {name!r}")
        return _MAKERS[name]()

    return make


for _name, _module in MODULES.items():
    _MAKERS[_name] = _lazy(_name, _module)
