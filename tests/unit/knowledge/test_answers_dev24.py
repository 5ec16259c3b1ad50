"""Side questions as people write them in chat: an emoji closes the scene it follows, a trouble
told before the question is what it asks about, everyday words for measuring and money, "when is
X the better fit and when is Y?" sets the two side by side, "when exactly was … released?" asks
a date the knowledge base never gives; a trouble is answered with what lies behind it first."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.ask_part import sentences
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_an_emoji_closes_the_clause_before_it() -> None:
    assert sentences("golf club booking bot ⛳ besides answer quality, which numbers?") == [
        "golf club booking bot ⛳",
        "besides answer quality, which numbers?",
    ]
    # Not where it sits inside one question.
    assert sentences("RAG 🤔 vs fine-tuning?") == ["RAG 🤔 vs fine-tuning?"]


@pytest.mark.parametrize(
    ("question", "lang", "sources"),
    [
        (
            "golf club booking bot ⛳ besides answer quality, which numbers should we keep an eye "
            "on cost-wise?",
            "en",
            {"cost-operations", "operator-checklist"},
        ),
        (
            "골프장 예약 챗봇 운영 중이에요 ⛳ 답변 퀄리티 말고, 돈이랑 관련해서 같이 지켜봐야 할 "
            "숫자는 뭐가 있을까요?",
            "ko",
            {"cost-operations", "operator-checklist"},
        ),
    ],
)
async def test_what_to_watch_for_cost_is_answered_from_the_cost_sections(
    kb: KnowledgeBase, question: str, lang: Lang, sources: set[str]
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered and a.citations[0] in sources


async def test_a_trouble_told_before_the_question_is_what_it_asks_about(kb: KnowledgeBase) -> None:
    question = (
        "our internal RAG bot has started inventing policy details that aren't in any doc 😬 "
        "what's the debugging routine?"
    )
    assert not read_question(question).scene
    a = await ask(OfflineLanguageModel(), kb, question, "en")
    assert a.citations[0] == "rag-evaluation"
    assert "hallucination" in a.text.casefold()


async def test_when_each_one_fits_is_answered_from_both_when_sections(kb: KnowledgeBase) -> None:
    question = (
        "For our fire station's incident-report assistant: when is prompting the better fit and "
        "when is fine-tuning? side by side please"
    )
    q = read_question(question)
    assert q.comparison and q.when and not q.what and not q.only_differ
    a = await ask(OfflineLanguageModel(), kb, question, "en")
    assert set(a.citations) == {"when-prompting", "when-fine-tuning"}


async def test_when_exactly_a_model_came_out_is_declined(kb: KnowledgeBase) -> None:
    a = await ask(OfflineLanguageModel(), kb, "When exactly was Claude Opus 4.6 released?", "en")
    assert not a.covered and a.citations == ()


@pytest.mark.parametrize(
    ("question", "lang", "named"),
    [
        (
            "why does our kiosk bot lose the plot in long chats? it forgets what people said at "
            "the start",
            "en",
            "context window",
        ),
        ("대화가 길어지면 봇이 처음에 정한 규칙을 잊어버려요 왜죠?", "ko", "컨텍스트 윈도우"),
        ("our museum guide bot keeps making stuff up about exhibits, why?", "en", "hallucination"),
    ],
)
async def test_a_trouble_is_answered_with_what_lies_behind_it_first(
    kb: KnowledgeBase, question: str, lang: Lang, named: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert named in a.sentences[0].text.casefold()
