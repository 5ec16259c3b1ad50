"""Reading one message: sentences, clauses, rules, counts, and the facts they add up to."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from bot.core.facts import (
    MAX_USE_CASE_CHARS,
    FactName,
    Facts,
    Goal,
    Quality,
    Reading,
    Urgency,
    is_known,
    normalise,
)
from bot.core.ports import Extraction
from bot.llm.reader.answers import (
    answer_alone,
    faster_docs,
    lead_answer,
    summed_up,
    worded,
    yes_no,
)
from bot.llm.reader.asked import as_asked, as_described
from bot.llm.reader.beside import answer_beside
from bot.llm.reader.dates import FAR_MONTHS, months_off
from bot.llm.reader.discourse import (
    Message,
    carried,
    clause_mode,
    corrects,
    doubted,
    echoes_dropped,
    join_echoes,
    questioning,
    set_aside,
)
from bot.llm.reader.engine import ClauseMode, ClauseText, Hit, Trace, read_clause
from bot.llm.reader.numbers import read_counts
from bot.llm.reader.reconcile import (
    docs_unneeded,
    goal_correction,
    goals_corrected,
    past_clauses,
    past_given_way,
    present_kept,
    reconcile,
    subset_kept,
    taken_back,
    zero_as_none,
    zero_counts,
)
from bot.llm.reader.rules import Rules, default_rules
from bot.llm.reader.screen import Seen
from bot.llm.reader.spelling import respell
from bot.llm.reader.text import clauses, in_original, sentences
from bot.llm.reader.text import normalise as normalise_text
from bot.llm.reader.top import answered_top, as_goal, pointed_top, ranked_top
from bot.llm.reader.usecase import use_case
from bot.llm.reader.volume import said_of_count, volume_called, volume_undecided

# Facts whose value is a set.
_SET_FACTS = frozenset({FactName.GOALS, FactName.LANGUAGES})
_SKIP_SHORT = re.compile(r"^\W*(?:pass|n/?a|-+|패스|몰라요|모름|글쎄요?)\W*$", re.IGNORECASE)

# The question echoed back before the answer ("cost per request? no.").
_ECHO = re.compile(r"^(?:[^?\s]+\s+){0,4}[^?\s]+\?\s+(?=\S)")


# "by then", "그때까지": a deadline that is whatever date the message named.
_BY_THEN = re.compile(r"\bby\s+then\b|그때까지", re.IGNORECASE)


def _echoed(rules: Rules, sentence: str) -> str:
    """The yes or no after an echoed question; a hesitant answer ("sometimes? we added …")
    stays whole."""
    m = _ECHO.match(sentence)
    rest = sentence[m.end() :] if m else ""
    return rest if rest and (rules.no.match(rest) or rules.yes.match(rest)) else sentence


# A part of the data set against the rest ("나머지는", "some …, some …").
_PART = re.compile(r"나머지|일부|절반|\bsome\b[^.]*\bsome\b|\bthe rest\b|\bhalf\b", re.IGNORECASE)


def _stated(rules: Rules, kept: list[str], m: Message, pending: FactName | None) -> list[str]:
    """The sentences of a reply that may answer the question asked."""
    # "how many do you need?" asks back; it does not answer "how much data do you have?". What
    # the other sentences say still does ("아마 없을 거예요. 만들어야 하나요?").
    told = [
        s
        for s in kept
        if _yes_or_no_rising(rules, s, m) or not (_asks(rules, s) and not rules.guess.search(s))
    ]
    # "Thanks for asking. No, we don't": the thanks is not the answer the reply opens with.
    courtesy = rules.classes.get("courtesy")
    if courtesy is not None:
        told = [s for s in told if not courtesy.match(s)] or told
    # "This one I cannot answer. The owner decides the dates …": a reply that declines.
    dodge = rules.classes.get("cannot_answer")
    if dodge is not None and told and dodge.search(told[0]):
        return []
    # "괜찮았다고는 하더라고요. 근데 저는 결과물을 본 적이 없어서": nor do others' words answer.
    stated = [s for x in told if (s := _unsaid(_echoed(rules, x), m.unsaid))]
    if pending is None:
        return stated
    # "It used to be pretty stable, but … every few weeks there's a new service": what was so
    # once does not answer how often it changes; all of it does when it says nothing else.
    past = past_clauses(m.clauses, rules.classes.get("past_then"), pending)
    now = [s for x in stated if (s := _unsaid(x, past))] if past else stated
    return now or stated


def _yes_or_no_rising(rules: Rules, sentence: str, m: Message) -> bool:
    """ "actually yes?? …": a yes or no said with a rising tone answers all the same."""
    return sentence in m.uptalk and bool(rules.yes.match(sentence) or rules.no.match(sentence))


def _last_corrected(m: Message) -> str | None:
    """The text of the clause the message's last correction starts, if it corrects itself."""
    return m.clauses.get(max(m.corrected), "") if m.corrected else None


def _own_words(rules: Rules, m: Message) -> str:
    """The message's clauses but those that report what someone says ("Sue says it all matters
    equally. I say … So right answers first")."""
    said_by = rules.classes.get("view_said")
    return " ".join(c for c in m.clauses.values() if not (said_by and said_by.search(c)))


def _unsaid(sentence: str, unsaid: list[str]) -> str:
    """``sentence`` without the clauses that state nothing of the user's own."""
    for clause in unsaid:
        sentence = sentence.replace(clause, " ")
    return sentence.strip(" ,.")


def _asks(rules: Rules, sentence: str) -> bool:
    """A sentence that asks something: a question mark, or a Korean question ending."""
    if sentence.rstrip().endswith(("?", "？")):
        return len(sentence.split()) >= 2
    return bool(rules.question_end.search(sentence))


def _direct(rules: Rules, sentence: str) -> bool:
    """A question put to the bot (a question word, or a question ending), not a "200개요?" of
    someone unsure of what they state."""
    asks = _asks(rules, sentence) and len(sentence.split()) >= 2
    return asks and bool(rules.ask.search(sentence))


def _facts(hits: list[Hit]) -> Facts:
    """The sure readings as facts; values stay text, which the ``Facts`` model parses."""
    data: dict[str, Any] = {}
    sure = [h for h in hits if h.sure]
    counts = [int(h.value) for h in sure if h.fact is FactName.DATA_EXAMPLES]
    for h in sure:
        if h.fact is FactName.TOP_GOAL and h.value == "all":
            # "all of them" to "what matters most": every goal, none above the others.
            data.setdefault(FactName.GOALS.value, set()).update(g.value for g in Goal)
        elif h.fact in _SET_FACTS:
            data.setdefault(h.fact.value, set()).add(h.value)
        elif h.fact is FactName.DATA_EXAMPLES:
            data[h.fact.value] = max(counts)
        elif h.fact is FactName.DATA_AMOUNT and counts and h.value != "none":
            continue  # a stated count says more than "some" or "a lot"
        else:
            data[h.fact.value] = h.value
    if data.get("data_amount") == "none":
        # No data has no quality; "human labeled example은 zero" is about the amount.
        if data.get("data_examples") != 0:
            data.pop("data_examples", None)
        data.pop("data_quality", None)
    return normalise(Facts.model_validate(data))


def _hits_to_readings(hits: list[Hit], original: str) -> tuple[Reading, ...]:
    return tuple(
        Reading(
            fact=h.fact,
            value=h.value[:MAX_USE_CASE_CHARS],
            quote=in_original(original, h.quote),
            rule=h.rule[:80],
            sure=h.sure,
        )
        for h in hits
        if h.fact not in (FactName.USE_CASE, FactName.LANGUAGES)
    )


def _read_sentence(
    rules: Rules,
    sentence: str,
    message: Seen,
    pending: FactName | None,
    m: Message,
    trace: Trace,
) -> None:
    """``message``: what the whole message may match, which its sentences narrow down."""
    seen = message.within(sentence)
    if seen.search(rules.injection):
        # Only the injected sentence goes: every other sentence still states facts.
        trace.injection(sentence)
        return
    why = set_aside(rules, sentence, m.kept[-1] if m.kept else "")
    if why:
        trace.add(f"'{trace.words(sentence, 30)}': the sentence before is {why}")
        for h in m.hits[m.last :]:
            trace.set_aside(h.fact, h.value)
        del m.hits[m.last :], m.kept[-1:]
    m.last = len(m.hits)
    m.kept.append(sentence)
    cl = carried(rules, m, seen, message, [seen.within(x.text) for x in clauses(sentence)])
    asked = len(cl)
    if seen.search(rules.concept_question):
        m.concept = True
        # "about 200, but what is RAG exactly?": the question is its own clause, and what the
        # clauses before it state still counts.
        asked = next((i for i, x in enumerate(cl) if x.search(rules.concept_question)), 0)
        m.asked.append(sentence)
        if asked == 0:
            trace.add(f"question: '{trace.words(sentence, 60)}' asks something; it states nothing")
            return
    m.decide = bool(seen.search(rules.decide_now)) or m.decide
    m.skip = bool(seen.search(rules.skip)) or m.skip
    question = sentence.rstrip().endswith("?") or bool(rules.asks_unmarked.search(sentence))
    if (
        question
        and pending is not None
        and not cl[-1].search(rules.guess)
        and not any(questioning(rules, x) for x in cl)
    ):
        # "셋 다요?", "대략 1,500문항?": a reply to the question just asked, with a rising tone
        # and nothing that asks, is an answer, not a side question.
        trace.add(f"'{trace.words(sentence, 40)}': answers with a rising tone, not a question")
        question = False
        m.rising.update(range(m.index + 1, m.index + 1 + len(cl)))
        m.uptalk.append(sentence)
    for i, clause in enumerate(cl):
        m.index += 1
        mode = clause_mode(rules, cl, i, question) if i < asked else ClauseMode(skip="question")
        if mode.skip:
            trace.add(f"clause '{trace.words(clause.text, 50)}': {mode.skip}, states nothing")
            if mode.skip not in ("question", "hypothetical", "doubt"):
                m.unsaid.append(clause.text)
        if mode.denied:
            trace.add(f"clause '{trace.words(clause.text, 50)}': hypothetical, then denied")
        m.clauses[m.index] = clause.text
        corrects(rules, clause, m)
        c = ClauseText(clause.text, sentence, message.text, clause)
        first = len(m.hits)
        if not mode.skip and not mode.denied:
            m.hits.extend(read_counts(rules, c, m.index, pending, trace))
        m.hits.extend(read_clause(rules, c, m.index, mode, trace))
        if not mode.skip:
            m.hits.extend(
                Hit(FactName.LANGUAGES, code, "", f"language.{code}")
                for code, pattern in rules.languages
                if clause.search(pattern)
            )
        doubted(rules, cl, i, m, first, trace)
    if len(m.hits) == m.last and _direct(rules, sentence):
        # "데이터는 200건 있어요. 파인튜닝은 어떻게 해요?": the facts count and the question is
        # answered too.
        m.asked.append(sentence)


def read(
    text: str, pending: FactName | None, rules: Rules | None = None
) -> tuple[Extraction, Trace]:
    """What one message states, and how the reader got there."""
    rules = rules or default_rules()
    trace = Trace(original=text)
    m = Message()
    message = respell(normalise_text(text), rules.spelling)
    seen = rules.screen.scan(message)
    for sentence in join_echoes(rules, sentences(message)):
        _read_sentence(rules, sentence, seen, pending, m, trace)
    hits, kept, corrected = echoes_dropped(m, pending, trace), m.kept, m.corrected
    concept, decide, skip = m.concept, m.decide, m.skip
    also = rules.classes.get("goal_also")
    hits = goals_corrected(zero_counts(hits), corrected, m.clauses, also, trace)
    hits = present_kept(hits, m.clauses, rules.classes.get("present_now"), trace)
    hits = subset_kept(hits, m.clauses, rules.classes.get("count_subset"), trace)
    hits = past_given_way(hits, m.clauses, rules.classes.get("past_then"), trace)
    hits = taken_back(hits, m.retracted, trace)
    hits = docs_unneeded(hits, m.clauses, rules.classes.get("docs_unneeded"), trace)
    hits = zero_as_none(reconcile(hits, corrected, trace))
    hits = volume_undecided(hits, message, rules.classes, trace)
    hits.extend(pointed_top(rules, kept, hits, trace))
    hits.extend(ranked_top(rules, m.clauses, hits, trace))
    joined = " ".join(kept)
    label = next((u for s in kept if (u := use_case(rules, s))), None)
    if label:
        hits.append(Hit(FactName.USE_CASE, label, label, "use_case"))
    hits = as_described(pending, hits, wants=bool(rules.want.search(joined)))
    hits = as_asked(rules, pending, hits, trace)
    urgent = [h for h in hits if h.fact is FactName.URGENCY]
    far = (
        months_off(joined) if not urgent or all(_BY_THEN.search(h.quote) for h in urgent) else None
    )
    if far is not None and far >= FAR_MONTHS:
        # "orders start in October and it's April now, be nice to have it by then": "then" is
        # that date.
        hits = [h for h in hits if h.fact is not FactName.URGENCY]
        # "first snow is mid-december and it's september now": months away is no rush.
        trace.add(f"dates: {far} months off")
        hits.append(Hit(FactName.URGENCY, Urgency.NORMAL.value, joined[:60], "dates.months_off"))
    facts = _facts(hits)
    if pending is FactName.TOP_GOAL and facts.top_goal is None:
        fix = goal_correction(corrected, m.clauses, also)
        top = answered_top(rules, kept, hits, facts, trace, fix)
        if top is not None:
            hits.append(top)
            facts = _facts(hits)
    stated = _stated(rules, kept, m, pending)
    if pending is not None and not is_known(facts, pending) and stated:
        answer = (
            answer_alone(rules, stated, pending, trace, hits, _last_corrected(m))
            if not facts.known() - {FactName.USE_CASE, FactName.LANGUAGES}
            else yes_no(rules, stated[0], pending, True, tuple(hits))
            # "We have a QA sample we check templates against. So yes": a yes or no closing
            # the message answers too.
            or yes_no(rules, stated[-1], pending, True, tuple(hits))
            or lead_answer(rules, stated[0], pending, trace, hits)
            or answer_beside(rules, stated, pending, trace, hits)
        )
        # Not what the rules set aside ("…되면 급해지겠지만": a hypothetical's).
        answer = volume_called(answer, joined, rules, trace)
        if answer is not None and (answer.fact, answer.value) not in trace.supposed:
            hits.append(answer)
            if answer.fact is FactName.TOP_GOAL and answer.value in set(Goal):  # also a goal
                hits.append(dataclasses.replace(answer, fact=FactName.GOALS))
            facts = _facts(hits)
    hits = faster_docs(rules, stated, pending, hits, trace)
    facts = _facts(hits)
    if (
        pending is FactName.DATA_QUALITY
        and facts.data_quality is Quality.HIGH
        and _PART.search(joined)
    ):
        # "2019년 이후 것만 검수됐고 나머지는 엉망이에요": part of it is poor, so the data is
        # (not "the notes are messy, but the summaries we'd train on were all QA'd").
        poor = worded(rules, " ".join(stated), pending, trace, only="low")
        if poor is not None:
            hits = [h for h in hits if h.fact is not pending] + [poor]
            facts = _facts(hits)
    said = (
        summed_up(rules, stated, pending, trace)
        or said_of_count(rules, stated, hits, pending, trace, kept[0], " ".join(kept))
        if pending is not None and stated
        else None
    )
    if said is not None:
        hits = [h for h in hits if h.fact is not said.fact] + [said]
        facts = _facts(hits)
    no_top = rules.classes.get("no_top")
    if no_top and facts.top_goal is not None and no_top.search(_own_words(rules, m)):
        # "딱히 뭐가 1순위라기보단 말투가 매번 똑같으면": goals, none of them put first.
        trace.add("top: no goal is put first")
        hits = [as_goal(h) if h.fact is FactName.TOP_GOAL else h for h in hits]
        facts = _facts(hits)
    if len(joined.split()) <= 3 and _SKIP_SHORT.match(joined) and not facts.known():
        skip = True
    answered = is_known(facts, pending) if pending is not None else bool(facts.known())
    # "docs probably change weekly, not sure though" states something, to confirm; with nothing
    # asked, "…해야 하는 건가요? … 모르겠네요" puts a question, it skips none.
    unsure = any(not h.sure for h in hits)
    skip = skip and not (decide or concept or answered or unsure or (pending is None and m.asked))
    asking = concept or any(_asks(rules, s) for s in kept if s not in m.uptalk)
    # A question about a concept, or one put to the bot, is a side question even when the
    # message also answers something ("about 200, but what is RAG exactly?"); a "?" alone
    # ("200개요?") is one only without facts (a concept question is among the asked sentences).
    side = (bool(m.asked) or (asking and not facts.known())) and not decide and not skip
    # "고객센터 봇이에요. RAG가 뭐예요?": the answer is about RAG, not about support bots.
    asked = " ".join(m.asked)
    alone = side and facts.known() and asked and not rules.refers_back.search(asked)
    ex = Extraction(
        facts=facts,
        side_question=side,
        question=asked if alone else "",
        skip=skip,
        decide_now=decide,
        readings=_hits_to_readings(hits, text),
    )
    return ex, trace


def extract_facts(text: str, pending: FactName | None) -> Extraction:
    """Facts stated in ``text``; ``pending`` is the fact the bot just asked about, if any."""
    return read(text, pending)[0]
