"""What completion read from a file is kept for the next TAB (cli/remember.py), and only
while the file, the options and cityrank stay the same."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityrank.cli import app, remember, suggest
from conftest import kept_entries

CITIES = "city,score,year\nLyon,70,2020\nLille,60,2020\nLyon,71,2021\n"


def complete(*words: str) -> list[str]:
    """What bash is offered after ``cityrank WORDS…`` (typer's script), stderr being empty."""
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_CITYRANK_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join(["cityrank", *words]),
            "COMP_CWORD": str(len(words)),
        },
    )
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout.splitlines()


@pytest.fixture
def cities(write: Callable[[str, str], Path]) -> Path:
    return write("cities.csv", CITIES)


def test_the_next_tab_answers_from_what_the_first_read(
    cities: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert complete("show", "-d", str(cities), "l") == ["Lyon", "Lille"]
    assert complete("list", str(cities), "--year", "") == ["2020", "2021"]
    assert len(kept_entries()) == 2

    def unread(*args: object) -> object:
        raise AssertionError("the file was read again")

    monkeypatch.setattr(suggest, "_names", unread)
    monkeypatch.setattr(suggest, "_editions", unread)
    assert complete("show", "-d", str(cities), "ly") == ["Lyon"]
    assert complete("compare", "-d", str(cities), "lyon", "") == ["Lille"]
    assert complete("movers", str(cities), "--to", "2021") == ["2021"]


def test_a_changed_file_or_other_options_are_read_afresh(cities: Path) -> None:
    assert complete("show", "-d", str(cities), "") == ["Lyon", "Lille"]
    before = cities.stat()
    cities.write_text(CITIES.replace("Lille", "Lorie"), encoding="utf-8")  # the same size
    os.utime(cities, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert complete("show", "-d", str(cities), "") == ["Lyon", "Lorie"]
    # --where keeps other rows: another entry, not the one kept for the whole file.
    assert complete("show", "-d", str(cities), "--where", "year=2021", "") == ["Lyon"]
    assert len(kept_entries()) == 3


def test_a_folder_that_cannot_be_written_only_means_reading_again(
    cities: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    for _ in range(2):
        assert complete("show", "-d", str(cities), "li") == ["Lille"]


def test_a_damaged_entry_is_read_afresh_and_replaced(cities: Path) -> None:
    assert complete("show", "-d", str(cities), "ly") == ["Lyon"]
    (entry,) = kept_entries()
    entry.write_text('{"signature": ', encoding="utf-8")
    assert complete("show", "-d", str(cities), "ly") == ["Lyon"]
    assert entry.read_text(encoding="utf-8").startswith('{"signature":')
    assert len(entry.read_text(encoding="utf-8")) > len('{"signature": ')


def test_the_folder_keeps_only_the_entries_used_last(
    write: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remember, "KEEP", 3)
    paths = [write(f"f{i}.csv", CITIES) for i in range(5)]
    for path in paths:
        assert complete("show", "-d", str(path), "ly") == ["Lyon"]
    assert len(kept_entries()) == 3
