"""The cityrank command line: ``run`` is the entry point (``cityrank.cli.main:run``).

``app`` is the typer app. It is imported when first used (PEP 562), so that
the entry point can answer a shell's completion question before typer is
imported (``cli/quick.py``). Importing ``cli.commands`` registers every
command; a command's module is imported, and its click command made, only
when it runs or --help lists it (see cli/commands/__init__.py and cli/group.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cityrank.cli.group import app

__all__ = ["app"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from cityrank.cli import commands  # noqa: F401  (importing it registers the commands)
        from cityrank.cli.group import app

        globals()["app"] = app
        return app
    raise AttributeError(f"module 'cityrank.cli' has no attribute {name!r}")
