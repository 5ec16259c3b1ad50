"""The decision card as a language-specific view model, independent of where it is shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from bot.core.decision import Flip, Outcome, Reason, Unconfirmed
from bot.core.engine import facts_payload
from bot.core.facts import (
    YES_NO_FACTS,
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
from bot.core.replies import DecisionReply
from bot.render.readings import fact_label, fact_value_label, value_label
from bot.texts import Texts

# What the card shows; the rest goes into the decision record only.
MAX_REASONS = 3
MAX_NEXT_STEPS = 4
MAX_RISKS = 3
MAX_FLIPS = 4
MAX_SOURCES = 4


class Line(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    kb: tuple[str, ...] = ()
    # The titles of the ``kb`` sections, in the same order: what the user sees.
    kb_titles: tuple[str, ...] = ()


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
    # One well-formed line per changed answer: the answer as it now stands, or that it was cleared.
    changed_answers: tuple[str, ...] = ()
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
    # What the user wrote that was never confirmed, and what it would change: instead of the
    # default the card would otherwise assume about the same fact.
    unconfirmed: tuple[str, ...] = ()
    # Past the card's caps: shown in the decision record, after the card's own lines.
    more_reasons: tuple[Line, ...] = ()
    more_flips: tuple[str, ...] = ()
    more_risks: tuple[Line, ...] = ()
    more_next_steps: tuple[str, ...] = ()


# The facts whose values are codes, and the codes each may hold.
_CODES: dict[FactName, type[StrEnum]] = {
    FactName.GOALS: Goal,
    FactName.TOP_GOAL: Goal,
    FactName.CHANGE_RATE: ChangeRate,
    FactName.URGENCY: Urgency,
    FactName.DATA_AMOUNT: DataAmount,
    FactName.DATA_QUALITY: Quality,
    FactName.VOLUME: Volume,
    FactName.PROMPTING: PromptingStatus,
    FactName.DOCS_CHANGE: DocsChange,
}
_FLAGS = YES_NO_FACTS
_LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2,3}|multi)$")


# Each enum fact's codes, as strings: worked out once, not per message.
_CODE_VALUES: dict[FactName, frozenset[str]] = {
    name: frozenset(c.value for c in enum) for name, enum in _CODES.items()
}


def _code(name: FactName, value: object) -> object | None:
    if name in _CODE_VALUES:
        codes = _CODE_VALUES[name]
        if isinstance(value, str):
            return value if value in codes else None
        if isinstance(value, list | tuple):
            kept = sorted(v for v in value if isinstance(v, str) and v in codes)
            return kept or None
        return None
    if name in _FLAGS:
        return value if isinstance(value, bool) else None
    if name is FactName.DATA_EXAMPLES:
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if name is FactName.LANGUAGES and isinstance(value, list | tuple):
        kept = sorted(v for v in value if isinstance(v, str) and _LANGUAGE_CODE.fullmatch(v))
        return kept or None
    return None


def metadata_facts(facts: Mapping[str, object]) -> dict[str, object]:
    """The facts as codes only (enum codes, yes/no, counts, language codes), for message
    metadata, which anyone in the workspace can read: the use case and any other free text
    stay out."""
    out: dict[str, object] = {}
    for key, value in facts.items():
        try:
            name = FactName(key)
        except ValueError:
            continue
        code = _code(name, value)
        if code is not None:
            out[key] = code
    return out


def _lines(
    t: Texts, reasons: tuple[Reason, ...], kb_title: Callable[[str], str]
) -> tuple[Line, ...]:
    return tuple(
        Line(text=t.get(r.key), kb=r.kb, kb_titles=tuple(kb_title(k) for k in r.kb))
        for r in reasons
    )


def goal_wording(facts: Facts) -> str | None:
    """Which goal the texts about what fine-tuning is for should name: consistency when it is
    one of the user's goals, else accuracy when it is, else none (the generic wording)."""
    goals = facts.goals or frozenset()
    if Goal.CONSISTENCY in goals:
        return Goal.CONSISTENCY.value
    if Goal.ACCURACY in goals:
        return Goal.ACCURACY.value
    return None


def say(t: Texts, key: str, wording: str | None) -> str:
    """``key``'s text worded for the user's goal (``by_goal.<goal>.<key>``) where there is such a
    wording, else the generic one, which names no goal."""
    if wording is not None:
        try:
            return t.get(f"by_goal.{wording}.{key}")
        except KeyError:
            pass
    return t.get(key)


def _changed_answers(reply: DecisionReply, t: Texts) -> tuple[str, ...]:
    """ "Your new answer on <fact>: <value>" for each answer the revision changed."""
    out: list[str] = []
    for name in reply.changed:
        value = reply.facts.get(name)
        fact = fact_label(t, name)
        if value is None or value == frozenset():
            out.append(t.get("changed_cleared", fact=fact))
        else:
            out.append(t.get("changed_answer", fact=fact, value=fact_value_label(t, name, value)))
    return tuple(out)


def shown_sources(card: CardView) -> tuple[tuple[str, ...], int]:
    """The section titles the card shows (the first ``MAX_SOURCES``, most cited first) and how
    many more the decision record lists."""
    titles = tuple(title for _, title in card.sources)
    return titles[:MAX_SOURCES], max(0, len(titles) - MAX_SOURCES)


def source_items(card: CardView, t: Texts) -> list[str]:
    """``[A, B, C, D, "and 3 more"]``: titles only, never the sections' ids."""
    titles, more = shown_sources(card)
    return [*titles, t.get("ui.sources_more", n=more)] if more else list(titles)


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


def _has_batchim(word: str) -> bool:
    last = word[-1:] or " "
    return "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 != 0


def _goal_names(t: Texts, goals: tuple[Goal, ...], *, subject: bool = False) -> str:
    """Goal names joined for a sentence; ``subject`` adds the Korean subject particle."""
    names = [t.get(f"goal.{g.value}") for g in goals]
    if not names:
        return ""
    if t.lang == "ko":
        if len(names) == 2:
            text = f"{names[0]}{'과' if _has_batchim(names[0]) else '와'} {names[1]}"
        else:
            text = ", ".join(names)
        return text + ("이" if _has_batchim(text) else "가") if subject else text
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def flip_condition(t: Texts, flip: Flip, facts: Facts) -> str:
    """The change the engine tested, in words. A goal answer replaces the goals, so its line
    names the goals it would drop or add, never the answer's label ("if accuracy mattered
    most" would hide that it drops consistency)."""
    if flip.fact is not FactName.TOP_GOAL:
        return t.get(f"when.{flip.fact.value}.{flip.choice}")
    added, dropped = flip.goals_added, flip.goals_dropped
    names = {
        "added": _goal_names(t, added),
        "added_i": _goal_names(t, added, subject=True),
        "dropped": _goal_names(t, dropped),
        "dropped_i": _goal_names(t, dropped, subject=True),
    }
    if added and dropped:
        return t.get("when.goals.swapped", **names)
    if dropped:
        return t.get("when.goals.dropped", **names)
    return t.get("when.goals.added" if facts.goals else "when.goals.only", **names)


def _same_as_a_fact(flip: Flip, flips: tuple[Flip, ...]) -> bool:
    """Whether a goal flip that adds freshness (and drops nothing) leads where documents that
    change often lead: the matrix reads both as the same need, and whatever else the goal
    answer adds makes no difference, so the card names the concrete condition only."""
    return (
        flip.fact is FactName.TOP_GOAL
        and Goal.FRESHNESS in flip.goals_added
        and not flip.goals_dropped
        and any(
            f.fact is FactName.DOCS_CHANGE
            and f.choice == DocsChange.OFTEN.value
            and f.to is flip.to
            for f in flips
        )
    )


def _flips(reply: DecisionReply, t: Texts) -> list[str]:
    """One line per flip, the first per fact and outcome (several answers to one question
    that lead to the same outcome say the same thing), and the freshness goal not beside
    documents that change often."""
    out: list[str] = []
    seen: set[tuple[str, str]] = set()
    every = reply.decision.flips
    for f in every:
        if (f.fact.value, f.to.value) in seen or _same_as_a_fact(f, every):
            continue
        seen.add((f.fact.value, f.to.value))
        out.append(
            t.get(
                "flip",
                condition=flip_condition(t, f, reply.facts),
                outcome=t.get(f"outcome.{f.to.value}"),
            )
        )
    return out


def _unconfirmed_line(u: Unconfirmed, outcome: Outcome, t: Texts) -> str:
    reading = f"{fact_label(t, u.fact)}: {value_label(t, u.fact, u.value)}"
    quote = " ".join(u.quote.split())
    if quote:
        reading = f"{reading} ({t.get('ui.understood_from', quote=quote)})"
    if u.to is outcome:
        return t.get("unconfirmed.same", reading=reading)
    return t.get("unconfirmed.changes", reading=reading, outcome=t.get(f"outcome.{u.to.value}"))


def build_card(reply: DecisionReply, t: Texts, kb_title: Callable[[str], str]) -> CardView:
    """Everything the card says, already in the user's language. ``kb_title`` names a section.

    The engine lists reasons, risks and steps most specific first, one per topic; the card
    keeps the first few of each and the decision record the rest."""
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
    flips = _flips(reply, t)
    reasons = _lines(t, d.reasons, kb_title)
    risks = _lines(t, d.risks, kb_title)
    gaps = _lines(t, d.checklist_gaps, kb_title)
    wording = goal_wording(reply.facts)
    steps = tuple(say(t, k, wording) for k in d.next_steps)
    summary = say(t, f"summary.{d.outcome.value}", wording)
    if d.outcome is Outcome.FINE_TUNING and any(
        a.fact is FactName.DATA_AMOUNT for a in d.assumptions
    ):
        # Fine-tuning first on examples nobody mentioned: the summary says so up front.
        summary = f"{summary} {t.get('summary_note.data_unstated')}"
    cited = dict.fromkeys(k for line in (*reasons, *risks, *gaps) for k in line.kb)
    open_facts = {u.fact for u in reply.unconfirmed}
    return CardView(
        lang=t.lang,
        outcome=d.outcome.value,
        title=outcome_name,
        summary=summary,
        change_note=change_note,
        changed_facts=tuple(t.get(f"fact.{n.value}") for n in reply.changed),
        changed_answers=_changed_answers(reply, t) if change_note else (),
        rationale=reply.rationale.text if reply.rationale else None,
        rationale_citations=reply.rationale.citations if reply.rationale else (),
        plan=tuple(
            PlanLine(stage=t.get(f"stage.{s.stage.value}"), text=say(t, s.key, wording))
            for s in d.plan
        ),
        reasons=reasons[:MAX_REASONS],
        assumptions=tuple(t.get(a.key) for a in d.assumptions if a.fact not in open_facts),
        flips=tuple(flips[:MAX_FLIPS]),
        risks=risks[:MAX_RISKS],
        gaps=gaps,
        next_steps=steps[:MAX_NEXT_STEPS],
        sources=tuple((k, kb_title(k)) for k in cited),
        facts=facts_payload(reply.facts),
        based_on=_based_on(reply.facts, reply.evidence, reply.corrected, t),
        unconfirmed=tuple(_unconfirmed_line(u, d.outcome, t) for u in reply.unconfirmed),
        more_reasons=reasons[MAX_REASONS:],
        more_flips=tuple(flips[MAX_FLIPS:]),
        more_risks=risks[MAX_RISKS:],
        more_next_steps=steps[MAX_NEXT_STEPS:],
    )
