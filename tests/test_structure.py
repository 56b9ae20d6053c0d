"""The house rules of ``src/`` (issue 12), checked on every run rather than by a reviewer's eye:
modules of at most 400 lines, no long function without a reason, no handler that swallows every
error, and no import circle among cityrank's modules."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "cityrank"
MODULES = sorted(SOURCE.rglob("*.py"))
#: The most lines a module may have, and a function without a comment saying why it is longer.
MODULE_LINES = 400
FUNCTION_LINES = 60


def _name(path: Path) -> str:
    return str(path.relative_to(SOURCE.parent))


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def test_the_rules_see_the_modules() -> None:
    # A moved source tree would make every rule below pass on nothing.
    assert len(MODULES) > 100
    assert SOURCE / "cli" / "main.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_a_module_has_at_most_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MODULE_LINES, f"{_name(path)}: {lines} lines — split it by concern"


def _reason_above(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a comment stands on the line above the function (above its decorators)."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return first >= 2 and lines[first - 2].strip().startswith("#")


def test_a_long_function_says_why_it_is_long() -> None:
    long = []
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in _functions(ast.parse(text)):
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            if size > FUNCTION_LINES and not _reason_above(lines, node):
                long.append(f"{_name(path)}:{node.lineno} {node.name} ({size} lines)")
    assert not long, "split these, or say above each why it is long: " + "; ".join(long)


def _swallows(handler: ast.ExceptHandler) -> bool:
    """Whether ``handler`` catches every error (bare, ``Exception`` or ``BaseException``)
    and does not raise again."""
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    broad = caught is None or any(
        isinstance(n, ast.Name) and n.id in ("Exception", "BaseException") for n in names
    )
    raises = any(isinstance(n, ast.Raise) for n in ast.walk(handler))
    return broad and not raises


def test_no_handler_swallows_every_error() -> None:
    # An unexpected error is a bug: it keeps its traceback. Cleaning up and raising again
    # is fine.
    found = [
        f"{_name(path)}:{node.lineno}"
        for path in MODULES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ExceptHandler) and _swallows(node)
    ]
    assert not found, f"handlers that swallow every error: {', '.join(found)}"


def test_the_swallowing_check_tells_the_cases_apart() -> None:
    def handler(source: str) -> ast.ExceptHandler:
        found = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ExceptHandler))
        assert isinstance(found, ast.ExceptHandler)
        return found

    assert _swallows(handler("try:\n    x()\nexcept Exception:\n    pass\n"))
    assert _swallows(handler("try:\n    x()\nexcept:\n    y()\n"))
    assert _swallows(handler("try:\n    x()\nexcept (ValueError, BaseException):\n    pass\n"))
    assert not _swallows(handler("try:\n    x()\nexcept BaseException:\n    y()\n    raise\n"))
    assert not _swallows(handler("try:\n    x()\nexcept ValueError:\n    pass\n"))


def _cycle(imports: dict[str, set[str]]) -> list[str] | None:
    """One circle of ``imports`` (module → the modules it imports), or ``None``."""
    done: set[str] = set()
    for start in sorted(imports):
        if start in done:
            continue
        path, on_path = [start], {start}
        stack = [(start, iter(sorted(imports[start])))]
        while stack:
            module, following = stack[-1]
            step = next(following, None)
            if step is None:
                stack.pop()
                path.pop()
                on_path.discard(module)
                done.add(module)
            elif step in on_path:
                return [*path[path.index(step) :], step]
            elif step not in done:
                stack.append((step, iter(sorted(imports.get(step, ())))))
                path.append(step)
                on_path.add(step)
    return None


def test_the_circle_finder_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_circle_among_the_modules() -> None:
    # Every import counts, also one inside a function: a circle there is still a circle
    # in the design (only imports for type checkers are left out).
    graph = grimp.build_graph("cityrank", exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if m == "cityrank" or m.startswith("cityrank.")}
    imports = {
        m: {i for i in graph.find_modules_directly_imported_by(m) if i in modules} for m in modules
    }
    assert _cycle(imports) is None, f"import circle: {' → '.join(_cycle(imports) or [])}"
