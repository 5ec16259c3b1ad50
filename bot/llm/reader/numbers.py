"""Counts in a clause: labelled examples next to data words, request rates next to traffic words.

A number belongs to the noun of its own clause ("we have 300 examples, and 5k tickets a day"
gives 300 examples and a high volume, not the other way round).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from bot.core.facts import PLENTY_EXAMPLES, FactName
from bot.llm.reader.engine import ClauseText, Hit, Trace, quote_of
from bot.llm.reader.rules import Rules

HIGH_VOLUME_PER_DAY = 1_000
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\d)(?![.,]\d)\s*(억|만|천|백|k|mn|m|million|"
    r"thousand|hundred|bn|billion)?(?:\s*(\d+(?:\.\d+)?)\s*(천|백))?(?:-?ish)?(?![A-Za-z])",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(?<![0-9A-Za-z.,])(\d+(?:\.\d+)?)\s*[-~–]\s*(\d+(?:\.\d+)?)\s*(억|만|천|백|k|m|thousand)?"
    r"(?![A-Za-z])|"
    r"\bbetween\s+(\d+(?:\.\d+)?)\s*(k|m|thousand)?\s+and\s+\d+(?:\.\d+)?\s*(?:k|m|thousand)?"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_MULTIPLIER = {
    "억": 1e8,
    "만": 1e4,
    "천": 1e3,
    "백": 1e2,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "hundred": 1e2,
    "bn": 1e9,
    "billion": 1e9,
}
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
_EN_WORDS = "one two three four five six seven eight nine ten twelve fifteen"
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_KO_COUNT_WORDS = "한두 두세 서너 열 스무 스물 서른 마흔 쉰"
_WORDS = {
    **dict(zip(_EN_WORDS.split(), [*range(1, 11), 12, 15], strict=True)),
    **dict(zip(_EN_TENS.split(), range(20, 100, 10), strict=True)),
    **dict(zip(_KO_COUNT_WORDS.split(), (2, 3, 4, 10, 20, 20, 30, 40, 50), strict=True)),
}
_WORD_NUMBER = re.compile(
    r"(?<![A-Za-z가-힣0-9])(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?![A-Za-z])"
    r"(?:\s*(hundred|thousand))?",
    re.IGNORECASE,
)
# Sino-Korean numbers in words or mixed with digits: "천오백", "삼천", "3천5백", "1만 2천".
_KO_DIGITS = dict(zip("일이삼사오육칠팔구", range(1, 10), strict=True))
_KO_UNITS = {"십": 10, "백": 100, "천": 1_000}
_KO_GROUPS = {"만": 10_000, "억": 100_000_000}
_KO_TOKEN = re.compile(r"\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억]")
_KO_NUMBER = re.compile(
    r"(?<![A-Za-z가-힣0-9.,])(?:\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억])"
    r"(?:(?:(?<=[천만억])\s(?=[일이삼사오육칠팔구]?[십백천]|\d+\s?[십백천]))?"
    r"(?:(?<![0-9])\d+(?:\.\d+)?|[일이삼사오육칠팔구십백천만억]))*"
)
# After a number in words and no counter, only a particle may follow ("천오백이에요"): "이만큼",
# "오만하다" and "천천히" are words, not numbers.
_KO_AFTER = re.compile(
    r"(?:이요|이에요|예요|요|이|가|은|는|을|를|도|쯤|정도|여|가량|남짓|넘게|이상|밖에|까지|씩|의|"
    r"에|으로|로|만|뿐|이나|나|짜리)?"
    r"(?![가-힣])"
)
# Words spelt like a number: "이만 줄일게요" (this much), "오만" (arrogance), "천만에요",
# "사천" (Sichuan), "이천" (a city).
_KO_WORDS = frozenset({"이만", "오만", "천만", "사천", "이천"})
_NEAR_CHARS = 40
_MAX_COUNTS = 12
_KINDS = ("eval_noun", "data_noun", "request_noun", "doc_noun", "event_noun")


@dataclass
class Mention:
    value: float
    start: int
    end: int
    vague: bool = False


def _mentions(rules: Rules, c: ClauseText) -> list[Mention]:
    not_count = rules.classes.get("not_a_count")
    out: list[Mention] = []
    # "1만2천5백" is one number, not "1만2천" and "5백": the longest reading of a span wins.
    found = _digit_mentions(c.text, not_count) + _word_mentions(rules, c.text, not_count)
    found += _korean_mentions(rules, c.text, not_count)
    for x in sorted(found, key=lambda x: x.start - x.end):
        if not any(k.start < x.end and x.start < k.end for k in out):
            out.append(x)
    # "만 건 넘게", "over 10k": a floor, not a count; only the amount it implies is read.
    floor_after = rules.classes.get("count_floor_after")
    floor_before = rules.classes.get("count_floor_before")
    out = [
        Mention(x.value, x.start, x.end, vague=True)
        if (floor_after and floor_after.match(c.text[x.end :]))
        or (floor_before and floor_before.search(c.text[: x.start]))
        else x
        for x in out
    ]
    for name, approx in VAGUE.items():
        pattern = rules.classes.get(name)
        if pattern is None or not c.may_match(pattern):
            continue
        for m in pattern.finditer(c.text):
            if not any(x.start <= m.start() < x.end for x in out):
                out.append(Mention(float(approx), m.start(), m.end(), vague=True))
    return out


def _digit_mentions(text: str, not_count: re.Pattern[str] | None) -> list[Mention]:
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
    for m in itertools.islice(_NUMBER.finditer(text), _MAX_COUNTS * 4):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        if m.start() > 0 and text[m.start() - 1] in "$₩€£":
            continue
        if not_count is not None and not_count.match(text[m.end() :].lstrip()):
            continue
        value = float(m[1].replace(",", "")) * _MULTIPLIER.get((m[2] or "").lower(), 1.0)
        if m[3]:
            value += float(m[3]) * _MULTIPLIER[m[4]]
        if not value.is_integer():
            continue  # "κ = 0.38", "F1 0.71": a score, not a count
        out.append(Mention(value, m.start(), m.end()))
    return out


def _word_mentions(rules: Rules, text: str, not_count: re.Pattern[str] | None) -> list[Mention]:
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
        scaled = bool(m[2])
        if not scaled and (unit is None or not unit.match(" ".join(rest.split()[:1]))):
            continue
        scale = {"hundred": 100, "thousand": 1000}.get((m[2] or "").lower(), 1)
        out.append(Mention(float(_WORDS[m[1].lower()] * scale), m.start(), m.end()))
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


def _counted(unit: re.Pattern[str] | None, text: str, end: int) -> bool:
    """Whether a counter follows ``end`` ("개", "건 정도"), as a word of its own: "줄일게요"
    and "개발" begin like a counter."""
    rest = text[end:].lstrip()
    m = unit.match(rest) if unit is not None else None
    return m is not None and _KO_AFTER.match(rest, m.end()) is not None


def _korean_mentions(rules: Rules, text: str, not_count: re.Pattern[str] | None) -> list[Mention]:
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


def _gap(rules: Rules, kind: str, c: ClauseText, span: Mention) -> int | None:
    """How far the nearest word of ``kind`` is from a count, if it is near enough."""
    pattern = rules.classes.get(kind)
    if pattern is None or not c.may_match(pattern):
        return None
    text = c.orig
    # Only the text around the count can hold its noun: search a window, not the clause.
    lo = max(0, span.start - _NEAR_CHARS - 40)
    window = text[lo : span.end + _NEAR_CHARS + 40]
    gaps = [
        max(span.start - (lo + m.end()), (lo + m.start()) - span.end, 0)
        for m in pattern.finditer(window)
    ]
    best = min(gaps, default=None)
    return best if best is not None and best <= _NEAR_CHARS else None


def _kind(rules: Rules, c: ClauseText, span: Mention) -> str | None:
    """What a count counts: an eval set, labelled data, requests, or something else.

    A word that could be either ("tickets") is traffic when the clause names a rate ("a day")
    and data otherwise; a document or an event ("PR", "배포") next to the count wins over a
    data word further away.
    """
    near = {k: g for k in _KINDS if (g := _gap(rules, k, c, span)) is not None}
    if "eval_noun" in near:
        return "eval_noun"
    nearest = min(near, key=lambda k: (near[k], _KINDS.index(k)), default=None)
    if _rate(rules, c) is None:
        return nearest
    # "5k tickets a day", "Q&A는 하루에 몇 건": a count per day is traffic, unless the clause
    # also names the traffic and the count sits by the data ("20k requests a day and 5k
    # labelled examples").
    if "request_noun" in near and near["request_noun"] <= near.get("data_noun", _NEAR_CHARS):
        return "request_noun"
    if nearest == "data_noun" and "request_noun" not in near:
        return "request_noun"
    processing = rules.classes.get("processing")
    if nearest == "doc_noun" and processing is not None and c.seen_search(processing):
        # "we push ~10k contracts a day through it": documents handled per day are traffic.
        return "request_noun"
    return nearest


def _rate(rules: Rules, c: ClauseText) -> float | None:
    """Requests per day for one request in each period the clause names, if it names one."""
    for kind, factor in (
        ("rate_hour", 24.0),
        ("rate_week", 1 / 7),
        ("rate_month", 1 / 30),
        ("rate_day", 1.0),
    ):
        pattern = rules.classes.get(kind)
        if pattern is not None and c.seen_search(pattern):
            return factor
    return None


_RATE_GAP_WORDS = 4


def _rate_follows(rules: Rules, c: ClauseText, mention: Mention) -> bool:
    """Whether a rate comes right after a count ("2,000 a day", "3 episodes a week"), in a
    clause that does not count changes ("we add 40 new events a week")."""
    churn = rules.classes.get("count_churn")
    if churn is not None and c.seen_search(churn):
        return False
    after = c.orig[mention.end :]
    for kind in ("rate_hour", "rate_week", "rate_month", "rate_day"):
        pattern = rules.classes.get(kind)
        m = pattern.search(after) if pattern is not None else None
        if m is None:
            continue
        gap = after[: m.start()]
        if len(gap.split()) <= _RATE_GAP_WORDS and not any(ch.isdigit() for ch in gap):
            return True
    return False


def _per_day(rules: Rules, c: ClauseText) -> float:
    return _rate(rules, c) or 1.0


def _denied(rules: Rules, text: str, mention: Mention) -> bool:
    after = rules.classes.get("count_denied_after")
    before = rules.classes.get("count_denied_before")
    return bool(
        (after and after.match(text[mention.end :]))
        or (before and before.search(text[: mention.start]))
    )


def read_counts(
    rules: Rules, c: ClauseText, index: int, pending: FactName | None, trace: Trace
) -> list[Hit]:
    """Counts of labelled examples and request rates stated in one clause."""
    hits: list[Hit] = []
    # A clause of many numbers is a table or a list, not a statement: read its first few.
    mentions = sorted(_mentions(rules, c), key=lambda m: m.start)[:_MAX_COUNTS]
    if not mentions:
        return hits
    eval_noun = rules.classes.get("eval_noun")
    # "500 Q&A pairs for evaluation" sizes an eval set, not the training data.
    about_eval = bool(eval_noun and c.seen_search(eval_noun))
    for mention in mentions:
        quote = quote_of(c.orig, mention.start, mention.end)
        kind = _kind(rules, c, mention)
        count_unit = rules.classes.get("count_unit")
        unit_follows = bool(count_unit and count_unit.match(c.orig[mention.end :].lstrip()))
        if kind is None:
            if pending is FactName.EVAL_SET:
                continue  # "yes, 200 of them": the size of the eval set just asked about
            if pending in (FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES):
                kind = "data_noun"
            elif pending is FactName.VOLUME or (
                _rate(rules, c) is not None and (unit_follows or _rate_follows(rules, c, mention))
            ):
                # "하루 500건", "~15k exceptions daily": a count per day is traffic even without
                # the word "requests".
                kind = "request_noun"
            else:
                unit = rules.classes.get("count_unit")
                owns = rules.classes.get("possession")
                data = rules.classes.get("data_noun")
                after = c.orig[mention.end :]
                # "한 800건?" after "데이터는 있긴 한데요": a bare count of the data mentioned.
                owned = bool(owns and c.seen_search(owns))
                context = owned or bool(data and data.search(c.message))
                if unit and unit.match(after.lstrip()) and context:
                    kind = "data_noun"
        # "300 questions in the eval set" counts questions, not traffic: a volume needs a rate
        # ("a day", "매달"). Such a count stays readable ("the same handful of questions").
        if kind == "request_noun" and _rate(rules, c) is None and pending is not FactName.VOLUME:
            continue
        if kind in ("eval_noun", "doc_noun", "event_noun", None) or (
            about_eval and kind == "data_noun"
        ):
            continue
        if _denied(rules, c.orig, mention):
            # "3천 건 아니고 300건이요", "not 3000 but 300": the figure said to be wrong.
            c.mask(mention.start, mention.end)
            trace.add(f"count: '{quote}' is said not to hold")
            continue
        c.mask(mention.start, mention.end)
        if kind == "data_noun" and mention.vague:
            amount = "plenty" if mention.value >= PLENTY_EXAMPLES else "some"
            hits.append(Hit(FactName.DATA_AMOUNT, amount, quote, "count.data.vague", clause=index))
            trace.add(f"count.data.vague: data_amount={amount} from '{quote}'")
        elif kind == "data_noun" and mention.value < 1:
            hits.append(Hit(FactName.DATA_AMOUNT, "none", quote, "count.data.zero", clause=index))
            trace.add(f"count.data.zero: data_amount=none from '{quote}'")
        elif kind == "data_noun":
            count = int(mention.value)
            hits.append(Hit(FactName.DATA_EXAMPLES, str(count), quote, "count.data", clause=index))
            trace.add(f"count.data: data_examples={count} from '{quote}'")
        else:
            per_day = mention.value * _per_day(rules, c)
            value = "high" if per_day >= HIGH_VOLUME_PER_DAY else "low"
            hits.append(Hit(FactName.VOLUME, value, quote, "count.requests", clause=index))
            trace.add(f"count.requests: {per_day:.0f}/day -> volume={value} from '{quote}'")
    return hits
