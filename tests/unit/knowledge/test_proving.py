"""Asked how to tell whether a change to RAG helped ("they fixed our retrieval bot, how do I
verify it?"), the answer comes from the RAG evaluation playbook and opens with what proves it;
the same question about a prompt change is not sent there. Asked what fine-tuning changes
inside the model, the definitions answer: its weights."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.asks import asks_proof
from bot.knowledge.base import KnowledgeBase
from bot.llm.offline import OfflineLanguageModel


@pytest.mark.parametrize(
    "text",
    [
        "the agency says they fixed our retrieval setup, how can we verify that?",
        "검색 설정을 바꿨는데 진짜 좋아졌는지 어떻게 확인해요?",
        "how do we prove the new chunking actually helped?",
    ],
)
def test_asks_how_to_prove_a_change_helped(text: str) -> None:
    assert asks_proof(text.casefold())


@pytest.mark.parametrize(
    "text", ["what is a retrieval setup?", "RAG 설정은 어떻게 바꿔요?", "can we check the docs?"]
)
def test_other_questions_ask_no_proof(text: str) -> None:
    assert not asks_proof(text.casefold())


@pytest.mark.parametrize(
    ("question", "lang", "opening"),
    [
        (
            "the agency says they fixed our retrieval setup, how can we verify that?",
            "en",
            "prove|before and after",
        ),
        ("외주사가 RAG 검색을 고쳤다는데 진짜 나아졌는지 어떻게 확인하죠?", "ko", "증명|전후"),
    ],
)
async def test_proving_a_rag_change_is_answered_from_the_playbook(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, opening: str
) -> None:
    a = await ask(lm, kb, question, lang)
    assert a.citations == ("rag-evaluation",)
    # What proves it: the fixed set, run again before and after.
    assert any(w in a.sentences[0].text for w in opening.split("|"))


async def test_proving_a_prompt_change_is_not_sent_to_the_rag_playbook(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await ask(lm, kb, "we tweaked our prompt template, how do we verify it helped?", "en")
    assert "rag-evaluation" not in a.citations


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("파인튜닝 하면 모델 안에서 실제로 뭐가 바뀌는 거예요?", "ko"),
        ("what actually changes inside the model when you fine-tune it?", "en"),
    ],
)
async def test_what_changes_inside_the_model_is_answered_by_the_definitions(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await ask(lm, kb, question, lang)
    assert a.citations[0] == "definitions"
    assert any(w in a.text for w in ("가중치", "weights"))
