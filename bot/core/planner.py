"""Which question to ask next: only facts that could still change the outcome."""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.engine import _with_choice_replacing, outcome_for
from bot.core.facts import ASKABLE, FactName, Facts, is_known

DEFAULT_MAX_QUESTIONS = 5

# Tie-break order: the matrix axes first, then the guards, then the refinements.
_ORDER: tuple[FactName, ...] = (
    FactName.TOP_GOAL,
    FactName.DOCS_CHANGE,
    FactName.CHANGE_RATE,
    FactName.DATA_AMOUNT,
    FactName.DATA_QUALITY,
    FactName.URGENCY,
    FactName.VOLUME,
    FactName.PROMPTING,
    FactName.EVAL_SET,
)


def outcomes_if_answered(facts: Facts, name: FactName) -> set[str]:
    """The outcomes reachable by answering ``name`` with each of its quick answers."""
    return {outcome_for(_with_choice_replacing(facts, name, c)).value for c in ASKABLE[name]}


def can_flip(facts: Facts, name: FactName) -> bool:
    current = outcome_for(facts).value
    return any(o != current for o in outcomes_if_answered(facts, name))


def next_question(
    facts: Facts,
    asked: Iterable[FactName],
    skipped: Iterable[FactName] = (),
    max_questions: int = DEFAULT_MAX_QUESTIONS,
    prefer: Iterable[FactName] = (),
) -> FactName | None:
    """The most decisive unknown fact, or ``None`` when nothing left could change the outcome.

    ``prefer``: facts the user already hinted at (an unsure reading) are confirmed first.
    """
    prefer = set(prefer)
    asked = list(asked)
    if len(asked) >= max_questions:
        return None
    done = set(asked) | set(skipped)
    best: tuple[bool, int, int, FactName] | None = None
    for rank, name in enumerate(_ORDER):
        if name in done or is_known(facts, name):
            continue
        reachable = outcomes_if_answered(facts, name)
        if len(reachable) < 2 and outcome_for(facts).value in reachable:
            continue
        # More distinct reachable outcomes split the space more; ties go to matrix order.
        key = (name in prefer, len(reachable), -rank, name)
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best else None
