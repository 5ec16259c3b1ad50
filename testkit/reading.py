"""The rule reader alone, as the reader's unit tests call it."""

from __future__ import annotations

from typing import Any

from bot.core.facts import FactName, Goal
from bot.core.ports import Extraction
from bot.llm.reader import extract_facts
from bot.llm.reader.read import read


def rules(text: str, pending: FactName | None = None) -> Extraction:
    """What the rules read in ``text`` (no learned second opinion)."""
    return read(text, pending)[0]


def goals(text: str) -> set[Goal]:
    """The goals the rules read in ``text``."""
    return set(rules(text).facts.goals or ())


def known(text: str, pending: FactName | None = None) -> dict[str, Any]:
    """What the whole offline reader (rules and second opinion) applies, as JSON values (sets as
    sorted lists), the use case label left out."""
    facts = extract_facts(text, pending).facts.model_dump(mode="json", exclude_none=True)
    facts.pop("use_case", None)
    # Sets (goals, languages) come out in no fixed order.
    return {k: sorted(v) if isinstance(v, list) else v for k, v in facts.items()}
