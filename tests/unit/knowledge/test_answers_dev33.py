"""Side questions from a round on qa/dev33: asked which approach fits, the law's words in the
scene (statutes kept current, lawyers who ask) make no legal question; a prompt whose quality
"won't go past a certain point" is at its ceiling; a drop noticed a sentence after the prompt
was changed is a regression; when a model version comes out is a date, never covered."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.law import outside
from bot.knowledge.symptoms import symptoms
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    "question",
    [
        "법무법인인데 개정 법령 정리본이 매주 바뀌고, 변호사님들이 묻는 질문에 근거를 달아 "
        "답해야 해요. 어떤 방식이 맞을까요?",
        "our lawyers ask about statutes that change every month and want citations. which "
        "approach fits?",
    ],
)
def test_the_law_in_the_scene_of_a_fit_question_is_no_legal_question(question: str) -> None:
    assert not outside(question)


@pytest.mark.parametrize(
    "question",
    [
        "is it legal under GDPR to fine-tune on customer emails?",
        "고객 상담 기록으로 파인튜닝해도 개인정보보호법상 문제 없나요?",
    ],
)
def test_what_the_law_allows_is_still_outside(question: str) -> None:
    assert outside(question)


@pytest.mark.parametrize(
    ("text", "trouble"),
    [
        (
            "we've tuned the prompt for weeks and accuracy just won't go past a certain point",
            "prompt-ceiling",
        ),
        (
            "안내 문구 만드는 프롬프트를 지난주에 고쳤거든요. 근데 며칠 지나서 답이 나빠진 걸 "
            "알았어요",
            "unnoticed-regression",
        ),
    ],
)
def test_troubles_told(text: str, trouble: str) -> None:
    assert trouble in symptoms(text)


@pytest.mark.parametrize(
    ("question", "lang", "covered"),
    [
        ("when is Claude 5 coming out? should we wait?", "en", False),
        ("when will Opus 5 be out?", "en", False),
        ("when is prompting enough, and when do we fine-tune?", "en", True),
        ("when is RAG worth it, out of the three?", "en", True),
    ],
)
async def test_a_release_date_is_never_covered(
    kb: KnowledgeBase, question: str, lang: Lang, covered: bool
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered is covered, a.text


@pytest.mark.parametrize(
    ("question", "lang", "source"),
    [
        (
            "특허법인 지식관리팀이에요. 개정 법령 정리본이 매주 업데이트되는데 변리사님들 질문에 "
            "최신 자료 기준으로 근거 달아서 답하는 봇이 필요해요. 어떤 방식이 맞을까요?",
            "ko",
            "rag-basics",
        ),
        (
            "City comms office. Two months of prompt refining for our newsletters and quality "
            "won't go past a certain point no matter what we try. What now?",
            "en",
            "when-fine-tuning",
        ),
        (
            "학원 안내 문자 만드는 프롬프트를 지난달에 한 번 고쳤거든요. 근데 몇 주 지나서야 "
            "품질이 떨어진 걸 알았어요. 이런 건 어떻게 미리 잡아요?",
            "ko",
            "execution-summary",
        ),
    ],
)
async def test_answered_from_where_it_is_explained(
    kb: KnowledgeBase, question: str, lang: Lang, source: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered and a.citations[0] == source, a.citations
