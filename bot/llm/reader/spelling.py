"""Keywords read even when misspelt: the slips a reader still recognises."""

from __future__ import annotations

import re

_WORD = re.compile(r"(?<![\w'])[A-Za-z]{4,}(?![\w'])")
_MIN_SPELLED = 4
# Long enough that one vowel written for another ("consistancy", "evaluatoin" aside) still
# leaves no real word.
_MIN_VOWEL_SLIP = 8
_VOWELS = "aeiou"


def misspellings(word: str) -> set[str]:
    """Slips of the keyboard a reader still recognises: two inner letters swapped ("dcos",
    "prompitng"), one inner letter dropped ("evry", "qualty"), or in a long word one inner
    vowel written for another ("consistancy", "consistant"). The first and last letters stay,
    which keeps most real words ("ever" for "every") out."""
    w = word.lower()
    out: set[str] = set()
    for i in range(1, len(w) - 2):
        if w[i] != w[i + 1]:
            out.add(w[:i] + w[i + 1] + w[i] + w[i + 2 :])
    if len(w) > _MIN_SPELLED:
        out.update(w[:i] + w[i + 1 :] for i in range(1, len(w) - 1))
    if len(w) >= _MIN_VOWEL_SLIP:
        out.update(
            w[:i] + v + w[i + 1 :] for i in range(1, len(w) - 1) if w[i] in _VOWELS for v in _VOWELS
        )
    return {x for x in out if len(x) >= _MIN_SPELLED and x != w}


def respell(text: str, fixes: dict[str, str]) -> str:
    """``text`` with each misspelt keyword (a key of ``fixes``) written as meant."""
    if not fixes:
        return text
    return _WORD.sub(lambda m: fixes.get(m[0].lower(), m[0]), text)


def spelling_table(words: list[str]) -> dict[str, str]:
    """Each misspelling of a keyword, to the keyword; one that could be two words, or that is
    itself a keyword, is left alone."""
    known = {w.lower() for w in words}
    seen: dict[str, set[str]] = {}
    for word in known:
        for slip in misspellings(word):
            seen.setdefault(slip, set()).add(word)
    return {slip: next(iter(ws)) for slip, ws in seen.items() if len(ws) == 1 and slip not in known}
