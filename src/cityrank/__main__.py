"""``python -m cityrank``."""

from cityrank.cli.main import run

run(prog_name="cityrank")
