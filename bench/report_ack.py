"""The table's ack-latency and reply-latency sections."""

from __future__ import annotations

import json
from typing import Any

from bench.config import (
    ACK_P99_GOAL_MS,
    ACK_RATIO_GOAL,
    CPU_PER_REQUEST_GOAL_MS,
    KIND_LABEL,
    KINDS,
    REPLY_RATIO_GOAL,
)
from bench.table import Table, fmt_ms, pair


def ack_kinds(t: Table, ack: dict[str, Any]) -> None:
    for k in KINDS:
        e, b = ack["explainer"][k], ack["bare"][k]
        t.row(f"  {KIND_LABEL[k]:<14} explainer p50/p95/p99", fmt_ms(e))
        t.row(f"  {KIND_LABEL[k]:<14} bare bolt p50/p95/p99", fmt_ms(b))
        ratio = ack["ratio_p99"][k]
        t.row(
            f"  {KIND_LABEL[k]:<14} p99 explainer/bare",
            f"{ratio:.2f}x",
            f"<= {ACK_RATIO_GOAL}x",
            ratio <= ACK_RATIO_GOAL,
        )
        t.row(
            f"  {KIND_LABEL[k]:<14} explainer p99",
            f"{e['p99']:.1f} ms",
            f"< {ACK_P99_GOAL_MS:.0f} ms",
            e["p99"] < ACK_P99_GOAL_MS,
        )
    later = ack.get("command_after_opening")
    if later:
        t.row(
            f"  {KIND_LABEL['command']:<14} p99 past opening burst, expl | bare",
            f"{later['explainer']['p99']:.1f} | {later['bare']['p99']:.1f} ms",
        )
    for k, shares in ack.get("server_side_acks", {}).items():
        t.row(
            f"  {KIND_LABEL[k]:<14} served within 10/25/50 ms (server side)",
            " / ".join(f"{v * 100:.1f}%" for v in shares.values()),
        )
    errs = {**ack["errors"], **{f"bare {k}": v for k, v in ack["bare_errors"].items()}}
    t.row(
        "  requests per kind / non-200 or failed flows",
        f"{ack['explainer']['command']['n']} / {sum(errs.values())}",
    )


def paced_rows(t: Table, ack: dict[str, Any], pc: dict[str, Any], nproc: int) -> None:
    t.section(
        f"   Reply latency (request sent -> the bot's first chat.postMessage for it "
        f"reaches Slack, ms), {ack['concurrency']} concurrent consultations, users "
        f"answering after {pc['think_s'][0]}-{pc['think_s'][1]} s ({pc['completed']} of "
        f"{pc['consultations']} completed); floor: a bare Bolt app that acks and posts "
        "one reply, same requests"
    )
    for k in KINDS:
        e, b = pc["replies"]["explainer"][k], pc["replies"]["bare_reply"][k]
        t.row(f"  {KIND_LABEL[k]:<14} p50/p99 explainer | bare", pair(e, b))
    e, b = pc["replies"]["all"]["explainer"], pc["replies"]["all"]["bare_reply"]
    t.row("  all replies p50/p99 explainer | bare", f"{pair(e, b)} (n={e['n']})")
    t.row(
        "  reply p99 explainer/bare",
        f"{pc['reply_ratio_p99']:.2f}x",
        f"<= {REPLY_RATIO_GOAL}x",
        pc["reply_ratio_p99"] <= REPLY_RATIO_GOAL,
    )
    acks = pc["acks"]
    t.row(
        "  ack p99 per kind, explainer | bare",
        " ".join(
            f"{acks['explainer'][k]['p99']:.0f}|{acks['bare_reply'][k]['p99']:.0f}" for k in KINDS
        ),
    )
    t.row(
        "  CPU ms/request explainer; machine busy",
        f"{pc['explainer_cpu_ms_per_request']:.2f}; "
        f"{pc['cpu_utilisation'] * 100:.0f}% of {nproc} cores",
    )
    t.row("  non-200 or failed flows", str(sum(pc["errors"].values())))


def saturated_rows(t: Table, ack: dict[str, Any]) -> None:
    rp = ack["replies"]
    t.section("   Reply latency in the run above (no pause between steps: the CPU is saturated)")
    e, b = rp["all"]["explainer"], rp["all"]["bare_reply"]
    t.row("  all replies p50/p99 explainer | bare", f"{pair(e, b)} (n={e['n']})")
    t.row("  reply p99 explainer/bare", f"{rp['ratio_p99']:.2f}x")
    c = ack["cpu_ms_per_request"]
    t.row(
        "  CPU ms per processed request, explainer (all its processes)",
        f"{c['explainer']:.2f}",
        f"<= {CPU_PER_REQUEST_GOAL_MS:.0f} ms",
        c["explainer"] <= CPU_PER_REQUEST_GOAL_MS,
    )
    t.row(
        "  CPU ms/request: serve (acks), workers, redis, bench",
        f"{c['explainer_serve']:.2f}, {c['explainer_workers']:.2f}, "
        f"{c['redis_server']:.2f}, {c['bench_process']:.2f}",
    )
    t.row(
        "  CPU ms/request: bare bolt (ack only | with reply)",
        f"{c['bare_bolt']:.2f} | {rp['bare_reply_cpu_ms_per_request']:.2f}",
    )
    calls = ack.get("slack_calls_per_request")
    if calls:
        detail = ", ".join(f"{m} {n:.2f}" for m, n in calls.items() if m != "all")
        t.row("  Slack API calls per request (bare reply: 1)", f"{calls['all']:.2f} ({detail})")
    lag = ack["bench_loop_lag_ms"]
    t.row(
        "  bench loop lag p99 (max), explainer / bare",
        f"{lag['explainer_run']['p99']:.1f} ({lag['explainer_run']['max']:.0f}) / "
        f"{lag['bare_replay']['p99']:.1f} ({lag['bare_replay']['max']:.0f}) ms",
    )


def run_rows(t: Table, ack: dict[str, Any], nproc: int) -> None:
    one = ack.get("one_at_a_time")
    if one:
        for k in KINDS:
            t.row(
                f"  {KIND_LABEL[k]:<14} 1 at a time p50/p99 expl | bare",
                pair(one["explainer"][k], one["bare"][k]),
            )
    t.row("  explainer log warnings/errors", json.dumps(ack["bot_log"]["counts"]))
    t.row(
        "  wall s explainer run / bare replay; CPU use",
        f"{ack['wall_s']:.1f} / {ack['bare_wall_s']:.1f}; "
        f"{ack['cpu_utilisation'] * 100:.0f}% of {nproc} cores",
    )
    other = ack["other_load"]
    t.row(
        "  other processes' CPU, explainer run / bare replay",
        f"{other['explainer_run'] * 100:.0f}% / {other['bare_replay'] * 100:.0f}% "
        f"of {nproc} cores (bare replays: {len(ack['bare_attempts'])})",
    )
    t.row(
        "  explainer serve (ack path) event loop busy (CPU/wall)",
        f"{ack['explainer_serve_busy'] * 100:.0f}% of one core",
    )


def ack_rows(t: Table, ack: dict[str, Any], nproc: int) -> None:
    """Ack latency, then reply latency (paced, then saturated), then the run's CPU."""
    t.section(
        f"1. Ack latency (HTTP round trip, ms), {ack['concurrency']} concurrent consultations,"
        f" {ack['consultations']} consultations ({ack['completed']} completed), "
        f"{ack.get('worker_processes', 0)} worker processes"
    )
    ack_kinds(t, ack)
    pc = ack.get("paced")
    if pc:
        paced_rows(t, ack, pc, nproc)
    saturated_rows(t, ack)
    run_rows(t, ack, nproc)
