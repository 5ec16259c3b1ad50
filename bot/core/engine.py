"""The decision engine: validated facts in, a deterministic decision out.

No free text reaches this module; the same facts always give the same decision.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from bot.core.facts import (
    ASKABLE,
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
    apply_choice,
)


class Outcome(StrEnum):
    PROMPTING = "prompting"
    RAG = "rag"
    FINE_TUNING = "fine_tuning"
    PROMPTING_RAG = "prompting_rag"
    PROMPTING_RAG_FINE_TUNING = "prompting_rag_fine_tuning"


class Stage(StrEnum):
    NOW = "now"
    NEXT = "next"
    LATER = "later"


class Reason(BaseModel):
    """One reason, as a template key plus the facts and knowledge-base sections it rests on."""

    model_config = ConfigDict(frozen=True)

    key: str
    facts: tuple[FactName, ...] = ()
    kb: tuple[str, ...] = ()


class Step(BaseModel):
    model_config = ConfigDict(frozen=True)

    stage: Stage
    key: str


class Flip(BaseModel):
    """Changing ``fact`` to ``choice`` would change the outcome to ``to``."""

    model_config = ConfigDict(frozen=True)

    fact: FactName
    choice: str
    to: Outcome


class Assumption(BaseModel):
    model_config = ConfigDict(frozen=True)

    fact: FactName
    key: str


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True)

    outcome: Outcome
    plan: tuple[Step, ...]
    reasons: tuple[Reason, ...]
    assumptions: tuple[Assumption, ...]
    flips: tuple[Flip, ...]
    risks: tuple[Reason, ...]
    checklist_gaps: tuple[Reason, ...]
    next_steps: tuple[str, ...]


class Signals(BaseModel):
    """The three axes of the decision matrix plus the fine-tuning guard."""

    model_config = ConfigDict(frozen=True)

    fresh: bool
    consistent: bool
    agile: bool
    data_blocked: bool


def signals(f: Facts) -> Signals:
    goals = f.goals or frozenset()
    return Signals(
        fresh=Goal.FRESHNESS in goals or f.docs_change is DocsChange.OFTEN,
        consistent=(
            Goal.CONSISTENCY in goals
            or f.volume is Volume.HIGH
            or f.prompting is PromptingStatus.CEILING
        ),
        agile=f.change_rate is ChangeRate.OFTEN or f.urgency is Urgency.FAST,
        data_blocked=f.data_amount is DataAmount.NONE or f.data_quality is Quality.LOW,
    )


def outcome_for(f: Facts) -> Outcome:
    """The decision matrix, with low-quality or missing data guarding fine-tuning."""
    s = signals(f)
    wants_ft = s.consistent and not s.data_blocked
    if s.fresh:
        return (
            Outcome.PROMPTING_RAG_FINE_TUNING
            if wants_ft
            else (Outcome.PROMPTING_RAG if s.agile or s.consistent else Outcome.RAG)
        )
    if wants_ft and not s.agile:
        return Outcome.FINE_TUNING
    return Outcome.PROMPTING


_PLANS: dict[Outcome, tuple[tuple[Stage, str], ...]] = {
    Outcome.PROMPTING: (
        (Stage.NOW, "plan.prompt_baseline"),
        (Stage.NEXT, "plan.prompt_iterate"),
        (Stage.LATER, "plan.consider_ft_when_stable"),
    ),
    Outcome.RAG: (
        (Stage.NOW, "plan.rag_index"),
        (Stage.NEXT, "plan.rag_eval"),
        (Stage.LATER, "plan.rag_refresh"),
    ),
    Outcome.FINE_TUNING: (
        (Stage.NOW, "plan.prompt_baseline"),
        (Stage.NEXT, "plan.ft_train"),
        (Stage.LATER, "plan.ft_monitor"),
    ),
    Outcome.PROMPTING_RAG: (
        (Stage.NOW, "plan.prompt_baseline"),
        (Stage.NEXT, "plan.rag_index"),
        (Stage.LATER, "plan.rag_eval"),
    ),
    Outcome.PROMPTING_RAG_FINE_TUNING: (
        (Stage.NOW, "plan.prompt_rag"),
        (Stage.NEXT, "plan.collect_ft_data"),
        (Stage.LATER, "plan.partial_ft"),
    ),
}


def _reasons(f: Facts, s: Signals, outcome: Outcome) -> list[Reason]:
    r: list[Reason] = []
    goals = f.goals or frozenset()
    if Goal.FRESHNESS in goals:
        r.append(
            Reason(
                key="reason.freshness_goal",
                facts=(FactName.GOALS,),
                kb=("decision-matrix", "rag-basics"),
            )
        )
    if f.docs_change is DocsChange.OFTEN:
        r.append(
            Reason(
                key="reason.docs_change_often",
                facts=(FactName.DOCS_CHANGE,),
                kb=("decision-matrix", "staged-evolution"),
            )
        )
    if Goal.CONSISTENCY in goals:
        r.append(
            Reason(
                key="reason.consistency_goal",
                facts=(FactName.GOALS,),
                kb=("decision-matrix", "when-fine-tuning"),
            )
        )
    if f.volume is Volume.HIGH:
        r.append(
            Reason(key="reason.high_volume", facts=(FactName.VOLUME,), kb=("when-fine-tuning",))
        )
    if f.prompting is PromptingStatus.CEILING:
        r.append(
            Reason(
                key="reason.prompting_ceiling",
                facts=(FactName.PROMPTING,),
                kb=("when-fine-tuning", "staged-evolution"),
            )
        )
    if f.change_rate is ChangeRate.OFTEN:
        r.append(
            Reason(
                key="reason.changes_often",
                facts=(FactName.CHANGE_RATE,),
                kb=("when-prompting", "decision-matrix"),
            )
        )
    if f.urgency is Urgency.FAST:
        r.append(
            Reason(key="reason.needs_speed", facts=(FactName.URGENCY,), kb=("when-prompting",))
        )
    if s.consistent and s.data_blocked:
        key = "reason.no_data" if f.data_amount is DataAmount.NONE else "reason.low_quality_data"
        r.append(
            Reason(
                key=key,
                facts=(FactName.DATA_AMOUNT, FactName.DATA_QUALITY),
                kb=("misconception-finetuning-accuracy", "cost-operations"),
            )
        )
    elif f.data_amount is DataAmount.NONE and outcome is not Outcome.RAG:
        r.append(
            Reason(key="reason.data_hard", facts=(FactName.DATA_AMOUNT,), kb=("when-prompting",))
        )
    if outcome is Outcome.FINE_TUNING and f.data_amount in (DataAmount.SOME, DataAmount.PLENTY):
        r.append(
            Reason(
                key="reason.data_ready",
                facts=(FactName.DATA_AMOUNT,),
                kb=("support-bot-example", "when-fine-tuning"),
            )
        )
    if s.consistent and s.agile and not s.fresh:
        r.append(
            Reason(
                key="reason.agile_beats_ft",
                facts=(FactName.CHANGE_RATE, FactName.URGENCY),
                kb=("staged-evolution", "misconception-one-or-other"),
            )
        )
    if f.prompting is PromptingStatus.WORKING and outcome is Outcome.PROMPTING:
        r.append(
            Reason(
                key="reason.prompting_works",
                facts=(FactName.PROMPTING,),
                kb=("misconception-prompting-temporary",),
            )
        )
    if not r:
        r.append(Reason(key="reason.default_start", kb=("staged-evolution", "when-prompting")))
    return r


def _assumptions(f: Facts, outcome: Outcome) -> list[Assumption]:
    a: list[Assumption] = []
    if not f.goals:
        a.append(Assumption(fact=FactName.GOALS, key="assume.no_special_goal"))
    if f.docs_change is None and Goal.FRESHNESS not in (f.goals or ()):
        a.append(Assumption(fact=FactName.DOCS_CHANGE, key="assume.docs_static"))
    if f.change_rate is None:
        a.append(Assumption(fact=FactName.CHANGE_RATE, key="assume.change_rate_stable"))
    if outcome in (Outcome.FINE_TUNING, Outcome.PROMPTING_RAG_FINE_TUNING):
        if f.data_amount is None:
            a.append(Assumption(fact=FactName.DATA_AMOUNT, key="assume.data_available"))
        if f.data_quality is None:
            a.append(Assumption(fact=FactName.DATA_QUALITY, key="assume.data_quality_ok"))
    return a


def _gaps(f: Facts) -> list[Reason]:
    g: list[Reason] = []
    if f.eval_set is not True:
        key = "gap.no_eval_set" if f.eval_set is False else "gap.eval_set_unknown"
        g.append(
            Reason(
                key=key, facts=(FactName.EVAL_SET,), kb=("operator-checklist", "cost-operations")
            )
        )
    if not f.goals:
        g.append(Reason(key="gap.split_goals", facts=(FactName.GOALS,), kb=("operator-checklist",)))
    if f.cost_tracked is not True:
        g.append(
            Reason(key="gap.track_cost", facts=(FactName.COST_TRACKED,), kb=("operator-checklist",))
        )
    return g


def _risks(f: Facts, outcome: Outcome) -> list[Reason]:
    r: list[Reason] = []
    if outcome in (Outcome.PROMPTING, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        r.append(Reason(key="risk.prompt_complexity", kb=("cost-operations",)))
    if outcome in (Outcome.FINE_TUNING, Outcome.PROMPTING_RAG_FINE_TUNING):
        r.append(
            Reason(
                key="risk.ft_data_quality",
                facts=(FactName.DATA_QUALITY,),
                kb=("misconception-finetuning-accuracy", "cost-operations"),
            )
        )
        r.append(Reason(key="risk.ft_upfront_cost", kb=("cost-operations",)))
    if outcome in (Outcome.RAG, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        r.append(Reason(key="risk.rag_quality", kb=("rag-evaluation",)))
    if f.languages and (len(f.languages) > 1 or "multi" in f.languages):
        r.append(
            Reason(key="risk.multilingual", facts=(FactName.LANGUAGES,), kb=("execution-summary",))
        )
    r.append(Reason(key="risk.regressions", kb=("execution-summary",)))
    return r


def _next_steps(f: Facts, outcome: Outcome) -> list[str]:
    steps: list[str] = []
    if f.eval_set is not True:
        steps.append("next.build_eval_set")
    steps.append("next.benchmark_three_sets")
    if outcome in (Outcome.FINE_TUNING, Outcome.PROMPTING_RAG_FINE_TUNING) or (
        signals(f).consistent and signals(f).data_blocked
    ):
        steps.append("next.audit_data")
    if outcome in (Outcome.RAG, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        steps.append("next.inventory_docs")
    steps.append("next.input_contract")
    if f.cost_tracked is not True:
        steps.append("next.track_cost")
    return steps


def flips(f: Facts, outcome: Outcome) -> list[Flip]:
    """Every single quick-answer change that would change the outcome, most relevant first."""
    found: list[Flip] = []
    for name, choices in ASKABLE.items():
        for choice in choices:
            alt = _with_choice_replacing(f, name, choice)
            if alt == f:
                continue
            to = outcome_for(alt)
            if to is not outcome:
                found.append(Flip(fact=name, choice=choice, to=to))
    return found


def _with_choice_replacing(f: Facts, name: FactName, choice: str) -> Facts:
    """Like ``apply_choice`` but a goal answer replaces the goals instead of adding to them."""
    if name is FactName.TOP_GOAL:
        f = f.model_copy(update={"goals": None, "top_goal": None})
    return apply_choice(f, name, choice)


def decide(f: Facts) -> Decision:
    outcome = outcome_for(f)
    s = signals(f)
    return Decision(
        outcome=outcome,
        plan=tuple(Step(stage=st, key=k) for st, k in _plans_for(f, outcome)),
        reasons=tuple(_reasons(f, s, outcome)),
        assumptions=tuple(_assumptions(f, outcome)),
        flips=tuple(flips(f, outcome)),
        risks=tuple(_risks(f, outcome)),
        checklist_gaps=tuple(_gaps(f)),
        next_steps=tuple(_next_steps(f, outcome)),
    )


def _plans_for(f: Facts, outcome: Outcome) -> tuple[tuple[Stage, str], ...]:
    plan = _PLANS[outcome]
    s = signals(f)
    if outcome is Outcome.PROMPTING and s.consistent and s.data_blocked:
        plan = (
            (Stage.NOW, "plan.prompt_baseline"),
            (Stage.NEXT, "plan.fix_data"),
            (Stage.LATER, "plan.ft_after_data"),
        )
    elif outcome is Outcome.PROMPTING_RAG and s.consistent and s.data_blocked:
        plan = (
            (Stage.NOW, "plan.prompt_rag"),
            (Stage.NEXT, "plan.fix_data"),
            (Stage.LATER, "plan.partial_ft"),
        )
    if f.eval_set is not True:
        plan = ((Stage.NOW, "plan.build_eval_first"), *plan)
    return plan


def facts_payload(f: Facts) -> dict[str, Any]:
    """Known facts as plain JSON-able values (sorted lists for sets), for metadata and logs."""
    out: dict[str, Any] = {}
    for key, value in f.model_dump(exclude_none=True, mode="json").items():
        out[key] = sorted(value) if isinstance(value, list) else value
    return out
