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

    @property
    def topic(self) -> str:
        return topic_of(self.key)


class Step(BaseModel):
    model_config = ConfigDict(frozen=True)

    stage: Stage
    key: str


class Flip(BaseModel):
    """Changing ``fact`` to ``choice`` would change the outcome to ``to``.

    A goal answer replaces the goals, so a goal flip also says which of the goals the decision
    reads it would add and which it would drop: that, not the answer's label, is what it means.
    """

    model_config = ConfigDict(frozen=True)

    fact: FactName
    choice: str
    to: Outcome
    goals_added: tuple[Goal, ...] = ()
    goals_dropped: tuple[Goal, ...] = ()


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


# The goals the decision matrix reads; accuracy matters to every team and points nowhere.
DECISIVE_GOALS = frozenset({Goal.CONSISTENCY, Goal.FRESHNESS})


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
        (Stage.NOW, "plan.ft_baseline"),
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

# What each reason, risk, gap and step is about. A card says each topic once: of two items on
# one topic, the first (the more specific) stays. Keys not listed are their own topic.
_TOPICS: dict[str, str] = {
    "reason.docs_change_often": "freshness",
    "reason.freshness_goal": "freshness",
    "reason.agile_beats_ft": "agility",
    "reason.speed_beats_ft": "agility",
    "reason.changes_often": "agility",
    "reason.needs_speed": "agility",
    "reason.consistency_later": "fine_tuning_later",
    "reason.ceiling_later": "fine_tuning_later",
    "reason.volume_later": "fine_tuning_later",
    "reason.no_data": "data",
    "reason.low_quality_data": "data",
    "reason.data_hard": "data",
    "reason.data_ready": "data",
    "reason.data_ready_reviewed": "data",
    "reason.data_ready_later": "data",
    "plan.build_eval_first": "eval_set",
    "plan.check_eval_first": "eval_set",
    "plan.collect_ft_data": "data",
    "plan.clean_data": "data",
    "plan.select_ft_data": "data",
    "plan.review_ft_data": "data",
    "next.split_data": "data",
    "next.audit_data": "data",
    "next.count_data": "data",
    "gap.track_cost": "cost_tracking",
}


def topic_of(key: str) -> str:
    """The topic a reason, risk, gap or step key is about."""
    return _TOPICS.get(key, key)


def _unique_reasons(items: list[Reason]) -> list[Reason]:
    seen: set[str] = set()
    out: list[Reason] = []
    for item in items:
        if item.topic not in seen:
            seen.add(item.topic)
            out.append(item)
    return out


def _fresh_reasons(f: Facts, goals: frozenset[Goal]) -> list[Reason]:
    """Documents that change often say more than the freshness goal (one sentence often
    gives both), so they come first."""
    kb = ("decision-matrix", "rag-basics")
    out: list[Reason] = []
    if f.docs_change is DocsChange.OFTEN:
        facts: tuple[FactName, ...] = (FactName.DOCS_CHANGE,)
        if Goal.FRESHNESS in goals:
            facts = (FactName.DOCS_CHANGE, FactName.GOALS)
        out.append(Reason(key="reason.docs_change_often", facts=facts, kb=kb))
    if Goal.FRESHNESS in goals:
        out.append(Reason(key="reason.freshness_goal", facts=(FactName.GOALS,), kb=kb))
    return out


def _consistency_reasons(f: Facts, goals: frozenset[Goal], *, later: bool) -> list[Reason]:
    """What points to fine-tuning: as a reason to fine-tune now, or (``later``) for the stage
    the plan leaves it to."""
    out: list[Reason] = []
    if Goal.CONSISTENCY in goals:
        key = "reason.consistency_later" if later else "reason.consistency_goal"
        out.append(
            Reason(key=key, facts=(FactName.GOALS,), kb=("decision-matrix", "when-fine-tuning"))
        )
    if f.prompting is PromptingStatus.CEILING:
        key = "reason.ceiling_later" if later else "reason.prompting_ceiling"
        out.append(
            Reason(
                key=key, facts=(FactName.PROMPTING,), kb=("when-fine-tuning", "staged-evolution")
            )
        )
    if f.volume is Volume.HIGH:
        key = "reason.volume_later" if later else "reason.high_volume"
        out.append(
            Reason(key=key, facts=(FactName.VOLUME,), kb=("when-fine-tuning", "staged-evolution"))
        )
    return out


def _data_ready(f: Facts, *, later: bool) -> list[Reason]:
    if f.data_amount not in (DataAmount.SOME, DataAmount.PLENTY):
        return []
    if later:
        key = "reason.data_ready_later"
    elif f.data_quality is Quality.HIGH:
        key = "reason.data_ready_reviewed"
    else:
        key = "reason.data_ready"
    kb = ("when-fine-tuning", "support-bot-example")
    if key == "reason.data_ready":
        kb = ("when-fine-tuning", "misconception-finetuning-accuracy")
    return [Reason(key=key, facts=(FactName.DATA_AMOUNT, FactName.DATA_QUALITY), kb=kb)]


def _agility(f: Facts) -> list[Reason]:
    out: list[Reason] = []
    if f.change_rate is ChangeRate.OFTEN:
        out.append(
            Reason(
                key="reason.changes_often",
                facts=(FactName.CHANGE_RATE,),
                kb=("when-prompting", "decision-matrix"),
            )
        )
    if f.urgency is Urgency.FAST:
        out.append(
            Reason(key="reason.needs_speed", facts=(FactName.URGENCY,), kb=("when-prompting",))
        )
    return out


def _holding_back(f: Facts, s: Signals) -> list[Reason]:
    """Why fine-tuning waits although the case points to it: the card's first word on it is a
    "but", never a bare case for fine-tuning."""
    if s.data_blocked:
        if f.data_amount is DataAmount.NONE:
            return [
                Reason(
                    key="reason.no_data",
                    facts=(FactName.DATA_AMOUNT,),
                    kb=("when-prompting", "staged-evolution"),
                )
            ]
        return [
            Reason(
                key="reason.low_quality_data",
                facts=(FactName.DATA_QUALITY,),
                kb=("misconception-finetuning-accuracy", "cost-operations"),
            )
        ]
    if f.change_rate is ChangeRate.OFTEN:
        return [
            Reason(
                key="reason.agile_beats_ft",
                facts=(FactName.CHANGE_RATE,),
                kb=("staged-evolution", "misconception-one-or-other"),
            )
        ]
    return [
        Reason(
            key="reason.speed_beats_ft",
            facts=(FactName.URGENCY,),
            kb=("when-prompting", "staged-evolution"),
        )
    ]


def _reasons(f: Facts, s: Signals, outcome: Outcome) -> list[Reason]:
    """The reasons, the ones for the headline's first step first, each topic once."""
    goals = f.goals or frozenset()
    r: list[Reason] = []
    if outcome is Outcome.FINE_TUNING:
        now = _consistency_reasons(f, goals, later=False)
        r += [*now[:1], *_data_ready(f, later=False), *now[1:]]
    elif outcome is Outcome.PROMPTING_RAG_FINE_TUNING:
        r += _fresh_reasons(f, goals)
        r += _consistency_reasons(f, goals, later=True)
        r += _data_ready(f, later=True)
        r += _agility(f)
    else:
        if outcome in (Outcome.RAG, Outcome.PROMPTING_RAG):
            r += _fresh_reasons(f, goals)
        if outcome is not Outcome.RAG:
            if s.consistent:
                r += _holding_back(f, s)
            r += _agility(f)
            if f.prompting is PromptingStatus.WORKING and outcome is Outcome.PROMPTING:
                r.append(
                    Reason(
                        key="reason.prompting_works",
                        facts=(FactName.PROMPTING,),
                        kb=("misconception-prompting-temporary",),
                    )
                )
            if f.data_amount is DataAmount.NONE and not s.consistent:
                r.append(
                    Reason(
                        key="reason.data_hard",
                        facts=(FactName.DATA_AMOUNT,),
                        kb=("when-prompting",),
                    )
                )
            if s.consistent and s.data_blocked:
                # A moving use case already says why fine-tuning waits; missing data does not
                # say what it would be for.
                r += _consistency_reasons(f, goals, later=True)
    if not r:
        r.append(Reason(key="reason.default_start", kb=("staged-evolution", "when-prompting")))
    return _unique_reasons(r)


_DEFAULTS_WHEN_DECISIVE: tuple[tuple[FactName, str], ...] = (
    (FactName.URGENCY, "assume.no_deadline"),
    (FactName.VOLUME, "assume.volume_modest"),
    (FactName.PROMPTING, "assume.prompting_not_at_ceiling"),
)


def _assumptions(f: Facts, outcome: Outcome) -> list[Assumption]:
    """The defaults the decision rests on, one per unknown fact it reads."""
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
    # These defaults matter only where an answer would move the outcome; the planner may
    # leave such a fact unasked when that answer is unlikely, so the card names it.
    for name, key in _DEFAULTS_WHEN_DECISIVE:
        if f.get(name) is None and any(
            outcome_for(_with_choice_replacing(f, name, c)) is not outcome for c in ASKABLE[name]
        ):
            a.append(Assumption(fact=name, key=key))
    return a


def _gaps(f: Facts) -> list[Reason]:
    """Operator checklist items still open. The eval set is not among them: the plan's first
    step already covers it."""
    g: list[Reason] = []
    if not f.goals:
        g.append(Reason(key="gap.split_goals", facts=(FactName.GOALS,), kb=("operator-checklist",)))
    if f.cost_tracked is not True:
        g.append(
            Reason(
                key="gap.track_cost",
                facts=(FactName.COST_TRACKED,),
                kb=("operator-checklist", "cost-operations"),
            )
        )
    return g


def _risks(f: Facts, outcome: Outcome) -> list[Reason]:
    """Risks of what the plan does now first, then the user's own (languages), then those of
    later stages; the generic regression risk last."""
    now: list[Reason] = []
    later: list[Reason] = []
    if outcome in (Outcome.RAG, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        now.append(Reason(key="risk.rag_quality", kb=("rag-evaluation",)))
    if outcome in (Outcome.PROMPTING, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        now.append(Reason(key="risk.prompt_complexity", kb=("cost-operations",)))
    if outcome in (Outcome.FINE_TUNING, Outcome.PROMPTING_RAG_FINE_TUNING):
        ft: list[Reason] = []
        if f.data_quality is not Quality.HIGH:
            ft.append(
                Reason(
                    key="risk.ft_data_quality",
                    facts=(FactName.DATA_QUALITY,),
                    kb=("misconception-finetuning-accuracy", "cost-operations"),
                )
            )
        ft.append(Reason(key="risk.ft_upfront_cost", kb=("cost-operations", "when-fine-tuning")))
        if outcome is Outcome.FINE_TUNING:
            now += ft
        else:
            later += ft
    own: list[Reason] = []
    if f.languages and (len(f.languages) > 1 or "multi" in f.languages):
        own.append(
            Reason(key="risk.multilingual", facts=(FactName.LANGUAGES,), kb=("execution-summary",))
        )
    last = [Reason(key="risk.regressions", kb=("execution-summary",))]
    return _unique_reasons([*now, *own, *later, *last])


def _next_steps(f: Facts, s: Signals, outcome: Outcome, plan: tuple[str, ...]) -> list[str]:
    """Concrete first actions that fit the facts, none on a topic the plan already covers."""
    steps: list[str] = []
    if outcome in (Outcome.RAG, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        steps.append("next.inventory_docs")
    if outcome in (Outcome.PROMPTING, Outcome.PROMPTING_RAG, Outcome.PROMPTING_RAG_FINE_TUNING):
        steps.append("next.input_contract")
    if outcome in (Outcome.FINE_TUNING, Outcome.PROMPTING_RAG_FINE_TUNING):
        # What to do with the data they have; missing or noisy data is a plan step of its own.
        if f.data_amount in (DataAmount.SOME, DataAmount.PLENTY):
            steps.append("next.split_data" if f.data_quality is Quality.HIGH else "next.audit_data")
        elif f.data_amount is None:
            steps.append("next.count_data")
    if outcome is Outcome.FINE_TUNING:
        steps.append("next.benchmark_base_model")
    covered = {topic_of(k) for k in plan}
    out: list[str] = []
    for key in steps:
        if topic_of(key) not in covered:
            covered.add(topic_of(key))
            out.append(key)
    return out


def flips(f: Facts, outcome: Outcome) -> list[Flip]:
    """Every single quick-answer change that would change the outcome, most relevant first."""
    found: list[Flip] = []
    for name, choices in ASKABLE.items():
        for choice in choices:
            alt = _with_choice_replacing(f, name, choice)
            if alt == f:
                continue
            to = outcome_for(alt)
            if to is outcome:
                continue
            before = (f.goals or frozenset()) & DECISIVE_GOALS
            after = (alt.goals or frozenset()) & DECISIVE_GOALS
            found.append(
                Flip(
                    fact=name,
                    choice=choice,
                    to=to,
                    goals_added=tuple(sorted(after - before)),
                    goals_dropped=tuple(sorted(before - after)),
                )
            )
    return found


def _with_choice_replacing(f: Facts, name: FactName, choice: str) -> Facts:
    """Like ``apply_choice`` but a goal answer replaces the goals instead of adding to them."""
    if name is FactName.TOP_GOAL:
        f = f.model_copy(update={"goals": None, "top_goal": None})
    return apply_choice(f, name, choice)


def decide(f: Facts) -> Decision:
    outcome = outcome_for(f)
    s = signals(f)
    plan = _plans_for(f, outcome)
    return Decision(
        outcome=outcome,
        plan=tuple(Step(stage=st, key=k) for st, k in plan),
        reasons=tuple(_reasons(f, s, outcome)),
        assumptions=tuple(_assumptions(f, outcome)),
        flips=tuple(flips(f, outcome)),
        risks=tuple(_risks(f, outcome)),
        checklist_gaps=tuple(_gaps(f)),
        next_steps=tuple(_next_steps(f, s, outcome, tuple(k for _, k in plan))),
    )


def _plans_for(f: Facts, outcome: Outcome) -> tuple[tuple[Stage, str], ...]:
    plan = _PLANS[outcome]
    s = signals(f)
    if s.consistent and s.data_blocked and outcome in (Outcome.PROMPTING, Outcome.PROMPTING_RAG):
        data = "plan.collect_ft_data" if f.data_amount is DataAmount.NONE else "plan.clean_data"
        if outcome is Outcome.PROMPTING:
            plan = (
                (Stage.NOW, "plan.prompt_baseline"),
                (Stage.NEXT, data),
                (Stage.LATER, "plan.ft_after_data"),
            )
        else:
            plan = (
                (Stage.NOW, "plan.prompt_rag"),
                (Stage.NEXT, data),
                (Stage.LATER, "plan.partial_ft"),
            )
    elif outcome is Outcome.PROMPTING_RAG_FINE_TUNING and f.data_amount in (
        DataAmount.SOME,
        DataAmount.PLENTY,
    ):
        # They have examples: the next stage uses them rather than collecting new ones.
        data = "plan.select_ft_data" if f.data_quality is Quality.HIGH else "plan.review_ft_data"
        plan = (
            (Stage.NOW, "plan.prompt_rag"),
            (Stage.NEXT, data),
            (Stage.LATER, "plan.partial_ft"),
        )
    if f.eval_set is False:
        plan = ((Stage.NOW, "plan.build_eval_first"), *plan)
    elif f.eval_set is None:
        plan = ((Stage.NOW, "plan.check_eval_first"), *plan)
    return plan


def facts_payload(f: Facts) -> dict[str, Any]:
    """Known facts as plain JSON-able values (sorted lists for sets), for metadata and logs."""
    out: dict[str, Any] = {}
    for key, value in f.model_dump(exclude_none=True, mode="json").items():
        out[key] = sorted(value) if isinstance(value, list) else value
    return out
