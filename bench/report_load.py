"""How long ``cityrank report``'s page of 10,000 fictional cities takes to load in Chromium.

    python bench/report_load.py [--cities 10000] [--loads 5]

The page (two editions and a composite, as the README describes) is made by
the ``cityrank`` of the repository's ``.venv`` and opened from a file by
Debian's ``chromium`` through Playwright (the test extras), ``--loads`` times
in a fresh page each. It prints each load's end, in ms from the start of its
navigation after layout, their median and whether that is under the 2 s the
README promises. The timing lives here, not in the tests: the browser tests
check what the page shows and leave its speed to this script.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CITYRANK = REPO / ".venv" / "bin" / "cityrank"
TARGET_MS = 2000
#: When the page's load event ended, in ms from the start of its navigation (after layout).
LOAD_END = (
    "() => { document.body.getBoundingClientRect();"
    " return performance.getEntriesByType('navigation')[0].loadEventEnd; }"
)


def fictional_editions(path: Path, cities: int, years: int = 2) -> None:
    """``cities`` made-up towns over ``years`` editions, with two indicator columns."""
    rng = random.Random(18)
    lines = ["city,year,score,rd,industry"]
    base = [rng.uniform(20, 90) for _ in range(cities)]
    for y in range(years):
        for i, b in enumerate(base):
            score = round(b + rng.gauss(0, 4), 2)
            rd, industry = rng.randint(1, 50), rng.randint(1, 9)
            lines.append(f"Town {i:04d},{2018 + y},{score},{rd},{industry}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=10_000)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        print("no chromium on PATH: apt-get install -y chromium", file=sys.stderr)
        return 1
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("no Playwright: pip install -e '.[test]'", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        data, page_path = Path(folder) / "towns.csv", Path(folder) / "report.html"
        fictional_editions(data, args.cities)
        made = [str(CITYRANK), "report", str(data), "--weights", "rd=0.7,industry=0.3"]
        subprocess.run([*made, "-o", str(page_path)], check=True)
        size = page_path.stat().st_size
        times = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            for _ in range(args.loads):
                page = browser.new_page()
                page.goto(page_path.as_uri())
                times.append(float(page.evaluate(LOAD_END)))
                page.close()
            browser.close()
    median = statistics.median(times)
    verdict = "met" if median < TARGET_MS else "missed"
    print(f"report of {args.cities:,} cities × 2 editions, {size / 1e6:.1f} MB")
    print("loads (ms):", ", ".join(f"{t:.0f}" for t in times))
    print(f"median {median:.0f} ms (target under {TARGET_MS} ms: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
