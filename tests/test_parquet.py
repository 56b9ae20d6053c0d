"""Parquet input (issue 16): a file written by pyarrow from the same made-up data as a CSV file
ranks alike under every command, from a file or standard input; without pyarrow it is one
line on stderr naming the install."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import Run
from same_data import HEADER, ROWS, csv_text, outputs, stdin_outputs


def parquet(path: Path, table: pa.Table) -> Path:
    pq.write_table(table, path)
    return path


def editions() -> pa.Table:
    columns = {name: [row[i] for row in ROWS] for i, name in enumerate(HEADER)}
    types = {"year": pa.int64(), "score": pa.float64(), "rd": pa.int32(), "industry": pa.int8()}
    return pa.table({name: pa.array(values, types.get(name)) for name, values in columns.items()})


def test_every_command_ranks_parquet_as_its_csv(tmp_path: Path) -> None:
    plain = tmp_path / "editions.csv"
    plain.write_text(csv_text(), encoding="utf-8")
    path = parquet(tmp_path / "editions.parquet", editions())
    assert outputs(path) == outputs(plain)
    assert stdin_outputs(path.read_bytes()) == stdin_outputs(plain.read_bytes())


def test_values_are_written_as_a_csv_export_holds_them(cityrank: Run, tmp_path: Path) -> None:
    table = pa.table(
        {
            "city": pa.array(["Alpha", "Bravo", "Charlie"]).dictionary_encode(),
            "score": pa.array([99.82, 91.2, 88.0], pa.float32()),
            "share": pa.array([1.5, None, 2.0]),
            "member": pa.array([True, False, None]),
        }
    )
    path = parquet(tmp_path / "typed.parquet", table)
    done = cityrank("list", str(path), "--all-columns", "-f", "csv")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "rank,tied,city,score,gap_to_leader,gap_to_above,percentile,share_of_leader,share,member",
        "1,false,Alpha,99.82,0,,100,100,1.5,true",
        "2,false,Bravo,91.2,8.62,8.62,50,91.36,,false",
        "3,false,Charlie,88,11.82,3.2,0,88.16,2,",
    ]


def test_errors_number_rows_as_the_csv_export_would(cityrank: Run, tmp_path: Path) -> None:
    path = parquet(tmp_path / "bad.parquet", pa.table({"city": ["Lima", ""], "score": [1, 2]}))
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f'cityrank: error: {path}:3:1: empty city name in column "city" — fill it in or '
        "delete the row\n"
    )


def test_a_nested_column_is_an_error_naming_it(cityrank: Run, tmp_path: Path) -> None:
    table = pa.table({"city": ["Lima"], "score": [1], "parts": [[1, 2]]})
    path = parquet(tmp_path / "nested.parquet", table)
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f'cityrank: error: {path}: column "parts" holds list<element: int64> values, not one '
        "value per cell — flatten it first, or leave it out\n"
    )


def test_a_damaged_parquet_file_is_one_error(cityrank: Run, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    pq.write_table(pa.table({"city": ["Lima"], "score": [1]}), buffer)
    path = tmp_path / "cut.parquet"
    path.write_bytes(buffer.getvalue()[:-20])
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr.startswith(f"cityrank: error: {path}: cannot be read as Parquet (")
    assert done.stderr.count("\n") == 1


def test_without_pyarrow_parquet_names_the_install(
    cityrank: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = parquet(tmp_path / "scores.parquet", pa.table({"city": ["Lima"], "score": [1]}))
    for module in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, module, None)  # import fails, as when missing
    done = cityrank("list", str(path))
    assert done.exit_code == 1
    assert done.stderr == (
        f"cityrank: error: {path}: is a Parquet file, and reading one needs pyarrow — "
        "pip install 'cityrank[fast]', or export the table as CSV\n"
    )
