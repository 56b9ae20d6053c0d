"""Glyphs are drawn by render from numbers the views carry; views hold no glyphs. Fictional data."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from cityrank import load
from cityrank.core.editions import rank_editions
from cityrank.render.glyphs import arrow, interval_bar, sparkline, tally_bar
from cityrank.render.people import render_view
from cityrank.views.base import Cell, Column, Interval, Spark, Tally, View
from cityrank.views.editions import history_view
from cityrank.views.listing import list_view
from cityrank.views.movers import movers_view
from cityrank.views.stats import stats_view
from conftest import Write

EDITIONS = (
    "city,score,year\n"
    "Alpha,90,2018\nBravo,80,2018\nCharlie,70,2018\n"
    "Alpha,75,2019\nBravo,85,2019\nCharlie,80,2019\nDelta,60,2019\n"
    "Bravo,88,2020\nCharlie,91,2020\nDelta,65,2020\n"
)
GLYPHS = set("▲▼=█━●·▁▂▃▄▅▆▇")


def test_arrows_say_how_many_places_and_which_way() -> None:
    assert (arrow(3), arrow(-1), arrow(0), arrow(1.5)) == ("▲3", "▼1", "=", "▲1.5")


def test_a_sparkline_draws_rank_best_tallest_and_gaps_as_dots() -> None:
    assert sparkline(Spark((1, None, 3, 2), best=1, worst=3)) == "█·▁▅"
    assert sparkline(Spark((4, 4), best=4, worst=4)) == "██"


def test_an_interval_bar_runs_from_low_to_high_with_the_median_marked() -> None:
    assert interval_bar(Interval(low=1, mid=1, high=2, worst=6)) == "●━━━············"
    assert interval_bar(Interval(low=5, mid=6, high=6, worst=6)) == "············━━━●"
    assert interval_bar(Interval(low=1, mid=1, high=1, worst=1), width=4) == "●···"


def test_a_tally_bar_is_as_long_as_its_share_of_the_fullest_bin() -> None:
    assert tally_bar(Tally(4, 4)) == "█" * 30
    assert tally_bar(Tally(2, 4)) == "█" * 15
    assert tally_bar(Tally(0, 4)) == ""


def _texts(view: View) -> list[str]:
    cells = [v.value if isinstance(v, Cell) else v for row in view.rows for v in row]
    return [c for c in cells if isinstance(c, str)]


def test_views_carry_numbers_not_glyphs(write: Write) -> None:
    rankings = rank_editions(load(write("e.csv", EDITIONS)))
    reports = [
        list_view(rankings[-1], previous=rankings[-2]),
        history_view(rankings, ["alpha", "bravo", "delta"]),
        movers_view(rankings[-1], rankings[-2]),
        stats_view(rankings),
    ]
    for report in reports:
        for view in (report.data, *report.people):
            for text in _texts(view):
                # Words, names and numbers; a lone "=" or "·" would be a glyph.
                assert not (set(text) <= GLYPHS and text), (view.title, text)
                assert not set(text) & (GLYPHS - {"=", "·"}), (view.title, text)
    history = reports[1]
    alpha = next(v for v in history.people if v.title == "Alpha")
    assert [row[2] for row in alpha.rows] == [
        Cell("", "change"),
        Cell(-2, "change"),  # 1st in 2018, 3rd in 2019
        Cell("", "change"),
    ]
    delta = next(v for v in history.people if v.title == "Delta")
    assert [row[2] for row in delta.rows][1] == Cell("new", "change")
    figures = [row[1] for row in history.people[0].rows]
    assert all(isinstance(f, Cell) and isinstance(f.figure, Spark) for f in figures)


def test_changes_are_coloured_by_their_sign(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")  # conftest sets it for every other test
    view = View((Column("change", "Change", "change"),), [(2,), (-1,), (0,), ("new",)])
    out = io.StringIO()
    Console(file=out, force_terminal=True, color_system="standard", width=40).print(
        render_view(view)
    )
    text = out.getvalue()
    assert "\x1b[32m" in text and "▲2" in text  # green
    assert "\x1b[31m" in text and "▼1" in text  # red
    for line in text.splitlines():
        if "=" in line or "new" in line:
            assert "\x1b[3" not in line
