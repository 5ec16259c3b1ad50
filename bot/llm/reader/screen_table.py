"""The screen's needs, worked out ahead of time and shipped beside the rules.

Working out what every rule pattern needs means parsing a few megabytes of regular expressions,
seconds at each start-up. The table holds the result per pattern source; a pattern it does not
know (a rule edited since) is worked out on the spot, so a stale table costs time, never a
wrong reading. ``scripts/screen_table.py`` writes it; a test fails when it is out of date.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from bot.llm.reader import screen
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.screen import Need

TABLE_PATH = Path(__file__).with_name("rules") / "screen.json"


def version() -> str:
    """What the needs depend on besides the patterns: the screen's code and the regular
    expression parser of this Python."""
    code = Path(screen.__file__).read_bytes()
    return hashlib.sha1(
        code + repr(sys.version_info[:2]).encode(), usedforsecurity=False
    ).hexdigest()[:16]


def key(pattern: Pattern) -> str:
    source = f"{pattern.flags}\0{pattern.pattern}".encode()
    return hashlib.sha1(source, usedforsecurity=False).hexdigest()[:20]


def build(patterns: Iterable[Pattern]) -> dict[str, object]:
    """The table for ``patterns``, as JSON: each string and each need once, by number."""
    strings: dict[str, int] = {}
    needs: dict[tuple[int, ...], int] = {}
    by_pattern: dict[str, list[int]] = {}
    for pattern in patterns:
        found = screen.needs(pattern)
        numbers = []
        for need in sorted(found, key=sorted):
            ids = tuple(sorted(strings.setdefault(s, len(strings)) for s in need))
            numbers.append(needs.setdefault(ids, len(needs)))
        by_pattern[key(pattern)] = numbers
    return {
        "version": version(),
        "strings": list(strings),
        "needs": [list(n) for n in needs],
        "patterns": dict(sorted(by_pattern.items())),
    }


def parse(data: Mapping[str, object]) -> dict[str, frozenset[Need]]:
    """Pattern key to needs; empty when the table was made by other code."""
    if data.get("version") != version():
        return {}
    strings: list[str] = data["strings"]  # type: ignore[assignment]
    needs = [frozenset(strings[i] for i in n) for n in data["needs"]]  # type: ignore[attr-defined]
    patterns: dict[str, list[int]] = data["patterns"]  # type: ignore[assignment]
    return {k: frozenset(needs[i] for i in ns) for k, ns in patterns.items()}


@cache
def shipped() -> dict[str, frozenset[Need]]:
    """The shipped table (empty if missing or unreadable: the screen then works it out)."""
    try:
        return parse(json.loads(TABLE_PATH.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return {}


def needs(pattern: Pattern) -> frozenset[Need]:
    """What ``pattern`` needs: from the shipped table when it knows the pattern."""
    found = shipped().get(key(pattern))
    return screen.needs(pattern) if found is None else found
