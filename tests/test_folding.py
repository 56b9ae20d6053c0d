"""Letters that Unicode does not decompose (ł ø đ ħ ı æ œ ß þ ð ŧ) fold to their Latin spelling."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityrank.core.lookup import city_key, find_city, keys_of
from cityrank.model import Entry
from conftest import Run

#: Each letter the key folds, capital and small, and how it is written in plain Latin.
SPELT = {
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
    "Ħ": "H", "ħ": "h", "ı": "i", "Ŧ": "T", "ŧ": "t", "Æ": "AE", "æ": "ae",
    "Œ": "OE", "œ": "oe", "ß": "ss", "ẞ": "SS", "Þ": "TH", "þ": "th",
}  # fmt: skip

# Fictional scores; the names are real places spelt with letters that do not decompose.
PLACES = """city,score
Łódź,9
Ørsta,8
Trøndelag,7
Diyarbakır,6
Đakovo,5
Ħamrun,4
Þórshöfn,3
Ærøskøbing,2
Cœuvres,1
Straße,0
"""


@pytest.mark.parametrize(
    ("query", "city"),
    [
        ("lodz", "Łódź"),
        ("LODZ", "Łódź"),
        ("orsta", "Ørsta"),
        ("trondelag", "Trøndelag"),
        ("diyarbakir", "Diyarbakır"),
        ("dakovo", "Đakovo"),
        ("hamrun", "Ħamrun"),
        ("thorshofn", "Þórshöfn"),
        ("aeroskobing", "Ærøskøbing"),
        ("coeuvres", "Cœuvres"),
        ("strasse", "Straße"),
    ],
)
def test_show_finds_the_city_by_its_plain_latin_spelling(
    cityrank: Run, write: Callable[[str, str], Path], query: str, city: str
) -> None:
    path = write("places.csv", PLACES)
    result = cityrank("show", query, "-d", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert f"\n{city}," in result.stdout


def test_a_folded_spelling_in_the_same_file_is_a_duplicate(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    """The key decides "same city" once, for lookup and for duplicates alike."""
    path = write("twice.csv", "city,score\nŁódź,2\nLodz,1\n")
    result = cityrank("list", str(path), "-f", "csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f'cityrank: error: {path}:3: duplicate city "Lodz": same as line 2 ("Łódź") — '
        "keep one row per city and year, or choose one with --on-duplicate first|last|max|min\n"
    )


def test_editions_match_a_city_across_spellings(
    cityrank: Run, write: Callable[[str, str], Path]
) -> None:
    path = write(
        "editions.csv", "city,year,score\nTromsø,2019,2\nOslo,2019,1\nTromso,2020,1\nOslo,2020,2\n"
    )
    result = cityrank("history", "tromso", "-d", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(",")[1:3] for line in lines[1:]] == [["2019", "1"], ["2020", "2"]]


NAME = st.lists(
    st.sampled_from(sorted(SPELT)) | st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCXYZ-éüñ"),
    min_size=1,
    max_size=12,
).map("".join)


def plain(name: str) -> str:
    return "".join(SPELT.get(letter, letter) for letter in name)


@settings(max_examples=300, deadline=None)
@given(name=NAME)
def test_a_name_and_its_plain_spelling_share_a_key(name: str) -> None:
    assert city_key(name) == city_key(plain(name))
    assert keys_of([name, plain(name), "北京"]) == [city_key(name), city_key(plain(name)), "北京"]
    assert city_key(name).isascii()


@settings(max_examples=200, deadline=None)
@given(name=NAME.filter(lambda n: len(city_key(n)) >= 1))
def test_the_plain_spelling_finds_the_city(name: str) -> None:
    cities = [
        Entry(name, city_key(name), 2.0, 0, None, 2, "made-up.csv"),
        Entry("北京", "北京", 1.0, 0, None, 3, "made-up.csv"),
    ]
    assert find_city(cities, plain(name), "made-up.csv").city == name
