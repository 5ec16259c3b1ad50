"""A short label for what the user is building ("고객지원 봇", "chatbot for loan FAQs")."""

from __future__ import annotations

import re

from bot.core.facts import MAX_USE_CASE_CHARS
from bot.llm.reader.rules import Rules

_FOR = re.compile(r"\s+for\s+([^,.;:!?]{1,60})", re.IGNORECASE)
_KO_PARTICLE_END = re.compile(
    r"(?:은|는|이|가|을|를|에서|에게|으로|로|도|만|과|와|랑|이랑|하고|인데|는데|은데|던데|지만|"
    r"이고|이에요|예요|에요|요|고|서|그건|이건|저건"
    # A condition or a reason ("축제 끝나면 봇", "추가되니까"), not a modifier ("화면", "라면").
    r"|[뀌나하으오되가리보치쓰]면|니까)$"
)
_MAX_WORDS = 3


def _bare(word: str) -> str:
    return word.strip(",.;:!?\"'()")


def use_case(rules: Rules, sentence: str) -> str | None:
    """The product named in a sentence: the head noun ("bot") with up to three modifiers."""
    head = rules.classes.get("use_case_head")
    stop = rules.classes.get("use_case_stop")
    if head is None or stop is None:
        return None
    m = head.search(sentence)
    if m is None:
        return None
    # A compound like "고객지원봇" keeps its prefix; otherwise modifier words precede it.
    word_start = sentence.rfind(" ", 0, m.start()) + 1
    prefix = sentence[word_start : m.start()]
    modifiers: list[str] = [prefix] if prefix else []
    if not prefix:
        for word in reversed(sentence[:word_start].split()[-_MAX_WORDS:]):
            bare = _bare(word)
            if (
                not bare
                or word[-1] in ",.;:!?)"
                or stop.fullmatch(bare)
                or (re.search(r"[가-힣]$", bare) and _KO_PARTICLE_END.search(bare))
            ):
                break
            modifiers.insert(0, bare)
    if modifiers:
        phrase = " ".join([*modifiers, m[0]]).strip()
        return phrase if len(phrase) <= MAX_USE_CASE_CHARS else None
    # "a chatbot for loan FAQs": the purpose follows the head instead.
    purpose: list[str] = []
    after = _FOR.match(sentence[m.end() :])
    for word in after[1].split() if after else []:
        bare = _bare(word)
        if not bare or stop.fullmatch(bare):
            if purpose:
                break
            continue
        purpose.append(bare)
        if len(purpose) == _MAX_WORDS:
            break
    if not purpose:
        return None
    phrase = f"{m[0]} for {' '.join(purpose)}"
    return phrase if len(phrase) <= MAX_USE_CASE_CHARS else None
