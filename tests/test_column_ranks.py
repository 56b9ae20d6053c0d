"""``show``'s rank of a city on each of the file's other numeric columns, against a count
made here: every city of the edition takes part (the unranked ones too), highest first,
with the ranking's tie rule; under ``ordinal`` equal values keep the ranking's order.
Made-up data."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cityrank.cli import app

VALUE = st.one_of(st.none(), st.integers(0, 3))
ROWS = st.lists(st.tuples(VALUE, VALUE), min_size=2, max_size=8).filter(
    lambda rows: (
        any(score is not None for score, _ in rows) and any(firms is not None for _, firms in rows)
    )
)
TIES = st.sampled_from(["competition", "modified", "dense", "ordinal", "fractional"])


def expected(rows: list[tuple[int | None, int | None]], city: int, ties: str) -> float | None:
    scores = {i: s for i, (s, _) in enumerate(rows) if s is not None}
    ranked = sorted(scores, key=lambda i: -scores[i])  # equal scores in file order
    everyone = ranked + [i for i, (s, _) in enumerate(rows) if s is None]
    x = rows[city][1]
    if x is None:
        return None
    present = [f for _, f in rows if f is not None]
    ahead, same = sum(v > x for v in present), present.count(x)
    if ties == "competition":
        return ahead + 1
    if ties == "modified":
        return ahead + same
    if ties == "dense":
        return len({v for v in present if v > x}) + 1
    if ties == "fractional":
        return ahead + (same + 1) / 2
    before = everyone[: everyone.index(city)]
    return ahead + 1 + sum(rows[i][1] == x for i in before)


@settings(max_examples=60, deadline=None)
@given(rows=ROWS, ties=TIES, data=st.data())
def test_each_column_rank_is_counted_among_every_city(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[int | None, int | None]],
    ties: str,
    data: st.DataObject,
) -> None:
    city = data.draw(st.sampled_from([i for i, (s, _) in enumerate(rows) if s is not None]))
    lines = ["city,score,firms"] + [
        f"C{i},{'' if s is None else s},{'' if f is None else f}" for i, (s, f) in enumerate(rows)
    ]
    path = tmp_path_factory.mktemp("ranks") / "cities.csv"
    path.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(
        app, ["show", f"C{city}", "-d", str(path), "-f", "json", "--ties", ties]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown.get("firms_rank") == expected(rows, city, ties)
