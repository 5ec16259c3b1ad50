"""Side questions told with a scene around them: the trade, the organisation and the people
around what is asked, an everyday or ironic way of saying what the knowledge base says in its
own words, and words of the law used for something else. What is asked is answered; what the
scene itself asks about is still declined."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.answer import NOT_COVERED
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.glossary import plainly
from bot.knowledge.question import read_question
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.knowledge.words import chatter, content_at
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


# -- the scene: trades, organisations, departments, the people they serve ------------------------


@pytest.mark.parametrize(
    ("question", "lang", "section"),
    [
        # Told in a sentence of its own, before what is asked.
        (
            "We run a string of pharmacies and the bot's answers must reflect the latest "
            "documents. Which approach fits?",
            "en",
            "rag-basics",
        ),
        # Saying what kind of bot it is.
        (
            "our clinic's intake bot forgets the patient's name after a long back-and-forth. "
            "what causes that?",
            "en",
            "context-memory",
        ),
        (
            "호텔 예약 상담봇이 긴 대화 끝에 손님이 처음 말한 조건을 잊어버려요. 원인이 뭘까요?",
            "ko",
            "context-memory",
        ),
    ],
)
async def test_the_scene_around_a_question_does_not_make_it_out_of_scope(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, section: str
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.covered, question
    assert section in a.citations


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # The trade is what is asked about, or the rest is not in the knowledge base.
        ("which insurance company has the best dental plan for a small startup?", "en"),
        ("We need a dental plan for our insurance staff. Which one is best?", "en"),
        (
            "our pharmacy chain's support bot needs a new ticketing system, Zendesk or Freshdesk?",
            "en",
        ),
        ("병원 예약 시스템 추천 좀 해주세요", "ko"),
        ("사내 규정상 재택근무는 주 몇 회까지 되나요?", "ko"),
    ],
)
async def test_a_question_about_the_scene_itself_is_still_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert not a.covered, question
    assert a.text == NOT_COVERED[lang]


# -- everyday and ironic ways of saying a myth ----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang", "sections"),
    [
        (
            "Our CTO says prompts are just duct tape and we'll need a properly trained model "
            "eventually. True?",
            "en",
            {"misconception-prompting-temporary"},
        ),
        (
            "We picked RAG last quarter. Are we locked in now, or could we bolt fine-tuning "
            "on later?",
            "en",
            {"misconception-one-or-other", "staged-evolution"},
        ),
        (
            "파인튜닝하면 정확도가 당연히 올라가는 거 아닌가요? 그냥 믿어도 돼요?",
            "ko",
            {"misconception-finetuning-accuracy"},
        ),
    ],
)
async def test_a_myth_said_loosely_is_corrected(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, sections: set[str]
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.covered, question
    assert a.citations[0] in sections


def test_everyday_phrasings_are_read_in_the_knowledge_base_s_words() -> None:
    assert "stopgap" in plainly("it's all sticky tape and hope")
    assert "stuck" in plainly("are we locked into one vendor")
    assert "add" in plainly("can we bolt RAG on afterwards")
    assert "상한" in plainly("천장에 닿은 느낌")
    # Adverbs, verdicts and Korean verb forms name nothing a question is about.
    assert chatter("specifically") and chatter("true")
    assert not [w for w, _, _ in content_at("만드는 거 귀찮은데 늘려도 당연히 안 오름")]


# -- what an approach is, and whether two are the same -------------------------------------------


async def test_what_an_approach_is_with_a_scene_after_it_gets_its_definition(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "whats fine-tuning? our ops lead keeps mentioning it in standups", "en")
    assert a.covered and a.citations[0] == "definitions"
    assert "weights" in a.text


@pytest.mark.parametrize(
    ("question", "lang", "words"),
    [
        (
            "prompting vs fine-tuning, aren't they the same thing really?",
            "en",
            ("Prompting", "weights"),
        ),
        ("RAG랑 파인튜닝 결국 같은 거 아니에요? 둘 다 데이터를 쓰잖아요", "ko", ("검색", "가중치")),
    ],
)
async def test_whether_two_approaches_are_the_same_is_answered_by_what_each_is(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, words: tuple[str, ...]
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.covered and "definitions" in a.citations
    assert all(w in a.text for w in words)


# -- words of the law that ask nothing of it ------------------------------------------------------


def test_the_law_as_a_word_or_as_changing_content_is_not_a_legal_question() -> None:
    vocabulary = default_vocabulary()
    assert not off_topic("input contract - is that a legal term?", vocabulary)
    assert not off_topic(
        "our answers must track regulation updates weekly. which approach should we lead with?",
        vocabulary,
    )
    assert off_topic("is it legal to fine-tune on patient records without consent?", vocabulary)
    assert off_topic("do our prompts need to meet new regulations in the EU?", vocabulary)


# -- what to lead with ----------------------------------------------------------------------------


def test_what_to_lead_with_asks_where_to_start() -> None:
    assert read_question("which approach should we lead with?").when
    assert read_question("사내 문서가 자주 바뀌는데 뭐부터 도입해야 하나요?").when
    assert not read_question("what does RAG lead to in cost?").when


async def test_what_to_lead_with_for_fresh_answers_is_answered_from_where_to_start(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(
        lm, kb, "사내 매뉴얼이 자주 바뀌는데 답변도 항상 최신이어야 해요. 뭐부터 해야 하나요?", "ko"
    )
    assert a.covered and a.citations[0] in {"rag-basics", "decision-matrix"}
    assert "최신" in a.text
