"""Language detection and input hygiene for user text."""

from __future__ import annotations

import re
import unicodedata

from bot.core.facts import Lang

MAX_TEXT_CHARS = 4000

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
# Bidi overrides and isolates can make text render in a misleading order.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

# Words that carry English grammar. Content words (nouns, verbs, adjectives) are left out:
# Korean speakers use English terms freely ("RAG pipeline은"), so they say nothing about which
# language the sentence is in.
_ENGLISH_GRAMMAR = frozenset(
    word
    for line in (
        "a an the this that these those",
        "i me my we us our you your he him his she her it its they them their",
        "what which who whom whose when where why how",
        "is are was were be been being am do does did have has had",
        "can could will would shall should may might must need needs want wants",
        "to of in on at by for with from into about as than",
        "and or but if so because not no yes",
        "there here also just only very too all any some each every",
        "please thanks thank hi hello",
        "don't doesn't didn't can't won't isn't aren't wasn't weren't shouldn't",
        "i'm i've i'd i'll we're we've we'd we'll you're you've it's that's there's they're",
    )
    for word in line.split()
)


def detect_language(text: str, default: Lang = "en") -> Lang:
    """The language whose grammar-bearing words outnumber the other's; ``default`` on a tie.

    A whitespace-separated word with any Hangul is Korean: a particle or ending glued to an
    English term ("bot은", "important해요") is Korean grammar. Other words count as English
    only when they are English function words, so English terms inside Korean sentences and
    a Korean name inside an English one ("우리은행") do not swing the result.
    """
    korean = english = 0
    for word in text.split():
        if _HANGUL.search(word):
            korean += 1
            continue
        english += sum(1 for w in _LATIN_WORD.findall(word) if _is_english_grammar(w))
    if korean == english:
        return default
    return "ko" if korean > english else "en"


def _is_english_grammar(word: str) -> bool:
    # An all-caps word is an acronym or term ("IT", "AND" in a query), not grammar.
    if len(word) > 1 and word.isupper():
        return False
    return word.lower().replace("\u2019", "'") in _ENGLISH_GRAMMAR


def clean_text(text: str, limit: int = MAX_TEXT_CHARS) -> tuple[str, bool]:
    """Drop control and bidi-override characters and lone surrogates; trim to ``limit``.

    Returns the cleaned text and whether it was trimmed.
    """
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    text = _BIDI.sub("", text)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > limit:
        return text[:limit], True
    return text, False


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
