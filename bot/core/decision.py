"""What a decision says: its outcome, staged plan, reasons, flips and caveats, and the topic
each item is about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.core.facts import FactName, Goal


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


class Unconfirmed(BaseModel):
    """A reading the user was asked to confirm and never did: the decision went without it, and
    ``to`` is the outcome had it held (the same outcome when it would change nothing)."""

    model_config = ConfigDict(frozen=True)

    fact: FactName
    value: str
    quote: str
    to: Outcome


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


# A plain dataclass: worked out from validated facts, never from input, and the matrix works it
# out for every answer that could change the outcome, so validation would be pure cost.
@dataclass(frozen=True, slots=True)
class Signals:
    """The three axes of the decision matrix plus the fine-tuning guard; ``grounded``: every
    answer must cite the documents it rests on, which retrieval gives as freshness does."""

    fresh: bool
    grounded: bool
    consistent: bool
    agile: bool
    data_blocked: bool


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


def unique_reasons(items: list[Reason]) -> list[Reason]:
    """Each topic once: of two items on one topic, the first stays."""
    seen: set[str] = set()
    out: list[Reason] = []
    for item in items:
        if item.topic not in seen:
            seen.add(item.topic)
            out.append(item)
    return out
