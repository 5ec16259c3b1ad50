"""Labelled scenarios run through the consultation pipeline, with the figures they give."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.state import Usage
from bot.evaluation import load_scenarios, question_split, run_all
from bot.knowledge.hitk import QUERIES_FILE, evaluate
from bot.services import Services
from bot.settings import Settings


async def run_eval_scenarios(
    settings: Settings, path: Path, as_json: bool, simulate: bool = False
) -> int:
    scenarios = load_scenarios(path)
    async with await Services.start(settings) as services:
        report = await run_all(services.local, scenarios, simulate)
        await services.again(lambda: services.store.forget_user(report.user))
    if as_json:
        print(json.dumps(report.model_dump(exclude={"user"}), ensure_ascii=False))
        return 0
    print(f"{'scenario':<36} {'expected':<26} {'got':<26} {'q':>2}")
    for r in report.results:
        mark = "" if r.got == r.expected else "  ✗"
        print(f"{r.id:<36} {r.expected:<26} {r.got or '-':<26} {r.questions:>2}{mark}")
    hits = evaluate(services.kb, QUERIES_FILE) if QUERIES_FILE.exists() else None
    print(
        f"\naccuracy {report.accuracy:.3f} ({report.correct}/{report.total}), "
        f"avg questions {report.avg_questions:.2f}"
    )
    split = question_split(report.results)
    print(
        "avg questions by first message (informative: it states 2+ facts): "
        + ", ".join(f"{k} {avg:.2f} over {n}" for k, (n, avg) in split.items())
    )
    if hits:
        print(
            f"retrieval: hit@1 {hits.hit_at_1:.3f}, hit@3 {hits.hit_at_3:.3f} "
            f"on {hits.total} labelled queries"
        )
    total = Usage()
    for r in report.results:
        total = total.plus(r.usage)
    n = max(1, report.total)
    if total.calls:
        read_share = total.cache_read_tokens / max(
            1, total.input_tokens + total.cache_read_tokens + total.cache_write_tokens
        )
        print(
            f"language model per consultation: {total.calls / n:.2f} calls, "
            f"{(total.input_tokens + total.cache_read_tokens + total.cache_write_tokens) / n:,.0f}"
            f" input tokens ({read_share:.0%} cache reads), {total.output_tokens / n:,.0f} "
            f"output tokens, ${total.cost_usd / n:.5f}"
        )
    else:
        print("language model: offline (no model calls, no cost)")
    return 0
