"""Side questions from a round on qa/dev29: "training on our old emails" names fine-tuning;
"diff" is the difference; a price in what someone else said ("…가격만 다르다'고 하시는데") is
not asked, so the question is not declined for a figure; a giant prompt of everything pasted in
is the crammed prompt, not one grown by edits."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.symptoms import symptoms
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    "text",
    [
        "whats the diff between doing it with prompts vs training on our old emails?",
        "half the board wants to train our own model, half want better instructions",
    ],
)
def test_training_on_ones_own_records_is_fine_tuning(text: str) -> None:
    assert "fine-tuning" in read_question(text).sides


def test_a_price_in_what_someone_else_said_asks_no_figure() -> None:
    q = (
        "업체 사장님이 '프롬프팅이나 파인튜닝이나 결과는 똑같고 가격만 다르다'고 하시는데 "
        "진짜 그런가요?"
    )
    asked = read_question(q)
    assert not asked.price and not asked.quantity


async def test_the_difference_asked_in_chat_shorthand_is_answered(kb: KnowledgeBase) -> None:
    q = (
        "bike shop - we want a bot answering rental questions. whats the diff between doing it "
        "with prompts vs training on our old emails?"
    )
    a = await ask(OfflineLanguageModel(), kb, q, "en")
    assert a.covered


def test_everything_pasted_into_a_giant_prompt_is_crammed() -> None:
    told = symptoms(
        "we paste the whole manual, the FAQ, the price list AND the chat history into one giant "
        "prompt. bad practice?"
    )
    assert told == ("crammed-prompt",)
    assert symptoms("we have a giant system prompt nobody dares touch") == ("sprawling-prompt",)
