from typer.testing import CliRunner

from cityrank.cli import app


def test_list_csv_default() -> None:
    result = CliRunner().invoke(app, ["list"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("1,false,Beijing,99.82")
