"""Readings of one message that disagree, settled: a correction wins, a count gives way to how
the user judges it, a try that works up to a point is the ceiling; otherwise the bot confirms."""

from __future__ import annotations

import dataclasses
import re

from bot.core.facts import FactName
from bot.llm.reader.engine import Hit, Trace
from bot.llm.reader.patterns import Pattern
from bot.llm.reader.text import CONTRAST


def reconcile(hits: list[Hit], corrected: set[int], trace: Trace) -> list[Hit]:
    """Settle readings that disagree: a correction ("actually…") wins, otherwise confirm.

    Freshness as a goal next to "no documents needed" is the same kind of disagreement.
    """
    out: list[Hit] = []
    by_fact: dict[FactName, list[Hit]] = {}
    for h in _amount_counted(hits, trace):
        if h.fact in (FactName.GOALS, FactName.LANGUAGES):
            out.append(h)
        else:
            by_fact.setdefault(h.fact, []).append(h)
    for fact, group in by_fact.items():
        counted = {h.value for h in group if h.rule.startswith("count.")}
        if fact is FactName.VOLUME and counted == {"high", "low"}:
            # "~50k questions a day, mostly the same 20 questions": the traffic is the larger count.
            group = [h for h in group if not (h.rule.startswith("count.") and h.value == "low")]
        said = fact is FactName.VOLUME and [
            h for h in group if h.sure and not h.rule.startswith("count.")
        ]
        if said and len({h.value for h in group}) > 1:
            # "하루 몇백 건? 많진 않아요": how the user judges their traffic beats where a
            # count falls against a threshold.
            trace.add(f"volume: '{trace.words(said[-1].quote)}' judges the count")
            group = said
        group = _kept_of_fact(fact, group, corrected, trace)
        # What a correction says is firm, however weakly worded ("… 아 정정, 반기에 한 번이요";
        # "Actually, scratch that: … our policy, and that changes every quarter").
        strong = [
            h
            for h in group
            if not h.rule.endswith(".weak") or any(c <= h.clause for c in corrected)
        ]
        # A vague reading ("we have data") gives way to any firmer one about the same fact,
        # unless that one is only to confirm.
        group = strong if any(h.sure for h in strong) else group
        sure = [h for h in group if h.sure]
        values = {h.value for h in sure}
        if len(values) <= 1:
            out.append(sure[-1] if sure else group[-1])
            continue
        last = sure[-1]
        first = sure[0]
        settled = _prompting_kept(sure, trace) if fact is FactName.PROMPTING else None
        if settled is not None:
            out.append(settled)
        elif any(first.clause < c <= last.clause for c in corrected):
            trace.add(f"{fact.value}: '{trace.words(last.quote)}' corrects what came before")
            out.append(last)
        else:
            trace.add(f"{fact.value}: readings disagree ({', '.join(sorted(values))}), to confirm")
            last.sure = False
            out.append(last)
    if any(h.value == "none" and h.rule.endswith(_UNUSABLE) and h.sure for h in out):
        # "a good five thousand of 'em, but … we can't train anything on them": no data, so no
        # count of it either.
        out = [h for h in out if h.fact is not FactName.DATA_EXAMPLES]
    docs_none = next((h for h in out if h.fact is FactName.DOCS_CHANGE and h.value == "none"), None)
    fresh = next((h for h in out if h.fact is FactName.GOALS and h.value == "freshness"), None)
    if docs_none and fresh and docs_none.sure and fresh.sure:
        trace.add("freshness goal and no documents disagree, to confirm")
        out.remove(fresh)
        docs_none.sure = False
    return out


def _kept_of_fact(fact: FactName, group: list[Hit], corrected: set[int], trace: Trace) -> list[Hit]:
    """The readings of one fact that its own way of settling keeps."""
    if fact is FactName.DOCS_CHANGE:
        return _often_kept(group, corrected, trace)
    if fact is FactName.DATA_AMOUNT:
        return _unusable_kept(group, trace)
    if fact is FactName.CHANGE_RATE:
        return _exception_kept(group, trace)
    if fact is FactName.URGENCY:
        return _moved_kept(group, trace)
    return group


def _amount_counted(hits: list[Hit], trace: Trace) -> list[Hit]:
    """ "Q&A가 4,500쌍 있어요": the count says how much data there is; "있어요" alone said only
    "some", so that vague reading gives way (a denial, "보유하고 있지 않습니다", stays)."""
    if not any(h.fact is FactName.DATA_EXAMPLES and h.sure for h in hits):
        return hits
    kept = [
        h
        for h in hits
        if not (h.fact is FactName.DATA_AMOUNT and h.rule.endswith(".weak") and h.value != "none")
    ]
    if len(kept) < len(hits):
        trace.add("data_amount: the count says how much")
    return kept


def _prompting_kept(sure: list[Hit], trace: Trace) -> Hit | None:
    """Of prompting readings that disagree, the one that holds, if one does."""
    last = sure[-1]
    if {h.value for h in sure} == {"working", "ceiling"} and last.value == "ceiling":
        # "its fine like 80% of the time but we cant get it past that": it works up to a
        # point, which is the ceiling.
        trace.add(f"prompting: '{trace.words(last.quote)}' is where it stops")
        return last
    other = [h for h in sure if h.rule.endswith(".other_task")]
    if other:
        # "uses ChatGPT to translate the mail, that works fine. For the briefing itself, we
        # never tried": what works is another job.
        trace.add(f"prompting: '{trace.words(other[-1].quote)}' is another job")
        return other[-1]
    return None


# Rules that read records which exist but may not or cannot be used for training.
_UNUSABLE = (".unusable", ".unreachable")


def _unusable_kept(group: list[Hit], trace: Trace) -> list[Hit]:
    """ "상담 기록이 2만 건 넘게 있는데 … 학습에는 못 써요": records that may not be trained on
    are no data, however many there are."""
    barred = [h for h in group if h.value == "none" and h.rule.endswith(_UNUSABLE) and h.sure]
    if not barred or len(barred) == len(group):
        return group
    trace.add(f"data_amount: '{trace.words(barred[-1].quote)}' rules the records out")
    return barred


# "Otherwise the work is very stable", "그 외에는 똑같아요": the rest, after an exception named.
_OTHERWISE = re.compile(
    r"^\W*(?:(?:but|and)\s+)?(?:otherwise|apart\s+from\s+that|other\s+than\s+that"
    r"|aside\s+from\s+that|besides\s+that|그\s*외(?:에는|엔|는)|그거\s*(?:말고는|빼면|빼고는)|나머지는)",
    re.I,
)


def _exception_kept(group: list[Hit], trace: Trace) -> list[Hit]:
    """ "New product family maybe once a year. Otherwise the work is very stable": how often the
    work changes is the exception's pace; "otherwise" only says the rest stays put."""
    rest = [h for h in group if h.value == "rarely"]
    kept = [h for h in group if h.value != "rarely"]
    if not rest or not kept or not all(_OTHERWISE.match(h.quote) for h in rest):
        return group
    trace.add(f"change_rate: '{trace.words(rest[0].quote)}' is the rest, not the exception")
    return kept


def _often_kept(group: list[Hit], corrected: set[int], trace: Trace) -> list[Hit]:
    """ "환불 규정은 거의 안 바뀌는데 강사 스케줄은 매주 바뀌어요": of two sets of documents, the
    one that changes often is what answers must keep up with (unless one corrects the other)."""
    often = [h for h in group if h.value == "often"]
    rarely = [h for h in group if h.value == "rarely"]
    none = [h for h in group if h.value == "none"]
    if often and none and min(h.clause for h in none) > max(h.clause for h in often):
        # "the feed changes every few minutes but … the model doesn't need to read any docs":
        # what changes is not the model's to read.
        trace.add(f"docs_change: '{trace.words(none[0].quote)}' sets the changing ones aside")
        return none
    if not often or not rarely or {h.clause for h in often} & {h.clause for h in rarely}:
        return group
    first, last = min(h.clause for h in group), max(h.clause for h in group)
    if any(first < c <= last for c in corrected) and not any(h.clause == last for h in often):
        # "매주 바뀐다고 했는데 정정할게요, 반년에 한 번이요": corrected to rarely. Corrected to
        # often ("분기마다.. 아 아니 요즘은 매달"), the correction and the fastest set agree.
        return group
    trace.add(
        f"docs_change: '{trace.words(often[-1].quote)}' changes often, whatever else does not"
    )
    return [h for h in group if h.value != "rarely"]


def goal_correction(
    corrected: set[int], clauses: dict[int, str], also: Pattern | None
) -> int | None:
    """The clause where the message's last correction starts, unless what follows only adds a
    goal ("… consistency too", "아 아니다 … 그것도 중요하네요")."""
    fix = max(corrected, default=None)
    if fix is None or (
        also is not None and any(also.search(t) for c, t in clauses.items() if c >= fix)
    ):
        return None
    return fix


def goals_corrected(
    hits: list[Hit],
    corrected: set[int],
    clauses: dict[int, str],
    also: Pattern | None,
    trace: Trace,
) -> list[Hit]:
    """ "consistency I guess? actually no — accuracy": a goal named after a correction takes
    back the other goals named before it, unless it is added to them ("… consistency too")."""
    fix = goal_correction(corrected, clauses, also) or 0
    goals = [h for h in hits if h.fact in (FactName.GOALS, FactName.TOP_GOAL)]
    after = {h.value for h in goals if h.clause >= fix}
    taken_back = [h for h in goals if 0 < h.clause < fix and h.value not in after]
    if not fix or not after or not taken_back:
        return hits
    trace.add(f"goals: '{', '.join(sorted(after))}' after the correction replaces what came before")
    gone = {id(h) for h in taken_back}
    return [h for h in hits if id(h) not in gone]


def zero_counts(hits: list[Hit]) -> list[Hit]:
    """A "0건" that only repeats a "none" said in another clause ("데이터는 아예 없어요. 0건")
    adds nothing to it; alone ("라벨 데이터는 0건이에요") it is a count until the count that
    holds is known ("0? wait, maybe 40"), and :func:`zero_as_none` says it as an amount."""
    zero_at = {h.clause for h in hits if h.fact is FactName.DATA_EXAMPLES and h.value == "0"}
    none_at = {h.clause for h in hits if h.fact is FactName.DATA_AMOUNT and h.value == "none"}
    if not zero_at or none_at <= zero_at:
        return hits
    return [h for h in hits if not (h.fact is FactName.DATA_EXAMPLES and h.value == "0")]


def zero_as_none(hits: list[Hit]) -> list[Hit]:
    """A count of zero that holds is having no data, said as the amount ("none")."""
    return [
        dataclasses.replace(h, fact=FactName.DATA_AMOUNT, value="none")
        if h.fact is FactName.DATA_EXAMPLES and h.value == "0"
        else h
        for h in hits
    ]


def subset_kept(
    hits: list[Hit], clauses: dict[int, str], subset: Pattern | None, trace: Trace
) -> list[Hit]:
    """ "about 2,000 emails … call it 900 proper ones", "3천 건 정도. 2019년 이후 것만 치면 2천
    건": a smaller count said of the part that can be used is what the user has."""
    counts = [h for h in hits if h.fact is FactName.DATA_EXAMPLES and h.sure]
    vague = [h for h in hits if h.rule == "count.data.vague" and h.sure]
    if subset is not None and not counts and {h.value for h in vague} == {"plenty", "some"}:
        # "thousands of chats but … Written answers, few hundred maybe": the smaller amount,
        # said after a "but", is the part that can be used.
        first, last = vague[0], vague[-1]
        said = " ".join(clauses.get(c, "") for c in range(first.clause, last.clause + 1))
        if last.value == "some" and (CONTRAST.search(said) or subset.search(said)):
            trace.add(f"data_amount: '{trace.words(last.quote)}' is the part that can be used")
            return [h for h in hits if h.rule != "count.data.vague" or h is last]
    if subset is None or not counts:
        return hits
    if vague and (later := max(vague, key=lambda h: h.clause)).clause > max(
        h.clause for h in counts
    ):
        # "45k cases with notes, but … real answer pairs maybe a few thousand only": the part
        # that can be used, given only as an amount, leaves no count.
        said = " ".join(clauses.get(c, "") for c in range(later.clause - 1, later.clause + 1))
        if subset.search(said):
            trace.add(f"data_examples: '{trace.words(later.quote)}' is the part that can be used")
            return [h for h in hits if h.fact is not FactName.DATA_EXAMPLES]
    if len({h.value for h in counts}) < 2:
        return hits
    last = max(reversed(counts), key=lambda h: h.clause)  # of one clause's, the later
    said = " ".join(clauses.get(c, "") for c in range(last.clause - 2, last.clause + 1))
    if int(last.value) >= max(int(h.value) for h in counts) or not subset.search(said):
        return hits
    trace.add(f"data_examples: '{trace.words(last.quote)}' counts the part that can be used")
    since = min(h.clause for h in counts)
    # "40,000 tickets, but many are duplicates … Proper replies maybe 12,000": what the count
    # leaves out says nothing of the part kept.
    return [
        h
        for h in hits
        if (h.fact is not FactName.DATA_EXAMPLES or h is last)
        and not (
            h.fact is FactName.DATA_QUALITY and h.value == "low" and since <= h.clause < last.clause
        )
    ]


def present_kept(
    hits: list[Hit], clauses: dict[int, str], now: Pattern | None, trace: Trace
) -> list[Hit]:
    """ "changed a lot during covid but normally it's revised once a year": of two readings of
    one fact, the later one said of the present ("normally", "요즘은") is what holds."""
    if now is None:
        return hits
    dropped: set[int] = set()
    for fact in {h.fact for h in hits} - {FactName.GOALS, FactName.LANGUAGES}:
        group = [h for h in hits if h.fact is fact and h.sure]
        last = max(group, key=lambda h: h.clause, default=None)
        if last is None or not now.search(clauses.get(last.clause, "")):
            continue
        past = [h for h in group if h.clause < last.clause and h.value != last.value]
        if past:
            trace.add(f"{fact.value}: '{trace.words(last.quote)}' says what holds now")
            dropped.update(id(h) for h in past)
    return [h for h in hits if id(h) not in dropped]


def docs_unneeded(
    hits: list[Hit], clauses: dict[int, str], unneeded: Pattern | None, trace: Trace
) -> list[Hit]:
    """ "Our T&Cs change every season. The fleet list changes weekly but the bot doesn't need
    the fleet list": how often documents change that are said in the same or the next clause to
    be none of the bot's business does not count, when another reading is left."""
    if unneeded is None:
        return hits
    docs = [h for h in hits if h.fact is FactName.DOCS_CHANGE]
    # "… the model doesn't need to read any docs" is itself the reading "none".
    aside = {
        id(h)
        for h in docs
        if h.value != "none"
        and any(unneeded.search(clauses.get(c, "")) for c in (h.clause, h.clause + 1))
    }
    if not aside or len(aside) == len(docs):
        return hits
    trace.add("docs_change: documents the bot does not need set aside")
    return [h for h in hits if id(h) not in aside]


#: Facts that hold for a while and then change: what was so once may not be so now.
_OVER_TIME = frozenset({FactName.DOCS_CHANGE, FactName.CHANGE_RATE, FactName.VOLUME})


def _past(clauses: dict[int, str], then: Pattern | None) -> set[int]:
    """The clauses said of a time that is over ("used to", "예전엔")."""
    if then is None:
        return set()
    return {c for c, text in clauses.items() if then.search(text)}


def past_given_way(
    hits: list[Hit], clauses: dict[int, str], then: Pattern | None, trace: Trace
) -> list[Hit]:
    """ "Policies used to change every couple of weeks; now it's one release a year", "예전엔
    매주 바뀌었는데 요즘은 거의 그대로예요": a reading said of a time that is over gives way to a
    reading of the same fact said of no such time, wherever that one comes."""
    past = _past(clauses, then)
    if not past:
        return hits
    dropped: set[int] = set()
    for fact in _OVER_TIME:
        group = [h for h in hits if h.fact is fact]
        now = {h.value for h in group if h.clause not in past}
        old = [h for h in group if h.clause in past and h.value not in now]
        if now and old:
            trace.add(f"{fact.value}: '{trace.words(old[0].quote)}' was so once, not now")
            dropped.update(id(h) for h in old)
        elif old:
            trace.add(f"{fact.value}: '{trace.words(old[0].quote)}' was so once, to confirm")
            for h in old:
                h.sure = False
    return [h for h in hits if id(h) not in dropped]


def taken_back(hits: list[Hit], retracted: set[int], trace: Trace) -> list[Hit]:
    """ "약관 개정은 1년에 한 번… 아 아니다 요즘은 …", "~weekly, no wait": what a clause says
    before the user takes it back is not what they mean. Goals are settled by
    :func:`goals_corrected`, which keeps one named again after the correction."""
    back = {
        id(h): h
        for h in hits
        if h.clause in retracted and h.fact not in (FactName.GOALS, FactName.TOP_GOAL)
    }
    for h in back.values():
        trace.add(f"{h.fact.value}: '{trace.words(h.quote)}' taken back")
    return [h for h in hits if id(h) not in back]


def past_clauses(clauses: dict[int, str], then: Pattern | None, fact: FactName) -> list[str]:
    """The clauses said of a time that is over, for a fact that holds for a while ("It used to
    be pretty stable, but …"); none for any other fact."""
    if fact not in _OVER_TIME:
        return []
    return [clauses[c] for c in sorted(_past(clauses, then))]


def _moved_kept(group: list[Hit], trace: Trace) -> list[Hit]:
    """ "We aimed for a pilot by the end of this month. That has since been deferred to the next
    financial year": a date moved out after the first one was named replaces it."""
    last = group[-1]
    if not (last.rule.endswith(".moved") and last.sure) or len({h.value for h in group}) < 2:
        return group
    trace.add(f"urgency: '{trace.words(last.quote)}' moves the date named before")
    return [last]
