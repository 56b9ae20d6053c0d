"""Peer: rank a score CSV with the standard library only (csv + sorted).

    python stdlib_rank.py FILE             ranked CSV, a leading ``rank`` column
    python stdlib_rank.py FILE --top 20    the best 20 (and ties at the cut) as a text table

Competition ranks ("1224"), highest score first, ties in input order. When the
file has a ``year`` column, only the latest year is ranked, as cityrank does.
"""

import csv
import sys
import unicodedata


def load(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    if "year" in header:
        y = header.index("year")
        latest = max(int(row[y]) for row in rows)
        rows = [row for row in rows if int(row[y]) == latest]
    return header, rows


def ranked(header, rows):
    s = header.index("score")
    rows = sorted(rows, key=lambda row: float(row[s]), reverse=True)  # stable
    out = []
    rank, previous = 0, None
    for position, row in enumerate(rows, start=1):
        score = float(row[s])
        if score != previous:
            rank, previous = position, score
        out.append([rank, *row])
    return out


def width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(header, rows):
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(width(row[i]) for row in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        print(
            "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv):
    header, rows = load(argv[1])
    out = ranked(header, rows)
    if len(argv) > 3 and argv[2] == "--top":
        top = int(argv[3])
        cut = out[top - 1][0] if len(out) >= top else None
        print_table(["rank", *header], [r for r in out if cut is None or r[0] <= cut])
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["rank", *header])
    writer.writerows(out)


if __name__ == "__main__":
    main(sys.argv)
