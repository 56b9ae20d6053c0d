"""Unit tests of cityrank.core.lookup: the key that decides "same city", and typed names."""

from __future__ import annotations

import unicodedata

import pytest

from cityrank.core.lookup import city_key, find_city, split_aliases
from cityrank.errors import UsageError
from cityrank.model import Entry

SAO_PAULO_NFD = unicodedata.normalize("NFD", "São Paulo")


def entry(city: str, aliases: tuple[str, ...] = (), line: int = 2) -> Entry:
    return Entry(
        city=city,
        key=city_key(city),
        score=1.0,
        decimals=0,
        year=None,
        line=line,
        file="made-up.csv",
        aliases=aliases,
    )


# --- city_key ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "sao-paulo",
        "SAO PAULO",
        "São Paulo",
        SAO_PAULO_NFD,
        "SAO_PAULO",
        "  Sao   Paulo  ",
        "São\u00a0Paulo",
        "sao\u2010paulo",
        "SÃO PAULO",
    ],
)
def test_sao_paulo_spellings_share_a_key(name: str) -> None:
    assert city_key(name) == "sao paulo"


def test_nfd_differs_from_nfc_but_not_in_key() -> None:
    assert SAO_PAULO_NFD != "São Paulo"
    assert city_key(SAO_PAULO_NFD) == city_key("São Paulo")


def test_full_width_letters() -> None:
    assert city_key("ＢＥＩＪＩＮＧ") == "beijing"


def test_case_and_space() -> None:
    assert city_key("  Beijing  ") == "beijing"
    assert city_key("Hong  Kong") == city_key("hong-kong") == "hong kong"


def test_zero_width_space_is_dropped() -> None:
    # Hidden characters (cityrank.text) print as nothing: the key drops them.
    assert city_key("Bei\u200bjing") == city_key("Beijing")


def test_cyrillic_look_alike_does_not_merge() -> None:
    look_alike = "\u0412\u0435ijing"  # Cyrillic capital ve and small ie
    assert look_alike != "Beijing"
    assert city_key(look_alike) != city_key("Beijing")


def test_marks_of_other_scripts_are_kept() -> None:
    # Devanagari vowel signs tell names apart; only Latin/Greek/Cyrillic accents go.
    assert city_key("दिल्ली") != city_key("दलल")


def test_chinese_names_are_their_own_key() -> None:
    assert city_key("北京") == "北京"
    assert city_key("北京") != city_key("南京")


def test_split_aliases() -> None:
    assert split_aliases("北京| Peking ||") == ("北京", "Peking")
    assert split_aliases("") == ()


# --- find_city -----------------------------------------------------------------

CITIES = [
    entry("Beijing", aliases=("北京", "Peking")),
    entry("Shanghai"),
    entry("Shantou"),
    entry("Shenzhen"),
    entry("São Paulo"),
    entry("Jilin"),
    entry("Jilin City"),
]
WHERE = "made-up.csv"


def named(city: str) -> Entry:
    return next(e for e in CITIES if e.city == city)


@pytest.mark.parametrize(
    ("query", "city"),
    [
        ("Beijing", "Beijing"),
        ("beijing", "Beijing"),
        ("  BEIJING ", "Beijing"),
        ("ＢＥＩＪＩＮＧ", "Beijing"),
        ("sao-paulo", "São Paulo"),
        (SAO_PAULO_NFD, "São Paulo"),
        ("Jilin", "Jilin"),  # exact beats being a prefix of "Jilin City"
        ("jilin-city", "Jilin City"),
    ],
)
def test_find_exact(query: str, city: str) -> None:
    assert find_city(CITIES, query, WHERE) is named(city)


@pytest.mark.parametrize("query", ["peking", "PEKING", "北京"])
def test_find_by_alias(query: str) -> None:
    assert find_city(CITIES, query, WHERE) is named("Beijing")


@pytest.mark.parametrize(
    ("query", "city"), [("shen", "Shenzhen"), ("bei", "Beijing"), ("sao", "São Paulo")]
)
def test_find_unique_prefix(query: str, city: str) -> None:
    assert find_city(CITIES, query, WHERE) is named(city)


def test_prefix_needs_three_characters() -> None:
    with pytest.raises(UsageError) as info:
        find_city(CITIES, "be", WHERE)
    assert info.value.code == "unknown-city"


def test_ambiguous_prefix_lists_the_cities() -> None:
    with pytest.raises(UsageError) as info:
        find_city(CITIES, "shan", WHERE)
    assert info.value.code == "ambiguous-city"
    message = str(info.value)
    assert "Shanghai" in message and "Shantou" in message
    assert "Shenzhen" not in message
    assert WHERE in message
    assert info.value.exit_code == 2


def test_shared_alias_is_ambiguous() -> None:
    entries = [entry("Springfield", aliases=("Home",)), entry("Shelbyville", aliases=("home",))]
    with pytest.raises(UsageError) as info:
        find_city(entries, "home", WHERE)
    assert info.value.code == "ambiguous-city"
    assert "Springfield" in str(info.value) and "Shelbyville" in str(info.value)


def test_unknown_city_suggests_close_names() -> None:
    with pytest.raises(UsageError) as info:
        find_city(CITIES, "Bejing", WHERE)
    assert info.value.code == "unknown-city"
    assert 'did you mean "Beijing"' in str(info.value)
    assert info.value.exit_code == 2


def test_unknown_city_without_close_names() -> None:
    with pytest.raises(UsageError) as info:
        find_city(CITIES, "Reykjavik", WHERE)
    assert info.value.code == "unknown-city"
    assert "did you mean" not in str(info.value)
    assert '"Reykjavik"' in str(info.value)


def test_zero_width_query_matches_but_look_alike_does_not() -> None:
    assert find_city(CITIES, "Bei\u200bjing", WHERE).city == "Beijing"
    with pytest.raises(UsageError):
        find_city(CITIES, "\u0412\u0435ijing", WHERE)
