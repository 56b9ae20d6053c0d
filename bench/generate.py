"""Write seeded, fictional city-score CSV files for the cityrank benchmark.

Every name and number in these files is invented: the cities do not exist
and the scores measure nothing. The files only look like real score tables
(UTF-8 names in ASCII, accented Latin and CJK scripts, two-decimal scores
with many ties, integer counts and a decimal amount), so that the benchmark
exercises the same code paths a real file would.

Columns: ``city,country,year,score,firms,patents,funding``.

* City names are unique, also under cityrank's folding of case and accents:
  each row gets a distinct number that is spelt as a string of syllables
  (two letters each, or one CJK character each), plus a suffix that starts
  after a space, or a CJK place character. A name is never only digits.
* Scores are ``round(gauss(60, 15) / 0.25) * 0.25`` clipped to 0..100 and
  written with two decimals (``61.25``, ``100.00``): a few hundred distinct
  values, so ties are common even in a 50-row file.
* ``--distinct``: scores written with six decimals (``61.283917``) instead,
  drawn from the same ``gauss(60, 15)`` without the grid and redrawn (not
  clipped) when outside 0..100, so nearly all of them are distinct (at 1M
  rows, about 99 % are).
* ``--years N`` writes N editions of the same cities (``rows`` cities each).
  By default each later edition draws a city's score afresh around its first
  one (``gauss(base, 15)``): the cities are reshuffled, and between two
  editions there are millions of overtakes at 10,000 cities.
* ``--drift SD`` makes editions a random walk instead: each edition's score is
  the previous one plus ``gauss(0, SD)`` (then on the grid, or six decimals,
  and kept within 0..100), so a small SD means few overtakes.

Standard library only. Examples::

    python bench/generate.py --rows 50 --out bench/data/fictional_50.csv
    python bench/generate.py --rows 20000 --years 5 --out bench/data/fictional_5y.csv
    python bench/generate.py --rows 1000000 --distinct --out bench/data/fictional_1m_distinct.csv
    python bench/generate.py --rows 5000 --years 30 --drift 0.25 \\
        --out bench/data/fictional_5000x30.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

FIRST_YEAR = 2020
SCORE_STEP = 0.25

CONSONANTS = "bdfgklmnprstvz"  # 14
VOWELS = "aeiou"  # 5 → 70 syllables
# Accented forms that cityrank's key folds back to the plain vowel, so a
# name's key is the same as its plain spelling and stays unique.
ACCENTED = {
    "a": "áàâäã",
    "e": "éèêë",
    "i": "íìîï",
    "o": "óòôöõ",
    "u": "úùûü",
}
LATIN_SYLLABLES = [c + v for c in CONSONANTS for v in VOWELS]
# 70 CJK characters often seen in place names; none of them is a suffix below.
CJK_SYLLABLES = list(
    "安北昌成大东丰福广海和河华吉嘉江金晋京开康兰临龙隆罗茂梅明南宁平"
    "青庆泉仁瑞山上韶深盛寿顺松台泰天通同威文武西祥新兴阳永云长正中"
    "白丹德汉黄景乐"
)
assert len(set(CJK_SYLLABLES)) == len(LATIN_SYLLABLES) == 70

LATIN_SUFFIXES = ["", " City", " Town", " Port", " Springs", " Falls", " Heights", " Bay"]
ACCENTED_SUFFIXES = ["", " Vila", " Ciudad", " Vale", " Mare", " Alto", " Nova"]
CJK_SUFFIXES = ["市", "城", "镇", "县", "港", "乡"]

COUNTRIES = {
    "ascii": ["Avalonia", "Northmark", "Eastvale", "Westreach", "Sunland"],
    "accented": ["República Verde", "Île-Mare", "Östland", "São Corvo"],
    "cjk": ["东岚国", "北川国", "南屿国"],
}
STYLES = ("ascii", "ascii", "ascii", "accented", "accented", "cjk")


def spell(number: int, syllables: list[str]) -> list[str]:
    """``number`` as syllables: all 2-syllable spellings first, then 3, then 4 …"""
    base = len(syllables)
    length = 2
    while number >= base**length:
        number -= base**length
        length += 1
    digits = []
    for _ in range(length):
        number, digit = divmod(number, base)
        digits.append(syllables[digit])
    return digits[::-1]


def city_name(number: int, style: str, rng: random.Random) -> str:
    """A unique name for ``number`` in ``style``; distinct numbers give distinct folded keys."""
    if style == "cjk":
        return "".join(spell(number, CJK_SYLLABLES)) + rng.choice(CJK_SUFFIXES)
    parts = spell(number, LATIN_SYLLABLES)
    if style == "accented":
        # Accent one or two vowels: the folded key is still the plain spelling.
        for index in rng.sample(range(len(parts)), k=min(2, len(parts))):
            consonant, vowel = parts[index]
            parts[index] = consonant + rng.choice(ACCENTED[vowel])
        suffix = rng.choice(ACCENTED_SUFFIXES)
    else:
        suffix = rng.choice(LATIN_SUFFIXES)
    return "".join(parts).capitalize() + suffix


def draw_score(rng: random.Random, mean: float = 60.0) -> float:
    value = round(rng.gauss(mean, 15.0) / SCORE_STEP) * SCORE_STEP
    return min(100.0, max(0.0, value))


def draw_distinct(rng: random.Random, mean: float = 60.0, sd: float = 15.0) -> float:
    """A six-decimal score from ``gauss(mean, sd)``, redrawn until it is within 0..100."""
    while True:
        value = round(rng.gauss(mean, sd), 6)
        if 0.0 <= value <= 100.0:
            return value


def step(rng: random.Random, score: float, drift: float, distinct: bool) -> float:
    """The next edition's score on a random walk of standard deviation ``drift``."""
    if distinct:
        return draw_distinct(rng, score, drift)
    value = round((score + rng.gauss(0.0, drift)) / SCORE_STEP) * SCORE_STEP
    return min(100.0, max(0.0, value))


def generate(
    rows: int,
    seed: int,
    years: int,
    out: Path,
    distinct: bool = False,
    drift: float | None = None,
) -> int:
    """Write ``rows`` cities × ``years`` editions to ``out``; return the number of data rows."""
    rng = random.Random(seed)
    # Names: ``rows`` distinct numbers among all 2-, 3- and 4-syllable spellings,
    # each spelt in one script. Numbers are drawn, not counted up, so
    # neighbouring rows do not share a prefix.
    space = sum(70**n for n in (2, 3, 4))
    if rows > space:
        raise SystemExit(f"at most {space} cities")
    numbers = rng.sample(range(space), rows)
    cities = []
    for number in numbers:
        style = rng.choice(STYLES)
        cities.append(
            {
                "city": city_name(number, style, rng),
                "country": rng.choice(COUNTRIES[style]),
                "base": draw_distinct(rng) if distinct else draw_score(rng),
                "firms": int(rng.lognormvariate(4.0, 1.2)),
                "patents": int(rng.lognormvariate(5.0, 1.5)),
                "funding": rng.lognormvariate(16.0, 1.3),
            }
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    digits = 6 if distinct else 2
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["city", "country", "year", "score", "firms", "patents", "funding"])
        for offset in range(years):
            year = FIRST_YEAR + offset
            for city in cities:
                if offset == 0:
                    score = city["score"] = city["base"]
                elif drift is not None:
                    score = city["score"] = step(rng, city["score"], drift, distinct)
                elif distinct:
                    score = draw_distinct(rng, city["base"])
                else:
                    score = draw_score(rng, city["base"])
                growth = 1.0 + 0.05 * offset
                writer.writerow(
                    [
                        city["city"],
                        city["country"],
                        year,
                        f"{score:.{digits}f}",
                        int(city["firms"] * growth),
                        int(city["patents"] * growth),
                        f"{city['funding'] * growth:.2f}",
                    ]
                )
                written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, required=True, help="cities per year")
    parser.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    parser.add_argument(
        "--years", type=int, default=1, help=f"editions from {FIRST_YEAR} (default 1)"
    )
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="six-decimal scores, nearly all distinct (default: two decimals on a 0.25 grid)",
    )
    parser.add_argument(
        "--drift",
        type=float,
        metavar="SD",
        help="editions as a random walk: each score moves by gauss(0, SD) from the previous "
        "edition's (default: each edition drawn afresh around the first, a reshuffle)",
    )
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    args = parser.parse_args(argv)
    if args.rows < 1 or args.years < 1:
        parser.error("--rows and --years must be at least 1")
    if args.drift is not None and args.drift <= 0:
        parser.error("--drift must be above 0")
    written = generate(args.rows, args.seed, args.years, args.out, args.distinct, args.drift)
    print(f"{args.out}: {written} rows (fictional, seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
