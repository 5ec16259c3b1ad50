"""A reply read as the answer to the question the bot just asked: a terse word, a bare yes or
no, the answer a reply opens with, and the user's own word for their traffic."""

from __future__ import annotations

import dataclasses
import re

from bot.core.facts import ASKABLE, MAX_USE_CASE_CHARS, YES_NO_FACTS, FactName
from bot.llm.reader.engine import Hit, Trace
from bot.llm.reader.rules import Rules
from bot.llm.reader.text import CONTRAST

_TERSE = 4
_BOOL_CODES = {"yes": "true", "no": "false"}
# Where the clause of an answer word ends ("고정도 아니고, …", "자주는 아니에요.").
_CLAUSE_END = re.compile(r"[.,;!?。]")
# "hasn't hit a wall yet": the word denied by what comes before it.
_NOT_BEFORE = re.compile(
    r"(?:^|\s)노\s+$|(?:n't|\bnot|\bnever)\s+(?:yet\s+)?(?:hit|reached)\s+(?:a|the|any)\s+$",
    re.IGNORECASE,
)
# The English word right before an answer word ("isn't high", "not very often"), which the
# rules' negation triggers may deny.
_WORD_BEFORE = re.compile(
    r"(?<![\w'])([A-Za-z']+)\s+(?:(?:really|even|quite|exactly|very|that|so|too|all\s+that)\s+)?$",
    re.IGNORECASE,
)
# "급한 건 아니에요", "긴급 사안 아님" (one noun between).
_DENIES = re.compile(
    r"^\S{0,3}?\s*(?:도|은|는|이|가)?\s*(?:아니|아닌|아닙|아님|아냐|아녜)"
    r"|^\S{0,3}?\s+(?:[가-힣]{1,4}|[A-Za-z]{1,8}(?:\s+[A-Za-z]{1,8})?)\s*(?:은|는|이|가)?\s*"
    r"(?:아님|아닙니다|아니에요|아녜요|아니고|아니라)"
    # "체크리스트는 있는데 정답 달린 QA set은 아니에요": what there is, and that it is not that.
    r"|^(?:는데|지만|긴\s*한데|긴\s*하지만),?\s+(?:\S+\s+){0,4}?\S*\s*"
    r"(?:아님|아닙니다|아니에요|아녜요|아니고|아니라)"
    # "대량이라고 하긴 어렵고요", "많다고 하긴 좀 그렇죠": not something the user would call it.
    r"|^\S{0,4}\s*(?:하긴|하기는|하기엔|허긴|허기는|보긴|보기는)\s*(?:좀\s*)?(?:어(?:렵|려)|애매|그렇|민망|뭐하|부끄럽)"
    # "틀린 게 나간 적은 거의 없어요": hardly ever so.
    r"|^\S{0,3}\s*(?:(?:게|건|거)\s+)?(?:\S+\s+)?[가-힣]*[간낸된난]\s*적(?:은|이|도)\s*(?:거의\s*|한\s*번도\s*|별로\s*)?없"
    # "민원 유형이 고정되어 있지 않음": not so.
    r"|^\s*(?:되어|돼|되)\s*(?:있지|있진)\s*(?:는\s*)?않"
    # "틀린 것은 거의 없을 겁니다", "틀린거는 없을끼라": none, or hardly any, that are so.
    r"|^\s*(?:(?:것|거|게|건)\s*)?(?:(?:은|는|이|가|도)\s*(?:(?:거의|별로|하나도|전혀|딱히)\s*)?|(?:거의|별로|하나도|전혀|딱히)\s*)없"
    # "좋다 나쁘다 할 것도 없지요": nothing to call it.
    r"|^\S{0,2}\s*(?:[가-힣]{1,4}다\s*)?(?:할|말할|하실)\s*(?:것|거|게)\s*(?:도|조차|은|는)?\s*없"
    # "많을 게 뭐 있어요": a question that means "hardly".
    r"|^\S{0,2}\s*(?:게|거|것이)\s*(?:뭐|뭣이|무엇이)\s*(?:있|있어|있나|있겠)"
    # "자주 바뀌지 않습니다": how often it changes, denied.
    r"|^\s*(?:바뀌|변하|변경되|개정되|수정되|업데이트되|갱신되)(?:지|진)(?:는|도)?\s*(?:않|안\s)"
)


def answered_by(pending: FactName) -> FactName:
    """The fact a reply to ``pending`` is read as: asked for a count, the amount."""
    return FactName.DATA_AMOUNT if pending is FactName.DATA_EXAMPLES else pending


def pending_answer(rules: Rules, text: str, pending: FactName, trace: Trace) -> Hit | None:
    """A terse reply read as an answer to the question just asked."""
    lookup = answered_by(pending)
    aside = rules.classes.get("quality_aside")
    if lookup is FactName.DATA_QUALITY and aside is not None:
        # "Final text is always reviewed … Notes are messy, but notes are the input."
        for m in reversed(list(aside.finditer(text))):
            text = text[: m.start()] + text[m.end() :]
    code = re.sub(r"[\s-]+", "_", text.strip().lower()).strip("._!?")
    quote = text.strip()[:60]
    if code in ASKABLE.get(lookup, ()):
        return Hit(lookup, _BOOL_CODES.get(code, code), quote, "answer.code")
    # "None, it works off the morning notes" to how often the documents change: there are no
    # documents, which a bare "no" (not often) would not say.
    none = (
        worded(rules, text, lookup, trace, only="none") if lookup is FactName.DOCS_CHANGE else None
    )
    if none is not None:
        return none
    bare = yes_no(rules, text, pending)
    if bare is not None and bare.rule == "answer.yes" and bare.fact not in YES_NO_FACTS:
        # "네 뭐 알바생 수십명이 쓴거라 제각각입니다": a "yes" that only opens what the words
        # then say otherwise.
        said = worded(rules, text, lookup, Trace())
        if said is not None and said.value != bare.value:
            trace.add(f"answer.{lookup.value}: {said.value}, not the opening yes")
            return said
    if bare is not None:
        trace.add(f"answer.yes_no: {bare.fact.value}={bare.value}")
        return bare
    said = worded(rules, text, lookup, trace)
    if said is not None:
        return said
    if pending is FactName.USE_CASE and 0 < len(text) <= MAX_USE_CASE_CHARS:
        return Hit(FactName.USE_CASE, text.strip(), quote, "answer.use_case")
    return None


# "…. So yes, it's propre.": a reply that closes on a yes.
_SO_YES = re.compile(r"^\W*(?:and\s+)?so\W+(?:yes|yeah|yep)\b", re.IGNORECASE)


def answer_alone(
    rules: Rules,
    stated: list[str],
    pending: FactName,
    trace: Trace,
    hits: list[Hit],
    corrected: str | None = None,
) -> Hit | None:
    """A reply that states nothing else, read as the answer: its opening words ("Probably high.
    Compliance reviews every question, though I haven't checked the old ones"), a closing "so
    yes", or, when it corrects itself (``corrected``: the clause of its last correction), what
    it says from there on ("need it next week!! jk, whenever it's ready")."""
    # Joined as sentences, so that "… nothing. No manuals" does not read as "nothing No".
    said = ". ".join(stated)
    if corrected is None:
        lead = lead_answer(rules, stated[0], pending, trace, hits)
        if lead is not None and lead.rule in _BARE and pending is FactName.DOCS_CHANGE:
            # "Documents? No ways. There's no price list …": a bare "no", then no documents.
            lead = worded(rules, said, pending, trace, only="none") or lead
        return (
            lead
            or pending_answer(rules, said, pending, trace)
            or (
                yes_no(rules, stated[-1], pending, True, tuple(hits))
                if len(stated) > 1 and _SO_YES.match(stated[-1])
                else None
            )
        )
    last = corrected.rstrip(" .!?~…")  # a sentence's end, not said
    at = said.rfind(last) if last else -1
    rest = said[at:] if at >= 0 else said
    if at >= 0 and (fix := rules.correction.search(last)) is not None:
        # "Rarely - well, no. … so sometimes": a clause that only takes back is no answer.
        others = _OPENING.sub("", last[: fix.start()] + last[fix.end() :]).strip(" ,.!?~…-")
        if not others and rest[fix.end() :].strip(" .!?~…"):
            rest = rest[fix.end() :]
    return pending_answer(rules, rest, pending, trace)


def worded(
    rules: Rules, text: str, fact: FactName, trace: Trace, only: str | None = None
) -> Hit | None:
    """The first of ``fact``'s answer values, in the rule files' order, whose words ``text``
    says (only ``only``, when given)."""
    quote = text.strip()[:60]
    said = [
        (value, starts)
        for value, pattern in rules.answers.get(fact, ())
        if (only is None or value == only)
        and (starts := [m.start() for m in pattern.finditer(text) if not _denied(rules, m, fact)])
    ]
    turn = max((m.end() for m in CONTRAST.finditer(text)), default=-1)
    if len(said) > 1 and fact is not FactName.DOCS_CHANGE and max(said[0][1]) < turn:
        # "Our customers are quite stable. But sometimes a new kind comes": what follows the
        # "but" is the answer (of two sets of documents, the faster one is, whatever the order).
        said = [s for s in said if max(s[1]) > turn] or said
    if not said:
        return None
    value = said[0][0]
    at = dict(said)  # each value's places in the text
    if fact is FactName.CHANGE_RATE and at.keys() == {"rarely", "sometimes"}:
        # "의뢰 내용은 거의 똑같아요. … 일 년에 한두 번 항목이 하나씩 느는 정도": mostly the
        # same, with something new now and then; but not "the hats change every season, but
        # the quote itself never does".
        rests = max(at["sometimes"]) < turn < min(at["rarely"])
        value = "rarely" if rests else "sometimes"
    trace.add(f"answer.{fact.value}: {value} from '{trace.words(quote)}'")
    return Hit(fact, value, quote, f"answer.{fact.value}.{value}")


# Words apart by spaces, so that a long run of letters is not split every way (it is tried on
# anything a user pastes); a particle set apart from an English word ("eval set 은") is part
# of that word.
_WORD = r"[\w'-]+(?:\s+(?:은|는|이|가|도|을|를)(?=\s))?"
_PARTIAL = re.compile(r"^\W*(?:some|half|part(?:ly)?)\b", re.IGNORECASE)
# "Well, no, …": a filler opens the reply, it does not answer ("so" and "ok" may, alone).
_FILLER = r"well|um+|uh+|hmm+|oh|ah|erm?"
_OPENING = re.compile(rf"\b(?:{_FILLER}|so|ok|okay)\b", re.IGNORECASE)
_LEAD = re.compile(
    rf"^\W*(?!(?:{_FILLER})\W)({_WORD}(?:\s+{_WORD}){{0,2}}?)\s*(?:[,.;:—–-]|\.{{2,}}|…)\s",
    re.IGNORECASE,
)


_BARE = frozenset({"answer.yes", "answer.no"})


def lead_answer(
    rules: Rules, sentence: str, pending: FactName, trace: Trace, hits: list[Hit]
) -> Hit | None:
    """A reply that opens with the answer in a word or three, then says more ("rarely, its a
    hotel, same questions forever"), or in a short sentence that states nothing else ("haven't
    tried yet. and no test set either"; not "검수된 데이터가 많아요", nor "그건 아직
    모르겠고요")."""
    m = _LEAD.match(sentence)
    lowered = sentence.casefold()
    if (
        m is None
        and len(sentence.split()) <= _TERSE
        and not rules.skip.search(sentence)
        and not any(h.quote.casefold() in lowered for h in hits)
    ):
        return pending_answer(rules, sentence, pending, trace)
    if m is None:
        return None
    if pending is FactName.DOCS_CHANGE:
        # "No, there's nothing like that": no documents at all, which the bare "no" does not say.
        none = worded(rules, sentence, pending, trace, only="none")
        if none is not None:
            return none
    if _PARTIAL.match(m.group(1)):
        # "Some good, many messy": the opening word is of a part, the rest says of the others.
        return pending_answer(rules, sentence, pending, trace)
    lead = pending_answer(rules, m.group(1), pending, trace)
    if lead is not None and lead.rule == "answer.yes" and lead.fact not in YES_NO_FACTS:
        # "예, 거의 안 바뀝니다": the "yes" acknowledges the question; read whole, the reply says
        # how often (``pending_answer`` lets the words overrule an opening yes).
        return pending_answer(rules, sentence, pending, trace)
    said = m.group(1).casefold()
    if (
        lead is not None
        and lead.rule in _BARE
        and any(q.startswith(said) for q in quotes_beside(hits, pending))
    ):
        # "no data, we never wrote any of it down" to how often the documents change: the "no"
        # is the data's.
        return None
    if lead is not None and m.group(0).rstrip().endswith(("..", "…")):
        # "1년에 4번 정도.. 아 근데 이벤트 공지는 매주 올라가요": trailing off, the reply goes
        # on, and what it goes on to say may answer otherwise.
        rest = pending_answer(rules, sentence[m.end() :], pending, trace)
        if rest is not None and rest.value != lead.value:
            return pending_answer(rules, sentence, pending, trace)
    return lead


# "…. So yes a lot.", "…. So I think good.", "…. 그래서 급해요": a reply that ends by summing up
# in a word or three answers with that, whatever the sentences before it seemed to say.
_SUMS_UP = re.compile(
    r"^\W*(?:(?:so|(?:and|but)\s+so|그러니까|그니까|그래서|결론은|결론적으로|암튼|아무튼|결국|요약하면)"
    r"(?:\W+(?:yes|yeah|yep|ya|i\s+think|i\s+guess|i'?d\s+say|i\s+would\s+say|basically|overall))*"
    r"|i'?d\s+say|i\s+would\s+say|i'?d\s+call\s+(?:that|it|them)|all\s+in\s+all)\W+(.+?)\W*$",
    re.IGNORECASE,
)


# "…. Low, really.", "…. Quiet, honestly.": a closing word or two, then a word that says so.
_SUMS_UP_AFTER = re.compile(
    r"^\W*(\w+(?:\s+\w+)?),?\s+(?:really|honestly|tbh|overall|all\s+told)\W*$", re.IGNORECASE
)


# "…, nearly all different. Low.": a closing word alone, of a fact read on a scale (not a bare
# yes or no, which may answer something the reply said).
_CLOSING_WORD = re.compile(r"^\W*(\w+)\W*$")
_SCALED = frozenset({FactName.VOLUME, FactName.URGENCY, FactName.CHANGE_RATE, FactName.DOCS_CHANGE})


def summed_up(rules: Rules, stated: list[str], pending: FactName, trace: Trace) -> Hit | None:
    """The answer a reply closes on ("… So yes a lot.", "… Low, really.", "… Low.")."""
    last = stated[-1] if len(stated) > 1 else ""
    alone = _CLOSING_WORD.match(last) if answered_by(pending) in _SCALED else None
    m = _SUMS_UP.match(last) or _SUMS_UP_AFTER.match(last) or alone
    if m is not None and len(m.group(1).split()) <= _TERSE:
        said = pending_answer(rules, m.group(1), pending, trace)
        if said is not None and m is alone and said.rule in _BARE:
            return None
        if said is not None and said.fact is answered_by(pending):
            trace.add(f"{said.fact.value}: '{trace.words(stated[-1])}' sums the reply up")
            return dataclasses.replace(said, rule=f"{said.rule}.summed_up")
    return None


def faster_docs(
    rules: Rules, stated: list[str], pending: FactName | None, hits: list[Hit], trace: Trace
) -> list[Hit]:
    """Asked how often the documents change, a sentence the rules read nothing in that says
    "often" ("Our policies are reviewed once a year. The price list changes weekly"; "학기마다
    바꿔요. 일 년에 세 번쯤요"): of two sets of documents, the faster one is what answers follow."""
    if pending is not FactName.DOCS_CHANGE:
        return hits
    if not any(h.fact is pending and h.value == "rarely" for h in hits):
        return hits
    quotes = [h.quote.casefold() for h in hits if h.quote]
    docs, change = rules.classes.get("doc_noun"), rules.classes.get("change")
    # "…. Site permits change daily, but the bot won't touch those": none of its business;
    # "It's not like our prices change weekly": denied.
    unneeded = rules.classes.get("docs_unneeded")
    # The next sentence's negation is its own; a correction there ("sorry, no") takes it back.
    negations = [p for p in (rules.neg_before, rules.neg_after) if p is not None]
    for i, whole in enumerate(stated):
        low = whole.casefold()
        following = stated[i + 1] if i + 1 < len(stated) else ""
        aside = bool(unneeded and unneeded.search(f"{whole} {following}"))
        if aside or any(low in q for q in quotes) or rules.correction.search(following):
            continue
        if any(p.search(whole) for p in negations):
            continue
        # "본사 약관은 1년에 한 번 개정인데 지점 조건은 매달 바뀝니다": the rest of the sentence
        # after the slow set.
        at = max((low.find(q) + len(q) for q in quotes if q in low), default=0)
        s = whole[at:]
        if not s.strip():
            continue
        named = any(p is not None and p.search(s) for p in (docs, change))
        if not named and len(s.split()) > _TERSE:
            continue
        said = worded(rules, s, pending, trace, only="often")
        if said is not None:
            trace.add(f"docs_change: '{trace.words(s)}' changes faster than the rest")
            return [h for h in hits if h.fact is not pending] + [said]
    return hits


def _denied(rules: Rules, m: re.Match[str], fact: FactName) -> bool:
    """Whether the reply says the answer word is not so ("자주도 아니고 아예 고정도 아니고요"),
    or, of a goal, that it does not matter ("말투 이런건 1도 상관없음"). Only a denial right after
    the word, in its own clause, counts ("아직 없어요" is "not yet"); in English, "not" right
    before it ("a few times a year, not weekly")."""
    before = m.string[: m.start()]
    word = _WORD_BEFORE.search(before)
    if _NOT_BEFORE.search(before) or (word and rules.neg_before.search(word[1])):
        return True
    # A match that takes in its clause's last stop leaves nothing of that clause after it.
    after = "" if _CLAUSE_END.match(m.group()[-1:]) else m.string[m.end() :]
    after = after[: m2.start() if (m2 := _CLAUSE_END.search(after)) else len(after)]
    unimportant = fact is FactName.TOP_GOAL and rules.unimportant_after.search(after)
    return bool(unimportant or _DENIES.match(after)) and not rules.neg_pseudo.search(after)


# What a bare yes or no means for each question, as its quick-answer choice.
_YES_NO: dict[FactName, tuple[str | None, str | None]] = {
    FactName.DOCS_CHANGE: ("often", "rarely"),
    FactName.CHANGE_RATE: ("often", "rarely"),
    FactName.DATA_AMOUNT: ("some", "none"),
    FactName.DATA_EXAMPLES: ("some", "none"),
    FactName.DATA_QUALITY: ("high", "low"),
    FactName.URGENCY: ("fast", "normal"),
    FactName.VOLUME: ("high", "low"),
    FactName.PROMPTING: (None, "not_tried"),
    FactName.EVAL_SET: ("true", "false"),
    FactName.COST_TRACKED: ("true", "false"),
}


def quotes_beside(hits: tuple[Hit, ...] | list[Hit], pending: FactName) -> list[str]:
    """The words of the message's readings of other facts than the one asked, casefolded."""
    return [h.quote.casefold() for h in hits if h.fact is not pending and h.quote]


def yes_no(
    rules: Rules, text: str, pending: FactName, standalone: bool = False, read: tuple[Hit, ...] = ()
) -> Hit | None:
    """A bare yes or no as the pending question's answer.

    ``standalone``: in a longer message only a yes or no set off by punctuation counts ("네,
    그리고…"); "we do have an eval set" is about the eval set, not the question. ``read``: the
    message's readings; a "no" opening another one's words ("no eval set yet") is that one's.
    """
    yes, no = _YES_NO.get(pending, (None, None))
    fact = FactName.DATA_AMOUNT if pending is FactName.DATA_EXAMPLES else pending
    quote = text.strip()[:60]
    others = quotes_beside(read, pending)
    for value, pattern, rule in ((no, rules.no, "answer.no"), (yes, rules.yes, "answer.yes")):
        m = pattern.search(text) if value is not None else None
        if m is None or value is None:
            continue
        rest = text[m.end() :].lstrip()
        set_off = rest[:1] in ("", ",", ".", "!", "~", "-")
        if standalone and len(text.split()) > _TERSE and not set_off:
            continue
        opens = text[m.start() :].casefold()
        if not set_off and any(opens.startswith(q) for q in others):
            continue
        return Hit(fact, value, quote, rule)
    return None
