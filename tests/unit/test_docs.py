"""The operator docs stay in step with the code."""

from __future__ import annotations

import re

from bot.settings import env_names
from testkit.paths import ROOT


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


def _tree() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```\nbot/\n")
    return readme[start : readme.index("```", start + 3)]


def test_the_readme_tree_names_every_package_and_module_of_bot() -> None:
    tree = _tree()
    bot = ROOT / "bot"
    packages = sorted(
        p.parent.relative_to(bot).as_posix()
        for p in bot.rglob("__init__.py")
        if p.parent != bot and "rules" not in p.parts
    )
    for package in packages:
        assert f"{package.rsplit('/', 1)[-1]}/" in tree, f"bot/{package}/ is not in the README tree"
    modules = [p.name for p in bot.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    for name in modules:
        assert name in tree, f"bot/{name} is not in the README tree"
    for name in re.findall(r"[\w/]+\.py", tree):
        assert list(bot.rglob(name.rsplit("/", 1)[-1])), f"the README tree names {name}, gone"
