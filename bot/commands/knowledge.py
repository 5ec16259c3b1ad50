"""Searching the knowledge base, and answering side questions from it (one or a labelled file)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.base import KnowledgeBase
from bot.services import Language
from bot.settings import Settings


async def run_ask(settings: Settings, question: str, lang: Lang | None, as_json: bool) -> int:
    from bot.answer_eval import ask

    async with Language.build(settings) as language:
        answer = await ask(language.lm, language.kb, question, lang)
    if as_json:
        out = {
            "answer": answer.text,
            "sources": list(answer.citations),
            "abstained": not answer.covered,
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if answer.sentences:
        for s in answer.sentences:
            print(f"{s.text} [{s.source}]")
    else:
        print(answer.text)
        if answer.citations:
            print(f"[{', '.join(answer.citations)}]")
    return 0


async def run_eval_answers(settings: Settings, path: Path, as_json: bool, misses: bool) -> int:
    from bot.answer_eval import QaItem, ask, evaluate, load_questions, render

    items = load_questions(path)  # a file that cannot be read is reported by the command line
    async with Language.build(settings) as language:
        lm, kb = language.lm, language.kb

        async def answer(item: QaItem) -> Answer:
            return await ask(lm, kb, item.question, item.lang)

        rep = await evaluate(items, answer)
    print(rep.model_dump_json(indent=2) if as_json else render(rep, misses))
    return 0


def run_search(args: argparse.Namespace) -> int:
    kb = KnowledgeBase.load()
    hits = kb.search(" ".join(args.query), k=max(1, args.k), lang=args.lang)
    if args.json:
        print(json.dumps([h.model_dump() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("No matching section.")
    for h in hits:
        first = h.text.strip().splitlines()[0] if h.text.strip() else ""
        print(f"{h.score:7.3f}  {h.id} [{h.lang}]  {h.title}\n         {first[:100]}")
    return 0
