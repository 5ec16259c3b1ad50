"""How the sentences of one message hang together: an echoed topic and what is said about
it, a change said of what the sentence before named, a sentence that was only quoted, and a
guess the user then doubts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.facts import FactName
from bot.llm.reader.engine import REPORTED, ClauseMode, Hit, Trace
from bot.llm.reader.rules import Rules
from bot.llm.reader.screen import Seen

# "비용 모니터링? 그런 거 없어요": a topic echoed back as a question, then what is said about it,
# where "그런 거" stands for the topic.
_KO_ECHO = re.compile(r"^(?:\S+\s+){0,3}\S*[가-힣](?:이요|요)?\s*(?:\.{2,})?\s*[?？]+$")
_KO_RANKED = re.compile(r"제일(?:은|로)|가장\s*중요한\s*(?:건|거|게)|1순위(?:는|로)")
_KO_PRONOUN = re.compile(
    r"^(?:그런\s*(?:거|것|건|게)(?:는|은|도)?|그건|그거(?:는)?|그게|그것(?:은|도|이)?)\s+"
)
_TOPICS = (
    *("eval_noun", "data_noun", "cost_noun", "prompt_noun", "doc_noun", "format_noun"),
    *("request_noun", "usecase_noun"),
)
# A clause that goes on about what was just named: "실제로는 …", "사실 …", "all of it …".
_GOES_ON = re.compile(
    r"^\W*(?:실제로는?|사실은?|근데|그런데|그래도|하지만|그건|그게|그것도?|다\s|전부|모두|"
    r"(?:actually|but|though|it(?!'s|s\b)|they|all\s+of\s+(?:it|them)|both)\b)",
    re.IGNORECASE,
)
# "근데 요즘 팀이 자주 바뀌어요": a clause with a subject of its own is about that subject.
_OWN_SUBJECT = re.compile(r"(?<![가-힣])(?!같이|많이|굳이|깊이|높이|일일이)[가-힣]+[이가]\s")
_CHANGING = ("doc_noun", "usecase_noun", "format_noun")
_ECHO_TOPICS = (*_TOPICS, "goal_accuracy", "goal_consistency", "goal_freshness")
# "정확히는 모르겠어요", "not sure of the exact number": a doubt about precision, not about size.
_PRECISION = re.compile(r"정확(?:히|한|하게)|\bexact(?:ly)?\b|\bprecise(?:ly)?\b", re.IGNORECASE)
_SIZES = frozenset({FactName.DATA_AMOUNT, FactName.DATA_EXAMPLES, FactName.VOLUME})
_QUOTED = re.compile(r"^(?:이?라고|다고|하고)\s+(?:하|말하|쓰|적|얘기하|말씀드리)")


@dataclass
class Message:
    """What the sentences of one message said so far."""

    hits: list[Hit] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    corrected: set[int] = field(default_factory=set)
    # Clauses a correction closing them takes back ("1년에 한 번… 아 아니다").
    retracted: set[int] = field(default_factory=set)
    concept: bool = False
    # Sentences that ask something and state nothing, in a message that may state facts too.
    asked: list[str] = field(default_factory=list)
    decide: bool = False
    skip: bool = False
    index: int = 0
    # The text of each clause read, by its index.
    clauses: dict[int, str] = field(default_factory=dict)
    # The clauses in someone else's words, which state nothing of the user's own.
    unsaid: list[str] = field(default_factory=list)
    # Where the hits of the sentence read last begin, and the thing it was about.
    last: int = 0
    topic: str = ""
    # Where the hits of a guess ("아마 … 것 같아요") that ended the last sentence begin.
    guess: int = -1
    # Replies read as answers for all their rising tone ("셋 다요?"): the indexes of their
    # clauses (their readings) and the sentences themselves (which ask nothing).
    rising: set[int] = field(default_factory=set)
    uptalk: list[str] = field(default_factory=list)


def _topic(rules: Rules, sentence: Seen, names: tuple[str, ...] = _TOPICS) -> str:
    """The last thing a sentence names that facts are about ("문서", "the eval set")."""
    # The screen rules out most classes before their long alternations are searched.
    found = [
        (m.end(), m[0])
        for name in names
        if (p := rules.classes.get(name)) is not None
        for m in sentence.finditer(p)
    ]
    return max(found)[1] if found else ""


def carried(rules: Rules, m: Message, sentence: Seen, message: Seen, cl: list[Seen]) -> list[Seen]:
    """ "문서가 매주 바뀐다고 했는데 정정할게요. 실제로는 반년에 한 번 개정돼요": a change said in a
    sentence that names nothing is a change of what the sentence before named."""
    topic, m.topic = m.topic, _topic(rules, sentence, _CHANGING)
    change = rules.classes.get("change")
    if not topic or change is None or _topic(rules, sentence):
        return cl
    return [
        message.within(f"{topic} {x.text}")
        if _GOES_ON.match(x.text) and not _OWN_SUBJECT.search(x.text) and x.search(change)
        else x
        for x in cl
    ]


def _echo(rules: Rules, sentence: str) -> bool:
    """Whether a Korean sentence only echoes a topic back as a question ("평가셋이요?")."""
    if not _KO_ECHO.match(sentence) or any(ch.isdigit() for ch in sentence):
        return False
    if _KO_RANKED.search(sentence):
        return False  # "음 제일은 일관성?": an answer said with a rising tone, not an echo
    if rules.question.search(sentence) or rules.question_end.search(sentence):
        return False
    topics = (rules.classes.get(name) for name in _ECHO_TOPICS)
    return any(p is not None and p.search(sentence) for p in topics)


# "eval set - yes", "cost - no": a checklist item named on its own, then answered.
_LABEL_TOPICS = ("eval_noun", "cost_noun")
_LABEL_MARKS = " :-–—"


def _label(rules: Rules, sentence: str, following: str) -> bool:
    """Whether a sentence only names a checklist item that the next one answers yes or no."""
    if not (rules.yes.match(following) or rules.no.match(following)):
        return False
    topic = re.sub(r"^(?:our|the|an?)\s+", "", sentence.strip(_LABEL_MARKS), flags=re.IGNORECASE)
    patterns = (rules.classes.get(name) for name in _LABEL_TOPICS)
    return any(p is not None and p.fullmatch(topic) for p in patterns)


def join_echoes(rules: Rules, found: list[str]) -> list[str]:
    """Each echoed topic read together with what the next sentence says about it."""
    out: list[str] = []
    for s in found:
        if out and _label(rules, out[-1], s):
            out[-1] = f"{out[-1].strip(_LABEL_MARKS)}: {s}"
        elif out and _echo(rules, out[-1]):
            topic = out[-1].rstrip("?？. ")
            out[-1] = f"{topic} {_KO_PRONOUN.sub('', s)}"
        else:
            out.append(s)
    return out


def doubted(rules: Rules, cl: list[Seen], i: int, m: Message, first: int, trace: Trace) -> None:
    """ "아마 자주 바뀔 것 같은데 확실하진 않아요": a guess the user then doubts is to confirm.

    ``first``: where the hits of clause ``i`` begin; the doubt may open the next sentence.
    """
    if i == 0 and m.guess >= 0 and cl[0].search(rules.doubt):
        guessed, m.guess = _doubted(m.hits[m.guess : first], cl[0].text), -1
    else:
        guessed = []
    hedged = bool(m.hits[first:]) and bool(cl[i].search(rules.hedge))
    if hedged and i + 1 < len(cl) and cl[i + 1].search(rules.doubt):
        guessed += _doubted(m.hits[first:], cl[i + 1].text)
    m.guess = first if hedged and i + 1 == len(cl) else -1
    if guessed:
        trace.add(f"clause '{trace.words(cl[i].text, 50)}': a guess, then doubted; to confirm")
    for h in guessed:
        h.sure = False


def _doubted(hits: list[Hit], doubt: str) -> list[Hit]:
    """The readings a doubt puts in question: not a rough size, when only its precision is."""
    if _PRECISION.search(doubt):
        return [h for h in hits if h.fact not in _SIZES]
    return hits


def set_aside(rules: Rules, sentence: str, before: str) -> str | None:
    """Why ``sentence`` takes back what the sentence ``before`` it said, if it does: "… 라고
    하고 싶지만" (it was only quoted); "My supervisor would say the template. I'd still say
    getting people to the right office comes first" (someone else's view, set against the
    user's own); "Eleni says there is no hurry. She is wrong" (someone else's view, denied)."""
    if _QUOTED.match(sentence):
        return "quoted, not stated"
    own, rebuts = rules.classes.get("own_view_next"), rules.classes.get("view_rebutted")
    if own and rules.other_view.search(before) and own.search(sentence):
        return "someone else's view, set against the user's own"
    said = rules.classes.get("view_said")
    if rebuts and said and said.search(before) and rebuts.search(sentence):
        return "someone else's view, which the user denies"
    return None


# "안 된다고 하는데", "안 된대요": a "must not" someone else said.
_MUST_NOT_SAID = re.compile(r"^\W*(?:절대로?\s*)?안\s*(?:된다고|되다고|돼라고|된대)")
# A quote opened and not closed within the clause.
_OPENS_QUOTE = re.compile(r"(?:^|\s)['‘\"“][^'’\"”]*$")
# "…테스트 한번은 해봐야 되거든": a sentence that ends on -거든 gives a reason ("you see"); only
# a -거든 clause with another after it is a condition.
_YOU_SEE = re.compile(r"거든[.!~…]*\s*$")
# How many clauses after a hypothetical may deny it.
_DENIAL_REACH = 2
_THEY = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?:they|he|she|their)\b|^\W*(?:그들|그쪽)", re.I)
# What a condition would lead to ("급해지겠지만", "바빠질 거예요", "we'd need it").
_WOULD = re.compile(
    r"[가-힣]겠|[질할될울을]\s*(?:거|것)(?:예요|에요|이에요|입니다|임|같)|[질할될울을]\s*수도"
    r"|\bwould\b|\w'd\b"
)


def _other_view(rules: Rules, cl: list[Seen], i: int) -> bool:
    """Whether clause ``i`` is part of someone else's view that the next clause sets the user's
    own against; the view may run over clauses ("남편은 다음 주까지 되면 | 좋겠다 하는데 | 그건
    남편 욕심이에요"), and it ends where its words do, not before clause ``i``."""
    for end in range(i, len(cl) - 1):
        if not cl[end + 1].search(rules.own_view):
            continue
        for start in range(i, -1, -1):
            before = sum(len(c.text) + 1 for c in cl[start:i])  # where clause i begins
            m = rules.other_view.search(" ".join(c.text for c in cl[start : end + 1]))
            if m is not None and m.end() > before:
                return True
    return False


def _guessed(rules: Rules, text: Seen) -> bool:
    """A guess put as a question ("될걸요?"), or a count guessed at ("몇백 개는 되지 않을까요?")."""
    if text.search(rules.guess) and not text.search(rules.question):
        return True
    count_guess = rules.classes.get("count_guess")
    return count_guess is not None and text.search(count_guess) is not None


def clause_mode(rules: Rules, cl: list[Seen], i: int, question: bool) -> ClauseMode:
    """How clause ``i`` of a sentence counts; ``cl`` is what each clause may match."""
    text = cl[i]
    if question and _guessed(rules, text):
        question = False
    if question and (text.search(rules.question) or i == len(cl) - 1):
        return ClauseMode(skip="question")
    if question and len(cl) == 1 and len(text.text.split()) <= 2:
        return ClauseMode(skip="question")
    concessive = rules.classes.get("concessive")
    if question and (
        text.search(rules.hypothetical) or (concessive is not None and text.search(concessive))
    ):
        # "환각을 줄이려면 뭐부터 해야 돼?", "데이터 없어도 … 되는 거예요?": the condition belongs
        # to the question.
        return ClauseMode(skip="question")
    if text.search(rules.doubt):
        return ClauseMode(skip="doubt")  # "확실하진 않아요", "not sure though"
    if _other_view(rules, cl, i):
        return ClauseMode(skip="someone else's view, set against the user's own")
    if (
        text.search(rules.reported)
        or (i > 0 and _THEY.match(text.text) and cl[i - 1].search(rules.reported))
        # "아버지는 '… 틀리믄 니가 책임질 거나' 하시드래요": a quote opened here and closed
        # in a later clause that says whose words they were.
        or (_OPENS_QUOTE.search(text.text) and any(c.search(rules.reported) for c in cl[i + 1 :]))
    ):
        # "our sister company built one, and they said it took months": still theirs.
        return ClauseMode(skip=REPORTED)
    following = cl[i + 1] if i + 1 < len(cl) else None
    if (
        following is not None
        and text.search(rules.hypothetical)
        and _MUST_NOT_SAID.match(following.text)
    ):
        # "남편은 성분 틀리면 | 안 된다고 하는데": a "must not" someone else said, not a condition.
        return ClauseMode(skip=REPORTED)
    if i and cl[i - 1].search(rules.hypothetical) and _WOULD.search(text.text):
        return ClauseMode(skip="hypothetical")  # "…쓰게 되면 급해지겠지만": what would follow
    if text.search(rules.hypothetical) and not (i == len(cl) - 1 and _YOU_SEE.search(text.text)):
        following = cl[i + 1] if i + 1 < len(cl) else text.within("")
        if following.search(rules.requirement) or text.search(rules.requirement):
            return ClauseMode(requirement=True)
        when = rules.classes.get("when_then")
        if when is not None and following.search(when):
            return ClauseMode()
        # "If our docs changed weekly we'd need RAG, but they don't": denied at once, or after
        # what would follow ("문서가 매주 바뀌면 RAG가 필요하겠지만 그렇지 않아요").
        if any(x.search(rules.counterfactual) for x in cl[i + 1 : i + 1 + _DENIAL_REACH]):
            return ClauseMode(denied=True)
        return ClauseMode(skip="hypothetical")
    return ClauseMode()


def questioning(rules: Rules, clause: Seen) -> bool:
    """A clause worded as a question: a question word or a question ending."""
    return bool(clause.search(rules.question) or clause.search(rules.ask))


# Facts that answer a pending question besides the one asked.
_ANSWERS = {
    FactName.TOP_GOAL: {FactName.GOALS},
    FactName.DATA_AMOUNT: {FactName.DATA_EXAMPLES},
}


def echoes_dropped(m: Message, pending: FactName | None, trace: Trace) -> list[Hit]:
    """A rising-tone sentence that another sentence answers after it only echoed the question
    ("examples of questions + the right answer? there's a binder of old replies")."""
    answering = {pending} | _ANSWERS.get(pending, set()) if pending else set()
    if not m.rising or not any(h.fact in answering and h.clause not in m.rising for h in m.hits):
        return m.hits
    trace.add("a rising-tone sentence echoed the question; the answer came after it")
    return [h for h in m.hits if h.clause not in m.rising]


def corrects(rules: Rules, clause: Seen, m: Message) -> None:
    """Note a correction in the clause just read: "actually, …" corrects what came before it;
    one closing a clause ("말투 통일이 제일 중요하… 아 아니다") takes that clause back, and what
    follows corrects it."""
    fix = clause.search(rules.correction)
    if fix is None:
        return
    closing = fix.start() > 0 and not clause.text[fix.end() :].strip(" .,!~…")
    if not closing and m.index == min(m.clauses):
        return  # "actually yes?? …": a message's first clause corrects nothing before it
    m.corrected.add(m.index + 1 if closing else m.index)
    if closing:
        m.retracted.add(m.index)
