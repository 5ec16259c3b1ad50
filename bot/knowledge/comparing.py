"""What every answer is picked within (``Pick``: two to five sentences, a phone screen), and a
comparison's sentences: one for each side, then one that sets them apart."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bot.knowledge.question import SIDES, Question
from bot.knowledge.ranking import CONTRAST, SUBJECT_CHARS, Ranked, says
from bot.knowledge.screen import MAX_WIDTH, width

MAX_SENTENCES = 5
# A comparison prefers, for each side, a sentence that names it first.
SUBJECT_BONUS = 0.3
SAME_SECTION_BONUS = 0.3
OTHER_SIDE_PENALTY = 0.3


def mentions(r: Ranked, side: str) -> bool:
    return bool(SIDES[side].search(r.unit.text.casefold()))


def leads_with(r: Ranked, side: str) -> bool:
    """The sentence is about ``side``: it names it first thing."""
    m = SIDES[side].search(r.unit.text.casefold())
    return m is not None and m.start() <= SUBJECT_CHARS


def follows(r: Ranked, chosen: Sequence[Ranked]) -> bool:
    """``r`` carries on a chosen sentence: the next one in its paragraph or list item."""
    return any(
        c.unit.source == r.unit.source
        and c.unit.block == r.unit.block
        and c.unit.order + 1 == r.unit.order
        for c in chosen
    )


class Pick:
    """The sentences chosen so far, within the sentence and width budgets."""

    def __init__(self) -> None:
        self.chosen: list[Ranked] = []
        self.width = 0.0

    def take(self, r: Ranked | None) -> bool:
        if r is None or r in self.chosen or len(self.chosen) >= MAX_SENTENCES:
            return False
        # Nor what a chosen sentence already says: an item that a list's summary names whole
        # ("Speed of change matters most → start with prompting").
        text = _bare(r.unit.text)
        if any(text in _bare(c.unit.text) or _bare(c.unit.text) in text for c in self.chosen):
            return False
        # Each sentence after the first takes a space too (and a list item, its full stop).
        wide = width(r.unit.text) + (2 if self.chosen else 1)
        if self.chosen and self.width + wide > MAX_WIDTH:
            return False
        self.chosen.append(r)
        self.width += wide
        return True


def _bare(text: str) -> str:
    return text.rstrip(".:;!? ")


def compare(question: Question, ranked: Sequence[Ranked], pick: Pick) -> None:
    """A sentence for each side, then one that sets them apart."""
    sides = question.sides[:3]

    def fit(r: Ranked, side: str | None = None) -> float:
        # About this side (named first), and from a section already quoted, so the answer
        # reads as one explanation.
        score = r.score + SAME_SECTION_BONUS * any(
            c.unit.source == r.unit.source for c in pick.chosen
        )
        if side is None:
            return score
        return (
            score
            + SUBJECT_BONUS * leads_with(r, side)
            - OTHER_SIDE_PENALTY * any(mentions(r, o) for o in sides if o != side)
        )

    def contrasts(r: Ranked) -> bool:
        return all(mentions(r, s) for s in sides) and bool(CONTRAST.search(r.unit.text.casefold()))

    def for_need(rs: list[Ranked]) -> list[Ranked]:
        # Compared for something ("for tone"): what each says about that, where it says it.
        return [r for r in rs if says(r.unit, question.need)] or rs if question.need else rs

    for side in sides:
        # Not a sentence that is about the other side, nor one that contrasts the two: that
        # one comes last.
        about = [
            r
            for r in ranked
            if mentions(r, side)
            and not contrasts(r)
            and not any(leads_with(r, o) for o in sides if o != side)
            # A list summed up through every side ("speed → prompting; consistency →
            # fine-tuning; …") is no side's sentence: its items are.
            and not (r.unit.summary and all(mentions(r, s) for s in sides))
        ]
        # Compared for something, one that says it of this side alone where there is one: a
        # line that goes through every approach ("consistency → fine-tuning; …") is no side's.
        said = for_need(about)
        others = [o for o in sides if o != side]
        alone = [
            r
            for r in said
            if says(r.unit, question.need) and not any(mentions(r, o) for o in others)
        ]
        pick.take(max(alone or said, key=functools.partial(fit, side=side), default=None))
    both = for_need([r for r in ranked if all(mentions(r, s) for s in sides)])
    if question.verdict and len(pick.chosen) == len(sides):
        # Asked which one fits: each side's sentence says when it fits, which sets them apart;
        # a line on how they differ in general, from a section not yet quoted, adds nothing
        # asked.
        quoted = {c.unit.source for c in pick.chosen}
        both = [r for r in both if r.unit.source in quoted]
    for r in sorted([r for r in both if contrasts(r)] or both, key=fit, reverse=True):
        if pick.take(r):
            return
    if question.need:
        # What is said of the need, whichever side it names, tells which fits (the sentences
        # that say it follow).
        return
    # Nothing sets the two apart in one sentence (an example told one way, then the other):
    # each side's sentence reads on, so that each says what it leads to.
    for r in list(pick.chosen):
        # Not a sentence that names a side this one does not.
        other = [s for s in sides if not mentions(r, s)]
        nxt = (n for n in ranked if follows(n, [r]) and not any(mentions(n, s) for s in other))
        pick.take(next(nxt, None))
