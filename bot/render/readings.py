"""Facts, readings and corrections in the user's words, shared by Slack and the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.facts import (
    ASKABLE,
    CLEAR,
    YES_NO_FACTS,
    FactName,
    Reading,
    correction_choices,
    value_text,
)
from bot.texts import Texts

__all__ = [
    "choice_label",
    "fact_label",
    "fact_value_label",
    "labelled_choices",
    "shown_readings",
    "value_label",
]


def fact_label(t: Texts, fact: FactName) -> str:
    return t.get(f"fact.{fact.value}")


def value_label(t: Texts, fact: FactName, value: str) -> str:
    """A reading's value (a choice code, a goal, ``true``/``false``, a count) as shown."""
    if fact in (FactName.GOALS, FactName.TOP_GOAL):
        return t.option_label(FactName.TOP_GOAL.value, value)
    if fact in YES_NO_FACTS:
        yes = value in ("true", "yes")
        return t.option_label(FactName.EVAL_SET.value, "yes" if yes else "no")
    if fact is FactName.DATA_EXAMPLES:
        if value.isdigit():
            return f"{int(value):,}"
        return t.option_label(FactName.DATA_AMOUNT.value, value)
    if fact in ASKABLE:
        return t.option_label(fact.value, value)
    return value


def fact_value_label(t: Texts, fact: FactName, value: Any) -> str:
    """A fact's current value (an enum, a bool, a count, a set) as shown."""
    if isinstance(value, frozenset | set | list | tuple):
        return ", ".join(value_label(t, fact, value_text(v)) for v in sorted(value))
    return value_label(t, fact, value_text(value))


def choice_label(t: Texts, fact: FactName, choice: str) -> str:
    """What a correction choice (see ``correction_choices``) says on its button."""
    if choice == CLEAR:
        return t.get("ui.correct_clear")
    action, _, goal = choice.partition(":")
    if fact is FactName.GOALS and action in ("top", "drop") and goal:
        return t.get(f"ui.correct_{action}")
    return value_label(t, fact, choice)


def labelled_choices(t: Texts, reading: Reading) -> tuple[tuple[str, str], ...]:
    """A reading's correction choices as ``(choice, label)`` pairs."""
    return tuple((c, choice_label(t, reading.fact, c)) for c in correction_choices(reading))


def shown_readings(readings: Sequence[Reading]) -> tuple[Reading, ...]:
    """The readings worth a line: an amount read from a count says nothing the count does not
    (and correcting the count corrects the amount)."""
    counted = {r.sure for r in readings if r.fact is FactName.DATA_EXAMPLES}
    return tuple(r for r in readings if r.fact is not FactName.DATA_AMOUNT or r.sure not in counted)
