"""Other forms of an English word: with an ending ("slower", "missing", "varies"), with a
doubled consonant ("biggest"), or a verb and its particle written as one ("payoff")."""

from __future__ import annotations

import itertools
import re

# The endings of an English word's other forms, and the shortest word or part weighed by them.
_SUFFIXES = ("ing", "ed", "er", "es", "s", "ly", "ance", "ation")
_Y_ENDING = re.compile(r"(?:y|ies|ied)$")
# A consonant doubled before an ending ("biggest", "swapped"): the word it ends.
_DOUBLED = re.compile(r"([a-z]+?([bdgmnprt]))\2(?:est|er|ing|ed)")
MIN_PART = 3
# A verb and its particle written as one word ("payoff", "setup") name what the verb does.
_PARTICLES = frozenset({"off", "back", "up", "out", "down", "over"})
_VERB_FORMS = ("ing", "ed", "s")


def inflected(word: str, words: frozenset[str]) -> bool:
    """``words`` has a longer form of ``word`` ("slow", "slower"; "miss", "missing"). Not a
    shorter one: "pasting" is not about what "paste" is."""
    if len(word) < MIN_PART or not word.isalpha():
        return False
    # A "y" turns "i" before an ending: "vary", "varies", "variance".
    stems = {word, word.removesuffix("e"), _Y_ENDING.sub("i", word)}
    return any(stem + suffix in words for stem in stems for suffix in _SUFFIXES)


def doubled_stem(word: str) -> str | None:
    """The word a doubled consonant and an ending follow ("big" in "biggest"), or None."""
    m = _DOUBLED.fullmatch(word)
    return m.group(1) if m else None


def joined(words: list[str]) -> set[str]:
    """The verbs with their particle written as one word ("pays off" → "payoff")."""
    out: set[str] = set()
    for verb, particle in itertools.pairwise(words):
        if particle in _PARTICLES:
            bases = {verb} | {verb.removesuffix(e) for e in _VERB_FORMS if verb.endswith(e)}
            out.update(base + particle for base in bases)
    return out
