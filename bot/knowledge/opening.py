"""Which sentence opens an answer: the best-ranked one, or the best of the best-found section."""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.question import Question
from bot.knowledge.ranking import Ranked

# The best-found section's own best sentence opens the answer when it scores at least this
# share of the best-ranked one: a sentence of a section found less well that outscores it by a
# little matches the question's words, not what it asks (cross-validated; see
# scripts/train_chooser_results.md).
OPENING_SHARE = 0.8


def reopened(question: Question, ranked: Sequence[Ranked]) -> list[Ranked]:
    """``ranked`` with the sentence that opens the answer first, the rest in their order. A
    comparison opens with each side, wherever they are."""
    out = list(ranked)
    if not out or question.comparison or out[0].share >= 1.0:
        return out
    found = next((r for r in out if r.share >= 1.0 and r.matched), None)
    if found is None or found.score < OPENING_SHARE * out[0].score:
        return out
    return [found, *(r for r in out if r is not found)]


def in_order(ranked: Sequence[Ranked], order: Sequence[Ranked]) -> list[Ranked]:
    """``ranked`` back in the order of ``order`` (the ranking the learned scorer knows)."""
    place = {id(r): i for i, r in enumerate(order)}
    return sorted(ranked, key=lambda r: place.get(id(r), len(place)))
