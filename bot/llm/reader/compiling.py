"""Rule patterns compiled into a form Python's regex engine searches faster, matching the same.

The rule classes are alternations of hundreds of phrases. At every position of a text the engine
tries each alternative in turn, and skips one cheaply only when it starts with a plain
character test (a case-sensitive literal or set): a phrase that starts with a lookbehind
(``(?<![A-Za-z0-9])tone``), or a letter under IGNORECASE, costs a full attempt everywhere. These
rewrites of the parsed pattern keep every match, group and order the same:

- *Alternatives grouped by their first character.* Alternatives that start, after any
  lookbehinds or word boundaries, with a literal are grouped by that literal (as IGNORECASE
  compares it), in their order; each group starts with a case-sensitive set of the literal's
  forms, which the engine skips at once where it does not match. A lookbehind moved after that
  character looks one character further back; a word boundary becomes the lookbehind it
  amounts to before that character. Two alternatives with different first characters can never
  both match at one place, so their order does not matter; an alternative with no such first
  character keeps its place, and nothing moves across it. A small choice at the start of an
  alternative is first opened into one alternative per choice.
- *A first-character guard.* A pattern that cannot match the empty string, whose matches all
  start with one of a known set of characters, and that the engine has no fast scan for, is
  prefixed with a lookahead for that set: one test per position where there were many.
- *A first-character guard before lookarounds.* Inside a pattern, a run of lookbehinds or a
  choice between them ("(?:(?<=current and )|(?<=fresh and )|…)correct") is tried in full at
  every position; a lookahead for the characters what follows it starts with goes first, so
  where none of them is there the run is not tried.
- *Sets without cases compiled without IGNORECASE* (``[가-힣]``): the same characters, and the
  compiler no longer looks up the cases of each of them.

All work on the parser's tree (``re._parser``), which is private to Python but the only exact
account of a pattern.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
from typing import Any

from bot.llm.reader.guards import ICASE, REPEATS, Node, guard, guarded, has_fast_scan
from bot.llm.reader.guards import sub as _sub

_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")
_c: Any = importlib.import_module("re._constants")
_casefix: Any = importlib.import_module("re._casefix")
_sre: Any = importlib.import_module("_sre")

_BEHIND = -1
# Alternations shorter than this are left as they are: grouping them saves nothing.
_GROUP_FROM = 4
# Any one character, as a set: what a lookbehind moved one character on looks back over.
_ANY = (_c.IN, [(_c.CATEGORY, _c.CATEGORY_SPACE), (_c.CATEGORY, _c.CATEGORY_NOT_SPACE)])

# An alternative as the lookbehinds before its first literal, that literal, and the rest.
_Split = tuple[int, list[Node], list[Node]]
# How many nodes opening a choice may repeat (see ``_opened``).
_REPEAT_BUDGET = 400


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, rewritten to be searched faster (same matches)."""
    flags = int(flags)
    compiled: re.Pattern[str] = _compiler.compile(searched_as(pattern, flags), flags)
    return compiled


def searched_as(pattern: str, flags: int = 0) -> Any:
    """The parsed pattern as ``compile_pattern`` hands it to the compiler."""
    # Plain ints, as ``re.compile`` passes them on: bit tests on the flag enum are slow.
    flags = int(flags)
    tree = _parser.parse(pattern, flags)
    flags |= tree.state.flags
    # A word boundary is read as Unicode word characters unless ASCII or LOCALE say otherwise.
    bounds = not flags & (re.ASCII | re.LOCALE)
    faster = _rewrite(tree, bool(flags & ICASE), bounds)
    first = guard(tree)
    if first is not None and not has_fast_scan(faster, flags):
        faster.data.insert(0, first)
    return faster


@functools.cache
def _by_lower() -> dict[int, frozenset[int]]:
    """Every cased character, filed under its lower case as the regex engine computes it."""
    out: dict[int, set[int]] = {}
    for cp in range(0x110000):
        if _sre.unicode_iscased(cp):
            out.setdefault(_sre.unicode_tolower(cp), set()).add(cp)
    return {k: frozenset(v) for k, v in out.items()}


@functools.cache
def forms(cp: int, icase: bool) -> tuple[int, ...]:
    """The characters a literal ``cp`` matches: itself, or under IGNORECASE every character
    the engine takes for it (its cases and the few extra equivalents, "K" for "k")."""
    if not icase or not _sre.unicode_iscased(cp):
        return (cp,)
    lowers = {_sre.unicode_tolower(cp)}
    lowers |= set(_casefix._EXTRA_CASES.get(next(iter(lowers)), ()))
    table = _by_lower()
    return tuple(sorted(lowers.union(*(table.get(lo, frozenset()) for lo in lowers))))


@functools.cache
def _cased() -> tuple[int, ...]:
    """Every character that IGNORECASE compares other than by itself, in order: the cased
    ones, and any uncased one a cased one lowers to."""
    table = _by_lower()
    return tuple(sorted({*table, *(c for forms in table.values() for c in forms)}))


def _uncased(items: list[Node]) -> bool:
    """Whether a set of characters matches the same with IGNORECASE or without: none of its
    characters has another case. (The regex compiler works through every character of a
    range under IGNORECASE; "[가-힣]" then costs thousands of lookups.)"""
    cased = _cased()
    for op, av in items:
        if op is _c.LITERAL:
            lo, hi = av, av
        elif op is _c.RANGE:
            lo, hi = av
        elif op is _c.CATEGORY or op is _c.NEGATE:
            continue
        else:
            return False
        i = bisect.bisect_left(cased, lo)
        if i < len(cased) and cased[i] <= hi:
            return False
    return True


def _rewrite(sub: Any, icase: bool, bounds: bool) -> Any:
    """A copy of a parsed sequence with every alternation in it grouped."""
    out: list[Node] = []
    for op, av in sub.data:
        if op is _c.BRANCH:
            alts = [_rewrite(a, icase, bounds) for a in av[1]]
            out.append((op, (None, _grouped(alts, icase, bounds, sub.state))))
        elif op is _c.SUBPATTERN:
            group, add, drop, body = av
            inner = (icase or bool(add & ICASE)) and not drop & ICASE
            out.append((op, (group, add, drop, _rewrite(body, inner, bounds))))
        elif op in REPEATS:
            out.append((op, (av[0], av[1], _rewrite(av[2], icase, bounds))))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            out.append((op, (av[0], _rewrite(av[1], icase, bounds))))
        elif op is _c.ATOMIC_GROUP:
            out.append((op, _rewrite(av, icase, bounds)))
        elif op is _c.IN and icase and _uncased(av):
            out.append((_c.SUBPATTERN, (None, 0, ICASE, _sub(sub.state, [(op, av)]))))
        else:
            out.append((op, av))
    return _sub(sub.state, guarded(out, sub.state))


def _flat(alts: list[Any]) -> list[Any]:
    """Alternatives with plain groups that hold alternations opened: ``(?:a|b)|c`` is
    ``a|b|c``, tried in the same order."""
    out: list[Any] = []
    for alt in alts:
        data = alt.data
        if len(data) == 1 and data[0][0] is _c.SUBPATTERN and data[0][1][:3] == (None, 0, 0):
            body = data[0][1][3]
            if len(body.data) == 1 and body.data[0][0] is _c.BRANCH:
                out += _flat(body.data[0][1][1])
            else:
                out += _flat([body])
            continue
        out.append(alt)
    return out


def _first_literal(alt: Any, icase: bool, bounds: bool, state: Any) -> _Split | None:
    """An alternative as lookbehinds, a first literal and the rest; None if it is not one.
    A word boundary before the literal becomes the lookbehind it amounts to there ("\\bx" is
    "not after a word character" when x is one)."""
    behind: list[Node] = []
    edges: list[Any] = []
    for i, (op, av) in enumerate(alt.data):
        if _is_behind(op, av):
            behind.append((op, av))
            continue
        if _is_edge(op, av) and bounds:
            edges.append(av)
            continue
        cp = _literal(op, av, icase)
        if cp is None:
            return None
        if edges:
            word = {bool(re.match(r"\w", chr(c))) for c in forms(cp, icase)}
            if len(word) != 1:
                return None
            after_word = word.pop()
            for at in edges:
                # \b before a word character: none before it; before another: one before it.
                wanted = after_word if at is _c.AT_NON_BOUNDARY else not after_word
                word_char = _sub(state, [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])])
                behind.append((_c.ASSERT if wanted else _c.ASSERT_NOT, (_BEHIND, word_char)))
        return cp, behind, list(alt.data[i + 1 :])
    return None


def _literal(op: Any, av: Any, icase: bool) -> int | None:
    """The character a node matches, if it is one: a literal, or a group's own set of one
    literal's forms."""
    if op is _c.LITERAL:
        return int(av)
    if op is _c.SUBPATTERN and av[:3] == (None, 0, ICASE) and len(av[3].data) == 1:
        inner, items = av[3].data[0]
        if inner is _c.IN and all(o is _c.LITERAL for o, _ in items):
            chars: list[int] = sorted(c for _, c in items)
            if tuple(chars) == forms(chars[0], icase):
                return chars[0]
    return None


def _opened(alt: Any, state: Any) -> list[Any]:
    """An alternative that starts with a choice, as one alternative per choice:
    ``(?:a|b)c`` is ``ac|bc``, tried in the same order. Only where the part after the choice
    is small and captures nothing, since it is repeated."""
    data = alt.data
    i = 0
    while i < len(data) and (_is_behind(*data[i]) or _is_edge(*data[i])):
        i += 1
    if i == len(data) or data[i][0] is not _c.BRANCH:
        return [alt]
    lead, choices, rest = data[:i], data[i][1][1], data[i + 1 :]
    if _size(rest, _REPEAT_BUDGET // max(1, len(choices) - 1)) is None:
        return [alt]
    out: list[Any] = []
    for choice in choices:
        out += _opened(_sub(state, [*lead, *choice.data, *rest]), state)
    return out


def _is_behind(op: Any, av: Any) -> bool:
    return op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] == _BEHIND


def _is_edge(op: Any, av: Any) -> bool:
    """A word boundary, or the absence of one."""
    return op is _c.AT and av in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY)


def _size(data: list[Node], limit: int) -> int | None:
    """How many nodes a sequence has, or None past ``limit`` or if it captures."""
    total = 0
    stack = [data]
    while stack:
        for op, av in stack.pop():
            total += 1
            if total > limit:
                return None
            if op is _c.SUBPATTERN:
                if av[0] is not None:
                    return None
                stack.append(av[3].data)
            elif op is _c.BRANCH:
                stack.extend(a.data for a in av[1])
            elif op in REPEATS:
                stack.append(av[2].data)
            elif op in (_c.ASSERT, _c.ASSERT_NOT):
                stack.append(av[1].data)
            elif op is _c.ATOMIC_GROUP:
                stack.append(av.data)
            elif op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
                return None
    return total


def _grouped(alts: list[Any], icase: bool, bounds: bool, state: Any) -> list[Any]:
    alts = _flat(alts)
    if len(alts) < _GROUP_FROM:
        return alts
    alts = [opened for alt in alts for opened in _opened(alt, state)]
    out: list[Any] = []
    run: dict[int, list[_Split]] = {}

    def close_run() -> None:
        for items in run.values():
            out.append(_group(items, icase, state))
        run.clear()

    for alt in alts:
        split = _first_literal(alt, icase, bounds, state)
        if split is None:
            close_run()
            out.append(alt)
        else:
            run.setdefault(min(forms(split[0], icase)), []).append(split)
    close_run()
    return out


def _group(items: list[_Split], icase: bool, state: Any) -> Any:
    """Alternatives that share a first character, as that character then their rests."""
    chars = forms(items[0][0], icase)
    first: Node = (_c.LITERAL, chars[0])
    if len(chars) > 1:
        either = _sub(state, [(_c.IN, [(_c.LITERAL, c) for c in chars])])
        first = (_c.SUBPATTERN, (None, 0, ICASE, either))
    rests = [
        _sub(state, [(op, (_BEHIND, _sub(state, [*av[1].data, _ANY]))) for op, av in behind] + rest)
        for _, behind, rest in items
    ]
    if len(rests) == 1:
        return _sub(state, [first, *rests[0].data])
    return _sub(state, [first, (_c.BRANCH, (None, rests))])
