"""LLM cost per consultation on the scenario set: the optimized Claude adapter against the naive
baseline (whole thread and whole knowledge base in every call, no prompt caching).

Both run through the real consultation service and the real ``anthropic`` SDK against the local
mock Messages API (testkit/mock_anthropic.py), so the token counts are the mock's approximation
(4 ASCII or 1.5 other characters per token) and the replies are not a model's: messages are read
by the mock's own plain keyword reader, so "decision accuracy" measures that reader, and how
often the early-phrased question is used depends on how often it agrees with the product's
local guess (``--disagreement`` makes a share of its readings differ on purpose). The prices are
the configured ones (``EXPLAINER_LLM_PRICES``, else the defaults in bot/settings.py). The prompt
cache lives for the whole run, as it would on a bot serving consultations back to back.

    .venv/bin/python -m bench.cost [--scenarios PATH] [--out report.json]
        [--disagreement RATE] [--seed N]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bench.naive import NaiveClaudeLanguageModel
from bot.core.replies import NoticeReply
from bot.core.service import ConsultationService
from bot.core.state import Consultation, Place, Status, Turn, TurnKind, Usage
from bot.evaluation import SCENARIOS_FILE, Scenario, load_scenarios
from bot.knowledge.base import KnowledgeBase
from bot.llm.claude.adapter import ClaudeLanguageModel
from bot.llm.claude.client import ClaudeConfig, claude_client
from bot.llm.fallback import FallbackLanguageModel
from bot.llm.offline import OfflineLanguageModel
from bot.settings import Settings
from testkit.fakes import MemoryStore
from testkit.mock_anthropic import API_KEY, MockAnthropic

MODES = ("optimized", "naive")


@dataclass
class Tally:
    """What the consultations of one design added up to."""

    usage: Usage = field(default_factory=Usage)
    correct: int = 0
    fallbacks: int = 0
    guesses: Counter[str] = field(default_factory=Counter)

    def per_consultation(self, n: int) -> dict[str, Any]:
        total = self.usage
        prompt = total.input_tokens + total.cache_write_tokens + total.cache_read_tokens
        return {
            "consultations": n,
            "accuracy": round(self.correct / n, 4) if n else 0.0,
            "fallbacks": self.fallbacks,
            "calls": round(total.calls / n, 2),
            "input_tokens": round(prompt / n, 1),
            "uncached_input_tokens": round(total.input_tokens / n, 1),
            "cache_write_tokens": round(total.cache_write_tokens / n, 1),
            "cache_read_tokens": round(total.cache_read_tokens / n, 1),
            "output_tokens": round(total.output_tokens / n, 1),
            "cache_read_share": round(total.cache_read_tokens / prompt, 4) if prompt else 0.0,
            "cost_usd": round(total.cost_usd / n, 6),
            "guesses_used": self.guesses["hit"],
            "guesses_wasted": self.guesses["miss"],
        }


async def run_scenario(service: ConsultationService, s: Scenario, tally: Tally) -> None:
    """One consultation: every message, then ``decide_now`` if it has not decided yet."""
    c: Consultation = await service.open(Place(surface="eval", thread_ts=s.id), "cost", s.lang)
    turns = [Turn(op_id=str(i), kind=TurnKind.TEXT, text=t) for i, t in enumerate(s.turns)]
    for turn in turns:
        result = await service.handle(c, turn)
        c = result.consultation
        if result.speculation:
            tally.guesses[result.speculation] += 1
        tally.fallbacks += sum(
            isinstance(r, NoticeReply) and r.key == "llm_fallback" for r in result.replies
        )
    if c.status is not Status.DECIDED:
        c = (await service.handle(c, Turn(op_id="d", kind=TurnKind.DECIDE_NOW))).consultation
    tally.correct += c.outcome is not None and c.outcome == s.expect.recommendation
    tally.usage = tally.usage.plus(c.usage)


async def run_mode(
    mock: MockAnthropic,
    settings: Settings,
    kb: KnowledgeBase,
    scenarios: list[Scenario],
    naive: bool,
    seed: int,
) -> dict[str, Any]:
    mock.reset_cache()
    # Both designs see the same readings: extraction calls come in the same order in each.
    mock.default_brain.reseed(seed)
    local = OfflineLanguageModel()
    design = NaiveClaudeLanguageModel if naive else ClaudeLanguageModel
    claude = design(claude_client(settings), kb, local, ClaudeConfig.from_settings(settings))
    lm = FallbackLanguageModel(claude, local)
    ids = itertools.count()
    # As in production: the offline layer guesses each message so the next question is phrased
    # while the model reads it (a wrong guess costs a wasted call, counted here).
    service = ConsultationService(
        MemoryStore(),
        lm,
        kb,
        clock=lambda: 1.0,
        new_id=lambda: f"c{next(ids)}",
        predictor=None if naive else local,
    )
    tally = Tally()
    try:
        for s in scenarios:
            if isinstance(claude, NaiveClaudeLanguageModel):
                claude.new_thread()
            await run_scenario(service, s, tally)
    finally:
        await lm.aclose()
    return tally.per_consultation(len(scenarios))


ROWS = (
    ("LLM calls", "calls", "{:,.2f}"),
    ("input tokens (all)", "input_tokens", "{:,.0f}"),
    ("  uncached", "uncached_input_tokens", "{:,.0f}"),
    ("  cache writes", "cache_write_tokens", "{:,.0f}"),
    ("  cache reads", "cache_read_tokens", "{:,.0f}"),
    ("output tokens", "output_tokens", "{:,.0f}"),
    ("cache-read share", "cache_read_share", "{:.1%}"),
    ("est. cost (USD)", "cost_usd", "{:.5f}"),
    ("decision accuracy", "accuracy", "{:.3f}"),
    ("fallbacks (total)", "fallbacks", "{:d}"),
    ("phrased early: used", "guesses_used", "{:d}"),
    ("phrased early: wasted", "guesses_wasted", "{:d}"),
)


def table(report: dict[str, Any]) -> str:
    lines = [f"{'per consultation':<22}{'optimized':>14}{'naive':>14}", "-" * 50]
    for label, key, fmt in ROWS:
        cells = "".join(f"{fmt.format(report[m][key]):>14}" for m in MODES)
        lines.append(f"{label:<22}{cells}")
    lines.append("-" * 50)
    lines.append(
        f"{report['consultations']} consultations; optimized costs "
        f"{report['cost_ratio']:.1%} of naive (fast {report['models']['fast']}, "
        f"smart {report['models']['smart']})"
    )
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m bench.cost", description=__doc__.splitlines()[0] if __doc__ else None
    )
    ap.add_argument("--scenarios", type=Path, default=SCENARIOS_FILE)
    ap.add_argument("--out", type=Path, default=None, help="also write the JSON report here")
    ap.add_argument(
        "--disagreement",
        type=float,
        default=0.0,
        help="share (0.0-1.0) of the mock reader's readings made to differ (default 0.0)",
    )
    ap.add_argument("--seed", type=int, default=0, help="seed for --disagreement (default 0)")
    args = ap.parse_args(argv)
    if not 0.0 <= args.disagreement <= 1.0:
        ap.error("--disagreement is a share between 0.0 and 1.0")
    return args


def mock_settings(mock: MockAnthropic) -> Settings:
    """The configured settings, on the Anthropic path against the mock."""
    return Settings().model_copy(
        update={
            "anthropic_api_key": SecretStr(API_KEY),
            "anthropic_base_url": mock.url,
            "llm": "anthropic",
        }
    )


async def compare(args: argparse.Namespace) -> dict[str, Any]:
    """Both designs over the scenarios, against one mock (one prompt cache)."""
    scenarios = load_scenarios(args.scenarios)
    kb = KnowledgeBase.load()
    async with MockAnthropic(disagreement=args.disagreement, seed=args.seed) as mock:
        settings = mock_settings(mock)
        report: dict[str, Any] = {
            "consultations": len(scenarios),
            "models": {"fast": settings.llm_fast_model, "smart": settings.llm_smart_model},
            "prices_usd_per_mtok": settings.llm_prices,
            "token_counts": "approximate (mock: 4 ASCII or 1.5 other characters per token)",
            "mock_reader": {
                "reader": "independent",
                "disagreement": args.disagreement,
                "seed": args.seed,
            },
        }
        for mode in MODES:
            report[mode] = await run_mode(
                mock, settings, kb, scenarios, naive=mode == "naive", seed=args.seed
            )
    naive_cost = report["naive"]["cost_usd"]
    report["cost_ratio"] = (
        round(report["optimized"]["cost_usd"] / naive_cost, 4) if naive_cost else 0
    )
    return report


async def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = await compare(args)
    print(table(report))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
