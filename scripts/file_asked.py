"""Writes knowledge/asked.yaml: the in-scope questions of the development Q&A splits, each
filed under the first section its answer may cite, in its language.

The search reads them with each section's title, tags and own questions. Only development
splits are read: the test split (qa/blind.yaml) must stay unseen, and a test checks that none
of its questions is in the file.

    .venv/bin/python scripts/file_asked.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answer_eval import load_questions  # noqa: E402
from bot.knowledge.base import ASKED_FILE, KNOWLEDGE_DIR, LANGS  # noqa: E402

QA_DIR = KNOWLEDGE_DIR / "eval" / "qa"
# dev7 and dev8 are left out: filed, they let the sections they name pull a comparison's
# answer to one side (see knowledge/eval/README.md); dev9 is kept fresh.
FILED = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")
HEADER = """\
# Questions people asked, filed under the section that answers them, in their language.
# Never shown to anyone: the search reads them with each section's title, tags and questions.
# Written by scripts/file_asked.py from the development Q&A splits (knowledge/eval/qa/dev*.yaml)
# only; regenerate rather than edit.
"""


def main() -> int:
    filed: dict[str, dict[str, list[str]]] = {}
    for path in (QA_DIR / f"{name}.yaml" for name in FILED):
        for item in load_questions(path):
            if item.in_scope and item.sources:
                by_lang = filed.setdefault(item.sources[0], {lang: [] for lang in LANGS})
                if item.question not in by_lang[item.lang]:
                    by_lang[item.lang].append(item.question)
    ordered = {sid: {k: v for k, v in filed[sid].items() if v} for sid in sorted(filed)}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)
    (KNOWLEDGE_DIR / ASKED_FILE).write_text(HEADER + body, encoding="utf-8")
    count = sum(len(v) for d in ordered.values() for v in d.values())
    print(f"filed {count} questions under {len(ordered)} sections")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
