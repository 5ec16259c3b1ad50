"""Answers to side questions built from the sentences of the retrieved sections.

The sections a side question retrieves are cut into sentences (a list item keeps the line that
introduced its list, and a myth's correction keeps the myth, as context for ranking). bm25s,
with the knowledge base's Korean-aware tokenizer, ranks those sentences against the question,
and a greedy pass picks the two to four that cover most of the question's words; a comparison
("X vs Y", "차이") gets a sentence for each side and one that sets them apart. Every sentence
keeps the section it came from.

The answer declines, rather than quoting something unrelated, when the sections score too low,
when much of what the question names appears nowhere in the knowledge base ("which vector
database", "learning rate"), when no sentence of the sections nor what they say they are about
shares a word with the question, or when it asks for a figure the chosen sentences do not give.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.core.facts import Lang
from bot.core.ports import Answer, CitedSentence, Passage
from bot.knowledge.base import Section, load_sections
from bot.knowledge.tokenize import (
    STOPWORDS,
    is_query_filler,
    misspelt,
    query_text,
    tokenize,
    word_set,
)

# Section scores (summed BM25, positive only) below this mean the section has nothing on the
# question.
MIN_SECTION_SCORE = 0.3
# Declines when more than this share of the question's content words occurs nowhere in the
# knowledge base (as much, when one of them is a name), or two or more of them and at least the
# smaller share.
MAX_UNKNOWN_SHARE = 0.5
MIN_UNKNOWN_SHARE = 0.4
MIN_SENTENCES = 2
MAX_SENTENCES = 4
# What fits on a phone screen; a Hangul syllable is drawn about 1.6 times as wide as a letter.
MAX_WIDTH = 540
HANGUL_WIDTH = 1.6
# How much a sentence's section score weighs beside its own match, both scaled to 0..1.
SECTION_WEIGHT = 1.0
# A later sentence joins only if it adds words of the question and scores at least this share
# of the best one; the sentence that carries on a chosen one needs less.
MIN_GAIN = 0.5
OTHER_SECTION_GAIN = 0.8
FOLLOW_GAIN = 0.2
FILL_GAIN = 0.7
COVER_WEIGHT = 1.0
# A comparison prefers, for each side, a sentence that names the side within its first
# characters (it is about that side).
SUBJECT_CHARS = 20
SUBJECT_BONUS = 0.3
# A sentence of the kind the question asks for (a case for "when", a step for "how").
INTENT_BONUS = 0.5
# The correction of a myth, or a FAQ's answer: what its section is there to say.
POINT_BONUS = 0.2
# What a sentence is about (its list's opening line, the myth it corrects) weighs this much of
# what it says.
CONTEXT_WEIGHT = 0.5
SAME_SECTION_BONUS = 0.3
OTHER_SIDE_PENALTY = 0.3

NOT_COVERED: dict[Lang, str] = {
    "en": (
        "My knowledge base doesn't cover that, so I won't guess. I can answer questions about "
        "prompting, RAG and fine-tuning: what each is and when it fits, common myths, cost and "
        "latency, eval sets, the input contract, adopting them in stages, model tiers, and a "
        "support-bot example."
    ),
    "ko": (
        "지식 베이스에 없는 내용이라 추측으로 답하지 않을게요. 프롬프팅·RAG·파인튜닝에 관해서는 "
        "답할 수 있어요: 각각의 뜻과 맞는 경우, 흔한 오해, 비용과 지연시간, 평가셋, 입력 계약, "
        "단계적 도입, 모델 등급, 고객지원 봇 예시."
    ),
}

# -- sentences of a section ----------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\s*---\n.*?\n---\s*\n", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_LABEL = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Labels that open a myth (context for the correction that follows, never quoted alone), a
# FAQ's question (context), and a FAQ's answer (dropped, the text speaks for itself).
_MYTH = frozenset({"myth", "오해"})
_QUESTION = frozenset({"question", "질문"})
_ANSWER = frozenset({"answer", "답변"})
# A list's items named in one line: only when that line stays short.
MAX_SUMMARY_WIDTH = 380
# Items named without a sentence ("Purpose: what the output is for") are summed up only when
# each gloss is this short; longer ones are definitions that need their text.
MAX_GLOSS_WIDTH = 70


@dataclass(frozen=True)
class Unit:
    """One quotable sentence of a section, with the text that tells what it is about.

    ``block`` numbers the paragraphs and list items of the section; ``order`` the units.
    """

    source: str
    block: int
    order: int
    text: str
    context: str = ""
    # A step of a numbered list, or such a list summed up: how something is done.
    step: bool = False
    # What a myth's correction or a FAQ's answer says: the point of its section.
    point: bool = False


@dataclass
class _Line:
    item: bool
    label: str
    body: str
    numbered: bool = False


def _plain(text: str) -> str:
    return " ".join(_EMPHASIS.sub("", _LINK.sub(r"\1", text)).split())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for raw in _FRONT_MATTER.sub("", text, count=1).splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "|", "```", "---", ">")):
            continue
        item = bool(_BULLET.match(line))
        numbered = bool(_NUMBERED.match(line))
        line = _BULLET.sub("", line)
        label, rest = "", line
        if m := _LABEL.match(line):
            label, rest = _plain(m.group(1)), m.group(2)
        out.append(_Line(item, label, _plain(rest), numbered))
    return out


def _labelled(label: str, body: str) -> str:
    """A bold label and the text after it as one sentence: "Fine-tuning: you train…"."""
    if not label:
        return body
    if body.startswith((":", ",", ";")):
        return f"{label}{body}"
    if label.endswith("."):
        return f"{label.removesuffix('.')}: {body}"
    return f"{label} {body}"


def _headline(line: _Line) -> str:
    """What a list item is, in a few words: its label, or its label and where it points."""
    if line.body.startswith("→"):
        return f"{line.label} {_sentences(line.body)[0].rstrip('.')}"
    return line.label.rstrip(".:")


def _summary(source: str, block: int, lead: str, items: list[_Line]) -> Unit | None:
    """A list in one sentence, "Run three checks: A? B? C?", when its items have labels that
    say what each is: a sentence of their own, or a name with a short gloss."""
    if not lead or not items or not all(i.label for i in items):
        return None
    sentence_like = all(i.label.endswith((".", "?")) or i.body.startswith("→") for i in items)
    if not sentence_like and any(_width(i.body) > MAX_GLOSS_WIDTH for i in items):
        return None
    heads = [_headline(i) for i in items]
    joined = " ".join(heads) if all(h.endswith("?") for h in heads) else "; ".join(heads) + "."
    text = f"{lead.rstrip('.:')}: {joined}"
    if _width(text) > MAX_SUMMARY_WIDTH:
        return None
    return Unit(source, block, 0, text, step=all(i.numbered for i in items))


def units(section_id: str, text: str) -> list[Unit]:
    """The quotable sentences of a section's markdown body, in order."""
    lines = _lines(text)
    out: list[Unit] = []
    lead = ""  # the sentence that introduced the list being read
    lead_block = 0  # where that sentence stood: the list's summary stands there too
    aside = ""  # a myth or a FAQ's question: what the next paragraph answers
    items: list[_Line] = []
    list_block = 0

    def close_list() -> None:
        nonlocal items
        summary = _summary(section_id, lead_block, lead, items)
        if summary is not None:
            at = next((i for i, u in enumerate(out) if u.block >= list_block), len(out))
            out.insert(at, summary)
        items = []

    for block, line in enumerate(lines):
        key = line.label.rstrip(".:?").strip().casefold()
        if key in _MYTH or key in _QUESTION:
            aside = line.body
            continue
        label = "" if key in _ANSWER else line.label
        if line.item:
            if not items:
                list_block = block
            items.append(line)
            parts = _sentences(line.body)
            if parts:
                parts[0] = _labelled(label, parts[0])
            context = " ".join(x for x in (lead, aside) if x)
            out += [Unit(section_id, block, 0, p, context, line.numbered) for p in parts]
            continue
        if items:
            close_list()
        opens_list = block + 1 < len(lines) and lines[block + 1].item
        if label and not line.body:
            # A bold heading of its own ("When it helps:") introduces what follows.
            lead, lead_block = (label if opens_list else ""), block
            continue
        parts = _sentences(line.body)
        if parts:
            parts[0] = _labelled(label, parts[0])
        # The sentence that opens a list ("run three checks:", "다음과 같습니다") is quoted only
        # with the list, in its summary; alone it announces what it does not say.
        lead, lead_block = (parts.pop() if opens_list and parts else ""), block
        # Only the first sentence makes the point (or answers the question) set up before.
        out += [
            Unit(section_id, block, 0, p, aside if i == 0 else "", point=bool(aside) and i == 0)
            for i, p in enumerate(parts)
        ]
        aside = ""
    if items:
        close_list()
    return [
        Unit(u.source, u.block, n, u.text, u.context, u.step, u.point) for n, u in enumerate(out)
    ]


# -- what the question asks ----------------------------------------------------------------------

_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*")
_FINE_TUNE = re.compile(r"fine\s+tun", re.IGNORECASE)
_CASED_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
# A word this long is known when the knowledge base has a word that starts like it.
LONG_WORD = 7
STEM_CHARS = 6
# Everyday words (time, people, generic things) that place a question without saying what
# it is about; "last week" or "our job" makes nothing out of scope.
_EVERYDAY = word_set(
    """
    day days daily week weeks weekly month months monthly year years yearly today tomorrow
    yesterday tonight morning last next soon later recently ago now zero half once twice job
    jobs task tasks work people person someone everyone team teams company companies colleague
    boss manager user users customer customers thing things stuff case cases
    """
)
# A Korean noun with a copula ("가격이에요") is the noun; a word ending as a verb or adjective
# does ("해보면", "안되나요", "재봐야").
_COPULA = re.compile(r"(?:이에요|예요|에요|이야|인가요|인데|이죠)$")
_PREDICATE = re.compile(r"(?:요|까|면|죠|는데|나|니|다|야|지|고|게|어|아|해)$")
# Words that only frame a comparison; the knowledge base need not use them.
_FRAMING = frozenset({"vs", "versus", "compare", "compared", "comparison"})

# The things a comparison compares, as they appear in text.
_SIDES: dict[str, re.Pattern[str]] = {
    "prompting": re.compile(r"prompt|프롬프"),
    "rag": re.compile(r"\brag\b|retriev|검색|rag(?=[\uac00-\ud7a3])"),
    "fine-tuning": re.compile(r"fine[- ]?tun|파인\s?튜닝|미세\s?조정"),
    "opus": re.compile(r"opus|오퍼스"),
    "sonnet": re.compile(r"sonnet|소네트"),
}
# Only words that ask to set two things side by side: "do we have to pick A or B?" and "when
# should we do A instead of B?" ask something else.
_COMPARE = re.compile(
    r"\bvs\.?(?![a-z])|versus|\bdiff?e?re?n|\bdiffer|compar|\bunlike\b|\bbetter than\b"
    r"|차이|다른\s?점|다른가|다르|달라|비교|어느 쪽|중에 (?:뭐가|뭘|어느|어떤)"
)
# What a sentence that sets two things apart says.
_CONTRAST = re.compile(
    r"differ|unlike|apart|whereas|instead|rather than|, not\b|not the model|adjusts"
    r"|다릅|다르|달리|반면|차이|아니라|대신|바꾸며|바꾸고"
)
_QUANTITY = re.compile(
    r"\bhow (?:many|big|large|long)\b|(?<![\w-])size\b|\bnumber of\b"
    r"|몇\s?(?:개|번|명|건|일|시간|토큰|에폭)|얼마나 (?:큰|크|길|많)|크기"
)
_ASKS_WHEN = re.compile(
    r"\bwhen (?:should|to|do|does|is|are|would|can)\b|\bin what (?:case|situation)"
    r"|\bwhich (?:case|situation)|언제|어떤 경우|어떨 때|어느 경우|상황"
)
_CASE = re.compile(r"\bwhen\b|\bif\b|situation|\bcases?\b|때[:.,]?(?:\s|$)|경우|상황")
_ASKS_HOW = re.compile(
    r"\bhow (?:do|can|should|would) (?:we|i|you)\b|\bhow to\b|\bdebug|\bfix\b|\btroubleshoot"
    r"|어떻게|고치|잡아|해결|디버깅|절차|순서"
)
_NUMBER = re.compile(
    r"(?<![.\d])\d+(?:,\d{3})*(?![.\d])|\b(?:two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|(?:두|세|네|다섯)\s?(?:개|가지|번|명|건)"
)


@dataclass(frozen=True)
class Question:
    text: str
    tokens: tuple[str, ...]
    sides: tuple[str, ...]
    comparison: bool
    quantity: bool
    # Asks in which situations (answered by sentences about cases), or how something is done
    # (answered by steps).
    when: bool = False
    how: bool = False


def read_question(text: str) -> Question:
    lowered = text.casefold()
    found = sorted((m.start(), name) for name, pat in _SIDES.items() if (m := pat.search(lowered)))
    sides = tuple(name for _, name in found)
    return Question(
        text=text,
        tokens=tuple(tokenize(query_text(text)) or tokenize(text)),
        sides=sides,
        comparison=len(sides) >= 2 and bool(_COMPARE.search(lowered)),
        quantity=bool(_QUANTITY.search(lowered)),
        when=bool(_ASKS_WHEN.search(lowered)),
        how=bool(_ASKS_HOW.search(lowered)),
    )


class Vocabulary:
    """What the knowledge base talks about: its English words and its Korean text."""

    def __init__(self, sections: Iterable[Section]) -> None:
        latin: set[str] = set()
        korean: list[str] = []
        # What each section says it is about: its title, tags and the questions it answers.
        self.heads: dict[str, frozenset[str]] = {}
        for s in sections:
            head = tokenize(" ".join((s.title, *s.tags, *s.questions)))
            self.heads[s.id] = self.heads.get(s.id, frozenset()) | frozenset(head)
            whole = " ".join((s.title, *s.tags, *s.questions, s.text)).casefold()
            latin.update(tokenize(whole))
            words = _LATIN_WORD.findall(whole)
            latin.update(words)
            latin.update(part for w in words for part in w.split("-"))
            korean.extend(_HANGUL_WORD.findall(whole))
        self._latin = frozenset(t for t in latin if not _HANGUL_WORD.search(t))
        self._latin_list = sorted(self._latin)
        self._korean = " ".join(korean)

    def knows(self, word: str) -> bool:
        if _HANGUL_WORD.fullmatch(word):
            # The longest leading part found in the knowledge base: particles and endings
            # follow the stem, so "파인튜닝이랑" is known through "파인튜닝".
            return any(word[:n] in self._korean for n in range(len(word), 1, -1))
        folded = tokenize(word)
        if word in self._latin or (folded and folded[0] in self._latin):
            return True
        if len(word) >= LONG_WORD:
            # Another form of a word the knowledge base uses ("documentation", "document").
            stem = word[:STEM_CHARS]
            i = bisect.bisect_left(self._latin_list, stem)
            if i < len(self._latin_list) and self._latin_list[i].startswith(stem):
                return True
        # A misspelt word ("retreival", "diffrence") is still a word the knowledge base uses.
        return misspelt(word, self._latin_list) is not None


def content_words(question: str) -> list[tuple[str, int]]:
    """The words that say what the question is about, each with its weight: no filler, no
    everyday words, and in Korean no predicates (their endings say little, and vary too much
    to look up). A name or an acronym ("LoRA", "GPT-4o", "DB") weighs double."""
    text = _FINE_TUNE.sub("fine-tun", question)
    words: list[tuple[str, int]] = []
    for raw in _CASED_WORD.findall(text):
        w = raw.casefold().removesuffix("'s")
        if (
            len(w) >= 2
            and raw.casefold() not in STOPWORDS
            and w not in _FRAMING
            and w not in _EVERYDAY
            and not is_query_filler(w)
        ):
            named = any(c.isdigit() for c in raw) or any(c.isupper() for c in raw[1:])
            words.append((w, 2 if named else 1))
    for w in _HANGUL_WORD.findall(text):
        w = _COPULA.sub("", w)
        if len(w) >= 2 and not is_query_filler(w) and not _PREDICATE.search(w):
            words.append((w, 1))
    return words


def unknown_words(question: str, vocabulary: Vocabulary) -> tuple[int, float, bool]:
    """How many of the question's content words the knowledge base never uses, their share of
    the question's content (by weight), and whether a name or acronym is among them."""
    words = content_words(question)
    unknown = [(w, n) for w, n in words if not vocabulary.knows(w)]
    total = sum(n for _, n in words)
    share = sum(n for _, n in unknown) / total if total else 0.0
    return len(unknown), share, any(n > 1 for _, n in unknown)


def _off_topic(question: str, vocabulary: Vocabulary) -> bool:
    """Much of what the question names is nowhere in the knowledge base: it is about something
    next to the topic ("which vector database", "learning rate", "the best GPU"), not the
    topic."""
    count, share, named = unknown_words(question, vocabulary)
    return (
        share > MAX_UNKNOWN_SHARE
        or (named and share >= MAX_UNKNOWN_SHARE)
        or (count >= 2 and share >= MIN_UNKNOWN_SHARE)
    )


@functools.cache
def default_vocabulary() -> Vocabulary:
    return Vocabulary(load_sections())


# -- choosing sentences --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    unit: Unit
    score: float
    tokens: frozenset[str]
    # The sentence (or what it is about) shares a word with the question.
    matched: bool = True


def _width(text: str) -> float:
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    return len(text) + (HANGUL_WIDTH - 1) * hangul


def rank(question: Question, passages: Sequence[Passage]) -> list[Ranked]:
    """Every sentence of the passages, scored against the question (best first)."""
    all_units = [u for p in passages for u in units(p.id, p.text)]
    if not all_units or not question.tokens:
        return []
    texts = [tokenize(u.text) for u in all_units]
    contexts = [tokenize(u.context) for u in all_units]
    # What a sentence says counts in full; what it is about (the line that opened its list,
    # the myth it corrects) counts less, so that a short item does not win on its context.
    own = _bm25(texts, question.tokens) + CONTEXT_WEIGHT * _bm25(contexts, question.tokens)
    top = float(own.max()) or 1.0
    docs = [t + c for t, c in zip(texts, contexts, strict=True)]
    best_section = max(p.score for p in passages) or 1.0
    # Squared, so a section that scored half as well as the best weighs a quarter as much.
    section = {p.id: (p.score / best_section) ** 2 for p in passages}
    # A sentence that shares no word with the question still scores its section's share: a
    # section found through its title ("operator checklist") answers with its own sentences.
    ranked = [
        Ranked(
            u,
            float(s) / top + SECTION_WEIGHT * section.get(u.source, 0.0) + _intent(question, u),
            frozenset(d),
            bool(s > 0),
        )
        for u, s, d in zip(all_units, own, docs, strict=True)
    ]
    position = {p.id: i for i, p in enumerate(passages)}
    return sorted(ranked, key=lambda r: (-r.score, position[r.unit.source], r.unit.order))


def _bm25(docs: list[list[str]], query: Sequence[str]) -> np.ndarray:
    index = bm25s.BM25()
    index.index([d or ["\u2205"] for d in docs], show_progress=False)
    known = [t for t in query if t in index.vocab_dict]
    if not known:
        return np.zeros(len(docs))
    return np.asarray(index.get_scores(known), dtype=float)


def _intent(question: Question, u: Unit) -> float:
    """A sentence of the kind the question asks for: a case for "when", a step for "how";
    and the point a myth's section makes."""
    bonus = POINT_BONUS if u.point else 0.0
    if question.when and _CASE.search(f"{u.text} {u.context}".casefold()):
        bonus += INTENT_BONUS
    if question.how and u.step:
        bonus += INTENT_BONUS
    return bonus


def _mentions(r: Ranked, side: str) -> bool:
    return bool(_SIDES[side].search(r.unit.text.casefold()))


def _leads_with(r: Ranked, side: str) -> bool:
    """The sentence is about ``side``: it names it first thing."""
    m = _SIDES[side].search(r.unit.text.casefold())
    return m is not None and m.start() <= SUBJECT_CHARS


def _follows(r: Ranked, chosen: Sequence[Ranked]) -> bool:
    """``r`` carries on a chosen sentence: the next one in its paragraph or list item."""
    return any(
        c.unit.source == r.unit.source
        and c.unit.block == r.unit.block
        and c.unit.order + 1 == r.unit.order
        for c in chosen
    )


class _Pick:
    """The sentences chosen so far, within the sentence and width budgets."""

    def __init__(self) -> None:
        self.chosen: list[Ranked] = []
        self.width = 0.0

    def take(self, r: Ranked | None) -> bool:
        if r is None or r in self.chosen or len(self.chosen) >= MAX_SENTENCES:
            return False
        if any(r.unit.text in c.unit.text or c.unit.text in r.unit.text for c in self.chosen):
            return False
        if self.chosen and self.width + _width(r.unit.text) > MAX_WIDTH:
            return False
        self.chosen.append(r)
        self.width += _width(r.unit.text)
        return True


def _side_fit(fit: Callable[[Ranked, str | None], float], side: str, r: Ranked) -> float:
    return fit(r, side)


def _compare(question: Question, ranked: Sequence[Ranked], pick: _Pick) -> None:
    """A sentence for each side, then one that sets them apart."""
    sides = question.sides[:2]

    def fit(r: Ranked, side: str | None = None) -> float:
        # About this side (named first), and from a section already quoted, so the answer
        # reads as one explanation.
        score = r.score + SAME_SECTION_BONUS * any(
            c.unit.source == r.unit.source for c in pick.chosen
        )
        if side is None:
            return score
        return (
            score
            + SUBJECT_BONUS * _leads_with(r, side)
            - OTHER_SIDE_PENALTY * any(_mentions(r, o) for o in sides if o != side)
        )

    def contrasts(r: Ranked) -> bool:
        return all(_mentions(r, s) for s in sides) and bool(
            _CONTRAST.search(r.unit.text.casefold())
        )

    for side in sides:
        # Not a sentence that is about the other side, nor one that contrasts the two: that
        # one comes last.
        about = [
            r
            for r in ranked
            if _mentions(r, side)
            and not contrasts(r)
            and not any(_leads_with(r, o) for o in sides if o != side)
        ]
        pick.take(max(about, key=functools.partial(_side_fit, fit, side), default=None))
    both = [r for r in ranked if all(_mentions(r, s) for s in sides)]
    for r in sorted([r for r in both if contrasts(r)] or both, key=fit, reverse=True):
        if pick.take(r):
            break


def choose(question: Question, ranked: Sequence[Ranked]) -> list[Ranked]:
    """Two to four sentences that together cover the question, within a phone screen."""
    if not ranked:
        return []
    pick = _Pick()
    wanted = set(question.tokens)
    best = ranked[0].score
    if question.comparison:
        _compare(question, ranked, pick)
    else:
        pick.take(ranked[0])
        # The sentence after the first finishes its thought ("RAG stands for …. Instead of
        # relying only on …"), or, after a list's opening, the list.
        nxt = next((r for r in ranked if _follows(r, pick.chosen)), None)
        if nxt is not None and nxt.score >= FOLLOW_GAIN * best:
            pick.take(nxt)
    covered = set().union(*(r.tokens & wanted for r in pick.chosen))
    while len(pick.chosen) < MAX_SENTENCES:
        used = {c.unit.source for c in pick.chosen}

        def value(r: Ranked, covered: set[str] = covered) -> float:
            new = len((r.tokens & wanted) - covered) / max(1, len(wanted))
            return r.score + COVER_WEIGHT * new

        taken = False
        for r in sorted((r for r in ranked if r not in pick.chosen), key=value, reverse=True):
            adds = bool((r.tokens & wanted) - covered)
            # Another section's sentence must match nearly as well as the best one.
            floor = (MIN_GAIN if r.unit.source in used else OTHER_SECTION_GAIN) * best
            if len(pick.chosen) < MIN_SENTENCES:
                ok = r.score >= floor and (adds or r.unit.source in used)
            else:
                # A sentence of a quoted section may fill in without new words of the question.
                ok = r.score >= floor and (
                    adds or (r.unit.source in used and r.score >= FILL_GAIN * best)
                )
            if ok and pick.take(r):
                covered |= r.tokens & wanted
                taken = True
                break
        if not taken:
            break
    if question.comparison:
        return pick.chosen
    # Sentences of one section read in their own order, sections in the order they came in.
    first: dict[str, int] = {}
    for i, r in enumerate(pick.chosen):
        first.setdefault(r.unit.source, i)
    return sorted(pick.chosen, key=lambda r: (first[r.unit.source], r.unit.order))


def compose(
    question: str,
    lang: Lang,
    passages: Sequence[Passage],
    vocabulary: Vocabulary,
    min_score: float = MIN_SECTION_SCORE,
) -> Answer:
    """The answer to ``question`` from ``passages``, or a plain "not covered"."""
    relevant = [p for p in passages if p.score >= min_score]
    in_lang = [p for p in relevant if p.lang == lang] or relevant
    declined = Answer(text=NOT_COVERED[lang], covered=False)
    if not in_lang or _off_topic(question, vocabulary):
        return declined
    q = read_question(question)
    ranked = rank(q, in_lang)
    heads = {t for p in in_lang for t in tokenize(p.title)}
    heads.update(*(vocabulary.heads.get(p.id, frozenset()) for p in in_lang))
    if not any(r.matched for r in ranked) and not heads & set(q.tokens):
        # The sections came up, but not one of their sentences, nor what they say they are
        # about, shares a word with the question: whatever they say would be beside it.
        return declined
    picked = choose(q, ranked)
    if not picked:
        return declined
    if q.quantity and not any(_NUMBER.search(r.unit.text.casefold()) for r in picked):
        # Asked for a figure the knowledge base does not give.
        return declined
    sentences = tuple(
        CitedSentence(text=_ended(_clip(r.unit.text)), source=r.unit.source) for r in picked
    )
    return Answer(
        text=" ".join(s.text for s in sentences),
        citations=tuple(dict.fromkeys(s.source for s in sentences)),
        covered=True,
        sentences=sentences,
    )


def _ended(text: str) -> str:
    """A list item without a full stop ("목적: 결과물을 어디에 쓰려는지") gets one, so sentences
    joined into an answer do not run together."""
    return text if text.endswith((".", "!", "?", "…", ":", ";")) else f"{text}."


def _clip(text: str) -> str:
    if _width(text) <= MAX_WIDTH:
        return text
    cut = text
    while cut and _width(cut) > MAX_WIDTH - 1:
        cut = cut[: int(len(cut) * 0.9)]
    return cut.rstrip() + "…"
