"""``cityrank report``'s page in headless Chromium, as a reader opens it: from a file, no
network, then sorting, searching and following a city to its card.

Needs Debian's ``chromium`` (``.ci/run`` installs it) and Playwright for Python, driven
with ``executable_path`` (never ``playwright install``); without them every test here
is skipped, saying which is missing. One browser serves the module. Screenshots go to
pytest's temporary folder, for a look after a run; none is committed. Every file but the
bundled sample is fictional.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cityrank.cli import app

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "no chromium on PATH: the report's browser tests need Debian's chromium "
        "(apt-get install -y chromium; .ci/run does it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)

SAMPLE_CITIES = ["Beijing", "Shenzhen", "Shanghai"]
# Fictional cities: accents in NFC and NFD, an alias, names that are HTML.
NAMES = (
    "city,score,year,aliases\n"
    "S\u00e3o Paulo,91.5,2020,Sampa\n"
    "Zu\u0308rich,88,2020,\n"
    '"<script>alert(1)</script>",87.25,2020,\n'
    '"<img src=x onerror=alert(2)>",86,2020,\n'
    "Lakeside,100,2020,\n"
    "Hilltop,9.5,2020,\n"
)


def report(path: Path, *args: str) -> Path:
    """``cityrank report ARGS -o path``, in-process."""
    result = CliRunner().invoke(app, ["report", *args, "-o", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def fictional_editions(path: Path, cities: int = 1000, years: int = 3) -> Path:
    """``cities`` made-up cities over ``years`` editions, with two indicator columns."""
    rng = random.Random(18)
    lines = ["city,year,score,rd,industry"]
    base = [rng.uniform(20, 90) for _ in range(cities)]
    for y in range(years):
        for i, b in enumerate(base):
            score = round(b + rng.gauss(0, 4), 2)
            rd, industry = rng.randint(1, 50), rng.randint(1, 9)
            lines.append(f"Town {i:04d},{2018 + y},{score},{rd},{industry}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report")
    names = folder / "names.csv"
    names.write_text(NAMES, encoding="utf-8")
    big = fictional_editions(folder / "towns.csv")
    return {
        "sample": report(folder / "sample.html"),
        "names": report(folder / "names.html", str(names)),
        "big": report(folder / "big.html", str(big), "--weights", "rd=0.7,industry=0.3"),
    }


class Opened:
    """A page opened from a file, with everything it asked the network for and logged."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []  # that would have left the machine, had they not been cut
        self.refused: list[str] = []  # that the page's policy stopped before they were made
        self.problems: list[str] = []
        self.dialogs: list[str] = []


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Opened]]:
    contexts: list[Any] = []

    def opened(path: Path, fragment: str = "", **options: Any) -> Opened:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        seen = Opened(page)

        def route(r: Any) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                seen.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on(
            "requestfailed",
            lambda r: r.failure == "csp" and seen.refused.append(r.url),
        )
        page.on(
            "console", lambda m: m.type in ("error", "warning") and seen.problems.append(m.text)
        )
        page.on("pageerror", lambda error: seen.problems.append(str(error)))
        page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri() + fragment, wait_until="load")
        return seen

    yield opened
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def names_page(browser: Any, pages: dict[str, Path]) -> Iterator[Any]:
    """The page of names, opened once for the searches, which leave it as they found it."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(pages["names"].as_uri(), wait_until="load")
    yield page
    context.close()


def visible_cities(page: Any) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        "#Ranking tbody tr:not([hidden]) th", "cells => cells.map(c => c.textContent)"
    )


def column(page: Any, n: int) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[no-any-return]
        "#Ranking tbody tr", f"rows => rows.map(r => r.cells[{n}].textContent)"
    )


@pytest.mark.parametrize("name", ["sample", "names", "big"])
def test_a_page_loads_from_its_file_alone_without_an_error(
    open_page: Callable[..., Opened], pages: dict[str, Path], name: str
) -> None:
    seen = open_page(pages[name])
    assert seen.requests == [] and seen.refused == []
    assert seen.problems == [] and seen.dialogs == []
    assert seen.page.locator("#Search").is_visible()


def test_the_page_s_policy_refuses_a_request_even_from_a_script_added_later(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    seen = open_page(pages["sample"])
    seen.page.evaluate(
        """() => { const img = document.createElement("img");
                   img.src = "https://example.invalid/pixel.png"; document.body.append(img);
                   fetch("https://example.invalid/data.json").catch(() => {}); }"""
    )

    def refused() -> list[str]:
        return [p for p in seen.problems if "violates the following Content Security Policy" in p]

    # 200 ms for a request that the policy let through to show; the refusals, which the
    # browser reports when it gets to them, are then waited for (up to 5 s more), so that
    # a busy machine cannot end the test before they come.
    seen.page.wait_for_timeout(200)
    for _ in range(100):
        if seen.refused and len(refused()) >= 2:
            break
        seen.page.wait_for_timeout(50)
    assert seen.requests == []
    assert seen.refused == ["https://example.invalid/pixel.png"]  # fetch is refused unrequested
    assert len(refused()) == 2, seen.problems


def test_a_header_sorts_numbers_as_numbers_and_says_so(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["names"]).page
    score = page.locator("#Table thead th").nth(2)
    assert score.inner_text().strip() == "Score"
    assert page.locator("#Table thead th").first.get_attribute("aria-sort") == "ascending"
    assert score.get_attribute("aria-sort") == "none"
    score.locator("button").click()
    assert score.get_attribute("aria-sort") == "ascending"
    assert column(page, 2) == ["9.5", "86", "87.25", "88", "91.5", "100"]
    score.locator("button").click()
    assert score.get_attribute("aria-sort") == "descending"
    assert column(page, 2) == ["100", "91.5", "88", "87.25", "86", "9.5"]
    assert page.locator("#Table thead th").first.get_attribute("aria-sort") == "none"


def test_sorting_reaches_every_chunk_of_a_big_table(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["big"]).page
    rank = page.locator("#Table thead th").first
    rank.locator("button").click()  # ranked best first: ascending already, so now descending
    ranks = [float(r.lstrip("=")) for r in column(page, 0)]
    assert len(ranks) == 1000 and ranks == sorted(ranks, reverse=True)
    page.locator("#Table thead th").nth(1).locator("button").click()
    cities = column(page, 1)
    assert cities == sorted(cities) and cities[0] == "Town 0000"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("SAO-PAULO", ["S\u00e3o Paulo"]),
        ("sa\u0303o paulo", ["S\u00e3o Paulo"]),  # typed in NFD
        ("sampa", ["S\u00e3o Paulo"]),  # an alias
        ("z\u00fcrich", ["Zu\u0308rich"]),  # NFC typed, NFD in the data
        ("zurich", ["Zu\u0308rich"]),
        ("<script>", ["<script>alert(1)</script>"]),
        ("hill", ["Hilltop"]),
        ("nowhere", []),
    ],
)
def test_the_search_box_finds_cities_as_the_command_line_does(
    names_page: Any, typed: str, found: list[str]
) -> None:
    page = names_page
    page.fill("#Search", typed)
    assert visible_cities(page) == found
    assert page.inner_text("#Status") == f"{len(found)} of 6 rows"
    page.fill("#Search", "")
    assert len(visible_cities(page)) == 6


def test_a_search_in_a_big_table_shows_matches_from_every_chunk(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["big"]).page
    page.fill("#Search", "town 09")
    shown = visible_cities(page)
    assert sorted(shown) == [f"Town 09{i:02d}" for i in range(100)]
    assert page.locator(".chunk:not([hidden])").count() == 0  # all of them fit the first chunk


def test_a_city_link_opens_its_card(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["sample"]).page
    card = page.locator("section.card#shenzhen")
    assert not card.is_visible()
    # A click changes the address; the page's script then shows the card, at its own
    # pace: expect() waits for what a reader would see (up to 5 s), is_visible() does not.
    page.get_by_role("link", name="Shenzhen", exact=True).first.click()
    assert page.url.endswith("#shenzhen")
    sync_api.expect(card).to_be_visible()
    said = card.inner_text()
    for line in ("Rank\n2", "Of\n3", "Gap to Beijing\n8.62", "Lead over Shanghai\n3.2"):
        assert line in said
    card.get_by_role("link", name="Beijing").click()
    sync_api.expect(page.locator("section.card#beijing")).to_be_visible()
    sync_api.expect(card).to_be_hidden()


@pytest.mark.parametrize(
    ("fragment", "card"),
    [
        ("#s%C3%A3o-paulo", "sao-paulo"),
        ("#SAO%20PAULO", "sao-paulo"),
        ("#Sampa", "sao-paulo"),  # an alias
        ("#Z%C3%BCr", "zurich"),  # the start of one city's name
        ("#hil", "hilltop"),
    ],
)
def test_any_spelling_of_a_name_in_the_address_opens_its_card(
    open_page: Callable[..., Opened], pages: dict[str, Path], fragment: str, card: str
) -> None:
    page = open_page(pages["names"], fragment).page
    assert page.url.endswith(f"#{card}")
    assert page.locator(f"section.card#{card}").is_visible()


def test_a_name_that_starts_several_cities_opens_none(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["big"], "#town%2000").page  # Town 0000 … Town 0099
    assert page.url.endswith("#town%2000")
    assert page.locator("section.card:visible").count() == 0


def test_hostile_names_stay_text(open_page: Callable[..., Opened], pages: dict[str, Path]) -> None:
    seen = open_page(pages["names"])
    assert seen.dialogs == [] and seen.problems == []
    page = seen.page
    assert page.locator("script:not([type='application/json'])").count() == 1
    assert page.locator("img").count() == 0
    assert "<img src=x onerror=alert(2)>" in visible_cities(page)


def test_without_javascript_the_table_is_complete_and_in_rank_order(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["big"], java_script_enabled=False).page
    ranks = [float(r.lstrip("=")) for r in column(page, 0)]
    assert len(ranks) == 1000 and ranks == sorted(ranks)
    assert not page.locator("#Search").is_visible()


def test_a_phone_sees_the_page_without_sideways_scrolling(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["sample"], viewport={"width": 360, "height": 740}).page
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0  # the table scrolls inside its own box


def test_the_charts_are_there_and_say_their_numbers(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["big"]).page
    charts = page.locator("#Charts svg")
    assert charts.count() == 3  # scores, ranks over time, composite parts
    labels = charts.first.locator("text.v").all_text_contents()
    assert len(labels) >= 20 and labels == column(page, 2)[: len(labels)]  # and ties at the cut


def test_screenshots_of_the_sample_and_a_big_page(
    open_page: Callable[..., Opened], pages: dict[str, Path], tmp_path: Path
) -> None:
    for name in ("sample", "big"):
        page = open_page(pages[name], viewport={"width": 1000, "height": 800}).page
        shot = tmp_path / f"{name}.png"
        page.screenshot(path=str(shot), full_page=name == "sample")
        assert shot.stat().st_size > 10_000
    if os.environ.get("CITYRANK_SCREENSHOTS"):  # a folder to keep them in, for a look
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, os.environ["CITYRANK_SCREENSHOTS"])


def test_ten_thousand_cities_load_without_errors_each_with_its_card(
    open_page: Callable[..., Opened], tmp_path: Path
) -> None:
    """Two editions and a composite: the table's every column and the cards' every table.

    How long the page takes to load is measured by ``bench/report_load.py``, not here."""
    data = fictional_editions(tmp_path / "towns.csv", cities=10_000, years=2)
    path = report(tmp_path / "big.html", str(data), "--weights", "rd=0.7,industry=0.3")
    assert path.stat().st_size < 5_000_000
    seen = open_page(path)
    page = seen.page
    assert seen.problems == []
    links = page.locator("#Ranking tbody tr th a")
    assert links.count() == 10_000  # every row's city opens its card
    last = links.last
    city, anchor = last.text_content(), last.get_attribute("href")
    page.goto(path.as_uri() + anchor)
    card = page.locator(f"section.card{anchor}")
    sync_api.expect(card).to_be_visible()  # drawn by the page's script once the hash changes
    assert card.locator("h3").inner_text().startswith(f"{city} · ")
    assert "Rank\n10,000" in card.inner_text() or "Of\n10,000" in card.inner_text()


def test_a_card_in_the_browser_says_what_show_says(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    shown = CliRunner().invoke(app, ["show", "shanghai", "-f", "table"]).stdout
    card = open_page(pages["sample"], "#shanghai").page.locator("section.card#shanghai")
    said = card.inner_text()
    for label, value in (("Rank", "3"), ("Gap to Shenzhen", "3.2"), ("z-score", "-1")):
        assert f"{label}\n{value}" in said
        assert any(line.split() == [*label.split(), value] for line in shown.splitlines())
    assert "Other columns" in said and "Guangdong" not in said and "Shanghai" in said


def test_without_javascript_a_city_s_address_lands_on_its_row(
    open_page: Callable[..., Opened], pages: dict[str, Path]
) -> None:
    page = open_page(pages["big"], "#town-0500", java_script_enabled=False).page
    row = page.locator("tr:target")
    assert row.count() == 1 and row.locator("th").inner_text() == "Town 0500"
    assert not page.locator("#Cities").is_visible()
