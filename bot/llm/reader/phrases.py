"""Phrases of the rule files as regular expressions.

Phrase syntax: plain words; ``*`` continues a word (``chang*`` = change, changed, changing);
a space between Hangul words may be absent; ``@name`` names a class; ``re:`` starts a regular
expression, inside which ``{@name}`` stands for a class.
"""

from __future__ import annotations

import re
from functools import cache

from bot.llm.reader.patterns import Alternation, Pattern

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CLASS_REF = re.compile(r"^@([a-z_0-9]+)$")
_CLASS_IN_RE = re.compile(r"\{@([a-z_0-9]+)\}")

Item = str | list[str]


def phrase_regex(phrase: str, classes: dict[str, str] | None = None) -> str:
    """One phrase as a regular expression (see the module docstring)."""
    if phrase.startswith("re:"):
        return _CLASS_IN_RE.sub(lambda m: f"(?:{_class(classes, m[1])})", phrase[3:].strip())
    ref = _CLASS_REF.match(phrase)
    if ref:
        return _class(classes, ref[1])
    hangul = bool(_HANGUL.search(phrase))
    parts: list[str] = []
    for ch in phrase:
        if ch == "*":
            parts.append(r"[\w가-힣']*" if not hangul else r"[가-힣]*")
        elif ch == " ":
            parts.append(r"\s*" if hangul else r"\s+")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    first, last = phrase[0], phrase[-1]
    if first.isascii() and first.isalnum():
        body = r"(?<![A-Za-z0-9])" + body
    if last.isascii() and last.isalnum():
        body += r"(?![A-Za-z0-9])"
    return body


def _class(classes: dict[str, str] | None, name: str) -> str:
    if classes is None or name not in classes:
        raise ValueError(f"unknown class @{name}")
    return classes[name]


# A class's phrases, one regular expression each, classes named whole spliced in.
Parts = dict[str, tuple[str, ...]]


def alternation(phrases: list[str], classes: dict[str, str], parts: Parts) -> Alternation:
    ordered = sorted(phrases, key=len, reverse=True)
    source = "|".join(f"(?:{phrase_regex(p, classes)})" for p in ordered) or r"(?!x)x"
    flat: list[str] = []
    for p in ordered:
        ref = _CLASS_REF.match(p)
        flat += parts[ref[1]] if ref and ref[1] in parts else [phrase_regex(p, classes)]
    return Alternation(source, tuple(flat))


@cache
def compile_alternation(alternation: Alternation) -> Pattern:
    # One object per source: rules naming the same class share it, and so share a search.
    return alternation.pattern(re.IGNORECASE)


def item_pattern(item: Item, classes: dict[str, str], parts: Parts) -> Pattern:
    alts = [item] if isinstance(item, str) else item
    return compile_alternation(alternation(alts, classes, parts))
