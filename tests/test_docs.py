"""The operator docs stay in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import env_names

ROOT = Path(__file__).resolve().parents[1]


def test_readme_configuration_table_names_exactly_the_settings_variables() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([A-Z_]+)` \|", section, flags=re.MULTILINE)
    assert sorted(documented) == sorted(env_names())
    assert len(documented) == len(set(documented))


def test_readme_quickstart_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
