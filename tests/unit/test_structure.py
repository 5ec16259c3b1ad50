"""Guards against growth: small modules in bot/, and the package no longer leans on the tests."""

from __future__ import annotations

import ast
from pathlib import Path

from testkit.paths import ROOT

MAX_MODULE_LINES = 400


def _python(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_no_module_of_bot_is_over_the_limit() -> None:
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text("utf-8").splitlines())
        for p in _python("bot")
    }
    assert len(sizes) > 50
    over = {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES}
    assert over == {}, f"split these by concern (limit {MAX_MODULE_LINES} lines): {over}"


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_product_kit_and_benchmark_never_import_the_tests() -> None:
    offenders = {
        p.relative_to(ROOT).as_posix()
        for folder in ("bot", "testkit", "bench", "scripts")
        for p in _python(folder)
        if "tests" in _imported_roots(p)
    }
    assert offenders == set()


def test_the_product_never_imports_the_test_kit_or_the_benchmark() -> None:
    offenders = {
        p.relative_to(ROOT).as_posix()
        for p in _python("bot")
        if _imported_roots(p) & {"testkit", "bench", "tests"}
    }
    assert offenders == set()


def test_no_test_module_imports_another() -> None:
    """Every test file stands alone: shared helpers live in testkit/."""
    offenders = {
        p.relative_to(ROOT).as_posix()
        for p in _python("tests")
        for node in ast.walk(ast.parse(p.read_text("utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests")
    }
    assert offenders == set()
