"""Redis cost per user turn: ``INFO`` deltas (commandstats calls, and read events as a round
trip count) around sequential consultations, minus the idle polling measured over the same
duration with no traffic; and bytes of state per consultation."""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import redis.asyncio as aioredis

from bench.config import KINDS, STATE_KEY
from bench.flows import consultation
from bench.harness import AckStack, Env
from bench.stats import percentile
from bench.traffic import Recorder


class Window(NamedTuple):
    """What Redis did between two snapshots."""

    seconds: float
    commands: dict[str, int]
    reads: int
    cpu: float


@dataclass
class Snap:
    at: float
    commands: dict[str, int]
    reads: int
    cpu: float

    def minus(self, other: Snap) -> Window:
        cmds = {k: v - other.commands.get(k, 0) for k, v in self.commands.items()}
        cmds = {k: v for k, v in cmds.items() if v and k != "info"}
        # The INFO that took this snapshot was counted as one read event.
        return Window(self.at - other.at, cmds, self.reads - other.reads - 1, self.cpu - other.cpu)


async def snapshot(r: aioredis.Redis) -> Snap:
    info = await r.info("all")
    commands = {
        k.removeprefix("cmdstat_"): int(v["calls"])
        for k, v in info.items()
        if k.startswith("cmdstat_") and isinstance(v, dict)
    }
    cpu = float(info["used_cpu_user"]) + float(info["used_cpu_sys"])
    return Snap(time.perf_counter(), commands, int(info["total_reads_processed"]), cpu)


def size_stats(xs: list[int]) -> dict[str, float]:
    if not xs:
        return {"mean": math.nan, "p50": math.nan, "max": math.nan}
    return {
        "mean": round(sum(xs) / len(xs), 1),
        "p50": round(percentile([float(x) for x in xs], 50), 1),
        "max": float(max(xs)),
    }


async def state_sizes(r: aioredis.Redis) -> dict[str, Any]:
    """``HSTRLEN b`` and ``MEMORY USAGE`` of every ``explainer:{c:<id>}`` hash."""
    keys = [k async for k in r.scan_iter(match="explainer:{c:*", count=1000) if STATE_KEY.match(k)]
    blob: list[int] = []
    memory: list[int] = []
    for i in range(0, len(keys), 200):
        async with r.pipeline(transaction=False) as pipe:
            for k in keys[i : i + 200]:
                pipe.hstrlen(k, "b")
                pipe.memory_usage(k, samples=0)
            out = await pipe.execute()
        for length, usage in zip(out[::2], out[1::2], strict=True):
            if length:  # a bound stub without a saved blob is not a consultation yet
                blob.append(int(length))
                memory.append(int(usage or 0))
    return {
        "consultations": len(blob),
        "blob_b_bytes": size_stats(blob),
        "memory_usage": size_stats(memory),
    }


@dataclass
class KindTotals:
    steps: int = 0
    seconds: float = 0.0
    reads: int = 0
    commands: Counter[str] = field(default_factory=Counter)


class StepCounter:
    """Snapshots after each step of a consultation; the windows are contiguous, each counting
    the one INFO that closes it."""

    def __init__(self, r: aioredis.Redis, first: Snap) -> None:
        self.r = r
        self.first = self.last = first
        self.per_kind = {k: KindTotals() for k in KINDS}

    async def between(self, kind: str) -> None:
        await asyncio.sleep(0.15)  # the worker acks the inbox entry after posting
        now = await snapshot(self.r)
        window = now.minus(self.last)
        acc = self.per_kind[kind]
        acc.steps += 1
        acc.seconds += window.seconds
        acc.reads += window.reads
        acc.commands.update(window.commands)
        self.last = now

    @property
    def traffic_seconds(self) -> float:
        return self.last.at - self.first.at


@dataclass
class Idle:
    window: Window

    @property
    def cmd_rate(self) -> float:
        return sum(self.window.commands.values()) / self.window.seconds

    @property
    def read_rate(self) -> float:
        return self.window.reads / self.window.seconds

    def summary(self) -> dict[str, Any]:
        return {
            "seconds": round(self.window.seconds, 3),
            "commands_per_s": round(self.cmd_rate, 3),
            "reads_per_s": round(self.read_rate, 3),
            "commands": self.window.commands,
        }


async def idle_polling(r: aioredis.Redis, seconds: float) -> Idle:
    """What the bot asks Redis with no traffic, over ``seconds``."""
    await asyncio.sleep(1.0)
    i0 = await snapshot(r)
    await asyncio.sleep(seconds)
    return Idle((await snapshot(r)).minus(i0))


def kind_cost(acc: KindTotals, idle: Idle) -> tuple[float, float, dict[str, Any]]:
    """Commands and round trips of one kind of step (idle polling subtracted), and its row."""
    steps = acc.steps or 1
    cmds = sum(acc.commands.values()) - idle.cmd_rate * acc.seconds
    reads = acc.reads - idle.read_rate * acc.seconds
    idle_cmds, idle_seconds = idle.window.commands, idle.window.seconds
    per_cmd = {
        name: round((v - idle_cmds.get(name, 0) / idle_seconds * acc.seconds) / steps, 2)
        for name, v in sorted(acc.commands.items())
    }
    row = {
        "steps": acc.steps,
        "commands_per_turn": round(cmds / steps, 2),
        "round_trips_per_turn": round(reads / steps, 2),
        "commands": per_cmd,
    }
    return cmds, reads, row


def redis_summary(
    counter: StepCounter, idle: Idle, load_window: Window, turns: int
) -> dict[str, Any]:
    out: dict[str, Any] = {"idle": idle.summary(), "per_kind": {}}
    all_steps = 0
    all_cmds = 0.0
    all_reads = 0.0
    for k in KINDS:
        cmds, reads, out["per_kind"][k] = kind_cost(counter.per_kind[k], idle)
        all_steps += counter.per_kind[k].steps
        all_cmds += cmds
        all_reads += reads
    out["commands_per_turn"] = round(all_cmds / all_steps, 2)
    out["round_trips_per_turn"] = round(all_reads / all_steps, 2)
    # The same accounting over the saturated run (polls are batched under load).
    seconds, cmds_load, reads_load, _ = load_window
    out["under_load"] = {
        "turns": turns,
        "commands_per_turn": round((sum(cmds_load.values()) - idle.cmd_rate * seconds) / turns, 2),
        "round_trips_per_turn": round((reads_load - idle.read_rate * seconds) / turns, 2),
    }
    return out


async def redis_part(
    env: Env, stack: AckStack, load_window: Window, turns: int, results: dict[str, Any]
) -> Recorder:
    """Sequential consultations, counters around each step, then idle for as long; returns
    what was sent, for a replay."""
    n = env.cfg.sizes.redis_consultations
    print(f"[3] redis per turn: {n} sequential consultations ...", flush=True)
    await asyncio.sleep(1.0)
    counter = StepCounter(stack.redis, await snapshot(stack.redis))
    seq = Recorder(stack.explainer)
    for _ in range(n):
        await consultation(next(env.numbers), env, seq, counter.between)
    idle = await idle_polling(stack.redis, counter.traffic_seconds)
    results["redis"] = redis_summary(counter, idle, load_window, turns)
    results["state_bytes"] = await state_sizes(stack.redis)
    return seq
