"""Whether a text gives the figure a question asks for: a count of what it counts, or a price."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.knowledge.question import HANGUL_WORD, Question, read_question

# An English count's noun is looked for this far after the number, by its first letters.
UNIT_STEM = 4
UNIT_WINDOW = 40

_NUMBER = re.compile(
    r"(?<![.\d])\d+(?:,\d{3})*(?![.\d])|\b(?:two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|(?:두|세|네|다섯)\s?(?:개|가지|번|명|건)"
)
_KOREAN_NUMBER = r"(?:\d+|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)"
# Both count things of a list: "몇 개" is answered by "네 가지".
_ITEM_COUNTERS = "개|가지"
_ITEM_COUNTERS_SET = frozenset(_ITEM_COUNTERS.split("|"))
_PRICE = re.compile(r"[$€£₩]\s?\d|\d\s?(?:원|달러|dollars?|usd|cents?)\b")


def lacks_figure(question: str, texts: Iterable[str]) -> bool:
    """``question`` asks for a figure (a count, a size, a price) that none of ``texts`` gives."""
    q = read_question(question)
    return q.quantity and not any(gives_figure(q, t) for t in texts)


def gives_figure(question: Question, text: str) -> bool:
    """``text`` has the figure ``question`` asks for: a price, or a number of what it counts
    (a Korean count with its counter word; an English one with its noun within a few words)."""
    lowered = text.casefold()
    if question.price:
        return bool(_PRICE.search(lowered))
    unit = question.unit
    if not unit:
        return bool(_NUMBER.search(lowered))
    if HANGUL_WORD.fullmatch(unit):
        counters = _ITEM_COUNTERS if unit in _ITEM_COUNTERS_SET else unit
        return re.search(rf"{_KOREAN_NUMBER}\s?(?:{counters})", lowered) is not None
    stem = unit.removesuffix("s")[:UNIT_STEM]
    return any(
        stem in re.sub(r"[\s-]", "", lowered[m.end() : m.end() + UNIT_WINDOW])
        for m in _NUMBER.finditer(lowered)
    )
