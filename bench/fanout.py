"""LLM fan-out: many DMs at once to `explainer serve` on the Anthropic path, pointed at the mock
Anthropic API with every response held 1 s.

A DM whose delivery is not acked with a 200 is delivered again the way Slack does it: a first
retry nearly at once, a second one a minute later (Slack's third, after five more minutes, is
beyond this benchmark; such a DM counts as unanswered)."""

from __future__ import annotations

import asyncio
import inspect
import itertools
import math
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bench.config import DM_TEXT, LLM_DELAY_S, LLM_REPLY_WAIT_S, WARM_DMS
from bench.harness import Env, LlmStack, llm_stack, log_levels, server_pid
from bench.meter import CpuMeter, CpuSampler, explainer_cpu, settle_heap
from bench.stats import Stamps, percentile
from bench.traffic import KeepAliveSender
from testkit.bot_process import BotProcess
from testkit.paths import ROOT

_SPECULATION = re.compile(r'^explainer_llm_speculation_total\{result="(\w+)"\} ([0-9.e+]+)$', re.M)


def llm_missing() -> list[str]:
    need = [ROOT / "bot" / "llm" / "claude" / "adapter.py", ROOT / "testkit" / "mock_anthropic.py"]
    return [str(p.relative_to(ROOT)) for p in need if not p.exists()]


def speculation(procs: list[BotProcess]) -> dict[str, int]:
    """``explainer_llm_speculation_total`` by result, summed over the bot's processes."""
    out: Counter[str] = Counter()
    for proc in procs:
        for result, value in _SPECULATION.findall(proc.metrics()):
            out[result] += int(float(value))
    return dict(out)


def peak_in_flight(arrivals: list[float], hold: float) -> int:
    """Most requests open at once, each open for ``hold`` seconds from its arrival."""
    s = sorted(arrivals)
    best = 0
    lo = 0
    for hi, t in enumerate(s):
        while s[lo] <= t - hold:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def arrivals_by_job(requests: list[Any], t0: float) -> dict[str, dict[str, float]]:
    """When each kind of LLM call reached the mock, in seconds from the first DM sent."""
    jobs: dict[str, list[float]] = defaultdict(list)
    for rq in requests:
        tool = (rq.body.get("tool_choice") or {}).get("name")
        jobs[str(tool or ("stream" if rq.stream else "other"))].append(rq.at - t0)
    return {
        job: {
            "n": len(xs),
            "first": round(min(xs), 3),
            "p50": round(percentile(xs, 50), 3),
            "last": round(max(xs), 3),
        }
        for job, xs in sorted(jobs.items())
    }


def dm(n: int, stamps: Stamps) -> dict[str, Any]:
    return {
        "type": "message",
        "channel": f"D{n:05d}",
        "channel_type": "im",
        "user": f"UD{n:05d}",
        "ts": stamps.next(),
        "text": DM_TEXT,
    }


async def reply_seen(env: Env, event: dict[str, Any], within: float) -> float:
    ts = event["ts"]
    seen, _ = await env.watcher.wait(
        event["channel"], lambda c: c.args.get("thread_ts") == ts, within=within
    )
    return seen


class Limits(NamedTuple):
    """The bot's own bounds on how much runs at once, read from its code."""

    worker_concurrency: int
    pool_max: int


async def limits() -> Limits:
    from bot.slack.worker import SlackWorker
    from bot.store.client import connect

    cap = inspect.signature(SlackWorker.__init__).parameters["concurrency"].default
    probe = connect("redis://127.0.0.1:1/0")  # builds the bot's client; connects to nothing
    pool_max = probe.connection_pool.max_connections
    await probe.aclose()
    return Limits(cap, pool_max)


@dataclass
class Deliveries:
    """Delivers DMs as Slack does, counting each attempt's answer."""

    sender: KeepAliveSender
    t0: float = field(default_factory=time.perf_counter)
    counts: Counter[str] = field(default_factory=Counter)
    acked_at: list[float] = field(default_factory=list)
    first_ok: set[str] = field(default_factory=set)

    async def deliver(self, event_id: str, event: dict[str, Any]) -> None:
        first = await self.sender.event(event, event_id=event_id)
        self.acked_at.append(time.perf_counter() - self.t0)
        self.counts[f"first {first.status}"] += 1
        if first.status == 200:
            self.first_ok.add(event_id)
            return
        again = await self.sender.event(event, event_id=event_id, retry=1)
        self.counts[f"retry 1 {again.status}"] += 1
        if again.status == 200:
            return
        await asyncio.sleep(max(0.0, self.t0 + 60.0 - time.perf_counter()))
        last = await self.sender.event(event, event_id=event_id, retry=2)
        self.counts[f"retry 2 {last.status}"] += 1


def prepare_mock(stack: LlmStack, rate: float, seed: int, n: int) -> dict[str, int]:
    """Fresh counts, readings made to differ at ``rate``, every response held; returns the
    speculation counts before the burst."""
    mock = stack.mock
    mock.clear()
    brain = mock.default_brain
    brain.disagreement = rate
    # Counted from here: earlier readings are not part of the figure.
    brain.reseed(seed)
    before = speculation(stack.bot.processes())
    mock.fail_next("stall", count=n * 8, seconds=LLM_DELAY_S)
    return before


@dataclass
class Burst:
    """What one burst measured, in seconds from its first send."""

    n: int
    rate: float
    latencies: list[float]
    accepted: list[float]
    delivery: Deliveries
    requests: list[Any]
    t0_mono: float
    spec: dict[str, int]
    cpu: dict[str, float]

    def depth(self) -> float:
        """LLM calls a turn waits for one after another (those phrased while reading overlap)."""
        overlapped = self.spec.get("hit", 0) + self.spec.get("miss", 0)
        lat = self.latencies
        return (len(self.requests) - overlapped) / len(lat) if lat else math.nan

    def turn_figures(self) -> dict[str, Any]:
        lat, accepted, n = self.latencies, self.accepted, self.n
        wall = max(lat) if lat else math.nan
        return {
            "wall_s": round(wall, 3),
            "replies": len(lat),
            "unanswered": n - len(lat),
            "deliveries": dict(sorted(self.delivery.counts.items())),
            "first_attempt_non_200": n - self.delivery.counts["first 200"],
            "replies_after_30s": sum(1 for x in lat if x > 30),
            "turn_latency_s": {
                "p50": round(percentile(lat, 50), 3),
                "p95": round(percentile(lat, 95), 3),
                "max": round(wall, 3),
            },
            "first_delivery_acked": {
                "dms": len(accepted),
                "p50_s": round(percentile(accepted, 50), 3),
                "p95_s": round(percentile(accepted, 95), 3),
                "max_s": round(max(accepted), 3) if accepted else math.nan,
                "after_30s": sum(1 for x in accepted if x > 30),
            },
            "first_delivery_answered_s": {
                "p50": round(percentile(self.delivery.acked_at, 50), 3),
                "max": round(max(self.delivery.acked_at), 3),
            },
        }

    def llm_figures(self, stack: LlmStack, seed: int, lim: Limits) -> dict[str, Any]:
        requests, lat, brain = self.requests, self.latencies, stack.mock.default_brain
        depth = self.depth()
        return {
            "llm_requests": len(requests),
            "llm_calls_per_turn": round(len(requests) / len(lat) if lat else math.nan, 2),
            "llm_sequential_calls_per_turn": round(depth, 2),
            "speculation": self.spec,
            "mock_reader": {
                "reader": brain.reader,
                "disagreement": self.rate,
                "seed": seed,
                "readings": brain.readings,
                "made_to_differ": brain.disagreements,
            },
            "sequential_llm_floor_s": round(depth) * LLM_DELAY_S if lat else math.nan,
            "peak_llm_in_flight": peak_in_flight(
                [rq.at - self.t0_mono for rq in requests], LLM_DELAY_S
            ),
            "worker_concurrency_default": lim.worker_concurrency,
            "redis_pool_max_connections": lim.pool_max,
            "llm_models": dict(Counter(rq.model for rq in requests)),
            "llm_arrivals_s": arrivals_by_job(requests, self.t0_mono),
        }

    def summary(self, stack: LlmStack, seed: int, lim: Limits) -> dict[str, Any]:
        head = {"consultations": self.n, "disagreement": self.rate, "llm_delay_s": LLM_DELAY_S}
        return {
            **head,
            **self.turn_figures(),
            **self.llm_figures(stack, seed, lim),
            "cpu_to_p95_reply": self.cpu,
            "explainer_cpu_ms_per_turn": round(explainer_cpu(self.cpu) * 1000 / self.n, 2),
            "bot_log": log_levels(stack.bot.front.logs()),
        }


def first_posts(env: Env, events: list[tuple[str, dict[str, Any]]], seen: list[Any]) -> None:
    """The mock Slack's own arrival times, where it has them (the watcher polls)."""
    for k, ((_, e), x) in enumerate(zip(events, seen, strict=True)):
        posts = env.clock.arrivals.get(str(e["channel"]))
        if isinstance(x, float) and posts:
            seen[k] = min(posts)


async def burst(env: Env, stack: LlmStack, rate: float, lim: Limits) -> dict[str, Any]:
    """N DMs at once, each LLM call answered after 1 s."""
    n, seed = env.cfg.sizes.llm_consultations, env.cfg.seed
    spec_before = prepare_mock(stack, rate, seed, n)
    settle_heap()
    meter = CpuMeter({**stack.bot.pids(), "redis_server": server_pid(stack.server)})
    sampler = CpuSampler(meter, meter.sample())
    print(
        f"[2] LLM fan-out: {n} DMs at once, each LLM call answered after 1 s, "
        f"{rate:.0%} of the model's readings made to differ ...",
        flush=True,
    )
    events = [(f"EvLLM{m:05d}", dm(m, env.stamps)) for m in itertools.islice(env.numbers, n)]
    delivery = Deliveries(stack.sender)
    t0, t0_mono = delivery.t0, time.monotonic()
    sampler.start()
    sending = [asyncio.create_task(delivery.deliver(i, e)) for i, e in events]
    seen: list[Any] = await asyncio.gather(
        *(reply_seen(env, e, LLM_REPLY_WAIT_S) for _, e in events), return_exceptions=True
    )
    await asyncio.gather(*sending)
    sampler.stop()
    first_posts(env, events, seen)
    latencies = [x - t0 for x in seen if isinstance(x, float)]
    # The DMs whose first delivery was acked: the fan-out without Slack's retry delays.
    accepted = [
        x - t0
        for (i, _), x in zip(events, seen, strict=True)
        if isinstance(x, float) and i in delivery.first_ok
    ]
    # CPU over the burst: up to the 95th-percentile reply (stragglers wait, not work).
    c1 = sampler.first_after(t0 + percentile(latencies, 95) if latencies else math.inf)
    requests = stack.mock.requests
    await asyncio.sleep(0.5)  # the speculation metric is counted just after the reply
    spec = speculation(stack.bot.processes())
    for result, count in spec_before.items():
        spec[result] = spec.get(result, 0) - count
    cpu = meter.delta(sampler.samples[0], c1)
    run = Burst(n, rate, latencies, accepted, delivery, requests, t0_mono, spec, cpu)
    return run.summary(stack, seed, lim)


async def warm_up(env: Env, stack: LlmStack) -> None:
    """Without the delay, a few DMs at once so that every worker process gets some: SDK
    client, connections, prompt building, Redis scripts."""
    warm_dms = [dm(next(env.numbers), env.stamps) for _ in range(WARM_DMS)]
    await asyncio.gather(*(stack.sender.event(e) for e in warm_dms))
    await asyncio.gather(*(reply_seen(env, e, 30) for e in warm_dms))


async def part_llm(env: Env, results: dict[str, Any]) -> None:
    """N DMs at once per share of readings made to differ; skipped while the Anthropic path or
    its mock is missing."""
    missing = llm_missing()
    if missing:
        reason = "needs " + " and ".join(missing) + " (not present yet); rerun once they exist"
        results["llm_fanout"] = {"skipped": True, "reason": reason}
        print(f"[2] LLM fan-out SKIPPED: {reason}", flush=True)
        return
    lim = await limits()
    async with llm_stack(env) as stack:
        await warm_up(env, stack)
        rounds: list[dict[str, Any]] = []
        for rate in env.cfg.disagreements:
            await asyncio.sleep(1.0)  # the warm-up's or the last burst's stragglers land
            rounds.append(await burst(env, stack, rate, lim))
        results["llm_fanout"] = {"skipped": False, "rounds": rounds}
