"""The cityrank command line: ``app`` is the entry point (``cityrank.cli:app``).

Importing the commands registers them; none is made into a click command
until it runs (see cli/app.py).
"""

from cityrank.cli import commands  # noqa: F401  (importing it registers the commands)
from cityrank.cli.app import app

__all__ = ["app"]
