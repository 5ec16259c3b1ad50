"""How side questions are read and which sections answer them: "is X really just <adjective>?"
is a belief a myth's section corrects; "X가 정확히 뭘 하는 거예요?" asks what X is; three
approaches set side by side each get their own line; a section the question names by its title
answers alone; a comparative of a chat word ("dumber") names nothing; and a question whose known
words single out one section far ahead of the others is answered from it, whatever its scene
says in words of its own."""

from __future__ import annotations

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.knowledge.words import chatter
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


# -- beliefs and definitions -------------------------------------------------------------------


def test_just_an_adjective_is_a_belief() -> None:
    assert read_question("is RAG really only temporary?").belief
    assert read_question("is prompting just disposable? asking for our roadmap").belief
    # What it does, in a gerund, says what it is.
    assert not read_question("is prompting just writing clearer instructions?").belief


def test_what_an_approach_does_asks_what_it_is() -> None:
    assert read_question("파인튜닝이 대체 뭘 하는 거예요?").what
    assert read_question("RAG가 정확히 뭘 하는 건데요?").what


async def test_a_belief_in_an_adjective_is_corrected_by_its_myth(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(
        lm,
        kb,
        "our CTO says prompts are a hack until we train. is prompting really just temporary?",
        "en",
    )
    assert a.covered
    assert a.citations == ("misconception-prompting-temporary",)


# -- three sides, and a section named by its title ----------------------------------------------


async def test_three_sides_each_get_a_line(lm: OfflineLanguageModel, kb: KnowledgeBase) -> None:
    a = await _ask(
        lm,
        kb,
        "RAG vs prompting vs fine-tuning: which touches the weights, which the request, which the"
        " material? a line for each",
        "en",
    )
    assert a.citations == ("definitions",)
    text = a.text.casefold()
    assert "weights" in text and "retrieval" in text and "input" in text


async def test_a_section_named_by_its_title_answers_alone(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(
        lm, kb, "be honest, does the choice between prompting and fine-tuning even matter?", "en"
    )
    assert a.citations == ("why-it-matters",)


# -- chat words and a scene in words of its own ------------------------------------------------


def test_a_comparative_of_a_chat_word_names_nothing() -> None:
    assert chatter("dumber") and chatter("silliest") and chatter("somehow")
    assert not chatter("faster") and not chatter("user")


def test_a_comparative_of_a_chat_word_keeps_a_question_in_scope() -> None:
    assert not off_topic(
        "somehow our fine-tuned model got dumber than the plain model with a good prompt. why?",
        default_vocabulary(),
    )


async def test_a_section_singled_out_answers_a_chatty_scene(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(
        lm,
        kb,
        "디스코드 채널에서 대화가 길어지니까 봇이 처음 정한 규칙을 슬그머니 잊어버려요. 원래 그런"
        " 건가요? 컨텍스트 윈도우 때문인가요?",
        "ko",
    )
    assert a.covered
    assert a.citations == ("context-memory",)


async def test_a_product_the_knowledge_base_does_not_know_still_declines(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    a = await _ask(lm, kb, "Weaviate랑 Milvus 중에 RAG 인덱스로 뭐가 더 빨라요?", "ko")
    assert not a.covered
