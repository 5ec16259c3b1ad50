"""Side questions from a round on qa/dev28: a word of one syllable with its particle ("봇에") is
known through the syllable; a prompt that stopped getting better however it is reworked is
the trouble the section on when to fine-tune explains; "say where it got the info" needs what
retrieval gives and supposes nothing; when the next version comes out is a date, declined;
"legal paperwork" is a figure of speech; "체크해야 할 거 3개" asks for the checks."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.fits import scene_needs
from bot.knowledge.law import about_law
from bot.knowledge.question import read_question
from bot.knowledge.symptoms import symptoms
from bot.knowledge.vocabulary import default_vocabulary
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_one_syllable_with_its_particle_is_known() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.knows("봇에") and vocabulary.knows("톤이")
    assert not vocabulary.knows("뷁에")


@pytest.mark.parametrize(
    "text",
    [
        "프롬프트를 아무리 고쳐도 품질이 제자리예요",
        "품질이 어느 선에서 딱 멈춰요",
        "our prompt just won't get better than 'fine'",
        "we're stuck at about 80% with the prompt",
    ],
)
def test_a_prompt_that_stopped_getting_better(text: str) -> None:
    assert "prompt-ceiling" in symptoms(text)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "세차장 예약봇 프롬프트를 한 달째 고치는데 아무리 만져도 품질이 어느 선에서 멈춰요. "
            "다음엔 뭘 해야 돼요?",
            "ko",
        ),
        (
            "pottery studio 🏺 been tweaking our product-blurb prompt for weeks and it won't get "
            "better than 'meh'. keep going or is there a next step?",
            "en",
        ),
    ],
)
async def test_a_prompt_at_its_ceiling_is_answered_by_when_to_fine_tune(
    kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.citations == ("when-fine-tuning",)
    assert any(w in a.text for w in ("ceiling", "상한", "멈춘다면"))


def test_saying_where_the_answer_came_from_needs_retrieval() -> None:
    q = (
        "our rota changes every week. we want the bot to answer from the latest rota and say "
        "where it got the info. which approach?"
    )
    assert scene_needs(q) == ("freshness",)
    assert scene_needs("say we had docs changing weekly, which approach?") == ()


@pytest.mark.parametrize(
    "question",
    [
        "Claude 다음 버전은 언제 나와요? 그때 도입하려고요",
        "when will the next Claude model come out?",
    ],
)
async def test_when_the_next_version_comes_out_is_declined(
    kb: KnowledgeBase, question: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, None)
    assert not a.covered


def test_legal_paperwork_is_a_figure_of_speech() -> None:
    assert not about_law(
        "they want an 'input contract'. sounds like legal paperwork lol. what is it?"
    )
    assert about_law("is it legal to train on our members' emails?")


async def test_the_checks_before_adding_rag_are_the_checklist(kb: KnowledgeBase) -> None:
    q = (
        "문구점 세 곳 해요. 다음 달에 안내 봇에 RAG 붙인대요. "
        "그 전에 체크해야 할 거 3개만 알려주세요"
    )
    assert read_question(q).checks
    a = await ask(OfflineLanguageModel(), kb, q, "ko")
    assert a.covered and a.citations[0] == "operator-checklist"
