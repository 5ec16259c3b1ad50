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


# A class's phrases as the alternatives they are tried in (see ``alternation``).
Parts = dict[str, tuple[str, ...]]
_WHOLE_CLASS = re.compile(r"\(\?:\{@([a-z_0-9]+)\}\)|\{@([a-z_0-9]+)\}")


def branches(regex: str) -> list[str]:
    """The top-level alternatives of a regular expression, in order: split at each ``|``
    outside any group or character class."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            # "]" first in a class (after an optional "^") is a plain character.
            i += 1 + (regex.startswith("^", i + 1))
            i += regex.startswith("]", i)
            continue
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            out.append(regex[start:i])
            start = i + 1
        i += 1
    return [*out, regex[start:]]


def _alternatives(phrase: str, classes: dict[str, str], parts: Parts) -> list[str]:
    """A phrase as the alternatives it is tried as: a class named whole, or one named as a
    whole branch of a regular expression, is its own phrases; a regular expression is its
    top-level branches."""
    if not phrase.startswith("re:"):
        ref = _CLASS_REF.match(phrase)
        return list(parts[ref[1]]) if ref and ref[1] in parts else [phrase_regex(phrase, classes)]
    out: list[str] = []
    for branch in branches(phrase[3:].strip()):
        whole = _WHOLE_CLASS.fullmatch(branch)
        name = whole and (whole[1] or whole[2])
        out += parts[name] if name and name in parts else [phrase_regex(f"re:{branch}", classes)]
    return out


def alternation(phrases: list[str], classes: dict[str, str], parts: Parts) -> Alternation:
    """A choice between phrases, longest first, and the same choice flattened."""
    ordered = sorted(phrases, key=len, reverse=True)
    source = "|".join(f"(?:{phrase_regex(p, classes)})" for p in ordered) or r"(?!x)x"
    flat = [alt for p in ordered for alt in _alternatives(p, classes, parts)]
    return Alternation(source, tuple(flat))


@cache
def compile_alternation(alternation: Alternation) -> Pattern:
    # One object per source: rules naming the same class share it, and so share a search.
    return alternation.pattern(re.IGNORECASE)


def item_pattern(item: Item, classes: dict[str, str], parts: Parts) -> Pattern:
    alts = [item] if isinstance(item, str) else item
    return compile_alternation(alternation(alts, classes, parts))
