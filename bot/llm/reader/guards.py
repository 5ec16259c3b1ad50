"""First-character guards: a lookahead for the characters a match (or what follows a run of
lookarounds) must start with, so that the regex engine rejects a position with one test.

Works on the parser's tree (``re._parser``), as ``compiling`` does."""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")
_c: Any = importlib.import_module("re._constants")

ICASE = int(re.IGNORECASE)
REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
Node = tuple[Any, Any]


def sub(state: Any, data: list[Node]) -> Any:
    """A parsed sequence of ``data``."""
    out = _parser.SubPattern(state)
    out.data = data
    return out


def guarded(data: list[Node], state: Any) -> list[Node]:
    """A sequence with a first-character guard before each costly run of lookarounds."""
    out: list[Node] = []
    i = 0
    while i < len(data):
        j = i
        while j < len(data) and _zero_width(data[j]):
            j += 1
        run = data[i:j]
        if j < len(data) and (len(run) > 1 or any(op is _c.BRANCH for op, _ in run)):
            ahead = _ahead(data[j:], state)
            if ahead is not None:
                out.append(ahead)
        out += data[i : j + 1]
        i = j + 1
    return out


def _zero_width(node: Node) -> bool:
    """A lookaround, an anchor, or a choice between sequences of them."""
    op, av = node
    if op is _c.BRANCH:
        return all(all(_zero_width(n) for n in alt.data) for alt in av[1])
    return op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT)


class _Anything(Exception):
    """A match may start with any character."""


def guard(tree: Any) -> Node | None:
    """A lookahead for the characters every match starts with, if there is a known set."""
    return None if tree.getwidth()[0] == 0 else _ahead(tree.data, tree.state)


def _ahead(seq: list[Node], state: Any) -> Node | None:
    """A lookahead for the characters ``seq`` starts with; None if any may start it, or if
    ``seq`` may match nothing at all."""
    try:
        items, nullable = _starts(seq)
    except _Anything:
        return None
    if nullable or not items:
        return None
    return (_c.ASSERT, (1, sub(state, [(_c.IN, list(dict.fromkeys(items)))])))


def _starts(seq: list[Node]) -> tuple[list[Node], bool]:
    """The set items a sequence's first character is among, and whether it can match empty."""
    out: list[Node] = []
    for op, av in seq:
        items, nullable = _starts_of(op, av)
        out += items
        if not nullable:
            return out, False
    return out, True


def _starts_of(op: Any, av: Any) -> tuple[list[Node], bool]:
    if op is _c.LITERAL:
        return [(_c.LITERAL, av)], False
    if op is _c.IN:
        if any(o is not _c.LITERAL and o is not _c.RANGE and o is not _c.CATEGORY for o, _ in av):
            raise _Anything
        return list(av), False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return [], True
    if op is _c.SUBPATTERN:
        if av[1] & ICASE:
            # The guard is compiled with the pattern's own flags.
            raise _Anything
        return _starts(av[3].data)
    if op is _c.ATOMIC_GROUP:
        return _starts(av.data)
    if op is _c.BRANCH:
        out: list[Node] = []
        nullable = False
        for alt in av[1]:
            items, empty = _starts(alt.data)
            out += items
            nullable = nullable or empty
        return out, nullable
    if op in REPEATS:
        items, empty = _starts(av[2].data)
        return items, empty or av[0] == 0
    raise _Anything


def has_fast_scan(tree: Any, flags: int) -> bool:
    """Whether the engine already skips ahead to a literal prefix or a set of first characters
    (a guard in front would hide it)."""
    prefix, _, _ = _compiler._get_literal_prefix(tree, flags)
    return bool(prefix) or bool(_compiler._get_charset_prefix(tree, flags))
