"""Whether a question asks what an approach is: the words around its name ("what's RAG",
"RAG가 뭐예요", "a one-sentence definition of fine-tuning"), or a word pointing back at it."""

from __future__ import annotations

import re

from bot.knowledge.asks import SIDES
from bot.knowledge.tokenize import HANGUL_WORD

# What comes before and after the name of an approach in a question that asks what it is:
# "what's RAG", "what does fine-tuning actually do", "is prompting just…", "RAG가 뭐예요",
# "프롬프팅이 정확히 뭐임".
_WHAT_BEFORE = re.compile(
    r"(?:\bwhat(?:'s|’s|s| is| are| does)|(?<!when )(?<!where )\bis)\s+"
    r"(?:(?:a|an|the|exactly|actually)\s+)?$"
)
_WHAT_AFTER = re.compile(
    r"[\w-]*,?\s+(?:(?:\w+\s+)?(?:do|does|mean)\b|exactly\b|(?:\w+\s+)?(?:just|basically|simply)\b"
    r"|in (?:this|that|the|our) (?:context|sense)\b|here\b|stands? for\b)"
    # Not "파인튜닝하면 뭐가 달라져요": what doing it changes, asked of a condition; what it
    # stands for is what it is ("RAG 약자가 뭐고", "파인튜닝 뜻이 뭐예요").
    r"|[\w-]*(?<!면)\s*(?:\([^)]*\)\s*)?(?:(?:의\s*)?(?:약자|줄임말|뜻|의미))?[이가은는]?\s*"
    r"(?:(?:정확히|대체|도대체|그래서)\s*)?"
    # What it does, asked of the approach itself ("RAG가 정확히 뭘 하는 거예요?").
    r"(?:뭐|무엇|뭔|뭘\s?하|모에요|모예요|머임)"
)
# "RAG 약자가 뭐예요": what a name stands for asks what the name is.
NAME_OF = re.compile(r"\s*(?:(?:의\s*)?(?:약자|줄임말|뜻|의미)|[이가은는](?=\s))")
# A word that points back at the name asks what it is ("다들 RAG RAG 하는데 이게 뭐의 약자예요?",
# "everyone says RAG, what is it?").
_WHAT_BACK = re.compile(
    r"[^?.!]{0,24}?(?:이게|그게|이건|그건|이거|그거)\s*(?:(?:정확히|대체|도대체)\s*)?(?:뭐|무엇|뭔)"
    r"|[^?.!]{0,40}?\bwhat(?:'s|’s| is| does) (?:it|that|this)\b(?! (?:matter|change|have to do))"
    # Or in the next sentence, when that sentence asks no more than that ("… keeps saying RAG
    # in standups and I just nod. what does it actually do, mechanically?").
    r"|[^?!]{0,60}?[.!]\s+(?:(?:so|ok|but)\s+)?what"
    r"(?:(?:'s|’s| is) (?:it|that|this)(?: exactly| really)?\s*\?"
    r"|(?: does| do) (?:it|that|this) (?:\w+ly )?(?:do|mean)\b)"
)
# A definition asked for by name ("a one-sentence definition of fine-tuning for the board",
# "RAG 정의 좀 한 줄로").
_DEFINITION_BEFORE = re.compile(r"\b(?:definition|meaning)\s+of\s+(?:(?:a|an|the)\s+)?$")
_DEFINITION_AFTER = re.compile(r"[\w-]*\s*(?:의\s*)?정의(?![가-힣]*(?:대로|상|된|한))")
# The name ends the sentence that asks what it is ("what's RAG?").
_WHAT_ENDS = re.compile(r"[\w-]*\s*\?")
# "Is prompting just a stopgap?" labels the approach as no more than a thing, and "is prompting
# really just temporary?" as no more than what one word says: a belief that a section on a myth
# may correct ("just writing better instructions" says what it does: a definition).
_BELIEF_AFTER = re.compile(
    r"[\w-]*\s+(?:\w+\s+)?(?:just|only|merely)\s+(?:an?\s|(?!\w+ing\b)[a-z-]+\s*(?:[?.!]|$))"
)


def asks_what_is(lowered: str, belief: bool = False) -> bool:
    """The question asks what an approach is, in so many words around its name; or in a
    sentence of its own, whatever the scene told after it ("whats RAG? the IT guy keeps
    bringing it up"); ``belief``: labels the approach as no more than a thing ("is prompting
    just a stopgap?")."""
    after = _BELIEF_AFTER if belief else _WHAT_AFTER
    for pat in SIDES.values():
        for m in pat.finditer(lowered):
            before = _WHAT_BEFORE.search(lowered[: m.start()])
            if after is _WHAT_AFTER and (
                _DEFINITION_BEFORE.search(lowered[: m.start()])
                or _DEFINITION_AFTER.match(lowered, m.end())
            ):
                return True
            # Without the words before it, only a Korean particle after the name ("RAG가 뭐예요"):
            # "our prompts already do the job" says what they do, it does not ask.
            if after.match(lowered, m.end()) and (
                before or HANGUL_WORD.match(lowered, m.end()) or NAME_OF.match(lowered, m.end())
            ):
                return True
            if after is _WHAT_AFTER and (
                (before and _WHAT_ENDS.match(lowered, m.end()))
                or _WHAT_BACK.match(lowered, m.end())
            ):
                return True
    return False
