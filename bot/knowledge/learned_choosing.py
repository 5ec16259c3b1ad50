"""The side answer's chooser: the rules' opening, filled by the learned scorer (``chooser_model``).

While the answer has room, the likeliest sentence given those chosen joins it (a sentence that
adds nothing new scores less), until none is likely enough and the answer has its two sentences.
The budgets are the rules' own: the phone screen's width, two to five sentences, no new section
past the fourth.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from bot.knowledge.chooser_model import (
    ChooserModel,
    Context,
    context,
    default_model,
    feature_rows,
    static_features,
)
from bot.knowledge.choosing import (
    MAX_SENTENCES,
    MIN_SENTENCES,
    NEW_SOURCE_SENTENCES,
    Fill,
    Pick,
    choose,
    may_fill,
)
from bot.knowledge.opening import in_order, reopened
from bot.knowledge.question import Question
from bot.knowledge.ranking import Ranked


def _best(
    model: ChooserModel,
    ctx: Context,
    static: Sequence[list[float]],
    pick: Pick,
    allowed: Sequence[int],
    floor: float,
) -> bool:
    """Takes the likeliest of ``allowed`` that fits and is at least ``floor`` likely."""
    if not allowed:
        return False
    p = model.probabilities(feature_rows(ctx, static, allowed, pick.chosen))
    used = {c.unit.source for c in pick.chosen}
    for j in np.argsort(-p, kind="stable"):
        if p[j] < floor:
            return False
        r = ctx.ranked[allowed[int(j)]]
        if (
            used
            and r.unit.source not in used
            and (len(pick.chosen) >= NEW_SOURCE_SENTENCES or p[j] < model.section_floor)
        ):
            # Another section is quoted only for what is likely to add to the answer.
            continue
        if pick.take(r):
            return True
    return False


def learned_fill(model: ChooserModel | None = None) -> Fill:
    """Adds to the rules' opening sentences, one at a time, the likeliest to add to the answer
    among those the rules allow, until none is likely enough."""

    def fill(
        question: Question, ranked: Sequence[Ranked], pick: Pick, named: frozenset[str]
    ) -> None:
        m = model or default_model()
        whole_lists(question, ranked, pick, named)
        opened = list(pick.chosen)
        ctx = context(question, ranked, named)
        static = [static_features(ctx, i, r) for i, r in enumerate(ranked)]
        while len(pick.chosen) < MAX_SENTENCES:
            rest = fillable(question, ranked, pick, named, opened)
            floor = m.threshold if len(pick.chosen) >= MIN_SENTENCES else 0.0
            if not _best(m, ctx, static, pick, rest, floor):
                return

    return fill


def hybrid_chooser(
    model: ChooserModel | None = None, reopen: bool = True
) -> Callable[[Question, Sequence[Ranked], frozenset[str]], list[Ranked]]:
    """The rules' answer (its opening, each side of a comparison, its order), filled by the
    learned scorer; ``reopen``: the best-found section's best sentence may open it
    (``opening.reopened``)."""
    fill = learned_fill(model)

    def chooser(
        question: Question, ranked: Sequence[Ranked], named: frozenset[str]
    ) -> list[Ranked]:
        first = reopened(question, ranked) if reopen else list(ranked)

        def fill_ranked(q: Question, rs: Sequence[Ranked], pick: Pick, n: frozenset[str]) -> None:
            # The scorer learned from sentences in their ranked order.
            fill(q, in_order(rs, ranked), pick, n)

        return choose(question, first, named, fill_ranked)

    return chooser


def fillable(
    question: Question,
    ranked: Sequence[Ranked],
    pick: Pick,
    named: frozenset[str],
    opened: Sequence[Ranked],
) -> list[int]:
    """The sentences (indices into ``ranked``) that may fill ``pick`` now."""
    return [
        i
        for i, r in enumerate(ranked)
        if r not in pick.chosen and _may_fill(question, r, pick, named, opened)
    ]


def _may_fill(
    question: Question, r: Ranked, pick: Pick, named: frozenset[str], opened: Sequence[Ranked]
) -> bool:
    """The rules' limits on a fill, and what keeps the answer on the opening: asked what a
    thing is, nothing that reads before the sentence about it ("Three approaches come up…"
    before "Fine-tuning: …"); asked about a term, what carries on an ``opened`` sentence, or
    what names the term outside a list (another item is about another thing)."""
    if not may_fill(question, r, pick, named):
        return False
    if not (question.what or question.term) or question.comparison:
        return True
    first = pick.chosen[0].unit if pick.chosen else None
    if first is not None and r.unit.source == first.source and r.unit.order < first.order:
        return False
    if not question.term or _follows(r, opened):
        return True
    return r.unit.group < 0 and bool(r.tokens & set(question.term))


def _follows(r: Ranked, chosen: Sequence[Ranked]) -> bool:
    return any(
        c.unit.source == r.unit.source
        and c.unit.block == r.unit.block
        and c.unit.order + 1 == r.unit.order
        for c in chosen
    )


def whole_lists(
    question: Question, ranked: Sequence[Ranked], pick: Pick, named: frozenset[str]
) -> None:
    """What the rules' lists need before anything fills: a case quoted after its lead ("When it
    helps: …") comes with the other cases of that lead (they fold into one sentence); a
    question that names a section gets its list summed up, unless it asks why one item is
    there."""
    for c in list(pick.chosen):
        if c.unit.lead:
            for r in sorted(ranked, key=lambda r: r.unit.order):
                if (r.unit.source, r.unit.group, r.unit.lead) == (
                    c.unit.source,
                    c.unit.group,
                    c.unit.lead,
                ):
                    pick.take(r)
    if not question.why:
        pick.take(next((r for r in ranked if r.unit.summary and r.unit.source in named), None))
