"""Side questions from a round on qa/dev27, where in-scope questions were declined: "몰라요ㅠㅠ"
ends a sentence; a GM is a role, not a product; how to prove a vendor's fix helped is asked
across the message; a price someone else named ("업체는 월 사용료만 보면 된다는데") is not asked;
answers "from our current hours" or that "show where the info came from" need what retrieval
gives; "…, fine-tuning or RAG?" picks between the approaches named, but the difference between
two aims does not."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.ask_part import sentences
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.fits import scene_needs
from bot.knowledge.question import read_question
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_a_sigh_after_a_korean_sentence_ends_it() -> None:
    told = sentences("직원들이 AI는 하나도 몰라요ㅠㅠ 이런 팀도 해볼 만한가요?")
    assert told == ["직원들이 AI는 하나도 몰라요", "이런 팀도 해볼 만한가요?"]


def test_a_price_someone_else_named_is_not_asked() -> None:
    q = "비용은 뭘 재야 돼요? 업체는 월 사용료만 보면 된다는데 그걸로 충분한가요?"
    assert not read_question(q).price
    assert read_question("월 사용료가 얼마예요?").price


@pytest.mark.parametrize(
    ("question", "needs"),
    [
        (
            "we want the bot to answer from our current opening hours and show where the info "
            "came from. which approach is that?",
            ("freshness",),
        ),
        (
            "our prices and stock change weekly. for a bot that answers with current info, "
            "fine-tuning or RAG?",
            ("freshness",),
        ),
        (
            "What is the practical difference between aiming for quick improvement vs "
            "consistent output, when we decide prompting or fine tuning?",
            (),
        ),
    ],
)
def test_the_needs_of_a_scene(question: str, needs: tuple[str, ...]) -> None:
    assert scene_needs(question) == needs


@pytest.mark.parametrize(
    ("question", "lang", "source"),
    [
        (
            "태권도장 관장인데 사범님들이 컴퓨터를 잘 몰라요ㅠㅠ 이런 팀도 해볼 만한가요? "
            "어떤 팀이 효과를 빨리 본다 이런 기준 있어요?",
            "ko",
            "faq-team-fit",
        ),
        (
            "tire shop, our GM asks: fine-tuning costs money up front — what do we get back "
            "for it, and how could we waste it?",
            "en",
            "cost-operations",
        ),
        (
            "city parks office. the vendor 'fixed' our permit RAG bot and swears it's better "
            "now. how do we actually prove that?",
            "en",
            "rag-evaluation",
        ),
        (
            "주유소 총무팀이에요. 안내봇 비용 쪽은 뭘 재야 돼요? 업체는 월 사용료만 보면 "
            "된다는데 그걸로 충분한가요?",
            "ko",
            "operator-checklist",
        ),
        (
            "county museum 🏛 we want the chatbot to answer from our current exhibit hours and "
            "show where the info came from. which approach is that?",
            "en",
            "rag-basics",
        ),
    ],
)
async def test_answered_not_declined(
    kb: KnowledgeBase, question: str, lang: Lang, source: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered and a.citations[0] == source, a.citations
