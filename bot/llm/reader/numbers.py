"""Counts in a clause: labelled examples next to data words, request rates next to traffic words.

A number belongs to the noun of its own clause ("we have 300 examples, and 5k tickets a day"
gives 300 examples and a high volume, not the other way round).
"""

from __future__ import annotations

import re

from bot.core.facts import PLENTY_EXAMPLES, FactName
from bot.llm.reader.conjuncts import NEAR_CHARS, conjunct, conjunct_end, gap, gap_to
from bot.llm.reader.engine import ClauseText, Hit, Trace, quote_of
from bot.llm.reader.mentions import MAX_COUNTS, Mention, mentions
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.rules import Rules

HIGH_VOLUME_PER_DAY = 200
# Requests per day for one request in each period, in the order a clause's period is looked for.
_PER_DAY = {"hour": 24.0, "week": 1 / 7, "month": 1 / 30, "day": 1.0, "year": 1 / 365}
_RATE_KINDS = tuple(f"rate_{period}" for period in _PER_DAY)
_RATE_DENIED = re.compile(r"\bnot\s+$", re.IGNORECASE)  # "20 per DAY not per week"
# "1. Summer: approx. 400 a day. 2. Winter: …", "1) 환불 문의가 하루 2,000콜": a list's numbers.
_LIST_MARK = re.compile(r"\s*\d{1,2}[.)](?:\s|$)")
_DATA = (FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES)
_NEW_TOPIC = re.compile(
    r"(?<![가-힣\w])(?:그리고|글고|글구|또한|참고로|and|also|plus)(?![가-힣\w])", re.I
)
_KINDS = ("eval_noun", "data_noun", "request_noun", "doc_noun", "event_noun")


def _kind(rules: Rules, c: ClauseText, span: Mention) -> str | None:
    """What a count counts: an eval set, labelled data, requests, or something else.

    A word that could be either ("tickets") is traffic when the clause names a rate ("a day")
    and data otherwise; a document or an event ("PR", "배포") next to the count wins over a
    data word further away.
    """
    named = rules.classes.get("count_of_named")
    if named is not None and named.match(c.orig[span.end :]):
        return None  # "like 11k of them": what "them" names is read as for a bare count
    near = {k: g for k in _KINDS if (g := gap(rules, k, c, span)) is not None}
    if "eval_noun" in near:
        return "eval_noun"
    if _stored(rules, c, span, near):
        return "data_noun"
    nearest = min(near, key=lambda k: (near[k], _KINDS.index(k)), default=None)
    lo, hi = conjunct(c.orig, span)
    rates = (rules.classes.get(k) for k in _RATE_KINDS)
    if not any(p is not None and p.search(c.orig, lo, hi) for p in rates):
        # "20k requests a day and 5k labelled examples": the rate is in another conjunct.
        return nearest
    # "5k tickets a day", "Q&A는 하루에 몇 건": a count per day is traffic, unless the clause
    # also names the traffic and the count sits by the data ("20k requests a day and 5k
    # labelled examples").
    if "request_noun" in near and near["request_noun"] <= near.get("data_noun", NEAR_CHARS):
        return "request_noun"
    if nearest == "data_noun" and "request_noun" not in near:
        return "request_noun"
    processing = rules.classes.get("processing")
    # "sellers upload ~20k SKUs a day and we generate a description for each": the handling
    # may be said in the next clause.
    if nearest == "doc_noun" and processing is not None and processing.search(c.sentence):
        # "we push ~10k contracts a day through it": documents handled per day are traffic.
        return "request_noun"
    return nearest


_RECORD_KINDS = ("data_noun", "request_noun", "record_noun")


# A count given per unit of time ("수백 건씩", "20개씩"): a flow.
_EACH_TIME = re.compile(r"\s*(?:건|개|통|쌍|장|명)?\s*씩")


def _stored(rules: Rules, c: ClauseText, span: Mention, near: dict[str, int]) -> bool:
    """Whether a count is of records kept from past work, which are data however they came in
    ("25,000 past emails", "지난 3년간 상담 기록이 2만 건 쌓여 있어요", "2,200 scripts approved by
    curators").

    The count needs a record word (a data word, a traffic word, or a kept record such as
    "reports") nearer than any document or event word, and a word that says the records are
    kept: history or accumulation ("past", "archive of", "쌓여 있어요", "지금까지") even beside
    a period, or work done on them ("approved", "검수된") when its conjunct names no period
    ("5k tickets reviewed a day" is traffic).
    """
    record = dict(near)
    apart = gap(rules, "record_noun", c, span)
    if apart is not None:
        record["record_noun"] = apart
    held = [record[k] for k in _RECORD_KINDS if k in record]
    other = [record[k] for k in ("doc_noun", "event_noun") if k in record]
    if not held or (other and min(other) < min(held)):
        return False
    if _EACH_TIME.match(c.orig, span.end):
        # "하루에 티켓이 수백 건씩 쌓여요": so many each time is a flow, however it piles up.
        return False
    marker = rules.classes.get("stored_marker")
    if marker is not None and gap_to(marker, c, span) is not None:
        return True
    review = rules.classes.get("stored_review")
    if review is None or gap_to(review, c, span) is None:
        return False
    lo, hi = conjunct(c.orig, span)
    rates = (rules.classes.get(k) for k in _RATE_KINDS)
    return not any(p is not None and p.search(c.orig, lo, hi) for p in rates)


def _rate(rules: Rules, c: ClauseText) -> float | None:
    """Requests per day for one request in each period the clause names, if it names one."""
    for kind, factor in zip(_RATE_KINDS, _PER_DAY.values(), strict=True):
        pattern = rules.classes.get(kind)
        m = c.seen_search(pattern) if pattern is not None else None
        if m is not None and not _RATE_DENIED.search(c.orig, 0, m.start()):
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
    for kind in _RATE_KINDS:
        pattern = rules.classes.get(kind)
        m = pattern.search(after) if pattern is not None else None
        if m is None:
            continue
        gap = after[: m.start()]
        if len(gap.split()) <= _RATE_GAP_WORDS and not any(ch.isdigit() for ch in gap):
            return True
    return False


def _per_day(rules: Rules, c: ClauseText) -> float:
    """Requests per day for one counted; "Last year: 2,300 emails total" is per year."""
    past = rules.classes.get("rate_year_past")
    year = past is not None and c.seen_search(past) is not None
    return _rate(rules, c) or (1 / 365 if year else 1.0)


def _denied(rules: Rules, text: str, mention: Mention) -> bool:
    after = rules.classes.get("count_denied_after")
    before = rules.classes.get("count_denied_before")
    return bool(
        (after and after.match(text[mention.end :]))
        or (before and before.search(text[: mention.start]))
    )


def _in_prompt(rules: Rules, c: ClauseText, lo: int, hi: int, at: int) -> bool:
    """Whether the conjunct ``lo:hi`` of a count of examples (at ``at``) says they are shown in
    the prompt ("프롬프트에 예시 3개", "gpt한테 예전 답장 몇개 보여주고")."""
    text = c.orig
    pattern = rules.classes.get("count_in_prompt")
    # "a long prompt + 5 example posts": the prompt ends the conjunct before, which may be the
    # sentence's clause before ("a style guide in the prompt, twenty sample verses").
    after = rules.classes.get("count_after_prompt")
    shown = pattern is not None and pattern.search(text, lo, hi) is not None
    before = text[:lo] if lo else c.sentence[: max(c.sentence.find(text), 0)]
    return shown or bool(after and (after.search(before) or after.search(text, lo, at)))


def _how_often(rules: Rules, c: ClauseText, pending: FactName | None) -> bool:
    """Asked how often something changes, a count per week that names no request says how
    often, not how much traffic."""
    if pending not in (FactName.DOCS_CHANGE, FactName.CHANGE_RATE):
        return False
    requests = rules.classes.get("request_noun")
    return not (requests and requests.search(c.orig))


def _kinds(rules: Rules, text: str, mention: Mention) -> bool:
    """Whether a count is of kinds ("the same 20 questions", "같은 서너 가지", "40 different")."""
    before, after = (rules.classes.get(f"count_kinds_{w}") for w in ("before", "after"))
    return bool(before and before.search(text[: mention.start])) or bool(
        after and after.match(text[mention.end :])
    )


def _asked_kind(
    rules: Rules, c: ClauseText, mention: Mention, pending: FactName | None
) -> str | None:
    """What a count counts, with the question just asked to go by."""
    # "18,400 threads, well, call it seventeen thousand", "no sorry, eight hundred": a figure
    # put in place of one said before counts what that one counted, whatever is near it.
    if _revises(rules, c, mention):
        kind = None
    elif _names_not_traffic(rules, c, mention):
        return None  # "2,300 service dealers … open tickets": dealers, whatever else is near
    else:
        kind = _kind(rules, c, mention)
    if kind is None:
        kind = _bare_kind(rules, c, mention, pending)
    elif kind == "doc_noun" and pending is FactName.VOLUME and _rate_follows(rules, c, mention):
        # "maybe 10 itineraries a day" to "how many requests?": the documents made each day
        # are the work.
        kind = "request_noun"
    if kind == "request_noun" and pending in _DATA and _rate(rules, c) is None:
        kind = "data_noun"  # "답변까지 완료된 민원이 한 9천 건" to "how much data?"
    elif (
        kind == "data_noun"
        and pending is FactName.VOLUME
        and gap(rules, "request_noun", c, mention) is not None
        and not _kept(rules, c)
    ):
        kind = "request_noun"  # "Payroll week alone is ~3k tickets" to "how many requests?"
    return kind


def _revises(rules: Rules, c: ClauseText, mention: Mention) -> bool:
    """The count replaces one said before ("more like 95k", "no sorry, eight hundred"), the cue
    perhaps in the clause before, or narrows it ("The ones I've got typed up …, maybe 120")."""
    revised = rules.classes.get("count_revised_before")
    narrowed = rules.classes.get("count_narrowed_before")
    at = c.sentence.find(c.orig)
    before = (c.sentence[:at] if at >= 0 else "") + c.orig[: mention.start]
    near = before[-NEAR_CHARS:]
    return any(p is not None and p.search(t) for p, t in ((revised, near), (narrowed, before)))


def _kept(rules: Rules, c: ClauseText) -> bool:
    """The clause says the things counted are had or kept ("we have", "past", "쌓인")."""
    return any(
        p is not None and c.seen_search(p)
        for p in (rules.classes.get("possession"), rules.classes.get("stored_marker"))
    )


def _bare_kind(
    rules: Rules, c: ClauseText, mention: Mention, pending: FactName | None
) -> str | None:
    """What a count with no noun of its own counts, from the question just asked, a rate, or
    what the message was talking about."""
    count_unit = rules.classes.get("count_unit")
    # "more like 95k": a figure put in place of one said before counts what that one counted.
    unit_follows = bool(count_unit and count_unit.match(c.orig[mention.end :].lstrip())) or (
        _revises(rules, c, mention)
    )
    if pending is FactName.EVAL_SET:
        return None  # "yes, 200 of them": the size of the eval set just asked about
    if pending in (FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES):
        # To "how much data?", "we reset like 120 routes a week" is a flow, not what is kept,
        # and "과목 15개 다 합쳐서요" counts subjects, not examples.
        flow_or_things = _rate(rules, c) is not None or _not_traffic(rules, c, mention)
        return None if flow_or_things else "data_noun"
    if pending is FactName.VOLUME and _rate(rules, c) is None and _not_traffic(rules, c, mention):
        return None  # "~400 agents across 22 stations" to "how many requests?"
    measure, fixes = rules.classes.get("count_measure"), rules.classes.get("count_fixes_before")
    if measure is not None and measure.match(c.orig[mention.end :]):
        return None  # "about 9 million lbs a year", "4 shifts a week"
    if fixes is not None and fixes.search(c.orig[: mention.start]):
        return None  # "I fix one or two a day": corrections made, not requests
    made = rules.classes.get("count_made_before")
    said = c.sentence[: max(c.sentence.find(c.orig), 0) + mention.start]
    if pending is None and made is not None and made.search(said):
        return None  # "I make kitchen knives, maybe 150 a year": things made
    if pending is FactName.VOLUME or (
        _rate(rules, c) is not None and (unit_follows or _rate_follows(rules, c, mention))
    ):
        # "하루 500건", "~15k exceptions daily": a count per day is traffic even without the
        # word "requests".
        return "request_noun"
    if _not_traffic(rules, c, mention):
        return None  # "지점이 전국에 42개 있는데요": branches, not examples
    owns = rules.classes.get("possession")
    data = rules.classes.get("data_noun")
    # "한 800건?" after "데이터는 있긴 한데요": a bare count of the data mentioned.
    owned = bool(owns and c.seen_search(owns))
    context = owned or bool(data and data.search(c.message))
    if not (unit_follows and context):
        return None
    # "평가셋이 없진 않아요. 200건짜리 하나 있습니다": the count is of the eval set just named.
    return "eval_noun" if _last_topic(rules, c) == "eval_noun" else "data_noun"


def _said_after(pattern: Pattern, c: ClauseText, mention: Mention) -> bool:
    """Whether ``pattern`` occurs in the sentence after the count."""
    return (at := c.sentence.find(c.orig)) >= 0 and bool(
        pattern.search(c.sentence, at + mention.end)
    )


def _not_traffic(rules: Rules, c: ClauseText, mention: Mention) -> bool:
    """The count is of people, places or things ("22 stations", "역이 56개", "기자 30명")."""
    counted = rules.classes.get("count_not_traffic")
    return counted is not None and bool(
        counted.search(c.orig[: mention.start]) or counted.match(c.orig[mention.end :])
    )


def _names_not_traffic(rules: Rules, c: ClauseText, mention: Mention) -> bool:
    """The count's own noun is of people, places or things ("600 families a month"), or the
    count is of the team ("we are about 40 in tickets")."""
    people = rules.classes.get("count_names_people")
    before = rules.classes.get("count_people_before")
    return bool(
        (people and people.match(c.orig[mention.end :]))
        or (before and before.search(c.orig[: mention.start]))
    )


def _last_topic(rules: Rules, c: ClauseText) -> str | None:
    """Of the eval set and the data, which the message named last before this clause."""
    at = c.message.find(c.sentence)
    before = c.message[: max(at, 0) + max(c.sentence.find(c.orig), 0)] if at >= 0 else ""
    last: dict[str, int] = {}
    for kind in ("eval_noun", "data_noun"):
        pattern = rules.classes.get(kind)
        ends = [m.end() for m in pattern.finditer(before)] if pattern is not None else []
        if ends:
            last[kind] = ends[-1]
    return max(last, key=lambda k: last[k], default=None)


def _list_mark(c: ClauseText, mention: Mention) -> bool:
    """Whether ``mention`` numbers an item of a list the message goes on with."""
    if c.orig[: mention.start].strip() or not _LIST_MARK.match(c.orig):
        return False
    return c.orig.strip() != c.message.strip()


def read_counts(
    rules: Rules, c: ClauseText, index: int, pending: FactName | None, trace: Trace
) -> list[Hit]:
    """Counts of labelled examples and request rates stated in one clause."""
    hits: list[Hit] = []
    # A clause of many numbers is a table or a list, not a statement: read its first few.
    found = sorted(mentions(rules, c), key=lambda m: m.start)[:MAX_COUNTS]
    if not found:
        return hits
    eval_noun = rules.classes.get("eval_noun")
    # "500 Q&A pairs for evaluation" sizes an eval set, not the training data.
    named_eval = bool(eval_noun and c.seen_search(eval_noun))
    at = max(c.sentence.find(c.orig), 0)
    purpose = rules.classes.get("eval_purpose")
    for mention in found:
        if _list_mark(c, mention):
            continue
        lo, hi = conjunct(c.orig, mention)
        # The eval set named in another conjunct sizes nothing here.
        own = named_eval and eval_noun is not None and bool(eval_noun.search(c.orig, lo, hi))
        # "300 graded pairs … that we could use to check it": what the counted set is for.
        own = own or bool(
            purpose and purpose.search(c.orig, mention.end, conjunct_end(c.orig, mention))
        )
        # Asked for an eval set, "40 enquiries with my answers, and I check anything new
        # against those" says what the counted set is for in a clause of its own.
        own = own or bool(
            pending is FactName.EVAL_SET and purpose and _said_after(purpose, c, mention)
        )
        # Asked for an eval set, "(yes,) we keep 200 past enquiries with approved answers"
        # counts its items; "네, 그리고 데이터는 2만 건이에요" moves on to another topic.
        answered = pending is FactName.EVAL_SET and not _NEW_TOPIC.search(
            c.sentence, 0, at + mention.start
        )
        about_eval = own or answered
        quote = quote_of(c.orig, mention.start, mention.end)
        said = trace.words(quote)
        kind = _asked_kind(rules, c, mention, pending)
        # "300 questions in the eval set" counts questions, not traffic: a volume needs a rate
        # ("a day", "매달"). Such a count stays readable ("the same handful of questions").
        if kind == "request_noun" and _rate(rules, c) is None and pending is not FactName.VOLUME:
            continue
        if kind == "request_noun" and _how_often(rules, c, pending):
            continue  # "bulletins … like 2-3 a week" to how often the documents change
        if kind in ("request_noun", "data_noun") and _kinds(rules, c.orig, mention):
            continue  # "the same 20 questions", "the same three or four replies": kinds
        if kind in ("eval_noun", "doc_noun", "event_noun", None) or (
            about_eval and kind == "data_noun"
        ):
            continue
        if kind == "data_noun" and _in_prompt(rules, c, lo, hi, mention.start):
            trace.add(f"count: '{said}' counts examples shown in the prompt")
            continue
        if _denied(rules, c.orig, mention):
            # "3천 건 아니고 300건이요", "not 3000 but 300": the figure said to be wrong.
            c.mask(mention.start, mention.end)
            trace.add(f"count: '{said}' is said not to hold")
            continue
        c.mask(mention.start, mention.end)
        if kind == "data_noun" and mention.vague:
            amount = "plenty" if mention.value >= PLENTY_EXAMPLES else "some"
            hits.append(Hit(FactName.DATA_AMOUNT, amount, quote, "count.data.vague", clause=index))
            trace.add(f"count.data.vague: data_amount={amount} from '{said}'")
        elif kind == "data_noun":
            count = int(mention.value)
            hits.append(Hit(FactName.DATA_EXAMPLES, str(count), quote, "count.data", clause=index))
            trace.add(f"count.data: data_examples={count} from '{said}'")
        else:
            per_day = mention.value * _per_day(rules, c)
            value = "high" if per_day >= HIGH_VOLUME_PER_DAY else "low"
            hits.append(Hit(FactName.VOLUME, value, quote, "count.requests", clause=index))
            trace.add(f"count.requests: {per_day:.0f}/day -> volume={value} from '{said}'")
    return hits
