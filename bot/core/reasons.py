"""The reasons a decision gives, for the headline's first step first, each topic once."""

from __future__ import annotations

from bot.core.decision import Outcome, Reason, Signals, unique_reasons
from bot.core.facts import (
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
)


def _fresh_reasons(f: Facts, goals: frozenset[Goal], s: Signals) -> list[Reason]:
    """Why retrieval: documents that change often say more than the freshness goal (one
    sentence often gives both), so they come first; answers that must cite their sources last."""
    kb = ("decision-matrix", "rag-basics")
    out: list[Reason] = []
    if f.docs_change is DocsChange.OFTEN:
        facts: tuple[FactName, ...] = (FactName.DOCS_CHANGE,)
        if Goal.FRESHNESS in goals:
            facts = (FactName.DOCS_CHANGE, FactName.GOALS)
        out.append(Reason(key="reason.docs_change_often", facts=facts, kb=kb))
    if Goal.FRESHNESS in goals:
        out.append(Reason(key="reason.freshness_goal", facts=(FactName.GOALS,), kb=kb))
    if s.grounded:
        out.append(
            Reason(
                key="reason.citations",
                facts=(FactName.CITATIONS,),
                kb=("rag-basics", "staged-evolution"),
            )
        )
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


def reasons_for(f: Facts, s: Signals, outcome: Outcome) -> list[Reason]:
    """The reasons, the ones for the headline's first step first, each topic once."""
    goals = f.goals or frozenset()
    r: list[Reason] = []
    if outcome is Outcome.FINE_TUNING:
        now = _consistency_reasons(f, goals, later=False)
        r += [*now[:1], *_data_ready(f, later=False), *now[1:]]
    elif outcome is Outcome.PROMPTING_RAG_FINE_TUNING:
        r += _fresh_reasons(f, goals, s)
        r += _consistency_reasons(f, goals, later=True)
        r += _data_ready(f, later=True)
        r += _agility(f)
    else:
        if outcome in (Outcome.RAG, Outcome.PROMPTING_RAG):
            r += _fresh_reasons(f, goals, s)
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
    return unique_reasons(r)
