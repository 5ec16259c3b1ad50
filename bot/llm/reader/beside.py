"""A reply's answer in sentences of its own, beside sentences about something else."""

from __future__ import annotations

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
    # Only what comes before the first sentence about something else: what follows it may be
    # about that too ("… 없습니다. 필요하다면 만들 수는 있습니다").
    free: list[str] = []
    for s in stated:
        if any(q in s.casefold() for q in other):
            break
        free.append(s)
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
        or any(q in last.casefold() for q in other)
    ):
        return None
    return (
        None
        if any(p.search(last) for p in aside)
        else worded(rules, last, answered_by(pending), trace)
    )
