"""Side questions declined or answered from a section beside the one that answers them: a count
told in the scene before the clause that asks ("로그가 몇 년 치 쌓여 있는데, …") asks for no
figure; "이대로", "그대로" (as it is), "비용 대비" (for the cost) and "시점" (the time, as 언제
asks it) name nothing the question is about; and when to take up an approach that has no section
on when it fits, asked by a team on another one now, is answered by the stages they are adopted
in."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.knowledge.words import chatter
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


# -- a count in the scene --------------------------------------------------------------------


def test_a_count_told_in_the_scene_asks_no_figure() -> None:
    assert not read_question(
        "고객 문의 기록이 몇 년 치 모여 있는데, 그걸로 파인튜닝하면 답변이 어떻게 바뀌어요?"
    ).quantity
    # Asked in the clause that asks, it still asks for one.
    assert read_question("평가셋은 몇 개쯤 있어야 하나요?").quantity
    assert read_question("지금 예시가 조금 있는데, 몇 개를 더 모아야 하나요?").quantity


async def test_a_count_in_the_scene_does_not_decline(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(
        lm,
        kb,
        "지원팀 문의 답변이 몇 년 치 쌓여 있는데, 이걸로 파인튜닝하면 봇 답변이 어떻게 바뀌나요?",
        "ko",
    )
    assert a.covered
    assert "support-bot-example" in a.citations


# -- "as it is", "for the cost" ----------------------------------------------------------------


def test_as_it_is_and_for_the_cost_name_nothing() -> None:
    for word in ("이대로", "그대로", "대비", "시점은"):
        assert chatter(word)
    assert not chatter("파인튜닝")


@pytest.mark.parametrize(
    "question",
    [
        "학습용 대화 기록에 틀린 답이 꽤 섞여 있는데, 그대로 파인튜닝하면 비용 대비 뭐가 위험해요?",
        "우리 데이터가 좀 지저분한데 이대로 파인튜닝 돌려도 되나요?",
    ],
)
def test_tuning_on_messy_data_as_it_is_is_covered(question: str) -> None:
    assert not off_topic(question, default_vocabulary())


# -- when to add the next approach -------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("몇 달째 프롬프트만으로 서비스 중인데, RAG를 더할 시점은 어떻게 알 수 있어요?", "ko"),
        ("We've been on prompts alone for a while. How do we tell it's time to add RAG?", "en"),
    ],
)
async def test_when_to_add_rag_to_prompts_is_answered_by_the_stages(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.citations[0] == "staged-evolution"
    assert "operator-checklist" not in a.citations


async def test_when_to_fine_tune_still_comes_from_its_own_cases(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "프롬프트로만 버티고 있는데 파인튜닝은 언제 해야 해요?", "ko")
    assert a.citations[0] == "when-fine-tuning"
