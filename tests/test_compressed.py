"""Compressed input (issue 16): gzip, bzip2, xz and zstd files of the same made-up data as a CSV
file rank alike under every command, from a file or standard input, whatever their name;
errors keep the lines inside; a file cut short or damaged is one line on stderr."""

from __future__ import annotations

import bz2
import gzip
import lzma
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from conftest import Run
from same_data import csv_text, outputs, stdin_outputs

COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gz": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "zst": zstandard.ZstdCompressor().compress,
}
TEXT = csv_text().encode()


@pytest.fixture(scope="module")
def csv_outputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, str, str]]:
    path = tmp_path_factory.mktemp("csv") / "editions.csv"
    path.write_bytes(TEXT)
    return outputs(path)


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
def test_every_command_reads_a_compressed_file_as_its_csv(
    suffix: str, tmp_path: Path, csv_outputs: list[tuple[int, str, str]]
) -> None:
    path = tmp_path / f"editions.csv.{suffix}"
    path.write_bytes(COMPRESSORS[suffix](TEXT))
    assert outputs(path) == csv_outputs


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
def test_compressed_standard_input_and_names_are_told_by_the_bytes(
    suffix: str, tmp_path: Path, csv_outputs: list[tuple[int, str, str]]
) -> None:
    data = COMPRESSORS[suffix](TEXT)
    csv_on_stdin = stdin_outputs(TEXT)
    assert stdin_outputs(data) == csv_on_stdin
    misnamed = tmp_path / "editions.csv"  # no suffix says it is compressed
    misnamed.write_bytes(data)
    assert outputs(misnamed) == csv_outputs


def test_gzip_of_several_members_is_read_whole(cityrank: Run, tmp_path: Path) -> None:
    path = tmp_path / "joined.csv.gz"
    path.write_bytes(gzip.compress(b"city,score\nLima,1\n") + gzip.compress(b"Quito,2\n"))
    done = cityrank("list", str(path), "-f", "csv")
    assert [line.split(",")[2] for line in done.stdout.splitlines()[1:]] == ["Quito", "Lima"]


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
def test_errors_keep_the_lines_inside(cityrank: Run, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bad.csv.{suffix}"
    path.write_bytes(COMPRESSORS[suffix](b"city,score\nLima,1\n\nQuito,x\n"))
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f'cityrank: error: {path}:4:2: score "x" in column "score" is not a number — '
        "if it marks a missing value, add --na 'x'\n"
    )


NAMES = {"gz": "gzip", "bz2": "bzip2", "xz": "xz", "zst": "zstd"}


@pytest.mark.parametrize("suffix", list(COMPRESSORS))
def test_a_file_cut_short_is_one_error(cityrank: Run, tmp_path: Path, suffix: str) -> None:
    rows = "".join(f"City {i},{i}\n" for i in range(5000))
    data = COMPRESSORS[suffix](f"city,score\n{rows}".encode())
    path = tmp_path / f"cut.csv.{suffix}"
    path.write_bytes(data[: len(data) * 2 // 3])
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"cityrank: error: {path}: the {NAMES[suffix]} data ends before its end: the file is "
        "cut short — download or copy it again\n"
    )
    piped = cityrank("list", "-", input=path.read_bytes())
    assert piped.stderr == done.stderr.replace(str(path), "<stdin>")


@pytest.mark.parametrize("suffix", ["gz", "bz2", "xz"])
def test_damaged_data_is_one_error(cityrank: Run, tmp_path: Path, suffix: str) -> None:
    data = bytearray(COMPRESSORS[suffix](TEXT * 20))
    for at in range(40, len(data) - 40, 7):  # keep the header, damage the rest
        data[at] ^= 0x55
    path = tmp_path / f"damaged.csv.{suffix}"
    path.write_bytes(bytes(data))
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr.startswith(f"cityrank: error: {path}: is not valid {NAMES[suffix]} data (")
    assert done.stderr.endswith("): the file is damaged — download or copy it again\n")
    assert done.stderr.count("\n") == 1


def test_zstd_without_zstandard_says_what_to_install(
    cityrank: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scores.csv.zst"
    path.write_bytes(COMPRESSORS["zst"](TEXT))
    monkeypatch.setitem(sys.modules, "zstandard", None)  # import fails, as when missing
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}: is zstd-compressed, and reading it needs the zstandard "
        "package — pip install zstandard, or decompress it first (unzstd)\n"
    )


def test_binary_data_inside_is_refused_as_binary(cityrank: Run, tmp_path: Path) -> None:
    path = tmp_path / "zeros.csv.gz"
    path.write_bytes(gzip.compress(b"\x00" * 200_000))
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}:1: has a NUL byte, so it is binary data, not a CSV file — "
        "check that it is the file you meant, or export the data as text\n"
    )


def test_json_inside_gzip_is_json(cityrank: Run, tmp_path: Path) -> None:
    path = tmp_path / "scores.json.gz"
    path.write_bytes(gzip.compress(b'[{"city": "Lima", "score": 1.50}]'))
    done = cityrank("list", str(path), "-f", "csv")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[1] == "1,false,Lima,1.5,0,,100,100"
