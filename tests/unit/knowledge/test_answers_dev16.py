"""How side questions from people outside software are read: a price the scene mentions is not
asked; "which approach fits" is the knowledge base's own question, whatever the trade around
it; "the two" and "이게" point back at the approaches the scene named; "the same thing" sets
two approaches side by side; "what should I tick off" asks for a checklist."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


# -- a price in the scene -------------------------------------------------------------------


def test_a_price_told_in_the_scene_is_not_asked() -> None:
    told = read_question("Sonnet 요금이 더 싸다던데, 저희 같은 소규모 쇼핑몰에는 어느 급이 맞아요?")
    assert not told.price and not told.quantity
    # Asked in the clause that asks, it is.
    assert read_question("Sonnet은 토큰당 요금이 얼마예요?").price
    assert read_question("what's the pricing for Opus per million tokens?").price


# -- which approach fits ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "약국을 운영해요. 복약 안내문이 분기마다 바뀌는데 손님이 물으면 최신 안내문대로 답하고 "
        "어느 문단을 참고했는지도 알려 줬으면 해요. 어떤 방식이 맞을까요?",
        "We run a moving company and write thousands of quotes a month, all in one fixed layout."
        " Prompts got close, then plateaued. Is this fine-tuning territory?",
        "Our florist shop answers delivery questions from a price sheet that changes every week."
        " What approach fits that?",
    ],
)
def test_asking_which_approach_fits_is_on_topic(question: str) -> None:
    assert not off_topic(question, default_vocabulary())


@pytest.mark.parametrize(
    "question",
    [
        "what's the best GPU for fine-tuning?",
        "RAG 하려는데 벡터DB는 Pinecone이랑 Qdrant 중에 어떤 게 맞을까요?",
        "Which CRM approach fits a bakery, Salesforce or HubSpot?",
    ],
)
def test_a_fit_asked_of_things_the_knowledge_base_does_not_name_is_still_declined(
    question: str,
) -> None:
    assert off_topic(question, default_vocabulary())


async def test_which_approach_fits_a_fixed_layout_at_volume_is_answered_from_when_to_fine_tune(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(
        lm,
        kb,
        "We run a moving company and write thousands of quotes a month, all in one fixed layout."
        " Prompts got close, then plateaued. Is this fine-tuning territory?",
        "en",
    )
    assert a.covered
    assert a.citations == ("when-fine-tuning",)


# -- the two things the scene named ----------------------------------------------------------


def test_the_same_thing_sets_two_approaches_side_by_side() -> None:
    q = read_question("my boss says RAG and fine-tuning are the same thing. is he right?")
    assert q.comparison and set(q.sides) == {"rag", "fine-tuning"}
    assert read_question("프롬프팅이랑 파인튜닝이 같은 말이에요?").comparison


async def test_the_two_pointed_at_are_compared_by_what_each_is(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    for question, lang, words in (
        (
            "우리 실장님은 RAG도 파인튜닝도 '모델한테 자료 넣어 주는 거'라 결국 한 가지래요. "
            "정말 둘이 같은 건가요?",
            "ko",
            ("가중치", "검색"),
        ),
        (
            "A vendor told us RAG and fine-tuning both just 'load our files into the AI'."
            " Are they really the same?",
            "en",
            ("weight", "retriev"),
        ),
    ):
        a = await _ask(lm, kb, question, lang)  # type: ignore[arg-type]
        assert "definitions" in a.citations, question
        assert all(w in a.text.casefold() for w in words), a.text


async def test_this_points_at_the_approach_the_scene_quoted(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    question = (
        "간호사인데요, 병원 교육에서 '파인튜닝'이란 단어가 자꾸 나와요. 이게 모델에서 뭘 "
        "바꾸는 거예요? 프롬프트 잘 짜는 거랑 같은 말인가요?"
    )
    assert set(read_question(question).sides) == {"prompting", "fine-tuning"}
    a = await _ask(lm, kb, question, "ko")
    assert a.citations == ("definitions",)
    assert "가중치" in a.text


# -- a checklist -----------------------------------------------------------------------------


async def test_what_to_tick_off_asks_for_the_checklist(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    assert read_question("what boxes should I tick off before switching to RAG?").checks
    a = await _ask(
        lm,
        kb,
        "We're about to swap our help-desk prompts for RAG. As the one who operates it, what"
        " should I tick off first?",
        "en",
    )
    assert a.citations == ("operator-checklist",)
