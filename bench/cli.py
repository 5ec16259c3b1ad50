"""Explainer benchmark: ack latency, LLM fan-out, Redis cost per turn, offline CPU per turn.

A benchmark, not a test: it prints one table (figures, goals, PASS/MISS, machine info) and writes
the same figures as JSON (``--out``, default ``bench-results.json`` in the current directory).
Everything runs on 127.0.0.1 with bounded request counts and stops by itself; ``--quick`` runs a
smaller version. Run from the repository root::

    .venv/bin/python -m bench [--quick] [--out PATH] [--only cpu|ack|llm|cold ...]
        [--workers N] [--split [--workers N] [--worker-nice N]] [--disagreement RATE ...]
        [--seed N]

``explainer serve`` runs as it does by default (an acking process and one worker process per
core, which it supervises); ``--workers N`` passes ``--workers N`` to it (0: everything in one
process), ``--split`` runs ``serve --no-worker`` and separate ``explainer worker`` processes.
What it measures, in one run:

1. **Ack latency** (:mod:`bench.ack`): the HTTP round trip of each signed request (keep-alive
   connections) for slash commands, thread replies and ``decide_now`` button clicks, with 50
   consultations in flight at once against ``explainer serve`` (a subprocess; offline language
   layer, a throwaway redis-server, the mock Slack Web API). Flow per consultation: command ->
   its root message -> the first question in the thread -> a thread reply -> the bot's next
   question (or card) -> ``decide_now`` with the consultation id from the question's button ->
   the card; each step waits for the last post of the turn before, and none waits otherwise, so
   this run keeps the CPU saturated. The exact request sequence (same kinds, sizes and send
   offsets) is then replayed against :mod:`bench.bare_bolt`, a Bolt AsyncApp that only acks, in
   its own subprocess: the floor on this machine. (If this process itself stalled for more than
   50 ms during that replay, the replay is repeated, at most three times, and the cleanest kept:
   a stalled harness would inflate the floor.) The serving process's own histogram
   (``explainer_ack_seconds``) is reported beside it: the harness shares its process with the
   mock Slack, which is busiest during Explainer's run.
   **Reply latency** (:mod:`bench.latency`): from sending a request to the bot's first
   ``chat.postMessage`` for it reaching the mock Slack (stamped on arrival). The same sequence
   is replayed against a bare Bolt app that acks and then posts one message per request
   (``bench.bare_bolt --reply``, in its own subprocess): the least any bot does. Measured in
   the saturated run above, and in a second run with users who answer 0.5-1.5 s after each
   reply (150 consultations, 50 at a time): busy, not saturated, which is where the goal
   applies.
2. **LLM fan-out** (:mod:`bench.fanout`): 200 DMs (50 with ``--quick``) at once to ``explainer
   serve`` with ``EXPLAINER_LLM=anthropic`` pointed at ``testkit/mock_anthropic.py``, every LLM
   response held 1 s; wall time from the first send to the last reply posted, how many model
   calls a turn waits for one after another (questions phrased while the model reads overlap),
   and when each kind of call reached the mock. The mock reads messages with its own plain
   keyword reader, not the product's, so whether a question phrased early is used (a
   speculation hit) depends on the two readers agreeing; one burst runs per ``--disagreement
   RATE`` (default 0, 0.3 and 1; seeded by ``--seed``), which makes that share of the mock's
   readings differ on purpose, and the hits and misses are reported with the share of readings
   that were made to differ. A delivery answered with a non-200 is delivered again as Slack
   does (retry 1 at once, retry 2 a minute later). Skipped, with a message, while either of
   ``bot/llm/claude/adapter.py`` and ``testkit/mock_anthropic.py`` is missing.
3. **Redis cost per user turn** (:mod:`bench.redis_cost`): ``INFO`` deltas (commandstats
   calls, and read events as a round trip count) around sequential consultations, minus the
   idle polling measured over the same duration with no traffic; and bytes of state per
   consultation (``HSTRLEN b`` and ``MEMORY USAGE`` of every ``explainer:{c:<id>}`` hash).
4. **Offline CPU per turn** (:mod:`bench.cpu`): ``time.process_time`` around
   ``ConsultationService.handle`` (and around ``advance`` alone) with the offline language
   layer, the real knowledge base and an in-memory store, over every scenario in
   ``knowledge/eval/scenarios.yaml``, many times.
5. **The first messages of a new process** (:mod:`bench.cold`): fresh interpreters load what a
   worker loads before it takes work, then read the scenario file's opening messages one after
   another; alternately without and with the rule patterns ``explainer warm`` compiles.

The load generator, the mock Slack (a thread) and the mock Anthropic API (a thread) share this
process; the bot (with its worker processes), the bare apps and redis-server are separate
processes (:mod:`bench.harness`). On a 2-core machine they all compete for the same cores, which
the CPU rows of the table make visible, together with the CPU that other processes on the
machine took meanwhile ("other": noise in the figures). redis-server runs without persistence
(no AOF, no RDB), so disk fsyncs are not measured.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.ack import part_ack_and_redis
from bench.cold import part_cold
from bench.config import DEFAULT_DISAGREEMENTS, FULL, PARTS, QUICK, Config, goals_spec
from bench.cpu import part_cpu
from bench.fanout import part_llm
from bench.harness import open_env
from bench.meter import CpuMeter, busy_share
from bench.report import build_table, machine_info, write
from bot.slack.worker_pool import default_workers


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench", description="Explainer benchmark (see bench/cli.py)."
    )
    p.add_argument("--quick", action="store_true", help="a smaller run (fewer requests/passes)")
    p.add_argument("--out", type=Path, default=Path("bench-results.json"), help="JSON output")
    p.add_argument(
        "--split",
        action="store_true",
        help="ack in `serve --no-worker` and process in a separate `explainer worker`",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="`serve --workers N` (default: serve's own, one per core; 0: the turns run in "
        "the serving process); with --split: how many `explainer worker` processes (default 1)",
    )
    p.add_argument(
        "--worker-nice",
        type=int,
        default=0,
        help="with --split: run the worker processes at this nice value (e.g. 10)",
    )
    p.add_argument(
        "--disagreement",
        type=float,
        action="append",
        help="LLM fan-out: share (0.0-1.0) of the mock model's readings made to differ; one "
        "burst per share given (default: 0, 0.3 and 1)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed for --disagreement (default 0)")
    p.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        help="run only this part (cpu: offline CPU; ack: ack latency and Redis cost; llm: fan-out; "
        "cold: the first messages of a new process)",
    )
    return p


def parse_args(argv: list[str] | None = None) -> Config:
    p = parser()
    args = p.parse_args(argv)
    rates = tuple(args.disagreement or DEFAULT_DISAGREEMENTS)
    if not all(0.0 <= rate <= 1.0 for rate in rates):
        p.error("--disagreement is a share between 0.0 and 1.0")
    if args.workers is not None and args.workers < 0:
        p.error("--workers is 0 or more")
    return Config(
        sizes=QUICK if args.quick else FULL,
        out=args.out,
        parts=tuple(args.only or PARTS),
        split=args.split,
        # Named explicitly: a bot started by the test kit gets one worker unless told otherwise,
        # and the benchmark measures what `serve` does by default.
        workers=args.workers if args.workers is not None or args.split else default_workers(),
        worker_nice=args.worker_nice if args.split else 0,
        disagreements=rates,
        seed=args.seed,
    )


def layout(cfg: Config) -> str:
    """The processes under test, in words."""
    if cfg.split:
        return f"serve --no-worker + {cfg.workers or 1} separate `explainer worker` process(es)"
    if cfg.workers == 0:
        return "serve --workers 0 (one process)"
    return f"serve --workers {cfg.workers} (one acking process, {cfg.workers} worker process(es))"


def new_results(cfg: Config, argv: list[str]) -> dict[str, Any]:
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return {
        "mode": cfg.sizes.mode,
        "split_worker": cfg.split,
        "workers_option": cfg.workers,
        "layout": layout(cfg),
        "worker_nice": cfg.worker_nice,
        "mock_disagreements": list(cfg.disagreements),
        "mock_seed": cfg.seed,
        "parts": list(cfg.parts),
        "started_at": started.isoformat(),
        "command": " ".join([Path(sys.executable).name, "-m", "bench", *argv]),
        "config": asdict(cfg.sizes),
        "machine": machine_info(),
        "goals_spec": goals_spec(),
    }


def busy_before_start() -> float:
    """The share of the cores other processes kept busy over 2 s before the run."""
    meter = CpuMeter({})
    c0 = meter.sample()
    time.sleep(2.0)
    busy = busy_share(CpuMeter.delta(c0, meter.sample()))
    if busy > 0.1:
        print(
            f"warning: the machine is already {busy * 100:.0f}% busy with other processes; "
            "latency figures will carry that noise (see the 'other' CPU rows)",
            flush=True,
        )
    return round(busy, 3)


async def run_parts(cfg: Config, results: dict[str, Any]) -> None:
    if "cpu" in cfg.parts:
        await part_cpu(cfg.sizes.cpu_iterations, results)
    if "cold" in cfg.parts:
        part_cold(cfg.sizes.cold_pairs, results)
    if not {"ack", "llm"} & set(cfg.parts):
        return
    async with open_env(cfg) as env:
        if "ack" in cfg.parts:
            await part_ack_and_redis(env, results)
        if "llm" in cfg.parts:
            await part_llm(env, results)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    cfg = parse_args(argv)
    results = new_results(cfg, argv)
    results["machine"]["busy_before_start"] = busy_before_start()
    t0 = time.perf_counter()
    failure: BaseException | None = None
    try:
        asyncio.run(asyncio.wait_for(run_parts(cfg, results), timeout=1800))
    except Exception as exc:  # report what was measured, then fail
        failure = exc
        results["error"] = f"{type(exc).__name__}: {exc}"
    results["duration_s"] = round(time.perf_counter() - t0, 1)
    lines, goals = build_table(results)
    results["goals"] = goals
    print()
    print("\n".join(lines))
    if failure is not None:
        print(f"\nbenchmark aborted: {results['error']}", file=sys.stderr)
    write(results, cfg.out)
    print(f"\nwrote {cfg.out} ({results['duration_s']} s)")
    return 1 if failure is not None else 0
