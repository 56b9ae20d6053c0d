"""``python -m cityrank``."""

from cityrank.cli.main import main

main(prog_name="cityrank")
