"""Side questions from a round on qa/dev26: "I'm sceptical" is a doubt that points past itself
to the claim before it; a bot that forgets early rules after chatting at length in a thread has
the context window's trouble; asked in which situations each of two approaches wins, the
answer opens with each one's own summary of when it fits, in the order the question names
them."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.knowledge.ask_part import asking_part
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.fits import scene_needs
from bot.knowledge.law import about_law
from bot.knowledge.symptoms import symptoms
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize("doubt", ["I'm sceptical.", "I'm a bit skeptical tbh.", "반신반의예요."])
def test_a_doubt_points_past_itself_to_the_claim(doubt: str) -> None:
    q = f"Our IT guy says a trained model always beats prompting. {doubt} Is that true?"
    part = asking_part(q)
    assert part is not None and "always beats prompting" in part.claim


async def test_a_doubted_claim_of_fine_tunings_accuracy_is_answered(kb: KnowledgeBase) -> None:
    q = (
        "My brother-in-law (we run a bakery together) says fine-tuned models are always more "
        "accurate than prompted ones. I'm sceptical. Is that actually true?"
    )
    a = await ask(OfflineLanguageModel(), kb, q, "en")
    assert a.covered and a.citations[0] == "misconception-finetuning-accuracy"


async def test_forgetting_early_rules_in_a_long_thread_is_the_context(kb: KnowledgeBase) -> None:
    q = (
        "학원 원장입니다. 공지문 쓰는 봇이랑 한 스레드에서 오래 얘기하다 보면 처음에 정한 "
        "말투 규칙을 자꾸 까먹어요. 왜 그래요?"
    )
    assert "forgetting" in symptoms(q)
    a = await ask(OfflineLanguageModel(), kb, q, "ko")
    assert a.covered and a.citations[0] == "context-memory"


@pytest.mark.parametrize(
    ("question", "lang", "first", "second"),
    [
        (
            "Ferry office here. Could you compare prompting vs fine-tuning, i.e. in which "
            "situations each one wins? It's for a board slide",
            "en",
            "Prompting is the natural first choice",
            "Fine-tuning earns its upfront cost",
        ),
        (
            "제과 공장 품질팀입니다. 파인튜닝이랑 프롬프팅이 각각 어떤 상황에서 유리한지 비교해 "
            "주실 수 있나요?",
            "ko",
            "파인튜닝할 가치가 있습니다",
            "프롬프팅부터 시작하는 것이 자연스럽습니다",
        ),
    ],
)
async def test_each_side_opens_with_its_own_summary_of_when_it_fits(
    kb: KnowledgeBase, question: str, lang: str, first: str, second: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, "en" if lang == "en" else "ko")
    assert set(a.citations) == {"when-prompting", "when-fine-tuning"}
    assert first in a.sentences[0].text and second in a.sentences[1].text


async def test_when_one_pays_off_against_the_other_is_not_asked_of_each(
    kb: KnowledgeBase,
) -> None:
    q = "when does fine-tuning actually pay off vs just writing better prompts?"
    a = await ask(OfflineLanguageModel(), kb, q, "en")
    assert a.citations[0] == "when-fine-tuning" and "when-prompting" not in a.citations


def test_family_by_marriage_is_no_law() -> None:
    assert not about_law("my mother-in-law runs the shop with me: what is RAG, simply?")
    assert not about_law("our in-laws co-own the bakery. is prompting enough for us?")
    assert about_law("what do the laws on customer data say about training on chats?")


@pytest.mark.parametrize(
    "text",
    [
        "our prompt is now like 5 pages long",
        "we have a giant system prompt nobody dares touch",
        "every tweak we make breaks something else",
        "프롬프트가 A4 4장이 넘어가요",
        "프롬프트 하나 고치면 다른 데가 깨져요",
    ],
)
def test_a_prompt_grown_past_upkeep_is_a_trouble(text: str) -> None:
    assert "sprawling-prompt" in symptoms(text)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "boatyard office ⛵ our prompt for the quote bot is 6 pages now and every edit breaks "
            "something else. is that normal, cost-wise?",
            "en",
        ),
        ("꽃집 주문봇 프롬프트가 너무 길어져서 하나 고치면 딴 데가 깨져요. 원래 이런가요?", "ko"),
    ],
)
async def test_a_sprawling_prompt_is_answered_by_its_upkeep(
    kb: KnowledgeBase, question: str, lang: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, "en" if lang == "en" else "ko")
    assert a.citations[0] == "cost-operations"
    assert "maintain" in a.sentences[0].text or "유지보수" in a.sentences[0].text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "구청 세무과예요. 지방세 안내 지침이 수시로 개정돼서 답변에 최신 규정이 반영돼야 해요. "
            "이럴 땐 RAG로 가는 게 맞나요?",
            "ko",
        ),
        (
            "harbour office: our tide notices are updated every day and answers must use the "
            "latest one. is RAG the right call here?",
            "en",
        ),
    ],
)
async def test_whether_the_approach_named_fits_the_scene(
    kb: KnowledgeBase, question: str, lang: str
) -> None:
    assert scene_needs(question) == ("freshness",)
    a = await ask(OfflineLanguageModel(), kb, question, "en" if lang == "en" else "ko")
    assert a.citations[0] == "rag-basics"


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("we moved the bot from prompts to RAG in spring but never measured anything", True),
        ("평가 없이 파인튜닝으로 갈아탔는데 괜찮을까요?", True),
        ("프롬프트를 RAG로 바꿨는데 테스트는 안 했어요", True),
        ("we switched to RAG and ran our eval set before and after", False),
    ],
)
def test_a_switch_with_nothing_to_measure_it_by(text: str, told: bool) -> None:
    assert ("unmeasured-switch" in symptoms(text)) is told


async def test_an_unmeasured_switch_is_answered_by_no_evaluation_no_proof(
    kb: KnowledgeBase,
) -> None:
    q = (
        "Parish office here. We changed the newsletter bot from one approach to another and it "
        "seems nicer, but we never did any evaluation. Does that matter?"
    )
    a = await ask(OfflineLanguageModel(), kb, q, "en")
    assert a.citations[0] == "cost-operations" and "demonstrate" in a.sentences[0].text
