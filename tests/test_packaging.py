"""What a packager gets: the licence, honest metadata, the wheel's and sdist's contents, and
`man cityrank` after pip install into a virtual environment."""

from __future__ import annotations

import ast
import email
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: Where each third-party module src/ imports comes from: a runtime dependency or an extra.
DISTRIBUTIONS = {
    "click": "click",
    "typer": "typer",
    "rich": "rich",
    "tabulate": "tabulate",
    "numpy": "robustness",
    "pyarrow": "fast",
    "python_calamine": "excel",
    "zstandard": "zstd",
}


def name_of(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower()


def test_the_licence_is_mit_and_the_metadata_says_so() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 the cityrank developers\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in licence
    project = PROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    # PEP 639: a licence expression, so no licence classifier beside it.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]


def test_the_classifiers_name_the_pythons_from_requires_python_and_typing() -> None:
    project = PROJECT["project"]
    minimum = re.fullmatch(r">=3\.(\d+)", project["requires-python"])
    assert minimum is not None
    lowest = int(minimum.group(1))
    named = [
        int(c.rsplit(".", 1)[1])
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert named[0] == lowest
    assert named == list(range(lowest, lowest + len(named)))
    assert "Typing :: Typed" in project["classifiers"]
    assert (ROOT / "src" / "cityrank" / "py.typed").is_file()


def imported_packages() -> set[str]:
    """The top-level names of every module src/ imports that is neither cityrank's nor the
    standard library's."""
    found: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"cityrank", "__future__"}


def test_every_package_src_imports_is_declared() -> None:
    project = PROJECT["project"]
    runtime = {name_of(r) for r in project["dependencies"]}
    extras = project["optional-dependencies"]
    assert imported_packages() == set(DISTRIBUTIONS)
    for module, source in DISTRIBUTIONS.items():
        if source in extras:
            assert module in {name_of(r).replace("-", "_") for r in extras[source]}, module
        else:
            assert source in runtime, f"src/ imports {module}: declare it in dependencies"


def test_every_runtime_dependency_has_a_lower_bound_and_any_upper_bound_a_reason() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text[text.index("dependencies = [") : text.index("]", text.index("dependencies = ["))]
    lines = block.splitlines()
    for number, line in enumerate(lines):
        if not line.strip().startswith('"'):
            continue
        assert ">=" in line, line
        if "<" in line.replace("<=", ""):
            assert lines[number - 1].strip().startswith("#"), f"say why: {line.strip()}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel and the sdist, built by the project's own build backend."""
    backend = pytest.importorskip("hatchling.build")
    out = tmp_path_factory.mktemp("dist")
    before = Path.cwd()
    os.chdir(ROOT)  # a PEP 517 backend builds the project in the current folder
    try:
        wheel = out / backend.build_wheel(str(out))
        sdist = out / backend.build_sdist(str(out))
    finally:
        os.chdir(before)
    return {"wheel": wheel, "sdist": sdist}


def test_the_wheel_holds_the_licence_the_man_page_the_sample_and_py_typed(
    built: dict[str, Path],
) -> None:
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata = email.message_from_bytes(wheel.read("cityrank-0.1.0.dist-info/METADATA"))
        page = wheel.read("cityrank-0.1.0.data/data/share/man/man1/cityrank.1")
    assert {
        "cityrank/py.typed",
        "cityrank/sample_data.csv",
        "cityrank-0.1.0.dist-info/licenses/LICENSE",
    } <= names
    assert page == (ROOT / "man" / "cityrank.1").read_bytes()
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert "Typing :: Typed" in (metadata.get_all("Classifier") or [])
    requires = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    assert sorted(map(name_of, requires)) == ["click", "rich", "tabulate", "typer"]


def test_the_sdist_holds_what_building_and_testing_need_and_nothing_stray(
    built: dict[str, Path],
) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {
        ".gitignore",  # hatchling always adds it
        "CHANGELOG.md",
        "LICENSE",
        "PKG-INFO",
        "README.md",
        "examples",
        "man",
        "pyproject.toml",
        "sample_data.csv",
        "src",
        "tests",
    }
    assert {"src/cityrank/py.typed", "man/cityrank.1", "tests/conftest.py"} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".coverage"))]


@pytest.mark.skipif(shutil.which("man") is None, reason="needs man")
def test_man_cityrank_works_after_pip_install_into_a_venv(
    built: dict[str, Path], tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    subprocess.run(  # this pip, installing into the new environment (pip 22.3 and up)
        [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install"]
        + ["-q", "--no-deps", "--no-index", "--no-compile", str(built["wheel"])],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    # man finds pages beside the bin/ folders on PATH, as after `. venv/bin/activate`.
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    found = subprocess.run(["man", "-w", "cityrank"], env=env, capture_output=True, text=True)
    assert found.stdout.strip() == str(venv / "share" / "man" / "man1" / "cityrank.1")
    shown = subprocess.run(
        ["man", "-P", "cat", "cityrank"],
        env={**env, "MANWIDTH": "80"},
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr
    assert "cityrank show [OPTIONS] CITY" in re.sub(r".\x08", "", shown.stdout)
    site = next(venv.glob("lib/python3*/site-packages"))
    assert (site / "cityrank-0.1.0.dist-info" / "licenses" / "LICENSE").is_file()
