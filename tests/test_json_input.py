"""JSON and JSON Lines input (issue 16): arrays of flat objects and one object per line, written
by the json module from the same made-up data as a CSV file, rank alike under every command;
cityrank's own -f json / -f jsonl output reads back as its -f csv output does; JSON that is
not rows is one line on stderr naming the place."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run, invoke
from same_data import COMMANDS, HEADER, ROWS, csv_text, outputs, run, stdin_outputs


def objects() -> list[dict[str, object]]:
    return [dict(zip(HEADER, row, strict=True)) for row in ROWS]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("json")
    (folder / "editions.csv").write_text(csv_text(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def csv_outputs(folder: Path) -> list[tuple[int, str, str]]:
    return outputs(folder / "editions.csv")


WRITERS: dict[str, Callable[[list[dict[str, object]]], str]] = {
    "json": lambda rows: json.dumps(rows, indent=2, ensure_ascii=False),
    "compact.json": lambda rows: json.dumps(rows),
    "jsonl": lambda rows: "".join(json.dumps(row) + "\n" for row in rows),
}


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_every_command_ranks_json_as_its_csv(
    suffix: str, tmp_path: Path, csv_outputs: list[tuple[int, str, str]]
) -> None:
    path = tmp_path / f"editions.{suffix}"
    path.write_text(WRITERS[suffix](objects()), encoding="utf-8")
    assert _lines_dropped(outputs(path)) == _lines_dropped(csv_outputs)
    assert _lines_dropped(stdin_outputs(path.read_bytes())) == _lines_dropped(csv_outputs)


def _lines_dropped(found: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Outputs with line numbers left out: a JSON array's object starts on another line than
    its CSV row (the look-alike warning names lines)."""

    def drop(text: str) -> str:
        text = re.sub(r"FILE:\d+(:\d+)?", "FILE", text)
        text = re.sub(r"\bline \d+", "line N", text)
        return re.sub(r"^FILE,\d*,", "FILE,N,", text, flags=re.MULTILINE)

    return [(code, drop(out), drop(err)) for code, out, err in found]


#: Commands whose -f json is a list of flat rows (show's is a document with nested parts).
LISTS = [args for args in COMMANDS if args[0] != "show"]


@pytest.mark.parametrize("args", LISTS, ids=[" ".join(a) for a in LISTS])
def test_a_commands_json_output_reads_back_as_its_csv_output(args: list[str], folder: Path) -> None:
    written = {}
    for fmt in ("csv", "json", "jsonl"):
        made = invoke([*args, "-f", fmt, "-d", str(folder / "editions.csv")])
        assert made.exit_code == 0, made.stderr
        path = folder / f"{'-'.join(args)}.{fmt}"
        path.write_text(made.stdout, encoding="utf-8")
        written[fmt] = path
    again = {
        fmt: _lines_dropped([run(["list", "--all-columns"], str(path), str(path))])
        for fmt, path in written.items()
    }
    assert again["json"] == again["csv"]
    assert again["jsonl"] == again["csv"]


def test_list_json_output_ranks_as_the_list_it_came_from(cityrank: Run, tmp_path: Path) -> None:
    shown = cityrank("list", "-f", "csv")
    for fmt in ("json", "jsonl"):
        path = tmp_path / f"sample.{fmt}"
        path.write_text(cityrank("list", "-f", fmt).stdout, encoding="utf-8")
        again = cityrank("list", str(path), "-f", "csv")
        assert again.exit_code == 0, again.stderr
        assert again.stdout == shown.stdout


def test_a_nested_value_is_an_error_naming_its_key(cityrank: Run, tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text('[\n  {"city": "Lima", "score": 1},\n  {"city": "Quito", "score": {"v": 2}}\n]')
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f'cityrank: error: {path}:3: key "score" holds an object, not one value — cityrank '
        "reads an array of flat objects ([{...}, {...}]) or one object per line (JSON Lines): "
        "flatten it first (e.g. with jq) or leave it out\n"
    )
    shown = tmp_path / "show.json"
    shown.write_text(cityrank("show", "beijing", "-f", "json").stdout, encoding="utf-8")
    document = cityrank("list", str(shown))
    assert document.stderr.startswith(f'cityrank: error: {shown}:1: key "tied_with" holds an array')


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '{"rows": 3',
            ":1: is not valid JSON: Expecting ',' delimiter (column 11) — fix it, "
            "or export the data again",
        ),
        (
            '[{"city": "Lima", "score": 1},\n',
            ":2: is not valid JSON: the array is never closed "
            "(is the file cut short?) — export the data again",
        ),
        (
            '[["city", "score"], ["Lima", 1]]',
            ":1: item 1 is an array, not an object — cityrank "
            "reads an array of flat objects ([{...}, {...}]) or one object per line (JSON Lines)",
        ),
        (
            "[]",
            ": holds no objects — cityrank reads an array of flat objects ([{...}, {...}]) "
            "or one object per line (JSON Lines), one object for each city",
        ),
        (
            '[{"city": "Lima", "score": 1}] x',
            ":1: has more after the array's closing ] — remove it",
        ),
        (
            '{"city": "Lima", "city": "Quito", "score": 1}',
            ':1: key "city" is given twice in one object — keep one',
        ),
        (
            "city,score\nLima,1\n",
            ": is not JSON of rows — cityrank reads an array of flat "
            "objects ([{...}, {...}]) or one object per line (JSON Lines)",
        ),
    ],
    ids=["syntax", "cut-short", "arrays", "empty", "trailing", "repeated-key", "csv-named-json"],
)
def test_json_that_is_not_rows_is_one_error(
    cityrank: Run, tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == f"cityrank: error: {path}{said}\n"


def test_json_keeps_the_text_of_its_numbers_and_reads_null_as_empty(
    cityrank: Run, tmp_path: Path
) -> None:
    path = tmp_path / "scores.jsonl"
    path.write_text(
        '{"city": "Lima", "score": 1.10}\n\n{"city": "Quito", "score": 1.05}\n'
        '{"city": "Cusco", "score": null}\n',
        encoding="utf-8",
    )
    done = cityrank("list", str(path), "-f", "csv")
    assert done.exit_code == 0
    assert [row.split(",")[2:6] for row in done.stdout.splitlines()[1:]] == [
        ["Lima", "1.1", "0", ""],
        ["Quito", "1.05", "0.05", "0.05"],
        ["Cusco", "", "", ""],
    ]
    assert "1 row has no score" in done.stderr


def test_json_on_standard_input_is_told_by_its_first_character(
    cityrank: Run,
) -> None:
    done = cityrank("list", "-", "-f", "csv", input='  [{"city": "Lima", "score": 2}]')
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1] == "1,false,Lima,2,0,,100,100"
