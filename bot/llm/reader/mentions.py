"""Numbers in a clause: digits, ranges, English and Sino-Korean number words, vague amounts.

Which noun a number counts is decided in ``numbers``; this module only finds the numbers.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from bot.llm.reader.engine import ClauseText
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.rules import Rules

# "GPT-4", "Llama-3": a model's version after its name is no count, nor is "1:1" or "10:30".
# "maybe 4 000." ends a sentence: the full stop after a spaced thousand is no decimal point.
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.,:])(?<![A-Za-z]{2}-)(?!\d+:\d)"
    r"(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)"
    r"|[1-9]\d{0,2}(?:\.\d{3})+(?!\d|[.,]\d)|\d+(?:\.\d+)?)"
    r"(?!\d)(?![.,]\d)\s*(억|만|천|백|k|mn|m|million|"
    r"thousand|hundred|bn|billion|lakhs?|crores?)?(?:\s*(\d+(?:\.\d+)?)\s*(천|백))?(?:-?ish)?(?![A-Za-z])",
    re.IGNORECASE,
)
# After a year: "the 2016 ones", "(2015 onward)", "2019 to date", "2020-present", "the 2019 lease".
_YEAR_AFTER = re.compile(
    r"\s+ones\b|\s*(?:onwards?|and\s+(?:later|after|on|since)|to\s+(?:date|now|the\s+present)"
    r"|[-–]\s*(?:present|now|today))\b|\s+(?:lease|contract|agreement|version|edition|price\s+list"
    r"|prices|rates|tariffs?|polic(?:y|ies)|rules|handbook|manual|catalog(?:ue)?|season|regulations)\b",
    re.IGNORECASE,
)
_QUOTED_SPAN = re.compile(
    r"(?<![A-Za-z])'[^'\n]{3,80}'(?![A-Za-z])|‘[^’\n]{3,80}’|\"[^\"\n]{3,80}\"|“[^”\n]{3,80}”"
)
_DOTTED_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_RANGE = re.compile(
    # "from 12 to 18" is a change, not a range.
    # "2천~3천 건": the unit may come after each bound.
    r"(?<![0-9A-Za-z.,])(?<!\bfrom\s)(\d+(?:\.\d+)?)\s*(?:천|만|백)?\s*(?:[-~–]|\s(?:or|to)\s)\s*(\d+(?:\.\d+)?)\s*"
    r"(억|만|천|백|k|m|thousand)?"
    r"(?![A-Za-z])|"
    r"\bbetween\s+(\d+(?:\.\d+)?)\s*(k|m|thousand)?\s+and\s+\d+(?:\.\d+)?\s*(?:k|m|thousand)?"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_MULTIPLIER = {"억": 1e8, "만": 1e4, "천": 1e3, "백": 1e2}
_MULTIPLIER |= {"k": 1e3, "thousand": 1e3, "hundred": 1e2}
_MULTIPLIER |= {"m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
# Indian English: "1.2 lakh tickets" is 120,000.
_MULTIPLIER |= {"lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
# Vague amounts, by class name in the rule files: a representative count for each.
VAGUE = {
    "count_hundreds_of_thousands": 300_000,
    "count_millions": 3_000_000,
    "count_tens_of_thousands": 30_000,
    "count_thousands": 3_000,
    "count_hundreds": 300,
    "count_dozens": 30,
    "count_handful": 10,
}
# Spelled-out small numbers, by class name: "twenty examples" is not a lot.
_EN_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen"
)
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
# Native Korean numbers, and the approximate ones ("두세 개", "대여섯 건", "열댓 건"): the upper
# figure of a pair.
_KO_COUNT_WORDS = {
    **{"한두": 2, "두세": 3, "두어": 2, "서너": 4, "너덧": 5, "네댓": 5, "대여섯": 6},
    **{"예닐곱": 7, "일여덟": 8, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9},
    **{"열": 10, "열댓": 15, "여남은": 10, "스무": 20, "스물": 20, "스무남은": 20, "서른": 30},
    **{"마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90},
}
_WORDS = {
    **dict(zip(_EN_WORDS.split(), range(1, 20), strict=True)),
    **dict(zip(_EN_TENS.split(), range(20, 100, 10), strict=True)),
    **_KO_COUNT_WORDS,
}
_EN_NUMBER_WORDS = {w: n for w, n in _WORDS.items() if w.isascii()}
_EN_WORD = "(?:" + "|".join(sorted(_EN_NUMBER_WORDS, key=len, reverse=True)) + r")(?![A-Za-z])"
# "two, three thousand emails": a range in words, the amount only (digits: ``_RANGE``).
_SPELLED_RANGE = re.compile(
    rf"(?<![A-Za-z])({_EN_WORD})\s*(?:,|\bor\b|\bto\b|-|–)\s*{_EN_WORD}\s+(hundred|thousand)(?![A-Za-z])",
    re.IGNORECASE,
)
# What follows a scale: "two hundred and thirty", "three thousand two hundred", "… twenty-five".
_EN_TAIL = rf"(?:\s+(?:and\s+)?{_EN_WORD}(?:[\s-]+{_EN_WORD})?(?:\s+hundred(?![A-Za-z]))?){{0,2}}"
# "forty-five thousand": tens and units hyphenated or spaced are one number.
_EN_COMPOUND = (
    "(?:" + "|".join(_EN_TENS.split()) + r")[\s-](?:" + "|".join(_EN_WORDS.split()[:9]) + ")"
)
# "마흔두 개", "스물세 건": native Korean tens and units are one number.
_KO_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
_KO_TENS |= {"예순": 60, "일흔": 70, "여든": 80, "아흔": 90}
_KO_ONES = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5}
_KO_ONES |= {"여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_KO_COMPOUND = (
    "(?:"
    + "|".join(_KO_TENS)
    + r")\s?(?:"
    + "|".join(sorted(_KO_ONES, key=len, reverse=True))
    + ")"
)
_WORD_NUMBER = re.compile(
    r"(?<![A-Za-z가-힣0-9-])("
    + _EN_COMPOUND
    + "|"
    + _KO_COMPOUND
    + "|"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    # "a hundred and thirty": the article is a one only before a scale.
    + r"|a(?=\s+(?:hundred|thousand)(?![A-Za-z])(?!\s+and\s+something))"
    + r")(?![A-Za-z])"
    rf"(?:(\s+and\s+a\s+half)?\s*(hundred|thousand)(?![A-Za-z])({_EN_TAIL}))?",
    re.IGNORECASE,
)
_EN_TOKEN = re.compile(_EN_WORD + r"|hundred", re.IGNORECASE)
# "say hundred fifty", "thousand two hundred": a scale said without its "one".
_BARE_SCALE = re.compile(
    rf"(?<![A-Za-z0-9-])(hundred|thousand)(?=\s+(?:and\s+)?{_EN_WORD})({_EN_TAIL})", re.IGNORECASE
)
_COMPOUND = re.compile(_EN_COMPOUND, re.IGNORECASE)


def _ko_compound_value(word: str) -> int:
    """The value of a native Korean compound ("마흔두" 42), or 0."""
    tens = next((t for t in _KO_TENS if word.startswith(t)), None)
    ones = _KO_ONES.get(word[len(tens) :].strip()) if tens else None
    return _KO_TENS[tens] + ones if tens and ones else 0


def _tail_value(tail: str) -> int:
    """The value of the words after a scale ("two hundred", "and thirty-five")."""
    total = 0
    for m in _EN_TOKEN.finditer(tail):
        word = m[0].lower()
        total = total * 100 if word == "hundred" else total + _EN_NUMBER_WORDS[word]
    return total


# Sino-Korean numbers in words or mixed with digits: "천오백", "삼천", "3천5백", "1만 2천".
_KO_DIGITS = dict(zip("일이삼사오육칠팔구", range(1, 10), strict=True))
_KO_UNITS = {"십": 10, "백": 100, "천": 1_000}
_KO_GROUPS = {"만": 10_000, "억": 100_000_000}
_KO_TOKEN = re.compile(r"\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억]")
_KO_NUMBER = re.compile(
    r"(?<![A-Za-z가-힣0-9.,])(?:\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억])"
    r"(?:(?:(?<=[백천만억])\s(?=[일이삼사오육칠팔구]?[십백천]|\d+\s?[십백천]))?"
    r"(?:(?<![0-9])\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억]))*"
)
# After a number in words and no counter, only a particle may follow ("천오백이에요"): "이만큼",
# "오만하다" and "천천히" are words, not numbers.
_KO_AFTER = re.compile(
    # "천 건쯤이요", "만 개 정도예요": an approximation, then its particle.
    r"(?:쯤|정도|가량|남짓)?"
    r"(?:이요|이에요|예요|요|이|가|은|는|을|를|도|쯤|정도|여|가량|남짓|넘게|이상|밖에|까지|씩|의|"
    r"에|으로|로|만|뿐|이나|나|짜리)?"
    r"(?![가-힣])"
)
# Words spelt like a number: "이만 줄일게요" (this much), "오만" (arrogance), "천만에요",
# "사천" (Sichuan), "이천" (a city).
_KO_WORDS = frozenset({"이만", "오만", "천만", "사천", "이천"})
MAX_COUNTS = 12
_FIRST_YEAR, _LAST_YEAR = 1950, 2100


@dataclass
class Mention:
    value: float
    start: int
    end: int
    vague: bool = False


def mentions(rules: Rules, c: ClauseText) -> list[Mention]:
    not_count = rules.classes.get("not_a_count")
    out: list[Mention] = []
    # "1만2천5백" is one number, not "1만2천" and "5백": the longest reading of a span wins.
    year_before = rules.classes.get("year_before")
    found = _digit_mentions(c.text, not_count, year_before)
    found += _word_mentions(rules, c.text, not_count)
    found += _korean_mentions(rules, c.text, not_count)
    found += _spelled_ranges(c.text, not_count)
    found += _korean_ranges(rules, c.text, not_count)
    # "the same 'size 5 or 6 for 12 year old' question": figures inside a quoted question.
    quoted = [(m.start(), m.end()) for m in _QUOTED_SPAN.finditer(c.text)]
    for x in sorted(found, key=lambda x: x.start - x.end):
        if any(a < x.start and x.end < b for a, b in quoted):
            continue
        if not any(k.start < x.end and x.start < k.end for k in out):
            out.append(x)
    for name, approx in VAGUE.items():
        pattern = rules.classes.get(name)
        if pattern is None:
            continue
        for m in c.finditer(pattern, c.text):
            if not any(x.start <= m.start() < x.end for x in out):
                # "몇 백 건": the "백" inside a vague amount is no count of its own.
                out = [x for x in out if not m.start() < x.start < m.end()]
                out.append(Mention(float(approx), m.start(), m.end(), vague=True))
    return [_bounded(rules, c.text, x) for x in out]


def _spelled_ranges(text: str, not_count: Pattern | None) -> list[Mention]:
    """ "two, three thousand": the lower bound, as an amount rather than a count."""
    out: list[Mention] = []
    for m in _SPELLED_RANGE.finditer(text):
        if not_count is not None and not_count.match(text[m.end() :].lstrip()):
            continue
        low = _WORDS[m[1].lower()] * _MULTIPLIER[m[2].lower()]
        out.append(Mention(float(low), m.start(), m.end(), vague=True))
    return out


def _bounded(rules: Rules, text: str, x: Mention) -> Mention:
    """A count said to be a floor ("만 건 넘게", "over 10k") or a ceiling ("천 건은 안 돼요"):
    not a count, only the amount it implies, which for a ceiling is just below it."""
    floor_after = rules.classes.get("count_floor_after")
    floor_before = rules.classes.get("count_floor_before")
    ceiling_after = rules.classes.get("count_ceiling_after")
    ceiling_before = rules.classes.get("count_ceiling_before")
    if (floor_after and floor_after.match(text[x.end :])) or (
        floor_before and floor_before.search(text[: x.start])
    ):
        return Mention(x.value, x.start, x.end, vague=True)
    ceiling = (ceiling_after and ceiling_after.match(text[x.end :])) or (
        ceiling_before and ceiling_before.search(text[: x.start])
    )
    if ceiling and x.value >= 1:
        return Mention(x.value - 1, x.start, x.end, vague=True)
    return x


def _year(text: str, start: int, digits: str, before: Pattern | None) -> bool:
    """Whether a number is a year ("since 2019", "back in 2021", "the 2016 ones")."""
    if not (digits.isdigit() and _FIRST_YEAR <= int(digits) <= _LAST_YEAR):
        return False
    if _YEAR_AFTER.match(text, start + len(digits)):
        return True
    return before is not None and before.search(text[:start]) is not None


def _digit_mentions(
    text: str, not_count: Pattern | None, year_before: Pattern | None = None
) -> list[Mention]:
    out: list[Mention] = []
    for m in _RANGE.finditer(text):
        # "2-3k requests", "between 15k and 20k": the lower bound, with its unit or the one that
        # follows the pair; a range gives the amount, not a count.
        if not_count is not None and not_count.match(text[m.end() :].lstrip()):
            continue
        low, unit = (m[1], m[3]) if m[1] else (m[4], m[5])
        scale = _MULTIPLIER.get((unit or "").lower(), 1.0)
        out.append(Mention(float(low) * scale, m.start(), m.end(), vague=True))
    ranges = [(x.start, x.end) for x in out]
    for m in itertools.islice(_NUMBER.finditer(text), MAX_COUNTS * 4):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        if m.start() > 0 and text[m.start() - 1] in "$₩€£":
            continue
        if m.start() > 0 and text[m.start() - 1] in "'’" and len(m[1]) == 2:
            continue  # "back in '78": a year
        if not_count is not None and not_count.match(text[m.end() :].lstrip()):
            continue
        if _year(text, m.start(), m[1], year_before):
            continue  # "every reply since 2019": a year, not a count
        # "60.000": a thousands separator where a decimal point would need fewer digits.
        dotted = m[2] is None and _DOTTED_THOUSANDS.fullmatch(m[1])
        digits = re.sub(r"[,.\s]" if dotted else r"[,\s]", "", m[1])
        value = float(digits) * _MULTIPLIER.get((m[2] or "").lower(), 1.0)
        if m[3]:
            value += float(m[3]) * _MULTIPLIER[m[4]]
        if not value.is_integer():
            continue  # "κ = 0.38", "F1 0.71": a score, not a count
        out.append(Mention(value, m.start(), m.end()))
    return out


def _word_mentions(rules: Rules, text: str, not_count: Pattern | None) -> list[Mention]:
    out: list[Mention] = []
    data = rules.classes.get("data_noun")
    for m in _WORD_NUMBER.finditer(text):
        rest = text[m.end() :].lstrip()
        if not_count is not None and not_count.match(rest):
            continue
        # A spelled-out number counts only right before what it counts ("twenty examples",
        # "만 건"), unless it has a scale ("ten thousand") and so reads like digits.
        korean = not m[1].isascii()
        unit = rules.classes.get("count_unit") if korean else data
        # "sixty-five proposals": a compound reads like digits, where "one" or "ten" may not.
        scaled = bool(m[3]) or (not korean and _COMPOUND.fullmatch(m[1]) is not None)
        # "ten a day in January at worst": a rate right after counts as well.
        rate = rules.classes.get("word_count_rate")
        rated = rate is not None and rate.match(rest) is not None
        counts = unit is not None and unit.match(" ".join(rest.split()[:1])) is not None
        if not (scaled or rated or counts):
            continue
        scale = {"hundred": 100, "thousand": 1000}.get((m[3] or "").lower(), 1)
        # "fourteen and a half thousand": the half is of the scale.
        word = m[1].lower()
        named = _WORDS.get(word) or _ko_compound_value(m[1]) or _tail_value(m[1])
        head = 1 if word == "a" else named
        value = head + (0.5 if m[2] else 0)
        out.append(Mention(float(value * scale + _tail_value(m[4] or "")), m.start(), m.end()))
    for m in _BARE_SCALE.finditer(text):
        # After digits ("2 hundred fifty") the scale is theirs; after words ("two hundred …"),
        # the longer reading of ``_WORD_NUMBER`` wins.
        if not text[: m.start()].rstrip()[-1:].isdigit():
            value = _MULTIPLIER[m[1].lower()] + _tail_value(m[2])
            out.append(Mention(value, m.start(), m.end()))
    return out


def _korean_value(tokens: list[str]) -> float | None:
    """The value of a Sino-Korean number ("천오백" 1500, "3천5백" 3500, "1만2천" 12000), or
    None when the syllables are not one number ("일이", "천천")."""
    total, section, coef = 0.0, 0.0, None
    last_unit, last_group = 10_000, 1e12
    for tok in tokens:
        if tok in _KO_UNITS or tok in _KO_GROUPS:
            scale = _KO_UNITS.get(tok) or _KO_GROUPS[tok]
            if tok in _KO_UNITS:
                if scale >= last_unit:
                    return None
                section += (1.0 if coef is None else coef) * scale
                last_unit = scale
            else:
                if scale >= last_group:
                    return None
                total += (section + (coef or 0.0) or 1.0) * scale
                section, last_unit, last_group = 0.0, 10_000, scale
            coef = None
        elif coef is not None:
            return None
        else:
            coef = float(_KO_DIGITS.get(tok) or tok)
    return total + section + (coef or 0.0)


def _counted(unit: Pattern | None, text: str, end: int) -> bool:
    """Whether a counter follows ``end`` ("개", "건 정도"), as a word of its own: "줄일게요"
    and "개발" begin like a counter."""
    rest = text[end:].lstrip()
    m = unit.match(rest) if unit is not None else None
    return m is not None and _KO_AFTER.match(rest, m.end()) is not None


def _korean_mentions(rules: Rules, text: str, not_count: Pattern | None) -> list[Mention]:
    """Sino-Korean numbers: a number before a counter ("칠백 개", "천 건"), or a compound of
    digits and scales ("천오백", "오십") that reads as a number on its own."""
    unit = rules.classes.get("count_unit")
    out: list[Mention] = []
    for m in _KO_NUMBER.finditer(text):
        spans = [(t.start(), t.end()) for t in _KO_TOKEN.finditer(text, m.start(), m.end())]
        tokens = [text[a:b] for a, b in spans]
        counted = _counted(unit, text, m.end())
        if not counted and len(tokens) > 1 and not (set(tokens[-1]) & {*_KO_UNITS, *_KO_GROUPS}):
            # "천오백이 넘어요": the last syllable is a particle, not a digit.
            spans, tokens = spans[:-1], tokens[:-1]
        end = spans[-1][1]
        word = text[m.start() : end]
        value = _korean_value(tokens)
        if value is None or not set(tokens) & {*_KO_UNITS, *_KO_GROUPS}:
            continue
        if not counted and (len(tokens) < 2 or word in _KO_WORDS or not _KO_AFTER.match(text, end)):
            continue
        if not_count is not None and not_count.match(text[end:].lstrip()):
            continue
        if m.start() > 0 and text[m.start() - 1] in "$₩€£":
            continue
        out.append(Mention(value, m.start(), end))
    return out


# "이삼백 건", "오륙십 개": two digits in a row before a scale, a rough range ("륙" is "육"
# after a vowel).
_KO_RANGE = re.compile(r"(?<![가-힣0-9])([일이삼사오육칠팔])([이삼사오육륙칠팔구])([십백천만])")
_RANGE_DIGITS = {**_KO_DIGITS, "륙": 6}


def _korean_ranges(rules: Rules, text: str, not_count: Pattern | None) -> list[Mention]:
    """ "이삼백 건": the lower bound before a counter, as an amount rather than a count (as
    "two, three thousand" is)."""
    unit = rules.classes.get("count_unit")
    out: list[Mention] = []
    for m in _KO_RANGE.finditer(text):
        low, high = _KO_DIGITS[m[1]], _RANGE_DIGITS[m[2]]
        if high != low + 1 or not _counted(unit, text, m.end()):
            continue
        if not_count is not None and not_count.match(text[m.end() :].lstrip()):
            continue
        scale = _KO_UNITS.get(m[3]) or _KO_GROUPS[m[3]]
        out.append(Mention(float(low * scale), m.start(), m.end(), vague=True))
    return out
