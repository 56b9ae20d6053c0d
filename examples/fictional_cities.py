"""Write a FICTIONAL score file for demos: made-up cities and scores, seeded, with ties.

Nothing here is real data. Usage:

    python examples/fictional_cities.py --rows 200 --years 2019,2020 > fictional.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys

SYLLABLES = [
    "ba",
    "lo",
    "ren",
    "sha",
    "qi",
    "mu",
    "tor",
    "vel",
    "an",
    "dri",
    "ko",
    "zé",
    "ñu",
    "ha",
]
SUFFIXES = ["ton", "burg", "ville", " City", "polis", "stad", "新城", "港"]


def names(count: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        name = stem.capitalize() + rng.choice(SUFFIXES)
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--years", default="2020")
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cities = names(args.rows, rng)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["city", "score", "year", "firms", "patents"])
    base = {c: rng.gauss(60, 15) for c in cities}
    for year in args.years.split(","):
        for city in cities:
            # One decimal and a narrow spread: many tied scores.
            score = min(100.0, max(0.0, round(base[city] + rng.gauss(0, 4), 1)))
            base[city] = score
            writer.writerow([city, score, year, rng.randint(0, 500), rng.randint(0, 2000)])


if __name__ == "__main__":
    main()
