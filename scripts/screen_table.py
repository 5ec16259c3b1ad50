"""Writes the reader's screen table (bot/llm/reader/rules/screen.json) from the rule files.

Run after editing the rules or the screen; a test fails while the table is out of date.

    .venv/bin/python scripts/screen_table.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.llm.reader import screen_table  # noqa: E402
from bot.llm.reader.rules import compile_rules, load_files  # noqa: E402


def main() -> None:
    patterns = compile_rules(load_files(), screened=False).patterns()
    table = screen_table.build({id(p): p for p in patterns}.values())
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    screen_table.TABLE_PATH.write_text(text + "\n", encoding="utf-8")
    print(f"{screen_table.TABLE_PATH.relative_to(ROOT)}: {len(table['patterns'])} patterns")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
