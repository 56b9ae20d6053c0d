"""``python -m cityrank``."""

from cityrank.cli import app

app(prog_name="cityrank")
