"""The part of a clause a count's noun may be in: its own conjunct ("평가셋 300건이랑 학습 데이터
2천 건", "an eval set of 300 and 2k training examples")."""

from __future__ import annotations

import re

from bot.llm.reader.engine import ClauseText
from bot.llm.reader.mentions import Mention
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.rules import Rules

# What joins two counted things: each count's noun is in its own conjunct.
_CONJUNCT = re.compile(
    r"(?<=[건개쌍줄])\s*(?:이랑|랑|하고|과|와)\s|\s및\s|;\s*|"
    r"\s(?:and|plus|as\s+well\s+as|along\s+with)\s|\s\+\s",
    re.IGNORECASE,
)
# How far before and after a count its conjunct may reach.
_CONJUNCT_REACH = 80
# How near a count its noun must be.
NEAR_CHARS = 40


def conjunct(text: str, span: Mention) -> tuple[int, int]:
    """The text around a count that may hold its noun: the count's own conjunct ("평가셋
    300건이랑 학습 데이터 2천 건", "an eval set of 300 and 2k training examples")."""
    lo = max(0, span.start - _CONJUNCT_REACH)
    hi = span.end + _CONJUNCT_REACH
    for m in _CONJUNCT.finditer(text, lo, hi):
        if m.end() <= span.start:
            lo = m.end()
        elif m.start() >= span.end:
            return lo, m.start()
    return lo, hi


def conjunct_end(text: str, span: Mention) -> int:
    """Where the conjunct of a count ends, however far: the next "and", "plus" or ";"."""
    m = _CONJUNCT.search(text, span.end)
    return m.start() if m else len(text)


def gap(rules: Rules, kind: str, c: ClauseText, span: Mention) -> int | None:
    """How far the nearest word of ``kind`` is from a count, if it is near enough."""
    pattern = rules.classes.get(kind)
    return None if pattern is None else gap_to(pattern, c, span)


def gap_to(pattern: Pattern, c: ClauseText, span: Mention) -> int | None:
    """How far the nearest match of ``pattern`` is from a count, within its own conjunct."""
    if not c.may_match(pattern):
        return None
    text = c.orig
    # Only the text around the count can hold its noun: search a window, not the clause.
    lo, hi = conjunct(text, span)
    window = text[lo:hi]
    gaps = [
        max(span.start - (lo + m.end()), (lo + m.start()) - span.end, 0)
        for m in c.finditer(pattern, window)
    ]
    best = min(gaps, default=None)
    return best if best is not None and best <= NEAR_CHARS else None
