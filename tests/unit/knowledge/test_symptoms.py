"""A trouble the knowledge base explains, told in the user's words (the bot forgetting what was
agreed, everything crammed into one prompt, answers made up), is answered from the section
that explains it, whatever trade the scene is in; what an acronym stands for asks what it is;
a release date, which the knowledge base never gives, is declined."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.symptoms import symptoms
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("대화가 길어지면 봇이 처음에 정한 규칙을 잊어버려요", "forgetting"),
        ("our helpdesk bot loses track once a chat gets long", "forgetting"),
        ("it forgets the naming rules we set at the start", "forgetting"),
        ("매뉴얼을 통째로 프롬프트에 때려넣고 있어요", "crammed-prompt"),
        ("we dump the whole wiki into every prompt", "crammed-prompt"),
        ("the retrieval bot keeps making things up", "made-up-answers"),
        ("RAG 봇이 없는 조항을 지어내요", "made-up-answers"),
    ],
)
def test_troubles_are_read_in_the_users_words(text: str, told: str) -> None:
    assert told in symptoms(text)


@pytest.mark.parametrize(
    "text", ["we make up our minds next week", "대화 기록은 남겨요", "what is a prompt?"]
)
def test_other_words_tell_no_trouble(text: str) -> None:
    assert symptoms(text) == ()


@pytest.mark.parametrize(
    ("question", "lang", "sections"),
    [
        (
            "양조장 재고 문의 봇인데, 대화가 길어지니까 앞에서 정한 표기 방식을 자꾸 까먹어요. "
            "왜 그래요?",
            "ko",
            {"context-memory"},
        ),
        (
            "our ticket desk bot loses track of what the caller said 30 messages ago. why?",
            "en",
            {"context-memory"},
        ),
        (
            "가게 규정이랑 메뉴판을 전부 프롬프트에 때려넣고 있는데 이래도 돼요?",
            "ko",
            {"context-memory", "faq-context-layers"},
        ),
        (
            "our library's RAG assistant has started making up book titles. how do we dig into "
            "that?",
            "en",
            {"rag-evaluation"},
        ),
    ],
)
async def test_a_trouble_is_answered_from_the_section_that_explains_it(
    kb: KnowledgeBase, question: str, lang: Lang, sections: set[str]
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered
    assert a.citations and a.citations[0] in sections


def test_a_belief_about_another_approach_is_not_sent_to_the_rag_playbook(
    kb: KnowledgeBase,
) -> None:
    # Made-up answers asked of fine-tuning are a claim about fine-tuning, not a RAG symptom.
    q = "파인튜닝하면 hallucination이 무조건 없어지는 거 맞죠?"
    assert "made-up-answers" in symptoms(q)
    assert kb.search(q, k=1)[0].id != "rag-evaluation"


@pytest.mark.parametrize(
    "question", ["RAG 약자가 뭐예요?", "RAG 가 뭔 약자예요?", "what does RAG stand for?"]
)
async def test_what_an_acronym_stands_for_asks_what_it_is(kb: KnowledgeBase, question: str) -> None:
    q = read_question(question)
    assert q.what and q.sides == ("rag",) and not q.term
    a = await ask(OfflineLanguageModel(), kb, question, None)
    # The glossary or the section on RAG, which opens with what the letters stand for.
    assert a.citations[0] in ("definitions", "rag-basics")
    assert "retrieval-augmented generation" in a.text.casefold() or "검색 증강 생성" in a.text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("When was Claude Opus 4.6 released?", "en"),
        ("Sonnet 4.6 출시일이 언제예요? 회의 자료에 넣으려고요", "ko"),
        ("다음 Opus는 언제쯤 출시돼요?", "ko"),
    ],
)
async def test_a_release_date_is_declined(kb: KnowledgeBase, question: str, lang: Lang) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert not a.covered and a.citations == ()


async def test_asking_which_tier_fits_is_still_answered(kb: KnowledgeBase) -> None:
    a = await ask(OfflineLanguageModel(), kb, "Opus랑 Sonnet 중에 우리 작업엔 뭐가 맞아요?", "ko")
    assert a.covered and a.citations[0] == "model-tier"
