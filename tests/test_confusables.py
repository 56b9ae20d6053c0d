"""The look-alike warning, from the Unicode TR39 confusables table rather than a hand list."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityrank.core.lookalike import confusables, skeletons
from cityrank.core.lookup import city_key
from conftest import Run


def warnings_for(cityrank: Run, write: Callable[[str, str], Path], *names: str) -> list[str]:
    """The look-alike warnings of ``list`` on a file of ``names`` (fictional scores)."""
    rows = "".join(f"{name},{len(names) - i}\n" for i, name in enumerate(names))
    path = write("look.csv", "city,score\n" + rows)
    result = cityrank("list", str(path), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == len(names) + 1  # kept apart
    stderr: str = result.stderr
    return [w.replace(str(path), "look.csv") for w in stderr.splitlines() if "look-alike" in w]


@pytest.mark.parametrize(
    ("odd", "plain", "why"),
    [
        ("L\u0585ndon", "London", "Armenian small oh"),
        ("\u03f2airo", "Cairo", "Greek lunate sigma"),
        ("\u13daeoul", "Seoul", "Cherokee letter du"),
        ("P\u0430ris", "Paris", "Cyrillic small a"),
        ("\u0412eijing", "Beijing", "Cyrillic capital ve"),
        ("\u0406stanbul", "Istanbul", "Cyrillic capital i, whose prototype is l, as is I's"),
        ("M\u043en\u0441hengladba\u0441h", "Mönchengladbach", "Cyrillic o and es"),
        ("Hawai\u02bbi", "Hawai'i", "modifier letter turned comma"),
        ("P\u0451nxi", "Pënxi", "Cyrillic yo, decomposed before the table"),
    ],
)
def test_a_look_alike_name_is_warned_about(
    cityrank: Run,
    write: Callable[[str, str], Path],
    odd: str,
    plain: str,
    why: str,
) -> None:
    found = warnings_for(cityrank, write, plain, "Rome", odd)
    assert found == [
        f'cityrank: warning: look.csv: "{odd}" (line 4) and '
        f'"{plain}" (line 2) differ only by look-alike characters — they are kept as two '
        "cities; check whether they are one"
    ], why


@pytest.mark.parametrize(
    "names",
    [
        ("\u0432eijing", "Beijing"),  # a small ve looks like a small capital B, not like b
        ("Москва", "Moskva"),
        ("Milan", "Mi1an"),  # two ASCII names: not this check's business
        ("Αθήνα", "Athina"),
        ("北京", "Beijing"),
    ],
)
def test_names_that_do_not_look_alike_are_not_warned_about(
    cityrank: Run, write: Callable[[str, str], Path], names: tuple[str, ...]
) -> None:
    assert warnings_for(cityrank, write, *names) == []


def test_the_table_names_its_source_and_unicode_version() -> None:
    head = files("cityrank.core").joinpath("confusables.tsv").read_text("utf-8")[:2000]
    assert "confusables.txt" in head
    assert "Unicode 13.0.0" in head
    assert "scripts/make_confusables.py" in head


def test_every_character_holding_a_look_alike_is_a_suspect() -> None:
    """So a name is picked out without being decomposed (rerun the script if this fails)."""
    table = confusables()
    looks = {chr(code) for code in table.latin if code > 0x7F}
    assert looks <= table.suspects
    for code in range(0x30000):  # past the last character with a decomposition
        char = chr(code)
        if not looks.isdisjoint(unicodedata.normalize("NFD", char)):
            assert char in table.suspects, hex(code)
            assert table.may_hold_suspect(f"ab{char}cd"), hex(code)


# Names without suspects: ASCII (the look-alikes I, 1, |, 0, m among them), accented
# Latin, CJK and spaces.
PLAIN = st.text(st.sampled_from("aAiIlL1|0oOmMnrR`'\"%-_ .éÍüßł北京\u00a0\u200b"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(names=st.lists(PLAIN, min_size=1, max_size=5))
def test_a_name_without_suspects_loosens_like_its_key(names: list[str]) -> None:
    """What lets the warning give skeletons only to rows that may match a suspect."""
    table = confusables()
    shapes = skeletons(names)
    assert shapes == [skeletons([name])[0] for name in names]
    for name, shape in zip(names, shapes, strict=True):
        assert table.loosen(shape) == table.loosen(city_key(name))
