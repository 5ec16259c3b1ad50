"""Answers to side questions built from the sentences of the retrieved sections.

The sections a side question retrieves (those close to the best one) are cut into sentences (a
list item keeps the line that introduced its list, and a myth's correction keeps the myth, as
context for ranking). bm25s, with the knowledge base's Korean-aware tokenizer and the glossary's
words in the other language, ranks those sentences against the question, favouring the kind of
sentence the question asks for (a definition, a case, a step) and sentences about the approach
it names. The opening sentence comes with what it needs to be read alone (an item with its
list summed up; a list the question names with each item); a section that sets approaches side
by side answers with each; then a greedy pass adds sentences that cover more of the question,
and the quoted section reads on. A comparison ("X vs Y", "차이") gets a sentence for each side
and one that sets them apart. Every sentence keeps the section it came from.

The answer declines, rather than quoting something unrelated, when the sections score too low,
when much of what the question names appears nowhere in the knowledge base ("which vector
database", "learning rate"; a term made of a known word and an unknown one weighs as a name),
when no sentence of the sections nor what they say they are about shares a word with the
question, or when it asks for a figure (a count of something, a price) the chosen sentences do
not give.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.core.facts import Lang
from bot.core.ports import Answer, CitedSentence, Passage
from bot.knowledge.base import Section, load_sections
from bot.knowledge.question import (
    APPROACHES,
    HANGUL_WORD,
    LATIN_WORD,
    SIDES,
    Question,
    content_at,
    gives_figure,
    read_question,
)
from bot.knowledge.tokenize import (
    misspelt,
    tokenize,
)

# Section scores (summed BM25, positive only) below this mean the section has nothing on the
# question. Low, because a question in nothing but the knowledge base's own terms ("what is
# prompting?") scores little: every section uses them.
MIN_SECTION_SCORE = 0.15
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
OTHER_SECTION_SHARE = 0.7
FOLLOW_GAIN = 0.2
FILL_GAIN = 0.7
READ_ON_GAIN = 0.4
COVER_WEIGHT = 1.0
# A comparison prefers, for each side, a sentence that names the side within its first
# characters (it is about that side).
SUBJECT_CHARS = 20
SUBJECT_BONUS = 0.3
# A sentence of the kind the question asks for (a case for "when", a step for "how").
INTENT_BONUS = 1.0
# The correction of a myth, or a FAQ's answer: what its section is there to say.
POINT_BONUS = 0.2
# What a sentence is about (its list's opening line, the myth it corrects) weighs this much of
# what it says.
CONTEXT_WEIGHT = 0.5
SAME_SECTION_BONUS = 0.3
# A question names a section when it has this share of the words of its title.
NAMED_SHARE = 0.5
OTHER_SIDE_PENALTY = 0.3
# A sentence that opens with another approach than the one a question is about.
OTHER_SUBJECT_PENALTY = 0.5

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
    # The list the unit belongs to (the block of its first item), if any; and whether it is
    # that list summed up in one sentence.
    group: int = -1
    summary: bool = False
    # An item's first sentence without its label, where the label is a sentence of its own
    # ("Have you split the goal?"): after the summary that names it, the text alone reads on.
    bare: str = ""


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


def _summary(source: str, block: int, lead: str, items: list[_Line], group: int) -> Unit | None:
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
    return Unit(
        source, block, 0, text, step=all(i.numbered for i in items), group=group, summary=True
    )


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
        summary = _summary(section_id, lead_block, lead, items, list_block)
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
            bare = parts[0] if parts and label.endswith((".", "?")) else ""
            if parts:
                parts[0] = _labelled(label, parts[0])
            context = " ".join(x for x in (lead, aside) if x)
            out += [
                Unit(
                    section_id,
                    block,
                    0,
                    p,
                    context,
                    line.numbered,
                    group=list_block,
                    bare=bare if i == 0 else "",
                )
                for i, p in enumerate(parts)
            ]
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
    return [dataclasses.replace(u, order=n) for n, u in enumerate(out)]


# -- what the question asks ----------------------------------------------------------------------

# A word this long is known when the knowledge base has a word that starts like it.
LONG_WORD = 7
STEM_CHARS = 6
# What a sentence that sets two things apart says.
_CONTRAST = re.compile(
    r"differ|unlike|apart|whereas|instead|rather than|, not\b|not the model|adjusts"
    r"|다릅|다르|달리|반면|차이|아니라|대신|바꾸며|바꾸고"
)
_CASE = re.compile(r"\bwhen\b|\bif\b|situation|\bcases?\b|때[:.,]?(?:\s|$)|경우|상황")
# What follows the name in a sentence that says what something is: "Prompting: you steer…",
# "RAG (retrieval-augmented generation): …", "RAG stands for…", "RAG는 … 줄임말입니다".
_DEFINES = re.compile(
    r"[\w-]*\s*(?:\([^)]*\)\s*)?(?::|stands for\b|means\b|refers to\b|is an? )|.*줄임말"
)
_SIDE_TOKENS = frozenset(tokenize("prompting RAG fine-tuning 프롬프팅 파인튜닝"))


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
            words = LATIN_WORD.findall(whole)
            latin.update(words)
            latin.update(part for w in words for part in w.split("-"))
            korean.extend(HANGUL_WORD.findall(whole))
        self._latin = frozenset(t for t in latin if not HANGUL_WORD.search(t))
        self._latin_list = sorted(self._latin)
        self._korean = " ".join(korean)

    def knows(self, word: str) -> bool:
        if HANGUL_WORD.fullmatch(word):
            # The longest leading part found in the knowledge base: particles and endings
            # follow the stem, so "파인튜닝이랑" is known through "파인튜닝".
            return any(word[:n] in self._korean for n in range(len(word), 1, -1))
        folded = tokenize(word)
        if word in self._latin or (folded and folded[0] in self._latin):
            return True
        if word.startswith("un") and len(word) >= LONG_WORD and self.knows(word[2:]):
            # The opposite of a word it uses ("unlabeled", "unclear").
            return True
        if len(word) >= LONG_WORD:
            # Another form of a word the knowledge base uses ("documentation", "document").
            stem = word[:STEM_CHARS]
            i = bisect.bisect_left(self._latin_list, stem)
            if i < len(self._latin_list) and self._latin_list[i].startswith(stem):
                return True
        # A misspelt word ("retreival", "diffrence") is still a word the knowledge base uses.
        return misspelt(word, self._latin_list) is not None


def unknown_words(question: str, vocabulary: Vocabulary) -> tuple[int, float, bool]:
    """How many of the question's content words the knowledge base never uses, their share of
    the question's content (by weight), and whether a name or acronym is among them.

    An unknown word next to a word the knowledge base uses makes a term with it ("prompt
    injection", "embedding model"): a thing the knowledge base does not name, so it weighs
    double."""
    words = content_at(question)
    known = {at for w, _, at in words if at >= 0 and vocabulary.knows(w)}
    unknown: list[tuple[int, bool]] = []
    total = 0
    for w, n, at in words:
        if vocabulary.knows(w):
            total += n
            continue
        term = at >= 0 and bool({at - 1, at + 1} & known)
        unknown.append((max(n, 2) if term else n, n > 1))
        total += unknown[-1][0]
    share = sum(n for n, _ in unknown) / total if total else 0.0
    return len(unknown), share, any(named for _, named in unknown)


def off_topic(question: str, vocabulary: Vocabulary) -> bool:
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
    # Its section's retrieval score as a share of the best section's.
    share: float = 1.0


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
    shares = {p.id: p.score / best_section for p in passages}
    section = {i: share**2 for i, share in shares.items()}
    # A sentence that shares no word with the question still scores its section's share: a
    # section found through its title ("operator checklist") answers with its own sentences.
    ranked = [
        Ranked(
            u,
            float(s) / top + SECTION_WEIGHT * section.get(u.source, 0.0) + _intent(question, u),
            frozenset(d),
            bool(s > 0),
            shares.get(u.source, 0.0),
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
    if (question.what or question.comparison) and _defines(u.text, question.sides):
        bonus += INTENT_BONUS
    if len(question.sides) == 1:
        # A question about one approach is not answered by a sentence about another one.
        lowered = u.text.casefold()
        subject = question.sides[0]
        if not _leads(lowered, subject) and any(
            _leads(lowered, o) for o in APPROACHES if o != subject
        ):
            bonus -= OTHER_SUBJECT_PENALTY
    return bonus


def _leads(lowered: str, side: str) -> bool:
    m = SIDES[side].search(lowered)
    return m is not None and m.start() <= SUBJECT_CHARS


def _defines(text: str, sides: Sequence[str]) -> bool:
    """The sentence says what one of ``sides`` is: it opens with its name, then defines it."""
    lowered = text.casefold()
    for side in sides:
        m = SIDES[side].match(lowered)
        if m is not None and _DEFINES.match(lowered, m.end()):
            return True
    return False


def _mentions(r: Ranked, side: str) -> bool:
    return bool(SIDES[side].search(r.unit.text.casefold()))


def _leads_with(r: Ranked, side: str) -> bool:
    """The sentence is about ``side``: it names it first thing."""
    m = SIDES[side].search(r.unit.text.casefold())
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


def _continues(r: Ranked, chosen: Sequence[Ranked]) -> bool:
    """``r`` is the sentence after a chosen one in its section."""
    return r not in chosen and any(
        c.unit.source == r.unit.source and c.unit.order + 1 == r.unit.order for c in chosen
    )


def _reading_order(ranked: Sequence[Ranked]) -> list[Ranked]:
    return sorted(ranked, key=lambda r: (-r.share, r.unit.source, r.unit.order))


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


def _items(summary: Ranked, ranked: Sequence[Ranked], pick: _Pick) -> bool:
    """``summary``, then the first sentence of each item of its list, in order, when all of
    them fit."""
    firsts: dict[int, Ranked] = {}
    for r in sorted(ranked, key=lambda r: r.unit.order):
        if _same_list(r.unit, summary.unit) and not r.unit.summary:
            firsts.setdefault(r.unit.block, r)
    items = [r for _, r in sorted(firsts.items())]
    width = _width(summary.unit.text) + sum(_width(r.unit.bare or r.unit.text) for r in items)
    if pick.chosen or not items or 1 + len(items) > MAX_SENTENCES or width > MAX_WIDTH:
        return False
    for r in (summary, *items):
        pick.take(r)
    return True


def choose(
    question: Question, ranked: Sequence[Ranked], named: frozenset[str] = frozenset()
) -> list[Ranked]:
    """Two to four sentences that together cover the question, within a phone screen;
    ``named``: the sections whose title the question names."""
    if not ranked:
        return []
    pick = _Pick()
    if question.comparison:
        _compare(question, ranked, pick)
    else:
        _open(ranked, pick, named)
        if not question.sides:
            _each_way(ranked, pick)
    _cover(question, ranked, pick)
    chosen = _plain_items(pick.chosen)
    if question.comparison:
        return chosen
    # Sentences of one section read in their own order, sections in the order they came in.
    first: dict[str, int] = {}
    for i, r in enumerate(chosen):
        first.setdefault(r.unit.source, i)
    return sorted(chosen, key=lambda r: (first[r.unit.source], r.unit.order))


def _open(ranked: Sequence[Ranked], pick: _Pick, named: frozenset[str]) -> None:
    """The opening: the best sentence and what it needs to be read alone."""
    # A question that names a section ("what's on the operator checklist?") asks for what it
    # lists: the list summed up, then its items, each with what it says.
    overview = next((r for r in ranked if r.unit.summary and r.unit.source in named), None)
    if overview is not None and _items(overview, ranked, pick):
        return
    top = ranked[0]
    summary = next((r for r in ranked if r.unit.summary and _same_list(r.unit, top.unit)), None)
    if summary is not None and not top.unit.summary:
        # An item alone leaves out what its list is about ("Prompting has hit its limit" is a
        # case for fine-tuning): the list's summary comes first.
        pick.take(summary)
        pick.take(top)
        return
    pick.take(top)
    # The sentence after the first finishes its thought ("RAG stands for …. Instead of relying
    # only on …"), or, after a list's opening, the list.
    nxt = next((r for r in ranked if _follows(r, pick.chosen)), None)
    if nxt is not None and nxt.score >= FOLLOW_GAIN * top.score:
        pick.take(nxt)


def _each_way(ranked: Sequence[Ranked], pick: _Pick) -> None:
    """A section that sets approaches side by side ("With prompting, …", "With fine-tuning,
    …") answers a question that picks none of them with each one, in its own order."""
    source = pick.chosen[0].unit.source if pick.chosen else ""
    own = [r for r in ranked if r.unit.source == source and r not in pick.chosen]
    ways = {a: [r for r in own if _leads_with(r, a)] for a in APPROACHES}
    led = {a: min(rs, key=lambda r: r.unit.order) for a, rs in ways.items() if rs}
    if len(led) < 2 or any(c.unit.group >= 0 for c in pick.chosen):
        return
    for r in sorted(led.values(), key=lambda r: r.unit.order):
        pick.take(r)


def _cover(question: Question, ranked: Sequence[Ranked], pick: _Pick) -> None:
    """Sentences that add words of the question, then the quoted section read on."""
    wanted = set(question.tokens)
    best = ranked[0].score
    covered = set().union(*(r.tokens & wanted for r in pick.chosen))
    while len(pick.chosen) < MAX_SENTENCES:
        used = {c.unit.source for c in pick.chosen}

        def value(r: Ranked, covered: set[str] = covered) -> float:
            new = len((r.tokens & wanted) - covered) / max(1, len(wanted))
            return r.score + COVER_WEIGHT * new

        taken = None
        for r in sorted((r for r in ranked if r not in pick.chosen), key=value, reverse=True):
            adds = bool((r.tokens & wanted) - covered)
            # Another section's sentence must match nearly as well as the best one; a sentence
            # of a quoted section may fill in without new words of the question.
            floor = (MIN_GAIN if r.unit.source in used else OTHER_SECTION_GAIN) * best
            fills = r.unit.source in used and (
                len(pick.chosen) < MIN_SENTENCES or r.score >= FILL_GAIN * best
            )
            if r.score >= floor and (adds or fills) and pick.take(r):
                taken = r
                break
        if taken is None:
            # Nothing adds a word of the question: the quoted section reads on from where it
            # was quoted, as its author wrote it.
            taken = next(
                (
                    r
                    for r in _reading_order(ranked)
                    if _continues(r, pick.chosen)
                    and r.score >= READ_ON_GAIN * best
                    and pick.take(r)
                ),
                None,
            )
            if taken is None:
                return
        covered |= taken.tokens & wanted


def _same_list(a: Unit, b: Unit) -> bool:
    return a.source == b.source and a.group == b.group and a.group >= 0


def _plain_items(chosen: Sequence[Ranked]) -> list[Ranked]:
    """An item quoted with its list's summary drops the label the summary already says."""
    out: list[Ranked] = []
    for r in chosen:
        summed = any(c.unit.summary and _same_list(c.unit, r.unit) for c in chosen)
        if r.unit.bare and summed:
            r = dataclasses.replace(r, unit=dataclasses.replace(r.unit, text=r.unit.bare))
        out.append(r)
    return out


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
    if not in_lang or off_topic(question, vocabulary):
        return declined
    # Only sections retrieved nearly as well as the best one: a sentence of a section far below
    # it may share a word with the question ("bot") and still be beside it.
    best = max(p.score for p in in_lang)
    in_lang = [p for p in in_lang if p.score >= OTHER_SECTION_SHARE * best]
    q = read_question(question)
    ranked = rank(q, in_lang)
    heads = {t for p in in_lang for t in tokenize(p.title)}
    heads.update(*(vocabulary.heads.get(p.id, frozenset()) for p in in_lang))
    if not any(r.matched for r in ranked) and not heads & set(q.tokens):
        # The sections came up, but not one of their sentences, nor what they say they are
        # about, shares a word with the question: whatever they say would be beside it.
        return declined
    # Titles name what a section is about; the three approaches are in too many of them.
    named = frozenset(p.id for p in in_lang if _names(p.title, q.tokens))
    picked = choose(q, ranked, named)
    if not picked:
        return declined
    if q.quantity and not any(r.matched and gives_figure(q, r.unit.text) for r in picked):
        # Asked for a figure the knowledge base does not give (a number in a sentence beside
        # the question is no answer to it).
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


def _names(title: str, tokens: Sequence[str]) -> bool:
    """The question names the section: at least half of what its title says, the three
    approaches aside (they are in too many titles)."""
    words = set(tokenize(title)) - _SIDE_TOKENS
    return bool(words) and len(words & set(tokens)) >= NAMED_SHARE * len(words)


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
