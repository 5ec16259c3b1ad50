"""Side questions from a round on qa/dev30 (voices inside larger organisations): "(not asking
for legal advice, …)" is no legal question; a claim about an approach that names no unknown
product is on the topic ("we're asked to pick ONE approach … is that how others do it?");
SOPs are documents; a RAG bot's answers coming back without their source is the trouble the
evaluation playbook explains; "…적절한지 여쭙습니다" asks."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.ask_part import asking_part, asks
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.law import about_law
from bot.knowledge.symptoms import symptoms
from bot.knowledge.vocabulary import default_vocabulary
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_saying_it_is_no_legal_question_makes_it_none() -> None:
    q = "(not asking for legal advice) a partner says fine-tuning is always more accurate. true?"
    assert not about_law(q)
    assert about_law("is this legal advice territory: can we train on client files?")


@pytest.mark.parametrize("ask", ["Is the partner right?", "Is that how others do it?"])
def test_asking_whether_a_claim_holds_points_back_to_it(ask: str) -> None:
    part = asking_part(
        f"County office. Our director wants one approach, prompting or fine-tuning. {ask}"
    )
    assert part is not None and "prompting or fine-tuning" in part.claim


def test_sops_are_documents() -> None:
    assert default_vocabulary().knows("sops")


def test_a_formal_korean_request_asks() -> None:
    assert asks("이런 경우 어떤 방식으로 시작하는 것이 적절한지 여쭙습니다.")


@pytest.mark.parametrize(
    "text",
    [
        "lately its answers come back without any supporting notice",
        "RAG 봇 답변이 근거 없이 나와요",
    ],
)
def test_answers_without_their_source_are_a_trouble(text: str) -> None:
    assert "made-up-answers" in symptoms(text)


@pytest.mark.parametrize(
    ("question", "lang", "source"),
    [
        (
            "Knowledge team at an accounting firm (not asking for legal advice, this is about our "
            "internal memo tool). A partner claims a fine-tuned model is always more accurate "
            "than a prompted one. Is the partner right?",
            "en",
            "misconception-finetuning-accuracy",
        ),
        (
            "Ferry terminal info desk. Our RAG assistant used to quote the source notice; lately "
            "its answers come back without any supporting notice and some were wrong. How do we "
            "diagnose this?",
            "en",
            "rag-evaluation",
        ),
        (
            "County council central office. We're being told to pick ONE approach, prompting or "
            "fine-tuning, for every department and stick with it for three years. Is that how "
            "others do it?",
            "en",
            "misconception-one-or-other",
        ),
    ],
)
async def test_answered_not_declined(
    kb: KnowledgeBase, question: str, lang: Lang, source: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered and source in a.citations, a.citations
