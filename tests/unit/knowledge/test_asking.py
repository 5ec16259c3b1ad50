"""How people ask: chat words, scenes told before the question, what a question sets aside, and
what the knowledge base never covers (the law), each read the same way in Korean and English."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.knowledge.words import content_words
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # Chat words, and the other forms of filler ("says", "saying").
        ("my boss says RAG is overkill for a small team. legit?", "en"),
        ("our lead keeps saying fine-tuning always wins on accuracy, is that legit or nah", "en"),
        # Abbreviations, and a verb with its particle written as one word.
        ("is fine-tuning worth it ROI-wise?", "en"),
        ("what's the payoff of fine-tuning once it's running?", "en"),
        ("파인튜닝 ROI가 나오는 건 어떤 경우예요?", "ko"),
        ("we're on prompting/RAG now, when does FT make sense?", "en"),
        # Korean predicates that go on to another clause or a noun, and general nouns.
        ("프롬프트 길어지던데 비용이 늘긴 하나요?", "ko"),
        ("파인튜닝 전에 조심할 점이 뭐예요?", "ko"),
        # People and time place a question.
        ("our PM wants to know when fine-tuning pays off", "en"),
        ("작년부터 프롬프트만 쓰고 있는데 RAG는 언제 붙여요?", "ko"),
        ("quality varies a lot from person to person, which teams benefit most?", "en"),
    ],
)
async def test_how_people_chat_does_not_make_a_question_out_of_scope(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not off_topic(question, default_vocabulary())
    assert (await _ask(lm, kb, question, lang)).covered


def test_chat_words_and_general_nouns_say_nothing_of_the_topic() -> None:
    assert [w for w, _ in content_words("my manager says it's legit, nah?")] == []
    assert [w for w, _ in content_words("크던데 나오긴 조심할 점도")] == []
    v = default_vocabulary()
    assert v.knows("roi") and v.knows("ft") and v.knows("payoff") and v.knows("varies")
    # A verb and a particle the knowledge base never writes together stay unknown.
    assert not v.knows("workflow") and not v.knows("standup")


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("is it legal to fine-tune on scraped web data under copyright law?", "en"),
        ("do we need to be GDPR compliant when we put customer emails into RAG?", "en"),
        ("개인정보가 들어간 문서로 RAG 구축해도 법적으로 괜찮나요?", "ko"),
        ("파인튜닝 데이터에 고객 이름이 있으면 개인정보보호법 위반인가요?", "ko"),
    ],
)
async def test_what_the_law_allows_is_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not (await _ask(lm, kb, question, lang)).covered


async def test_a_legal_team_asking_about_the_approaches_is_answered(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    q = "We're a legal-ops team: the same twenty request types come in weekly. Prompts or training?"
    assert (await _ask(lm, kb, q, "en")).covered


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("what does fine-tuning mean in this context?", "en"),
        ("what's prompting in this context?", "en"),
        ("여기서 말하는 RAG가 뭐예요?", "ko"),
        ("이 맥락에서 파인튜닝이 뭐예요?", "ko"),
    ],
)
async def test_asking_what_a_word_means_here_gets_its_definition(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert read_question(question).what
    a = await _ask(lm, kb, question, lang)
    # RAG has a section of its own, which says what it is as the glossary does.
    assert a.citations[0] in (
        ("definitions", "rag-basics") if "RAG" in question else ("definitions",)
    )


def test_what_doing_something_changes_is_no_question_of_what_it_is() -> None:
    assert not read_question("RAG 붙이면 뭐가 달라져요?").what
    assert not read_question("CS봇을 상담 로그로 파인튜닝하면 뭐가 달라져요?").what
    assert read_question("파인튜닝이 뭐예요?").what


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("no data yet, is prompting the right place to begin?", "en"),
        ("is prompting a good starting point for a tiny team?", "en"),
        ("프롬프팅부터 시작해도 되나요? 데이터가 하나도 없어요", "ko"),
    ],
)
async def test_whether_to_start_with_an_approach_is_answered_by_when_it_fits(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert read_question(question).when
    # Where prompting fits, or the stages, which start with it.
    a = await _ask(lm, kb, question, lang)
    assert a.citations in (("when-prompting",), ("staged-evolution",)), a.citations
    assert "prompting" in a.text.casefold() or "프롬프팅" in a.text


def test_the_approach_set_aside_is_not_what_a_question_asks_about() -> None:
    assert read_question("when should we fine-tune instead of prompting?").sides == ("fine-tuning",)
    assert read_question("프롬프트 대신 파인튜닝은 언제 해요?").sides == ("fine-tuning",)
    assert read_question("RAG rather than fine-tuning, when?").sides == ("rag",)
    # Told where they are, asked about the next one.
    assert read_question("we're on prompts + RAG now. at what point do we fine-tune?").sides == (
        "fine-tuning",
    )
    # A comparison keeps both sides.
    assert read_question("we use RAG. how is fine-tuning different from RAG?").comparison


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "our outputs vary a lot between people, so should we standardise how requests look?",
            "en",
        ),
        ("our outputs vary a lot between people; should we standardise the requests?", "en"),
        ("사람마다 요청을 다르게 써서 결과가 들쭉날쭉한데, 요청 양식을 통일해야 하나요?", "ko"),
    ],
)
async def test_the_scene_told_before_the_question_weighs_less_than_what_it_asks(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert read_question(question).scene
    assert (await _ask(lm, kb, question, lang)).citations == ("faq-input-contract",)


def test_a_question_about_the_scene_itself_keeps_all_of_it() -> None:
    assert not read_question(
        "규정이 분기마다 바뀌어요. 이런 경우 RAG vs 파인튜닝 뭐가 맞아요?"
    ).scene
    assert not read_question(
        "tone has to be identical across 10k replies, so prompting or FT?"
    ).scene
