"""The decision card as a language-specific view model, independent of where it is shown."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from bot.core.consultation import DecisionReply
from bot.core.engine import Reason, facts_payload
from bot.core.facts import FactName, Facts
from bot.render.readings import fact_label, fact_value_label
from bot.texts import Texts

MAX_FLIPS = 4


class Line(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    kb: tuple[str, ...] = ()


class PlanLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    stage: str
    text: str


class Basis(BaseModel):
    """One known fact the card rests on, and the user's words it was read from ("" if none)."""

    model_config = ConfigDict(frozen=True)

    fact: str
    value: str
    quote: str = ""
    # Set by the user's own correction rather than read from their words.
    corrected: bool = False


class CardView(BaseModel):
    model_config = ConfigDict(frozen=True)

    lang: str
    outcome: str
    title: str
    summary: str
    change_note: str | None = None
    changed_facts: tuple[str, ...] = ()
    rationale: str | None = None
    rationale_citations: tuple[str, ...] = ()
    plan: tuple[PlanLine, ...]
    reasons: tuple[Line, ...]
    assumptions: tuple[str, ...]
    flips: tuple[str, ...]
    risks: tuple[Line, ...]
    gaps: tuple[Line, ...]
    next_steps: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]
    facts: dict[str, object]
    based_on: tuple[Basis, ...] = ()


def _lines(t: Texts, reasons: tuple[Reason, ...]) -> tuple[Line, ...]:
    return tuple(Line(text=t.get(r.key), kb=r.kb) for r in reasons)


def _based_on(
    facts: Facts, evidence: dict[FactName, str], corrected: tuple[FactName, ...], t: Texts
) -> tuple[Basis, ...]:
    """The known facts in schema order; the use case has its own line on the card, and what
    another fact already says (an amount from a count, the only goal being the top one) is left
    out."""
    skip = {FactName.USE_CASE}
    if facts.data_examples is not None:
        skip.add(FactName.DATA_AMOUNT)
    if facts.top_goal is not None and facts.goals == frozenset({facts.top_goal}):
        skip.add(FactName.GOALS)
    return tuple(
        Basis(
            fact=fact_label(t, name),
            value=fact_value_label(t, name, facts.get(name)),
            quote=evidence.get(name, ""),
            corrected=name in corrected,
        )
        for name in FactName
        if name not in skip and facts.get(name) is not None
    )


def build_card(reply: DecisionReply, t: Texts, kb_title: Callable[[str], str]) -> CardView:
    """Everything the card says, already in the user's language. ``kb_title`` names a section."""
    d = reply.decision
    outcome_name = t.get(f"outcome.{d.outcome.value}")
    change_note = None
    if reply.previous is not None:
        before = t.get(f"outcome.{reply.previous.value}")
        change_note = (
            t.get("revised", before=before, after=outcome_name)
            if reply.previous is not d.outcome
            else t.get("revised_same", after=outcome_name)
        )
    flips: list[str] = []
    seen: set[tuple[str, str]] = set()
    for f in d.flips:
        if (f.fact.value, f.to.value) in seen:
            continue
        seen.add((f.fact.value, f.to.value))
        flips.append(
            t.get(
                "flip",
                fact=t.get(f"fact.{f.fact.value}"),
                choice=t.option_label(f.fact.value, f.choice),
                outcome=t.get(f"outcome.{f.to.value}"),
            )
        )
        if len(flips) == MAX_FLIPS:
            break
    reasons = _lines(t, d.reasons)
    risks = _lines(t, d.risks)
    gaps = _lines(t, d.checklist_gaps)
    cited = dict.fromkeys(k for line in (*reasons, *risks, *gaps) for k in line.kb)
    return CardView(
        lang=t.lang,
        outcome=d.outcome.value,
        title=outcome_name,
        summary=t.get(f"summary.{d.outcome.value}"),
        change_note=change_note,
        changed_facts=tuple(t.get(f"fact.{n.value}") for n in reply.changed),
        rationale=reply.rationale.text if reply.rationale else None,
        rationale_citations=reply.rationale.citations if reply.rationale else (),
        plan=tuple(
            PlanLine(stage=t.get(f"stage.{s.stage.value}"), text=t.get(s.key)) for s in d.plan
        ),
        reasons=reasons,
        assumptions=tuple(t.get(a.key) for a in d.assumptions),
        flips=tuple(flips),
        risks=risks,
        gaps=gaps,
        next_steps=tuple(t.get(k) for k in d.next_steps),
        sources=tuple((k, kb_title(k)) for k in cited),
        facts=facts_payload(reply.facts),
        based_on=_based_on(reply.facts, reply.evidence, reply.corrected, t),
    )
