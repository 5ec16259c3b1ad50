"""Reply latency: from sending a request to the bot's first ``chat.postMessage`` for it reaching
the mock Slack, against a bare Bolt app that acks and posts one message per request.

Measured in the saturated ack run, and in a paced run whose users answer 0.5-1.5 s after each
reply: busy, not saturated, which is where the goal applies."""

from __future__ import annotations

import asyncio
import os
import random
from dataclasses import dataclass
from typing import Any

from bench.config import KINDS, PACED_CONSULTATIONS, THINK_S
from bench.flows import run_consultations
from bench.harness import AckStack, Env
from bench.meter import CpuMeter, explainer_cpu, settle_heap
from bench.stats import summary_ms
from bench.traffic import Recorder, replay


def by_kind(replies: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {k: summary_ms(replies[k]) for k in KINDS}


def every(replies: dict[str, list[float]]) -> list[float]:
    return [x for k in KINDS for x in replies[k]]


def errors_with_bare(ours: Recorder, bare: Recorder) -> dict[str, int]:
    return dict(ours.errors) | {f"bare {k}": v for k, v in bare.errors.items()}


@dataclass
class SaturatedReplies:
    """The saturated run's replies, and the same requests replayed to the bare reply app."""

    explainer: dict[str, list[float]]
    bare: dict[str, list[float]]
    bare_rec: Recorder
    bare_cpu: dict[str, float]

    def summary(self, turns: int) -> dict[str, Any]:
        out: dict[str, Any] = {
            "explainer": by_kind(self.explainer),
            "bare_reply": by_kind(self.bare),
            "bare_reply_acks": {k: summary_ms(self.bare_rec.samples[k]) for k in KINDS},
            "bare_reply_errors": dict(self.bare_rec.errors),
            "bare_reply_cpu_ms_per_request": round(self.bare_cpu["bare_reply"] * 1000 / turns, 3),
        }
        out["all"] = {
            "explainer": summary_ms(every(self.explainer)),
            "bare_reply": summary_ms(every(self.bare)),
        }
        out["ratio_p99"] = round(
            out["all"]["explainer"]["p99"] / out["all"]["bare_reply"]["p99"], 3
        )
        return out


async def saturated_replies(
    env: Env, stack: AckStack, rec: Recorder, meter: CpuMeter
) -> SaturatedReplies:
    """The reply floor: the same requests to a bare app that answers each with one post."""
    print("[1] reply latency: same sequence against bare Bolt that replies ...", flush=True)
    settle_heap()
    r0 = meter.sample()
    reply_rec = await replay(stack.reply, rec.log)
    reply_cpu = CpuMeter.delta(r0, meter.sample())
    return SaturatedReplies(
        env.clock.replies(rec.sent), env.clock.replies(reply_rec.sent), reply_rec, reply_cpu
    )


@dataclass
class PacedRun:
    """The same flows with users who take a moment before each answer, and the bare replay."""

    consultations: int
    completed: int
    rec: Recorder
    cpu: dict[str, float]
    bare_rec: Recorder
    replies: dict[str, list[float]]
    bare_replies: dict[str, list[float]]

    def cpu_figures(self) -> dict[str, float]:
        requests = self.rec.requests()
        cpu = self.cpu
        busy = cpu["other"] + sum(v for k, v in cpu.items() if k != "wall_s")
        return {
            "explainer_cpu_ms_per_request": round(explainer_cpu(cpu) * 1000 / max(1, requests), 3),
            "cpu_utilisation": round(busy / cpu["wall_s"] / (os.cpu_count() or 1), 3),
        }

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "consultations": self.consultations,
            "completed": self.completed,
            "think_s": list(THINK_S),
            "requests": self.rec.requests(),
            "errors": errors_with_bare(self.rec, self.bare_rec),
            "acks": {
                "explainer": {k: summary_ms(self.rec.samples[k]) for k in KINDS},
                "bare_reply": {k: summary_ms(self.bare_rec.samples[k]) for k in KINDS},
            },
            "replies": {
                "explainer": by_kind(self.replies),
                "bare_reply": by_kind(self.bare_replies),
                "all": {
                    "explainer": summary_ms(every(self.replies)),
                    "bare_reply": summary_ms(every(self.bare_replies)),
                },
            },
            "cpu_s": self.cpu,
            **self.cpu_figures(),
        }
        pr = out["replies"]["all"]
        out["reply_ratio_p99"] = round(pr["explainer"]["p99"] / pr["bare_reply"]["p99"], 3)
        return out


async def paced_run(env: Env, stack: AckStack, meter: CpuMeter) -> PacedRun:
    """Users answering after a pause, so the bot is busy but not saturated; then the same
    requests to the bare app that replies."""
    cfg = env.cfg
    paced_n = PACED_CONSULTATIONS[cfg.sizes.mode]
    print(
        f"[1] reply latency: {paced_n} consultations, {cfg.sizes.ack_concurrency} concurrent, "
        f"users answering after {THINK_S[0]}-{THINK_S[1]} s, explainer ...",
        flush=True,
    )
    rng = random.Random(cfg.seed)  # noqa: S311 -- pacing, not secrets

    async def think(_: str) -> None:
        await asyncio.sleep(rng.uniform(*THINK_S))

    settle_heap()
    p0 = meter.sample()
    paced = Recorder(stack.explainer)
    done = await run_consultations(env, paced_n, paced, think)
    cpu = CpuMeter.delta(p0, meter.sample())
    print("[1] reply latency: same sequence against bare Bolt that replies ...", flush=True)
    bare = await replay(stack.reply, paced.log)
    return PacedRun(
        paced_n,
        done,
        paced,
        cpu,
        bare,
        env.clock.replies(paced.sent),
        env.clock.replies(bare.sent),
    )
