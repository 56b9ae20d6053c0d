"""The cityrank command line: ``app`` is the entry point (``cityrank.cli:app``).

Importing ``cli.commands`` registers every command; a command's module is
imported, and its click command made, only when it runs or --help lists it
(see cli/commands/__init__.py and cli/app.py).
"""

from cityrank.cli import commands  # noqa: F401  (importing it registers the commands)
from cityrank.cli.app import app

__all__ = ["app"]
