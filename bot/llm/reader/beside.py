"""A reply's answer in sentences of its own, beside sentences about something else."""

from __future__ import annotations

import itertools

from bot.core.facts import FactName
from bot.llm.reader.answers import answered_by, pending_answer, quotes_beside, worded
from bot.llm.reader.engine import Hit, Trace
from bot.llm.reader.rules import Rules
from bot.llm.reader.text import clauses


def answer_beside(
    rules: Rules, stated: list[str], pending: FactName, trace: Trace, hits: list[Hit]
) -> Hit | None:
    """The answer in the sentences of a reply that state nothing else ("질문 80개랑 모범답안
    정리해둔 게 있어요. … 비용은 아직 재본 적 없고요": the last one is about cost)."""
    if any(h.fact is pending for h in hits):
        return None  # readings of it that disagree are asked about, not settled here
    other = quotes_beside(hits, pending)

    def about_other(s: str) -> bool:
        return any(q in s.casefold() for q in other)

    # Only what comes before the first sentence about something else: what follows it may be
    # about that too ("… 없습니다. 필요하다면 만들 수는 있습니다").
    free = list(itertools.takewhile(lambda s: not about_other(s), stated))
    unsure = (rules.doubt, rules.skip)
    if len(free) == len(stated) or any(p.search(s) for p in unsure for s in free):
        return None
    if free:
        return pending_answer(rules, ". ".join(free), pending, trace)
    # "막내가 개인적으로 넣어 봤는데 … 지어내더라고요. 팀 업무로는 아직 안 써 봤어요": after the
    # sentences about something else, one of a single clause in the answer's own words; not of
    # documents (the faster one decides), a condition ("필요하다면 …") or views weighed.
    last = stated[-1]
    aside = (*unsure, rules.hypothetical, rules.reported, rules.other_view, rules.own_view)
    if (
        pending is FactName.DOCS_CHANGE
        or len(clauses(last)) > 1
        or about_other(last)
        or any(p.search(last) for p in aside)
    ):
        return None
    return worded(rules, last, answered_by(pending), trace)
