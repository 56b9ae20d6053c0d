"""Peer: rank a score CSV with polars (read_csv, rank("min", descending=True), write_csv).

    python polars_rank.py FILE             ranked CSV, a leading ``rank`` column
    python polars_rank.py FILE --top 20    the best 20 (and ties at the cut) as polars' table

With a ``year`` column, only the latest year is ranked, as cityrank does.
"""

import sys

import polars as pl


def main(argv):
    df = pl.read_csv(argv[1])
    if "year" in df.columns:
        df = df.filter(pl.col("year") == pl.col("year").max())
    df = (
        df.with_columns(pl.col("score").rank("min", descending=True).alias("rank"))
        .sort("score", descending=True, maintain_order=True)
        .select("rank", pl.exclude("rank"))
    )
    if len(argv) > 3 and argv[2] == "--top":
        top = int(argv[3])
        cut = df["rank"][min(top, df.height) - 1]
        shown = df.filter(pl.col("rank") <= cut)
        with pl.Config(tbl_rows=shown.height, tbl_cols=-1, tbl_width_chars=200, fmt_str_lengths=40):
            print(shown)
        return
    df.write_csv(sys.stdout.buffer)


if __name__ == "__main__":
    main(sys.argv)
