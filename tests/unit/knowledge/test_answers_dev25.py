"""Side questions from a round on qa/dev25: a doubt said of a claim ("smells like BS. Is it?")
is passed over to the claim; "are the same thing" sets two approaches side by side; a law
office is a place, not a legal question; "Opus or Sonnet for …?" asks which tier fits; "몇 년치
기록" tells how much there is; "worth it long-term" and "the training bill" ask what training
costs and returns; "where do we even start?" after a scene asks which approach fits it."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.ask_part import asking_part
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.law import about_law
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_a_doubt_said_of_a_claim_points_past_itself_to_the_claim() -> None:
    q = "Our supplier promised us that 'training always beats prompting'. Sounds fishy. True?"
    part = asking_part(q)
    assert part is not None and "always beats prompting" in part.claim


def test_a_law_office_is_no_legal_question() -> None:
    assert not about_law("Quick one from our law office: what does RAG actually do?")
    assert not about_law("법률사무소 사무장인데요, RAG가 뭐예요?")
    assert about_law("Is it legal under GDPR to fine-tune on customer emails?")


@pytest.mark.parametrize(
    ("question", "lang", "sources"),
    [
        (
            "Our supplier promised us that 'a custom-trained model is guaranteed to beat "
            "prompting on accuracy'. Sounds fishy. Is it?",
            "en",
            {"misconception-finetuning-accuracy"},
        ),
        (
            "Quick one from our notary office: a clerk insists RAG and fine-tuning are the same "
            "thing. Are they?",
            "en",
            {"definitions", "rag-basics"},
        ),
        ("Opus or Sonnet for ~500 short sorting jobs a day at our depot? 🤷", "en", {"model-tier"}),
        (
            "지난 몇 년치 상담 기록으로 봇을 학습시키면 지시 안 해도 우리 말투로 답하나요? 예시로 "
            "설명 부탁드려요",
            "ko",
            {"support-bot-example"},
        ),
        (
            "is the upfront training bill for fine-tuning worth it long-term? what do we get back?",
            "en",
            {"cost-operations", "when-fine-tuning"},
        ),
        (
            "we have zero examples to train on and the board changes what they want every month. "
            "where do we even start?",
            "en",
            {"when-prompting"},
        ),
        (
            "We need to change things fast, keep outputs stable and reflect the latest price "
            "lists. All three matter. Which do we start with?",
            "en",
            {"decision-matrix"},
        ),
    ],
)
async def test_answered_from_the_section_that_answers(
    kb: KnowledgeBase, question: str, lang: Lang, sources: set[str]
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered and a.citations[0] in sources, a.citations


async def test_long_term_memory_is_still_about_the_context(kb: KnowledgeBase) -> None:
    a = await ask(OfflineLanguageModel(), kb, "does the bot have long-term memory?", "en")
    assert a.citations[0] == "context-memory"


async def test_when_each_of_two_fits_is_answered_from_both_when_sections(kb: KnowledgeBase) -> None:
    question = (
        "관리팀장입니다. 보고용으로 프롬프팅이 나은 상황이랑 파인튜닝이 나은 상황을 나란히 "
        "비교해 주세요"
    )
    a = await ask(OfflineLanguageModel(), kb, question, "ko")
    assert set(a.citations) == {"when-prompting", "when-fine-tuning"}


async def test_proving_a_switch_of_method_helped_is_not_asked_of_rag(kb: KnowledgeBase) -> None:
    question = (
        "We moved our ticket replies from prompts to a fine-tuned model and people say it feels "
        "better. I wonder whether we can actually prove it helped?"
    )
    a = await ask(OfflineLanguageModel(), kb, question, "en")
    assert a.citations[0] == "cost-operations" and "rag-evaluation" not in a.citations
