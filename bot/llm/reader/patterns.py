"""A rule pattern compiled on its first search.

Compiling every rule at start-up costs seconds (a few hundred large alternations), while one
message runs a few dozen of them: the screen rules the rest out from plain strings alone, which
needs only the pattern's source. So a pattern is kept as its source and compiled when first
searched, once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class Pattern:
    """A regular expression that compiles itself on first use; searches as ``re.Pattern``."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        return f"Pattern({self.pattern[:40]!r}…)"

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
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
