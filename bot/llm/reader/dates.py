"""How many months off a date the user names is, when they also say what month it is now
("first snow is mid-december and it's september now", "벚꽃 시즌이 3월이라. 지금 11월이니까")."""

from __future__ import annotations

import re

_NAMES = (
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    # "may" is also a verb: only as a date ("in may", "1 may", "mid-may", "it's may").
    r"(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\bon\s)|(?<=\buntil\s)|(?<=\bbefore\s)|(?<=\bmid-)"
    r"|(?<=\d\s)|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bit's\s)|(?<=\bits\s)|(?<=\bis\s))may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sept?(?:ember)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)
_MONTH = re.compile(
    "|".join(rf"(?P<m{i}>\b{name}\b)" for i, name in enumerate(_NAMES, start=1)), re.IGNORECASE
)
# A date at least this many months off, with the month it is now, sets no deadline.
FAR_MONTHS = 2
_KO_MONTH = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s?월")
# What month it is now: "it's september now", "now it's may", "Today is 3 June", "지금 11월이니까".
_NOW_EN = re.compile(
    r"(?<!\bif\s)\b(?:it'?s|its|it\s+is|today\s+is|today'?s)\s+(?:already\s+)?"
    r"(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:early\s+|mid-|late\s+)?$"
)
_NOW_AFTER_EN = re.compile(r"^\s*now\b")
_NOW_KO = re.compile(r"(?:지금|현재|이제)\s?(?:이|은|는)?\s?$")


def months_off(text: str) -> int | None:
    """Months from now to the other month ``text`` names, when it says which month it is now
    (the next such month: December is three off in September, March four in November)."""
    named = [(m.start(), m.end(), _number(m)) for m in _MONTH.finditer(text)]
    named += [(m.start(), m.end(), int(m.group(1))) for m in _KO_MONTH.finditer(text)]
    now = [n for n in named if _is_now(text, n[0], n[1])]
    other = [n for n in named if n not in now]
    if len(now) != 1 or not other:
        return None
    return (other[0][2] - now[0][2]) % 12


def _number(m: re.Match[str]) -> int:
    return next(int(name[1:]) for name, value in m.groupdict().items() if value)


def _is_now(text: str, start: int, end: int) -> bool:
    before, after = text[:start].casefold(), text[end:].casefold()
    return bool(_NOW_EN.search(before) or _NOW_AFTER_EN.match(after) or _NOW_KO.search(before))
