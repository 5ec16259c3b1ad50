"""What a benchmark run measures and against which goals: fixed figures and the run's options."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("command", "event", "action")
KIND_LABEL = {"command": "slash command", "event": "thread reply", "action": "button click"}
PARTS = ("cpu", "ack", "llm", "cold")
STATE_KEY = re.compile(rb"^explainer:\{c:[^}]+\}$")

FIRST_TEXT = "We're building a customer support bot; the tone and format must always be consistent"
REPLY_TEXT = "We have 20k reviewed Q&A pairs"
DM_TEXT = "support bot, consistent tone matters"

# Reply latency, paced run: how long each simulated user takes before answering (uniform, s).
THINK_S = (0.5, 1.5)
PACED_CONSULTATIONS = {"full": 150, "quick": 50}

# The shares of the mock model's readings made to differ from its own (one fan-out burst each).
DEFAULT_DISAGREEMENTS: tuple[float, ...] = (0.0, 0.3, 1.0)
LLM_DELAY_S = 1.0
WARM_DMS = 8
LLM_REPLY_WAIT_S = 150.0  # covers Slack's second retry (after 60 s) and an inbox reclaim

ACK_RATIO_GOAL = 3.0
ACK_P99_GOAL_MS = 30.0
REPLY_RATIO_GOAL = 2.0
CPU_PER_REQUEST_GOAL_MS = 2.0
# Last reply of the fan-out burst, by the share of the model's readings made to differ.
LLM_WALL_GOALS_S = {0.0: 2.0, 0.3: 2.3}
REDIS_RT_GOAL = 4.0
STATE_BYTES_GOAL = 4096
CPU_GOAL_MS = 20.0


@dataclass(frozen=True)
class Sizes:
    """How many requests and passes each part makes (``--quick`` picks the smaller set)."""

    mode: str
    ack_consultations: int
    ack_concurrency: int
    ack_warmup: int
    llm_consultations: int
    redis_consultations: int
    cpu_iterations: int
    cold_pairs: int = 3
    wait_timeout: float = 30.0


FULL = Sizes("full", 500, 50, 5, 200, 20, 30)
QUICK = Sizes("quick", 100, 50, 3, 50, 5, 3, 1)


@dataclass(frozen=True)
class Config:
    """One run's options, fixed once the command line is read."""

    sizes: Sizes = FULL
    out: Path = Path("bench-results.json")
    parts: tuple[str, ...] = PARTS
    # `serve --no-worker` acks while separate `explainer worker` processes do the turns.
    split: bool = False
    # `serve --workers N` (None: its default), or with ``split`` how many workers (None: 1).
    workers: int | None = None
    # The split workers' nice value, so acks go first on shared cores (0 without ``split``).
    worker_nice: int = 0
    disagreements: tuple[float, ...] = field(default=DEFAULT_DISAGREEMENTS)
    seed: int = 0


def goals_spec() -> dict[str, Any]:
    """Every goal of the table, as written to the JSON."""
    return {
        "ack_p99_ratio_max": ACK_RATIO_GOAL,
        "ack_p99_ms_max": ACK_P99_GOAL_MS,
        "reply_p99_ratio_max": REPLY_RATIO_GOAL,
        "cpu_ms_per_request_max": CPU_PER_REQUEST_GOAL_MS,
        "llm_wall_s_max_by_disagreement": LLM_WALL_GOALS_S,
        "redis_round_trips_per_turn_max": REDIS_RT_GOAL,
        "state_bytes_max": STATE_BYTES_GOAL,
        "offline_cpu_ms_per_turn_max": CPU_GOAL_MS,
    }
