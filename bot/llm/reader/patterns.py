"""A rule pattern compiled on its first search.

Compiling every rule at start-up costs seconds (a few hundred large alternations), while one
message runs a few dozen of them: the screen rules the rest out from plain strings alone, which
needs only the pattern's source. So a pattern is kept as its source and compiled when first
searched, once per process, in the form ``compiling`` rewrites it to (the same matches, found
faster).

A long alternation also keeps its alternatives as patterns of their own. Python's regular
expressions try every alternative at every position of a text, so a class of a few hundred
phrases costs as much as a few hundred searches; where the screen finds that only one of them
can match a text, that one is searched alone, with the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from bot.llm.reader.compiling import compile_pattern

#: An alternation with fewer alternatives than this is searched whole: picking its one
#: alternative that may match costs about as much as the search.
SPLIT_FROM = 8
#: A pattern this long is split whatever the number of its alternatives (a rule's choice of a
#: few long branches, each naming whole classes): the screen then rules out each branch by its
#: own needs, where the whole needs only what any one branch needs.
SPLIT_SIZE = 2000


class CompiledSource(Protocol):
    """Somewhere patterns may already be compiled (``codecache``): a pattern found there is
    the pattern ``compile_pattern`` would return."""

    def compiled(self, pattern: str, flags: int) -> re.Pattern[str] | None: ...


class _Compiled:
    source: CompiledSource | None = None


def use_compiled(source: CompiledSource | None) -> None:
    """Where every pattern looks for its compiled form before it compiles itself."""
    _Compiled.source = source


class Pattern:
    """A regular expression that compiles itself on first use; searches as ``re.Pattern``."""

    __slots__ = ("_compiled", "alts", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0, alts: tuple[Pattern, ...] = ()) -> None:
        self.pattern = pattern
        self.flags = flags
        # Alternatives that, in this order, match exactly what ``pattern`` matches.
        self.alts = alts
        self._compiled: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        return f"Pattern({self.pattern[:40]!r}…)"

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            source = _Compiled.source
            found = source.compiled(self.pattern, self.flags) if source is not None else None
            self._compiled = found or compile_pattern(self.pattern, self.flags)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)


@dataclass(frozen=True)
class Alternation:
    """A choice between phrases: its source, and the same choice flattened to one regular
    expression per alternative, in the order they are tried ("(?:a)|(?:(?:b)|(?:c))" is a, b,
    c: at any position of a text, the first alternative that matches there wins either way)."""

    source: str
    parts: tuple[str, ...]

    def pattern(self, flags: int) -> Pattern:
        alts = (
            tuple(Pattern(part, flags) for part in self.parts)
            if len(self.parts) >= SPLIT_FROM
            or (len(self.parts) > 1 and len(self.source) >= SPLIT_SIZE)
            else ()
        )
        return Pattern(self.source, flags, alts)
