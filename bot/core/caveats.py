"""What a decision rests on and leaves open: its assumptions, risks and checklist gaps."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from bot.core.decision import Assumption, Outcome, Reason, Unconfirmed, unique_reasons
from bot.core.facts import ASKABLE, FactName, Facts, Goal, Quality, normalise
from bot.core.matrix import outcome_for, outcomes_if

_DEFAULTS_WHEN_DECISIVE: tuple[tuple[FactName, str], ...] = (
    (FactName.URGENCY, "assume.no_deadline"),
    (FactName.VOLUME, "assume.volume_modest"),
    (FactName.PROMPTING, "assume.prompting_not_at_ceiling"),
)


def assumptions_for(f: Facts, outcome: Outcome) -> list[Assumption]:
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
            o is not outcome for o in outcomes_if(f, name, ASKABLE[name])
        ):
            a.append(Assumption(fact=name, key=key))
    return a


def unconfirmed_for(f: Facts, hints: Mapping[FactName, tuple[str, str]]) -> tuple[Unconfirmed, ...]:
    """The readings still waiting to be confirmed (``hints``: fact -> value, quote), each with
    the outcome had it held. The card says it decided without them: its defaults would otherwise
    contradict the user's own words in silence."""
    out: list[Unconfirmed] = []
    for fact, (value, quote) in hints.items():
        held = _reading_facts(fact, value)
        if held is None or f.get(fact) is not None:
            continue
        to = outcome_for(normalise(f.merge(held)))
        out.append(Unconfirmed(fact=fact, value=value, quote=quote, to=to))
    return tuple(out)


def _reading_facts(fact: FactName, value: str) -> Facts | None:
    """The facts a reading's value would set ("true", a count and a code are read as the
    schema reads them), or None for one no fact can hold."""
    try:
        return Facts.model_validate({fact.value: [value] if fact is FactName.GOALS else value})
    except ValidationError:
        return None


def gaps_for(f: Facts) -> list[Reason]:
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


def risks_for(f: Facts, outcome: Outcome) -> list[Reason]:
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
    return unique_reasons([*now, *own, *later, *last])
