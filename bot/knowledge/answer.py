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
database", "learning rate"; a term made of a known word and an unknown one weighs as a name;
unless the words it does share single out one section far ahead of the others, and what it
does not share names no product or version), when no sentence of the sections nor what they
say they are about shares a word with the question, or when it asks for a figure (a count of
something, a price) the chosen sentences do not give.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from bot.core.facts import Lang
from bot.core.ports import Answer, CitedSentence, Passage
from bot.knowledge.asks import asks_proof
from bot.knowledge.base import APPROACH_TOKENS, on_cases
from bot.knowledge.comparing import MAX_SENTENCES
from bot.knowledge.figures import gives_figure
from bot.knowledge.fits import says_need, scene_needs
from bot.knowledge.law import outside
from bot.knowledge.learned_choosing import hybrid_chooser
from bot.knowledge.question import APPROACHES, SIDES, Question, read_question
from bot.knowledge.ranking import Ranked, about_other, rank
from bot.knowledge.screen import MAX_WIDTH, width
from bot.knowledge.symptoms import symptoms
from bot.knowledge.tokenize import tokenize
from bot.knowledge.vocabulary import Vocabulary, off_topic, unknown_words

# A sentence on what proves that a change helped.
_PROVES = re.compile(r"\bprove\b|\bdemonstrate\b|before[- ]and[- ]after|증명|입증|전후")
# The words that name what lies behind a trouble told in the user's words: the answer opens
# with the sentence that names it ("the bot forgets what we said 20 messages ago": the context
# window).
_BEHIND = {
    "forgetting": re.compile(r"context window|컨텍스트 윈도우"),
    "made-up-answers": re.compile(r"hallucinat|환각"),
    "crammed-prompt": re.compile(r"context layers|맥락 레이어|컨텍스트 레이어"),
    "sprawling-prompt": re.compile(r"maintain|유지보수"),
    "unmeasured-switch": re.compile(r"demonstrate|증명"),
    "prompt-ceiling": re.compile(r"ceiling|상한"),
    "unnoticed-regression": re.compile(r"regression|뒷걸음"),
    "polishing-wording": re.compile(r"polishing|다듬"),
    "missing-evidence": re.compile(r"missing evidence|근거 누락", re.IGNORECASE),
}
# Section scores (summed BM25, positive only) below this mean the section has nothing on the
# question. Low, because a question in nothing but the knowledge base's own terms ("what is
# prompting?") scores little: every section uses them.
MIN_SECTION_SCORE = 0.15
# Only sections retrieved at least this share of the best one's score are quoted.
OTHER_SECTION_SHARE = 0.7
# A question names a section when it has this share of the words of its title.
NAMED_SHARE = 0.5
# A question whose words the knowledge base uses lead the search to one section, this far ahead
# of the next one and scoring at least this much, is about that section, though much else it
# says is in words the knowledge base never uses ("our thread passed 50 messages in Slack and
# the bot forgot the rules we set at the start"), when no more than this share of it is: the
# scene of a chat question (its tools, its trade, its asides) is in words of its own.
SINGLED_OUT_LEAD = 2.0
SINGLED_OUT_SCORE = 10.0
SINGLED_OUT_UNKNOWN_SHARE = 0.6

# Picks an answer's sentences: the question, its ranked sentences, the sections it names.
Chooser = Callable[[Question, Sequence[Ranked], frozenset[str]], list[Ranked]]


@functools.cache
def _default_chooser() -> Chooser:
    return hybrid_chooser()


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


def _near_the_best(passages: list[Passage], best: float, q: Question) -> list[Passage]:
    """The sections retrieved nearly as well as the best one; and for a comparison, each
    side's own section ("RAG basics" beside "When to use fine-tuning"), however far below the
    best one it came."""
    kept = [p for p in passages if p.score >= OTHER_SECTION_SHARE * best]
    if not q.comparison:
        return kept
    titled = {s for p in kept for s in q.sides if SIDES[s].search(p.title.casefold())}
    return kept + [
        p
        for p in passages
        if p not in kept
        and any(s not in titled and SIDES[s].search(p.title.casefold()) for s in q.sides)
    ]


def compose(
    question: str,
    lang: Lang,
    passages: Sequence[Passage],
    vocabulary: Vocabulary,
    min_score: float = MIN_SECTION_SCORE,
    chooser: Chooser | None = None,
) -> Answer:
    """The answer to ``question`` from ``passages``, or a plain "not covered"; ``chooser``
    picks the answer's sentences from the ranked ones (by default the rules' opening, filled by
    the learned scorer)."""
    relevant = [p for p in passages if p.score >= min_score]
    in_lang = [p for p in relevant if p.lang == lang] or relevant
    declined = Answer(text=NOT_COVERED[lang], covered=False)
    if not in_lang or (
        off_topic(question, vocabulary) and not _singled_out(question, in_lang, vocabulary)
    ):
        return declined
    # Only sections retrieved nearly as well as the best one: a sentence of a section far below
    # it may share a word with the question ("bot") and still be beside it.
    best = max(p.score for p in in_lang)
    q = read_question(question)
    in_lang = _near_the_best(in_lang, best, q)
    # When one approach fits is answered from the section on when that one fits, when that
    # section came up nearly as well as the best ("is prompting a reasonable place to start?"
    # is not asked of the section on which teams benefit, though it says "team"), whatever
    # word of the ask another section shares ("…파인튜닝은 어떤 시점에 검토하나요?").
    cases = [p for p in in_lang if q.when and len(q.sides) == 1 and on_cases(p.title, q.sides[0])]
    # Asked when each of two fits ("프롬프팅이 나은 상황이랑 파인튜닝이 나은 상황을 비교"): each
    # from its own section on when it fits, when both came up.
    each: list[str] = []
    if q.when and q.comparison:
        found = [p for p in in_lang if any(on_cases(p.title, s) for s in q.sides)]
        if len(found) == len(q.sides):
            cases = found
            # Asked of each in so many words, each side opens with its section's summary, in
            # the order the question names them.
            if q.each:
                each = [p.id for side in q.sides for p in found if on_cases(p.title, side)]
    # A section found through the scene told around the question alone ("we swapped prompt
    # templates last sprint") is beside what it asks ("how do we prove it helped?").
    # Asked which approach fits a scene of one need, the scene is what the answer is about
    # (several needs at once ask for the matrix, which the ask's words find).
    needs = scene_needs(question)
    asked = [] if len(needs) == 1 else [p for p in in_lang if _on_the_ask(q, p, vocabulary)]
    in_lang = cases or asked or in_lang
    proof = asks_proof(question.casefold())
    if ((q.when or q.how) and len(q.sides) == 1) or (q.sides and proof):
        # When one approach fits, or how to do something with it, is not answered from a
        # section about another one ("When to use prompting" for "when should we add RAG?",
        # "RAG evaluation playbook" for how to prove a new prompt helped), when a section nearly
        # as good is left.
        in_lang = [p for p in in_lang if not about_other(q, p.title)] or in_lang
    ranked = rank(q, in_lang)
    heads = {t for p in in_lang for t in tokenize(p.title)}
    heads.update(*(vocabulary.heads.get(p.id, frozenset()) for p in in_lang))
    if not any(r.matched for r in ranked) and not heads & set(q.tokens):
        # The sections came up, but not one of their sentences, nor what they say they are
        # about, shares a word with the question: whatever they say would be beside it.
        return declined
    # Titles name what a section is about; the three approaches are in too many of them.
    named = frozenset(
        p.id for p in in_lang if _names(p.title, q.tokens) and not _one_of_those_asked(q, p.title)
    )
    if in_lang[0].id in named and not q.comparison:
        # The best-found section is the one the question names by its title ("does the choice
        # really matter?" of "Why the choice matters"): it answers alone, whatever another
        # section shares a word of the question with. A comparison still takes each side from
        # where that side is said best (its own section).
        ranked = [r for r in ranked if r.unit.source in named]
    picked = (chooser or _default_chooser())(q, ranked, named)
    if not picked:
        return declined
    if each:
        # Each side opens with its section's own summary of when it fits.
        picked = _each_summed_up(each, ranked, picked)
    elif needs:
        picked = _lead_with(lambda t: says_need(t, needs), ranked, picked)
    elif proof:
        # "How do we verify their fix helped?": the sentence on what proves it comes first.
        picked = _lead_with(_PROVES.search, ranked, picked)
    elif told := symptoms(question):
        picked = _lead_with(_BEHIND[told[0]].search, ranked, picked)
    if q.quantity and not any(_counts(r) and gives_figure(q, r.unit.text) for r in picked):
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


def _lead_with(
    says: Callable[[str], object], ranked: Sequence[Ranked], picked: list[Ranked]
) -> list[Ranked]:
    """The answer opens with the best sentence that ``says`` what the question is after ("When
    answers must reflect the latest documents."), in place of its last ones when it is full."""
    lead = next((r for r in picked if says(r.unit.text)), None)
    if lead is None:
        lead = next((r for r in ranked if says(r.unit.text)), None)
        if lead is None:
            return picked
        while len(picked) > 1 and (
            len(picked) >= MAX_SENTENCES
            or sum(width(r.unit.text) + 1 for r in (lead, *picked)) > MAX_WIDTH
        ):
            picked = picked[:-1]
    return [lead, *(r for r in picked if r is not lead)]


def _each_summed_up(
    sources: Sequence[str], ranked: Sequence[Ranked], picked: list[Ranked]
) -> list[Ranked]:
    """``picked`` led by the first sentence of each of ``sources``, as long as it was."""
    firsts = [
        min((r for r in ranked if r.unit.source == s), key=lambda r: r.unit.order, default=None)
        for s in sources
    ]
    leads = [r for r in firsts if r is not None]
    rest = [r for r in picked if r not in leads]
    return [*leads, *rest][: max(len(picked), len(leads))]


def _singled_out(question: str, passages: Sequence[Passage], vocabulary: Vocabulary) -> bool:
    """The knowledge base's words in ``question`` single out one section of ``passages``, far
    ahead of the others; and the rest names no product, name or version it does not know
    ("Pinecone", "GPT-4o"), nor asks what the law allows or what to buy."""
    if outside(question):
        return False
    _, share, named = unknown_words(question, vocabulary)
    if named or share > SINGLED_OUT_UNKNOWN_SHARE:
        return False
    scores = sorted((p.score for p in passages), reverse=True)
    best, second = scores[0], (scores[1] if len(scores) > 1 else 0.0)
    return best >= SINGLED_OUT_SCORE and best >= SINGLED_OUT_LEAD * second


def _counts(r: Ranked) -> bool:
    """A figure in ``r`` answers the question: it shares a word with it, or it sums up the list
    of the best-found section ("four things: purpose; audience; …")."""
    return r.matched or (r.unit.summary and r.share >= 1.0)


def _on_the_ask(q: Question, p: Passage, vocabulary: Vocabulary) -> bool:
    """``p`` shares a word with what is asked, not only with the scene told around it."""
    asked = set(q.tokens) - q.scene - APPROACH_TOKENS
    if not q.scene or not asked:
        return True
    words = set(tokenize(f"{p.title} {p.text}")) | vocabulary.heads.get(p.id, frozenset())
    return bool(asked & words)


def _names(title: str, tokens: Sequence[str]) -> bool:
    """The question names the section: at least half of what its title says, the three
    approaches aside (they are in too many titles)."""
    words = set(tokenize(title)) - APPROACH_TOKENS
    return bool(words) and len(words & set(tokens)) >= NAMED_SHARE * len(words)


def _one_of_those_asked(q: Question, title: str) -> bool:
    """``title`` is about other approaches than those the question asks of: one of several it
    asks of each on its own ("when is prompting enough, and when do we add RAG?" does not name
    "When to use prompting"), or another one ("When to use fine-tuning" for it)."""
    asked = {a for a in q.sides if a in APPROACHES}
    about = {a for a in APPROACHES if SIDES[a].search(title.casefold())}
    return not q.comparison and bool(asked and about) and about != asked


def _ended(text: str) -> str:
    """A list item without a full stop ("목적: 결과물을 어디에 쓰려는지") gets one, so sentences
    joined into an answer do not run together."""
    return text if text.endswith((".", "!", "?", "…", ":", ";")) else f"{text}."


def _clip(text: str) -> str:
    if width(text) <= MAX_WIDTH:
        return text
    cut = text
    while cut and width(cut) > MAX_WIDTH - 1:
        cut = cut[: int(len(cut) * 0.9)]
    return cut.rstrip() + "…"
