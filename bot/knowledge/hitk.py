"""Retrieval quality on the labelled query set: hit@1 and hit@3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bot.core.facts import Lang
from bot.knowledge.base import KNOWLEDGE_DIR, KnowledgeBase
from bot.yamlfiles import load_yaml

QUERIES_FILE = KNOWLEDGE_DIR / "eval" / "queries.yaml"


class HitReport(BaseModel):
    total: int
    hit_at_1: float
    hit_at_3: float
    misses: list[dict[str, Any]]


def evaluate(kb: KnowledgeBase, path: Path = QUERIES_FILE) -> HitReport:
    queries = load_yaml(path.read_text(encoding="utf-8"))
    h1 = h3 = 0
    misses: list[dict[str, Any]] = []
    for q in queries:
        lang: Lang | None = q["lang"] if q.get("lang") in ("ko", "en") else None
        got = [p.id for p in kb.search(q["q"], k=3, lang=lang)]
        gold = set(q["gold"])
        h1 += bool(got[:1]) and got[0] in gold
        if gold & set(got):
            h3 += 1
        else:
            misses.append({"q": q["q"], "gold": sorted(gold), "got": got})
    n = len(queries)
    return HitReport(total=n, hit_at_1=round(h1 / n, 3), hit_at_3=round(h3 / n, 3), misses=misses)
