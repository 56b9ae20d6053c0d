"""Peer for start-up: a bare Rich script printing cityrank's top-N table.

    python rich_top.py FILE 20

Reads the CSV with the standard library, ranks it (competition ties, best
first, latest year only) and prints the same columns as
``cityrank list FILE -f table --top 20``: #, City, Score, Gap to #1, Gap to
above, Percentile, % of #1 — with Rich, and nothing else.
"""

import csv
import sys

from rich import box
from rich.console import Console
from rich.table import Table


def main(path, top):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "year" in rows[0]:
        latest = max(int(r["year"]) for r in rows)
        rows = [r for r in rows if int(r["year"]) == latest]
    rows.sort(key=lambda r: float(r["score"]), reverse=True)
    scores = [float(r["score"]) for r in rows]
    n, leader = len(rows), scores[0]
    ranks = []
    for i, s in enumerate(scores):
        ranks.append(ranks[-1] if i and s == scores[i - 1] else i + 1)
    cut = ranks[min(top, n) - 1]
    table = Table(box=box.SIMPLE_HEAD, header_style="bold")
    for label in ("#", "City", "Score", "Gap to #1", "Gap to above", "Percentile", "% of #1"):
        table.add_column(label, justify="left" if label == "City" else "right")
    for i, (r, s, k) in enumerate(zip(rows, scores, ranks, strict=True)):
        if k > cut:
            break
        tied = ranks.count(k) > 1
        below = sum(1 for x in scores if x < s)
        above = next((scores[j] for j in range(i - 1, -1, -1) if scores[j] > s), None)
        table.add_row(
            f"={k}" if tied else str(k),
            r["city"],
            f"{s:g}",
            f"{round(leader - s, 2):g}",
            "—" if above is None else f"{round(above - s, 2):g}",
            f"{round(100 * below / (n - 1), 2):g}" if n > 1 else "100",
            f"{round(100 * s / leader, 2):g} %",
        )
    Console(highlight=False).print(table)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
