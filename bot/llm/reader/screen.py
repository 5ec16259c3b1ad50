"""A cheap screen before the reader's regular expressions: which patterns could match a text.

Every match of most patterns contains certain plain strings: "up to date" needs "up", "to" and
"date"; a class of phrases needs one of its words. Those needs are worked out once from each
compiled pattern (one set of strings per part the pattern cannot do without), and a text is
screened by looking for the strings in its case-folded form: a pattern with a need no string
of which is there cannot match, so its search is skipped. The screen only ever rules a pattern
out when the search would have found nothing; a pattern it cannot reason about (one that can
match without any plain character) is always searched.

A long alternation is screened alternative by alternative as well (see ``patterns``): when one
alternative alone may match a text, it is what is searched.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from bot.llm.reader.patterns import Pattern

# The regular-expression parser and case tables: private, but the only exact account of what a
# pattern means.
_sre: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_casefix: Any = importlib.import_module("re._casefix")

# One need: a set of strings, one of which every match contains. A pattern's needs all hold.
Need = frozenset[str]
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_COMBINATIONS = 16
# An alternation with more alternatives than this that may match a text is searched whole.
_FEW = 6
_ROTATIONS = 4


def _fold_tables() -> tuple[dict[int, str], dict[int, str]]:
    """Case folding that agrees with ``re.IGNORECASE``: a character matches another exactly
    when both fold to the same character.

    ``str.lower`` is the regex engine's lower-casing except for "İ" (to "i" plus a dot), and
    the engine also equates a few lower-case letters ("s" and "ſ", "σ" and "ς"): each such
    group folds to one of its members.
    """
    post: dict[int, str] = {}
    extra: dict[int, tuple[int, ...]] = _casefix._EXTRA_CASES
    for lo, others in extra.items():
        post[lo] = chr(min(lo, *others))
    return {0x130: "i"}, post


_PRE, _POST = _fold_tables()


def fold(text: str) -> str:
    """``text`` case-folded as ``re.IGNORECASE`` compares it, one character for one."""
    return text.translate(_PRE).lower().translate(_POST)


def _telling(need: Need) -> tuple[int, int, list[str]]:
    """How much a need tells: long strings, then few of them (ties in a fixed order, so that
    the needs worked out do not change from one process to the next)."""
    return (-min(map(len, need)), len(need), sorted(need))


def _needs_of(op: Any, av: Any) -> list[Need]:
    """What one element of a parsed pattern needs, apart from a plain character."""
    if op is _c.SUBPATTERN:
        return _needs(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _needs(av)
    if op is _c.BRANCH:
        return _branch([_needs(alt) for alt in av[1]])
    if op in _REPEATS and av[0] >= 1:
        return _needs(av[2])
    # Anything else (a class of characters, an anchor, a lookaround) is no plain string.
    return []


def _branch(alts: list[list[Need]]) -> list[Need]:
    """What a choice between alternatives needs: for any one need of each alternative, one of
    them. Of the many such unions, those that tell most: the alternatives' best needs, their
    second best and so on, a need every alternative shares (a class named in each), or, for a
    few short alternatives, every combination."""
    if not all(alts):
        return []
    ranked = [sorted(alt, key=_telling) for alt in alts]
    # Each alternative's best need, then each one's second best, and so on.
    out = {
        frozenset().union(*(alt[i % len(alt)] for alt in ranked))
        for i in range(min(_ROTATIONS, max(map(len, ranked))))
    }
    for need in {n for alt in alts for n in alt}:
        picks = [next((m for m in alt if m <= need), None) for alt in alts]
        if all(p is not None for p in picks):
            out.add(frozenset().union(*picks))  # type: ignore[arg-type]
    if math.prod(map(len, alts)) <= _COMBINATIONS:
        out.update(frozenset().union(*combo) for combo in itertools.product(*alts))
    # A need that holds a smaller one says nothing more.
    return [n for n in out if not any(m < n for m in out)]


def _needs(items: Sequence[tuple[Any, Any]]) -> list[Need]:
    """What every match of a parsed sequence needs; empty when nothing is certain (it may
    match without any plain character)."""
    out: list[Need] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(fold(chr(av)))
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        out += _needs_of(op, av)
    if run:
        out.append(frozenset({"".join(run)}))
    return out


def needs(pattern: Pattern) -> frozenset[Need]:
    """What every match of ``pattern`` needs (folded strings); empty when nothing is certain."""
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern the parser cannot read is simply always searched
        return frozenset()
    return frozenset(_needs(list(parsed)))


_KEY = 3
# A needed string and the needs it meets, as bits (need n is bit n).
Entry = tuple[str, int]


def _pieces(folded: str, lengths: tuple[int, ...]) -> set[str]:
    """Every substring of ``folded`` of the given lengths (1 to 3)."""
    out: set[str] = set()
    if 1 in lengths:
        out.update(folded)
    if 2 in lengths:
        out.update(map(str.__add__, folded, folded[1:]))
    if 3 in lengths:
        out.update(map("".join, zip(folded, folded[1:], folded[2:], strict=False)))
    return out


class Screen:
    """The patterns a text may match, found from the strings each pattern needs."""

    def __init__(
        self,
        patterns: Iterable[Pattern],
        needs_for: Callable[[Pattern], frozenset[Need]] = needs,
    ) -> None:
        numbered: dict[Need, int] = {}
        # Pattern id to its needs, as bits.
        self.needs: dict[int, int] = {}
        # The screened patterns; held, so that their ids stay theirs while the screen lives.
        self.patterns: list[Pattern] = []
        unique = {id(p): p for p in patterns}.values()
        for pattern in unique:
            found = needs_for(pattern)
            # The mask character must not be needed: masking could then make a match.
            if not found or any("\x00" in s for need in found for s in need):
                continue
            self.patterns.append(pattern)
            self.needs[id(pattern)] = sum(1 << numbered.setdefault(n, len(numbered)) for n in found)
        # Per alternation, what each alternative needs (nothing, if it was not screened).
        self.alt_needs: dict[int, _Alts] = {
            id(p): _Alts(tuple(self.needs.get(id(a), 0) for a in p.alts)) for p in unique if p.alts
        }
        by_string: dict[str, list[int]] = {}
        for need, number in numbered.items():
            for string in need:
                by_string.setdefault(string, []).append(number)
        # Each string is filed under its least shared piece of up to three characters: a text
        # is looked up by its own short pieces, not by every string in turn.
        shared: dict[str, int] = {}
        for string in by_string:
            for piece in _pieces(string, (min(_KEY, len(string)),)):
                shared[piece] = shared.get(piece, 0) + 1
        self._by_key: dict[str, list[Entry]] = {}
        for string, numbers in by_string.items():
            pieces = _pieces(string, (min(_KEY, len(string)),))
            key = min(pieces, key=lambda p: (shared[p], p))
            self._by_key.setdefault(key, []).append((string, sum(1 << n for n in numbers)))
        self._keys = frozenset(self._by_key)
        self._lengths = tuple(sorted({len(k) for k in self._by_key}))

    def needs_of(self, patterns: Iterable[Pattern]) -> int:
        """The needs of several patterns together (any unscreened one needs nothing)."""
        return functools.reduce(operator.or_, (self.needs.get(id(p), 0) for p in patterns), 0)

    def scan(self, text: str) -> Seen:
        """What ``text`` may match."""
        folded = fold(text)
        present = [
            entry
            for key in _pieces(folded, self._lengths) & self._keys
            for entry in self._by_key[key]
            if entry[0] in folded
        ]
        return Seen(self, text, present)


class _Alts:
    """What each alternative of an alternation needs, filed under one of its needs: a text
    is checked against the alternatives filed under the needs it meets, not against all."""

    __slots__ = ("filed", "free", "keys")

    def __init__(self, needs: tuple[int, ...]) -> None:
        # The alternatives that need nothing: they may always match.
        self.free = tuple(i for i, needed in enumerate(needs) if not needed)
        self.filed: dict[int, list[tuple[int, int]]] = {}
        for i, needed in enumerate(needs):
            if needed:
                self.filed.setdefault(needed.bit_length() - 1, []).append((i, needed))
        self.keys = sum(1 << k for k in self.filed)

    def may(self, met: int) -> list[int] | None:
        """The alternatives whose needs ``met`` meets, in order; None when more than a few."""
        may = list(self.free)
        keys = met & self.keys
        while keys:
            low = keys & -keys
            keys ^= low
            may += [i for i, needed in self.filed[low.bit_length() - 1] if needed & met == needed]
            if len(may) > _FEW:
                return None
        return sorted(may)


class Seen:
    """The needs one text meets: a screened pattern with a need it does not meet cannot match
    the text, nor any part of it."""

    __slots__ = ("_present", "met", "screen", "text")

    def __init__(self, screen: Screen, text: str, present: list[Entry]) -> None:
        self.screen = screen
        self.text = text
        self._present = present
        self.met: int = functools.reduce(operator.or_, (bits for _, bits in present), 0)

    def may(self, pattern: Pattern) -> bool:
        """False when ``pattern`` cannot match anywhere in the text."""
        needed = self.screen.needs.get(id(pattern))
        return needed is None or needed & self.met == needed

    def regexes(self, pattern: Pattern) -> list[re.Pattern[str]]:
        """What finds ``pattern``'s matches in the text (or in any part of it, or in it with
        parts masked): nothing when nothing can match; of a long alternation, the few
        alternatives that may match, in order, when each must match some plain string (so
        none matches an empty string); else the whole pattern."""
        if not self.may(pattern):
            return []
        alts = self.screen.alt_needs.get(id(pattern))
        if alts is None:
            return [pattern.compiled]
        may = alts.may(self.met)
        if may is None or (len(may) > 1 and alts.free):
            return [pattern.compiled]
        return [pattern.alts[i].compiled for i in may]

    def finditer(self, pattern: Pattern, text: str | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer`` over the text (or ``text``, the text with parts masked)."""
        text = self.text if text is None else text
        regexes = self.regexes(pattern)
        if len(regexes) <= 1:
            yield from (m for r in regexes for m in r.finditer(text))
            return
        # The leftmost match of any alternative, the first alternative's where several start
        # at the same place, then on from its end: what the whole alternation finds.
        ahead = [r.search(text) for r in regexes]
        while True:
            best: re.Match[str] | None = None
            for m in ahead:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            end = best.end()
            for i, m in enumerate(ahead):
                if m is not None and m.start() < end:
                    ahead[i] = regexes[i].search(text, end)

    def search(self, pattern: Pattern) -> re.Match[str] | None:
        """``pattern.search`` over the text, skipped when it could find nothing."""
        return next(self.finditer(pattern), None)

    def within(self, part: str) -> Seen:
        """What a part of the text may match: only what the whole may, so only the strings
        found in the whole are looked for again."""
        if part == self.text:
            return self
        if part not in self.text:
            return self.screen.scan(part)
        folded = fold(part)
        return Seen(self.screen, part, [e for e in self._present if e[0] in folded])
