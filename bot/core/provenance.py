"""Where each fact came from: the user's words, the message's time, what is left to confirm."""

from __future__ import annotations

from bot.core.facts import FIELD_NAMES, FactName, Facts, Reading, readings_of
from bot.core.state import Consultation


def changed_facts(old: Facts, new: Facts) -> tuple[FactName, ...]:
    fields = FIELD_NAMES.items()
    return tuple(n for n, field in fields if getattr(old, field) != getattr(new, field))


def without_label(facts: Facts) -> Facts:
    return facts.model_copy(update={"use_case": None})


# Derived or free-form facts that a "here is what I understood" line would only repeat.
_UNSHOWN = frozenset({FactName.DATA_AMOUNT, FactName.USE_CASE, FactName.LANGUAGES})


def just_an_answer(shown: tuple[Reading, ...], pending: FactName | None, text: str) -> bool:
    """A short reply to the open question ("yes", "매주요") needs no "here is what I read"."""
    answers = {pending, FactName.DATA_AMOUNT} if pending is FactName.DATA_EXAMPLES else {pending}
    return len(text.split()) <= 3 and all(r.sure and r.fact in answers for r in shown)


def without_hint(
    hints: dict[FactName, tuple[str, str]], fact: FactName
) -> dict[FactName, tuple[str, str]]:
    return {k: v for k, v in hints.items() if k is not fact}


def hint_of(c: Consultation, fact: FactName) -> dict[str, str]:
    """The unsure reading a question confirms, if there is one for its fact."""
    if fact not in c.hints:
        return {}
    value, quote = c.hints[fact]
    return {"hint": quote, "suggested": value}


def provenance(
    c: Consultation,
    facts: Facts,
    changed: tuple[FactName, ...],
    readings: tuple[Reading, ...],
) -> tuple[dict[FactName, str], dict[FactName, tuple[str, str]], tuple[Reading, ...]]:
    """Where each changed fact came from, what is left to confirm, and what to show the user.

    A fact that changed without a reading of its own (a button, a correction, a model that
    quotes nothing) keeps no words; a reading for a fact that did not change (already known,
    or older than what a newer message said) is not shown.
    """
    evidence = {k: v for k, v in c.evidence.items() if facts.get(k) is not None}
    hints = {k: v for k, v in c.hints.items() if facts.get(k) is None}
    quoted = {r.fact: r for r in readings if r.sure and r.quote}
    data = (FactName.DATA_EXAMPLES, FactName.DATA_AMOUNT)
    for name in changed:
        if facts.get(name) is None:
            evidence.pop(name, None)
            continue
        r = quoted.get(name) or (
            quoted.get(data[0]) or quoted.get(data[1]) if name in data else None
        )
        evidence[name] = r.quote if r else ""
    for r in readings:
        if not r.sure and facts.get(r.fact) is None and r.fact not in changed:
            hints[r.fact] = (r.value, r.quote)
    if not readings:
        return evidence, hints, ()
    shown = [r for r in readings if not r.sure and r.fact in hints]
    sure = [r for r in readings if r.sure and r.fact in changed]
    covered = {r.fact for r in sure}
    if FactName.TOP_GOAL in covered:
        # The top goal is one of the goals: a separate "goals" line would only repeat it.
        covered.add(FactName.GOALS)
    # A model's reading may come without a per-fact reading; show what changed all the same.
    extra = tuple(n for n in changed if n not in covered and n not in _UNSHOWN)
    return evidence, hints, (*sure, *readings_of(facts, extra), *shown)


# Facts that are set together: a stated count decides the amount and vice versa.
_GROUPS: tuple[frozenset[FactName], ...] = (
    frozenset({FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES}),
)
# Facts that accumulate, so order cannot matter.
_ACCUMULATING = frozenset({FactName.GOALS, FactName.LANGUAGES})


def not_older(update: Facts, source_at: dict[FactName, str], at: str) -> Facts:
    """Drop from ``update`` what a newer message already said (a late delivery fills gaps)."""
    if not at:
        return update
    keep: dict[str, object] = {}
    for name in update.known():
        group = next((g for g in _GROUPS if name in g), frozenset({name}))
        newest = max((_ts(source_at.get(n, "")) for n in group), default=0.0)
        if name in _ACCUMULATING or newest <= _ts(at):
            keep[name.value] = update.get(name)
    return Facts.model_validate(keep)


def _ts(value: str) -> float:
    try:
        return float(value) if value else 0.0
    except ValueError:
        return 0.0


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)
