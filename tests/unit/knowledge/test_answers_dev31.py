"""Side questions from a round on qa/dev31: answers that may have got worse after a prompt
change, with no way to tell, are what tracking after every update is for; polishing a prompt's
wording first is what the context-layers FAQ warns against; answers that stopped citing
anything are the playbook's missing evidence, which the answer opens with; what to buy is never
covered; "어떤 방법부터 시작하나요" asks which approach fits; "What is prompting, exactly, …"
asks what it is; answers that must show which sheet they came from need retrieval."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.fits import FRESHNESS, scene_needs
from bot.knowledge.law import outside
from bot.knowledge.question import read_question
from bot.knowledge.symptoms import symptoms
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    ("text", "trouble"),
    [
        (
            "we changed the system prompt on monday and I think replies got worse",
            "unnoticed-regression",
        ),
        ("프롬프트 수정한 뒤로 답이 좀 나빠진 것 같아요", "unnoticed-regression"),
        ("we keep tweaking the wording of our intake prompt", "polishing-wording"),
        ("프롬프트 문구만 계속 다듬고 있어요", "polishing-wording"),
        ("the helpdesk bot stopped citing the policy pages", "missing-evidence"),
        ("요즘 답변에 출처가 안 붙어요", "missing-evidence"),
    ],
)
def test_troubles_told(text: str, trouble: str) -> None:
    assert trouble in symptoms(text)


@pytest.mark.parametrize(
    "text",
    [
        "we swapped prompts for a fine-tuned model and complaints dropped",
        "a bot that polishes the wording of our notices",
    ],
)
def test_no_trouble_told(text: str) -> None:
    assert not {"unnoticed-regression", "polishing-wording"} & set(symptoms(text))


@pytest.mark.parametrize(
    "question",
    [
        "파인튜닝 돌리려면 서버랑 그래픽카드 뭐 사야 돼요?",
        "which GPU should we buy for fine-tuning?",
    ],
)
def test_what_to_buy_is_never_covered(question: str) -> None:
    assert outside(question)


def test_which_approach_to_pick_is_no_purchase() -> None:
    assert not outside("what should we use, RAG or fine-tuning?")


def test_what_an_approach_is_asked_with_a_comma() -> None:
    assert read_question("What is prompting, exactly, and does it change the model?").what


def test_answers_that_show_their_source_need_retrieval() -> None:
    text = "Caseworkers want the answers to show which sheet they came from. What fits that?"
    assert FRESHNESS in scene_needs(text)


@pytest.mark.parametrize(
    ("question", "lang", "source", "opening"),
    [
        (
            "Ferry office. We tweaked the booking assistant's prompt last week and I suspect "
            "replies got worse but nobody can tell for sure. How should we be catching that?",
            "en",
            "execution-summary",
            "regression",
        ),
        (
            "Quarry safety office. Our instinct is to keep polishing the wording of the "
            "briefing prompt. Is that where we should start?",
            "en",
            "faq-context-layers",
            "polishing",
        ),
        (
            "Our museum's RAG helper used to quote the page it relied on; lately answers just "
            "stopped citing anything. How do we fix this?",
            "en",
            "rag-evaluation",
            "Missing evidence",
        ),
        (
            "여객선 터미널 안내실입니다. 운항 공지가 거의 매일 바뀌는데 봇이 항상 최신 공지 "
            "기준으로 답해야 해요. 이럴 땐 어떤 방법부터 시작하나요?",
            "ko",
            "rag-basics",
            "",
        ),
    ],
)
async def test_answered_from_where_the_trouble_is_explained(
    kb: KnowledgeBase, question: str, lang: Lang, source: str, opening: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered and a.citations[0] == source, a.citations
    assert opening in a.text.split(". ")[0]


async def test_a_purchase_is_declined(kb: KnowledgeBase) -> None:
    q = "사진관 하는데요 파인튜닝 돌리려면 서버랑 그래픽카드 뭐 사야 돼요? 예산 500 안쪽으로"
    a = await ask(OfflineLanguageModel(), kb, q, "ko")
    assert not a.covered
