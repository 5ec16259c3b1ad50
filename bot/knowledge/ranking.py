"""Every sentence of the retrieved sections, scored against the question."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.core.ports import Passage
from bot.knowledge.asks import VERDICT
from bot.knowledge.figures import gives_figure
from bot.knowledge.question import APPROACHES, SIDES, Question
from bot.knowledge.sentences import Unit, units
from bot.knowledge.tokenize import tokenize

# How much a sentence's section score weighs beside its own match, both scaled to 0..1.
SECTION_WEIGHT = 1.0
# A sentence is about an approach when it names it within its first characters.
SUBJECT_CHARS = 20
_HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
# What a sentence that sets two things apart says.
CONTRAST = re.compile(
    r"differ|unlike|apart|whereas|instead|rather than|, not\b|not the model|adjusts"
    r"|다릅|다르|달리|반면|차이|아니라|대신|바꾸며|바꾸고"
)
# A sentence that opens by pointing back at the one before it.
POINTS_BACK = re.compile(
    r"(?:it|this|that|these|those|they|such)\b|(?:이는|이것|그것|이때|그래서|이 점에서)"
)
# The words that open a sentence, up to its first colon or question mark, name what it is about.
_HEAD = re.compile(r"[:?]")
HEAD_CHARS = 60
# A sentence of the kind the question asks for (a case for "when", a step for "how").
INTENT_BONUS = 1.0
# The correction of a myth, or a FAQ's answer: what its section is there to say.
POINT_BONUS = 0.2
# What a sentence is about (its list's opening line, the myth it corrects) weighs this much of
# what it says.
CONTEXT_WEIGHT = 0.5
# A sentence that opens with another approach than the one a question is about.
OTHER_SUBJECT_PENALTY = 0.5
# How much the approaches' names weigh beside the question's other words.
SIDE_NAME_WEIGHT = 0.5
# How much the words of the scene told around what is asked weigh beside those of the ask.
SCENE_WEIGHT = 0.25
_SIDE_TOKENS = frozenset(
    tokenize(
        "prompting prompt RAG retrieval fine-tuning opus sonnet 프롬프팅 프롬프트 파인튜닝 검색"
    )
)
# Several things named by pointing back at them: "these fields", "those steps", "이 항목들",
# "위 단계들" (not "이용자들").
_POINTS_AT_SEVERAL = re.compile(
    r"\b(?:these|those) [a-z]+s\b|(?<![가-힣])(?:이|그|이런|그런|이러한|위)\s[가-힣]+들"
)
# What to check before choosing something: "Before choosing it, check…", "결정하기 전에…".
_BEFORE = re.compile(r"before\b|\S*\s?전에\s")
# What a sentence that gives a case ("when", "if") says.
_CASE = re.compile(r"\bwhen\b|\bif\b|situation|\bcases?\b|때[:.,]?(?:\s|$)|경우|상황")
# What follows the name in a sentence that says what something is: "Prompting: you steer…",
# "RAG (retrieval-augmented generation): …", "RAG stands for…", "RAG는 … 줄임말입니다".
_DEFINES = re.compile(
    r"[\w-]*\s*(?:\([^)]*\)\s*)?(?::|stands for\b|means\b|refers to\b|is an? )|.*줄임말"
)


@dataclass(frozen=True)
class Ranked:
    unit: Unit
    score: float
    tokens: frozenset[str]
    # The sentence (or what it is about) shares a word with the question.
    matched: bool = True
    # Its section's retrieval score as a share of the best section's.
    share: float = 1.0


def rank(question: Question, passages: Sequence[Passage]) -> list[Ranked]:
    """Every sentence of the passages, scored against the question (best first)."""
    all_units = [u for p in passages for u in units(p.id, p.text)]
    if not all_units or not question.tokens:
        return []
    texts = [tokenize(u.text) for u in all_units]
    contexts = [tokenize(u.context) for u in all_units]
    # What a sentence says counts in full; what it is about (the line that opened its list,
    # the myth it corrects) counts less, so that a short item does not win on its context.
    # Each word of the question once: a term the question names in two languages, or twice,
    # would otherwise outweigh what it asks about that term.
    query = list(dict.fromkeys(question.tokens))
    own = _scores(question, texts, query) + CONTEXT_WEIGHT * _scores(question, contexts, query)
    top = float(own.max()) or 1.0
    docs = [t + c for t, c in zip(texts, contexts, strict=True)]
    best_section = max(p.score for p in passages) or 1.0
    # Squared, so a section that scored half as well as the best weighs a quarter as much.
    shares = {p.id: p.score / best_section for p in passages}
    section = {i: share**2 for i, share in shares.items()}
    # A sentence that shares no word with the question still scores its section's share: a
    # section found through its title ("operator checklist") answers with its own sentences.
    if question.need and not any(says(u, question.need) for u in all_units):
        # Nothing here says anything of what the comparison is for: it is answered as one that
        # asks how they differ.
        question = dataclasses.replace(question, need=())
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
    # A section whose title is about another approach than the one the question names ("RAG
    # evaluation playbook" for a question on fine-tuning) answers it only in passing.
    aside = {p.id for p in passages if about_other(question, p.title)}
    ranked = [
        dataclasses.replace(r, score=r.score - OTHER_SUBJECT_PENALTY)
        if r.unit.source in aside
        else r
        for r in ranked
    ]
    position = {p.id: i for i, p in enumerate(passages)}
    return sorted(ranked, key=lambda r: (-r.score, position[r.unit.source], r.unit.order))


def _scores(question: Question, docs: list[list[str]], query: list[str]) -> np.ndarray:
    """BM25 of ``docs`` against the question; the approaches' names weigh less unless the
    question asks what they are: "RAG makes answers slow, what do we measure?" is about
    measuring, and a sentence that only names RAG is beside it."""
    scene = [t for t in query if t in question.scene]
    query = [t for t in query if t not in question.scene]
    sides = [t for t in query if t in _SIDE_TOKENS]
    rest = [t for t in query if t not in _SIDE_TOKENS]
    told = SCENE_WEIGHT * _bm25(docs, scene) if scene else 0.0
    if question.what or not sides or not rest:
        return _bm25(docs, query) + told
    return _bm25(docs, rest) + SIDE_NAME_WEIGHT * _bm25(docs, sides) + told


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
    if question.quantity and gives_figure(question, u.text):
        # Asked how many: the sentence that gives the count.
        bonus += INTENT_BONUS
    if glosses(u.text, question):
        # Asked what a term means: the sentence that says what it is, then names it.
        bonus += INTENT_BONUS
    if question.need:
        # A comparison for something ("for tone"): what each says about that, not what each is.
        if says(u, question.need):
            bonus += INTENT_BONUS
    elif question.verdict:
        # Which one fits: what tells when each fits, or which to start with, not what each is.
        if VERDICT.search(u.text.casefold()):
            bonus += INTENT_BONUS
    elif (question.what or question.comparison) and _defines(u.text, question.sides):
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


def describes(text: str, question: Question) -> bool:
    """``text`` is about the thing the question asks about: it names it in the words that open
    it, up to its first colon or question mark ("Do you have an evaluation set? Keep…",
    "평가셋이 준비되어 있는가?"), in either language."""
    head = set(tokenize(_HEAD.split(text, maxsplit=1)[0][:HEAD_CHARS]))
    return any(bool(words) and set(words) <= head for words in (question.term, question.term_other))


# Where a text names a term for what it has just described: "how good the output can get (the
# quality ceiling)", "i.e. …", "known as …", "…, 즉 품질 상한을…".
_GLOSS = re.compile(
    r"\((?:the |an? )?([^()]{2,40})\)"
    r"|\b(?:i\.e\.,?|that is,|called|known as)\s+(?:the |an? )?((?:[\w-]+\s+){0,2}[\w-]+)"
    r"|(?:즉|이른바)\s+((?:[가-힣]+\s+){0,2}[가-힣]+)"
)


def glosses(text: str, question: Question) -> bool:
    """``text`` says what the term the question asks about is, and then names it (in either
    language)."""
    if not question.term:
        return False
    for m in _GLOSS.finditer(text.casefold()):
        named = set(tokenize(next(g for g in m.groups() if g)))
        if any(words and set(words) <= named for words in (question.term, question.term_other)):
            return True
    return False


def says(u: Unit, need: Sequence[str]) -> bool:
    """The sentence (or the line that opened its list) names what a comparison is for (a
    Korean word of one syllable, "톤", anywhere in a word: "톤을")."""
    text = f"{u.text} {u.context}"
    lowered = text.casefold()
    return bool(set(need) & set(tokenize(text))) or any(
        _HANGUL_SYLLABLE.fullmatch(n) and n in lowered for n in need
    )


def about_other(question: Question, title: str) -> bool:
    """``title`` names an approach, and none of those the question names."""
    named = {a for a in APPROACHES if SIDES[a].search(title.casefold())}
    return bool(named and question.sides) and not named & set(question.sides)


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


def pointed_at(top: Ranked, ranked: Sequence[Ranked]) -> Ranked | None:
    """The list summed up before ``top`` in its section, when ``top`` points back at several
    things ("these fields", "이 항목들") and is no part of that list."""
    if top.unit.group >= 0 or not _POINTS_AT_SEVERAL.search(top.unit.text.casefold()):
        return None
    before = [
        r
        for r in ranked
        if r.unit.summary and r.unit.source == top.unit.source and r.unit.order < top.unit.order
    ]
    return max(before, key=lambda r: r.unit.order, default=None)


# "That window", "this pattern": a thing the sentence before named.
_THAT_THING = re.compile(r"\b(?:that|this|the same)\s+([a-z][\w-]{2,})")


def leaned_on(top: Ranked, ranked: Sequence[Ranked]) -> Ranked | None:
    """The sentence just before ``top`` in its paragraph, when ``top`` points back at a thing
    it named ("Anything outside that window…" after "…works within a context window")."""
    things = [m.group(1)[:5] for m in _THAT_THING.finditer(top.unit.text.casefold())]
    if not things:
        return None
    before = next(
        (
            r
            for r in ranked
            if r.unit.source == top.unit.source
            and r.unit.block == top.unit.block
            and r.unit.order == top.unit.order - 1
        ),
        None,
    )
    if before is None or not any(t in before.unit.text.casefold() for t in things):
        return None
    return before


def precondition(ranked: Sequence[Ranked], sources: set[str]) -> Ranked | None:
    """The sentence of one of ``sources`` that says what to check before choosing what it is
    about ("Before choosing it, check your data")."""
    return next(
        (r for r in ranked if r.unit.source in sources and _BEFORE.match(r.unit.text.casefold())),
        None,
    )
