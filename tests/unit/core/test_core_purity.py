"""bot/core must stay pure: no adapter library may be imported there, directly or lazily."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from testkit.paths import ROOT

CORE = ROOT / "bot" / "core"
FORBIDDEN = ("slack_bolt", "slack_sdk", "redis", "anthropic", "httpx", "httpx2", "aiohttp")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_sources_import_no_adapter_library() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert files, "bot/core has no modules"
    offenders = {str(f.name): sorted(_imports(f) & set(FORBIDDEN)) for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_core_loads_no_adapter_library() -> None:
    code = (
        "import sys, importlib, pkgutil, bot.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('bot.core.' + m.name)\n"
        f"print(sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_checker_detects_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from slack_sdk.models import blocks\nimport redis.asyncio\n")
    assert _imports(bad) & set(FORBIDDEN) == {"slack_sdk", "redis"}
