"""Peer: rank a score CSV with pandas (read_csv, rank(method="min"), to_csv).

    python pandas_rank.py FILE             ranked CSV, a leading ``rank`` column
    python pandas_rank.py FILE --top 20    the best 20 (and ties at the cut) as text

Only empty cells are missing values (keep_default_na=False), so a city
called "None" or "NA" stays a name. With a ``year`` column, only the latest
year is ranked, as cityrank does.
"""

import sys

import pandas as pd


def main(argv):
    df = pd.read_csv(argv[1], keep_default_na=False, na_values=[""])
    if "year" in df.columns:
        df = df[df["year"] == df["year"].max()]
    df.insert(0, "rank", df["score"].rank(method="min", ascending=False).astype("int64"))
    df = df.sort_values("score", ascending=False, kind="stable")
    if len(argv) > 3 and argv[2] == "--top":
        top = int(argv[3])
        cut = df["rank"].iloc[min(top, len(df)) - 1]
        print(df[df["rank"] <= cut].to_string(index=False))
        return
    df.to_csv(sys.stdout, index=False)


if __name__ == "__main__":
    main(sys.argv)
