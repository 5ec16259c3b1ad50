"""The decision engine: validated facts in, a deterministic decision out.

No free text reaches this module; the same facts always give the same decision.
"""

from __future__ import annotations

from typing import Any

from bot.core.caveats import assumptions_for, gaps_for, risks_for
from bot.core.decision import Decision, Step
from bot.core.facts import Facts
from bot.core.matrix import flips, outcome_for, signals
from bot.core.reasons import reasons_for
from bot.core.steps import next_steps_for, plan_for


def decide(f: Facts) -> Decision:
    outcome = outcome_for(f)
    s = signals(f)
    plan = plan_for(f, outcome)
    return Decision(
        outcome=outcome,
        plan=tuple(Step(stage=st, key=k) for st, k in plan),
        reasons=tuple(reasons_for(f, s, outcome)),
        assumptions=tuple(assumptions_for(f, outcome)),
        flips=tuple(flips(f, outcome)),
        risks=tuple(risks_for(f, outcome)),
        checklist_gaps=tuple(gaps_for(f)),
        next_steps=tuple(next_steps_for(f, s, outcome, tuple(k for _, k in plan))),
    )


def facts_payload(f: Facts) -> dict[str, Any]:
    """Known facts as plain JSON-able values (sorted lists for sets), for metadata and logs."""
    out: dict[str, Any] = {}
    for key, value in f.model_dump(exclude_none=True, mode="json").items():
        out[key] = sorted(value) if isinstance(value, list) else value
    return out
