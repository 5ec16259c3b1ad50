"""A reply read as about the thing just asked: asked how much traffic there is, "every note
follows the same template" says what is so, not what is wanted; asked how often the work
changes, "sometimes new stuff comes" is the work's change, not the documents'."""

from __future__ import annotations

import dataclasses
import re

from bot.core.facts import FactName, Goal
from bot.llm.reader.answers import worded
from bot.llm.reader.engine import Hit, Trace
from bot.llm.reader.rules import Rules

_OF_THE_EVAL_SET = frozenset({FactName.DATA_QUALITY, FactName.URGENCY, FactName.GOALS})
# What says how the work is done (its style guide, template, kinds of request), not what it
# looks up ("the price list changes weekly").
_DATA_CLASSES = ("data_noun", "record_noun")
# How often documents change, in words that for the work mean "sometimes".
_SOME_TIMES = ("freq_sometimes", "freq_thrice_yearly", "freq_quarterly", "freq_bimonthly")
_OF_THE_WORK = re.compile(
    r"\bstyle\b|\btemplates?\b|\bformats?\b|\bscope\b|\b(?:types?|kinds?)\s+of\s+(?:questions?|requests?|enquir\w+|inquir\w+)"
    r"|스타일|양식|형식|포맷|방식|대상|종류|유형|범위|용도|업무|\buse\s*case\b|\bpurpose\b",
    re.IGNORECASE,
)


# Questions whose answer describes what is (the traffic, the data, the work), not what is wanted.
_DESCRIBED = frozenset(
    {
        FactName.VOLUME,
        FactName.DATA_QUALITY,
        FactName.DATA_AMOUNT,
        FactName.DATA_EXAMPLES,
        FactName.CHANGE_RATE,
    }
)


def as_described(pending: FactName | None, hits: list[Hit], wants: bool) -> list[Hit]:
    """Asked how much traffic or what the data is like, "every note follows the same template"
    says what is so, not what they want; nor, of the data, does "half are outdated" ask for
    fresh answers, or "틀린 정보도 꽤 있어요" for right ones. Unless the reply says what they
    want."""
    if pending not in _DESCRIBED or wants:
        return hits
    told = (
        {Goal.CONSISTENCY, Goal.FRESHNESS, Goal.ACCURACY}
        if pending is FactName.DATA_QUALITY
        else {Goal.CONSISTENCY}
    )
    return [h for h in hits if not (h.fact is FactName.GOALS and h.value in told)]


def as_asked(rules: Rules, pending: FactName | None, hits: list[Hit], trace: Trace) -> list[Hit]:
    """What a reply says, read as about the thing just asked of. Asked about an eval set,
    "200 quotes our ops manager checked by hand" tells how its items were checked, not what the
    training data is like. Asked how often the work changes, "the style guide was last revised
    in 2016" and "it's always the same stuff" answer that, not how often documents change or
    how much traffic comes in."""
    if pending is FactName.EVAL_SET:
        # Nor does when it will be written ("다음 주에 200문항 만들 예정") set a deadline, nor
        # what its answers are checked for ("the wording the director signed off") a goal.
        return [h for h in hits if h.fact not in _OF_THE_EVAL_SET]
    if pending is FactName.PROMPTING:
        return _of_the_prompt(rules, hits, trace)
    if pending is FactName.DOCS_CHANGE:
        # "The AML policy is reviewed annually": the review is of the documents, not the data,
        # for the rules and the second opinion alike.
        if _of_the_docs(rules, trace.original):
            trace.declined |= {(FactName.DATA_QUALITY, q) for q in ("high", "low")}
        return [
            h
            for h in hits
            if not (h.fact is FactName.DATA_QUALITY and _of_the_docs(rules, h.quote))
        ]
    if pending is not FactName.CHANGE_RATE:
        return hits
    said = any(h.fact is pending for h in hits)
    out: list[Hit] = []
    for h in hits:
        if (
            h.fact is FactName.DOCS_CHANGE
            and h.value != "none"
            and (_OF_THE_WORK.search(h.quote) or not _names(rules, "doc_noun", h.quote))
        ):
            # "sometimes new stuff comes", naming no documents, tells how often the work changes;
            # a few times a year is "sometimes" for the work, though "often" for documents.
            h = dataclasses.replace(h, fact=pending, value=_work_rate(rules, h))
        elif h.fact is FactName.VOLUME and h.value == "high" and not h.rule.startswith("count."):
            h = dataclasses.replace(h, fact=pending, value="rarely")
        else:
            out.append(h)
            continue
        trace.add(f"asked: {h.quote!r} answers {pending.value}")
        if not said:
            out.append(h)
    return out


def _work_rate(rules: Rules, h: Hit) -> str:
    """How often the work changes, by the words of a reading of how often documents do."""
    said = worded(rules, h.quote, FactName.CHANGE_RATE, Trace())
    if said is not None:
        return said.value
    if any(_names(rules, c, h.quote) for c in _SOME_TIMES):
        return "sometimes"
    return "rarely" if _names(rules, "freq_rare", h.quote) else h.value


def _names(rules: Rules, noun_class: str, text: str) -> bool:
    """Whether ``text`` says a word of the class ``noun_class``."""
    found = rules.classes.get(noun_class)
    return bool(found and found.search(text))


def _names_data(rules: Rules, text: str) -> bool:
    """Whether ``text`` names data or kept records."""
    return any(_names(rules, c, text) for c in _DATA_CLASSES)


def _of_the_docs(rules: Rules, text: str) -> bool:
    """Whether ``text`` names documents and no data."""
    return _names(rules, "doc_noun", text) and not _names_data(rules, text)


def _of_the_prompt(rules: Rules, hits: list[Hit], trace: Trace) -> list[Hit]:
    """Asked how prompting went, "I pasted a few articles into ChatGPT … they were good" judges
    what the prompt wrote, not the data: praise that names no data says prompting works. "It
    keeps drifting from our house style" says how it fails, not what matters most: a goal in a
    reply that says how prompting went is asked to confirm."""
    said = any(h.fact is FactName.PROMPTING for h in hits)
    out: list[Hit] = []
    for h in hits:
        if h.fact is FactName.GOALS and h.sure and said:
            trace.add(f"asked: {h.quote!r} says how the prompt fails: goal {h.value} to confirm")
            h.sure = False
        praise = h.fact is FactName.DATA_QUALITY and h.value == "high"
        if not praise or _names_data(rules, h.quote):
            out.append(h)
            continue
        trace.add(f"asked: {h.quote!r} judges what the prompt wrote")
        if not said:
            out.append(
                dataclasses.replace(
                    h, fact=FactName.PROMPTING, value="working", rule=f"{h.rule}.of_the_prompt"
                )
            )
            said = True
    return out
