"""Side questions from people outside software: "다들 RAG RAG 하는데 이게 뭐예요?" asks what RAG
is, and a working group's acronym ("AI TF") is the scene, not a product; how to show that a
change helped is what an evaluation set is for, whatever was changed; answers made up
("inventing policy details", "지어내요") are hallucinations; a sentence that points back at a
thing ("that window") comes after the sentence that names it."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.llm.offline import OfflineLanguageModel


@pytest.mark.parametrize(
    "question",
    [
        "벤더 미팅에서 다들 RAG RAG 하는데 이게 뭐의 약자고 어떤 원리로 돌아가는 건가요?",
        "everyone at the vendor meeting kept saying RAG, what is it?",
    ],
)
def test_a_word_pointing_back_at_the_name_asks_what_it_is(question: str) -> None:
    q = read_question(question)
    assert q.what
    assert q.sides == ("rag",)


def test_pointing_back_to_ask_whether_it_matters_is_no_definition() -> None:
    assert not read_question("we use RAG, what does it matter?").what


async def test_a_nurse_on_a_hospital_ai_tf_is_told_what_rag_is(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(
        lm,
        kb,
        "병동 간호사인데 병원 AI TF에 차출됐어요 😅 벤더 미팅에서 다들 RAG RAG 하는데 이게 뭐의 "
        "약자고 대충 어떤 원리로 돌아가는 건가요?",
        "ko",
    )
    assert a.covered
    assert "검색" in a.text and "문서" in a.text
    assert "definitions" in a.citations or "rag-basics" in a.citations


async def test_an_unknown_product_beside_the_name_still_declines(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(lm, kb, "다들 Pinecone Pinecone 하는데 이게 뭐예요?", "ko")
    assert not a.covered


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "RAG 청킹 설정 바꿨더니 좋아진 '느낌'은 있는데 ㅋㅋ 진짜 개선됐는지 어떻게 보여주죠? "
            "느낌 말고 숫자로요. 느려진 건 아닌지도 궁금하고",
            "ko",
        ),
        ("we swapped the reranker in our RAG setup, how do I prove it actually improved?", "en"),
    ],
)
async def test_how_to_show_a_change_to_an_approach_helped_is_answered_with_a_fixed_set(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not off_topic(question, default_vocabulary())
    a = await ask(lm, kb, question, lang)
    assert a.covered
    assert ("고정" in a.text) if lang == "ko" else ("fixed" in a.text)


async def test_how_to_show_a_change_helped_beside_the_topic_is_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(
        lm, kb, "we switched our office coffee supplier, how do I prove it improved?", "en"
    )
    assert not a.covered


async def test_answers_made_up_are_hallucinations(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(
        lm,
        kb,
        "our internal RAG bot has started inventing policy details that aren't in any doc 😬 "
        "what's the debugging routine?",
        "en",
    )
    assert a.covered
    assert "hallucination" in a.text.casefold()
    assert a.citations[0] == "rag-evaluation"


async def test_inventing_a_product_is_no_hallucination(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(lm, kb, "we're inventing a new product line, should we fine-tune?", "en")
    assert "rag-evaluation" not in a.citations


async def test_a_sentence_pointing_back_comes_after_what_it_points_at(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(
        lm,
        kb,
        "hospital pharmacist using a chat assistant: in long conversations it forgets the "
        "patient details I gave right at the start. why does that happen?",
        "en",
    )
    texts = [s.text for s in a.sentences]
    outside = next(i for i, t in enumerate(texts) if t.startswith("Anything outside that window"))
    assert outside > 0
    assert "context window" in texts[outside - 1]


async def test_answers_made_up_in_korean_are_hallucinations(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(
        lm,
        kb,
        "RAG 챗봇 붙였는데 요즘 문서에 없는 내용을 그럴듯하게 지어내요... 순서 같은 게 있나요?",
        "ko",
    )
    assert "환각" in a.text
    assert a.citations == ("rag-evaluation",)
