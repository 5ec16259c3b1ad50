"""Side questions whose ask is found by how the message is built: a request without a question
mark, a question after a scene, a claim someone made followed by "is that right?". What is
asked decides whether the knowledge base covers it, whatever the chat around it says; a price,
a product or a term it never names is still declined. Then what such questions want: what each
approach is for, why one would add another, why prompting comes first, each approach's item of
a list, an example told each way."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.answer import NOT_COVERED
from bot.knowledge.ask_part import asking_part, reason_asked
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.question import read_question
from bot.knowledge.words import asking_sentences
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


# -- the ask, found by structure ------------------------------------------------------------------


def test_the_ask_is_the_sentence_that_asks_or_requests() -> None:
    # A Korean request ending asks, though no question mark closes it.
    a = asking_part("RAG 한 줄로 설명 부탁드립니다. 저는 영업 담당이라 기술을 잘 몰라요")
    assert a is not None and a.text.startswith("RAG")
    assert "영업" in a.scene
    # A question that only points back carries the claim it points at, without who made it.
    b = asking_part("a vendor told us prompting is only a temporary fix. does that hold up?")
    assert b is not None and b.claim.startswith("prompting is only")
    assert "vendor" not in b.text
    # A sentence that goes on from the question is part of it ("그럼 …").
    asked = asking_sentences(
        "파인튜닝하면 말투는 알아서 맞춰지죠? 그럼 프롬프트는 이제 안 고쳐도 되겠네요"
    )
    assert "그럼" in asked
    # "Why does everyone say X?" asks why X.
    assert reason_asked("why do folks keep saying to start with prompting?").startswith(
        "why start with prompting"
    )


@pytest.mark.parametrize(
    ("question", "lang", "section"),
    [
        # A request with the asker's role told after it.
        ("RAG 한 줄로 설명 부탁드립니다. 저는 영업 담당이라 기술을 잘 몰라요", "ko", "definitions"),
        (
            "please explain RAG briefly. I work in procurement and I'm not technical",
            "en",
            "definitions",
        ),
        # Whether a team like the one described should adopt it.
        (
            "우리 회계팀은 코딩할 줄 아는 사람이 없어요. 매달 비슷한 보고서를 수십 건 쓰는데 "
            "사람마다 품질이 달라요. 이런 팀도 해볼 만한가요?",
            "ko",
            "faq-team-fit",
        ),
        # A claim someone made, then whether it holds.
        (
            "someone in our standup claimed that once the model is fine-tuned we won't need "
            "retrieval anymore since it already knows our docs. does that hold?",
            "en",
            "",
        ),
        ("옆팀 말로는 요청 양식 통일하는 건 시간 낭비래요. 그런가요?", "ko", "faq-input-contract"),
    ],
)
async def test_what_is_asked_decides_whatever_the_chat_around_it(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, section: str
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.covered, question
    assert not section or section in a.citations


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # The claim to check is about things the knowledge base never names.
        ("my director insists Kubernetes is overkill for us. is that true?", "en"),
        ("컨설턴트가 랭체인이 라마인덱스보다 낫다고 하던데 사실인가요?", "ko"),
        # What is asked about, after a scene in the knowledge base's words, is something else.
        (
            "we're a tiny HR crew with zero engineers. which payroll software should a team "
            "like ours use?",
            "en",
        ),
        # Which of a kind of thing it never names, whoever asks.
        ("we run a bakery. which oven is best for people like us?", "en"),
        ("우리 회계팀은 개발자가 없어요. 이런 팀은 어떤 회계 프로그램을 써야 해요?", "ko"),
        # A term outside the knowledge base, asked in one line.
        ("explain blockchain in one line please", "en"),
        ("블록체인 한 줄 요약 부탁드려요", "ko"),
    ],
)
async def test_an_ask_about_something_else_is_still_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert not a.covered, question
    assert a.text == NOT_COVERED[lang]


# -- prices ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # A model's version is no end of the sentence that asks the price.
        ("how much does Claude Opus 4.6 cost per million input tokens?", "en"),
        ("what does Claude Opus 4.6 cost per 1M output tokens?", "en"),
        ("Claude Sonnet 4.6 가격이 백만 토큰당 얼마인가요?", "ko"),
        ("Sonnet 4.6 한 달 구독료 얼마예요?", "ko"),
    ],
)
async def test_a_price_is_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert not a.covered, question


def test_a_price_is_asked_only_by_the_sentence_that_asks() -> None:
    told = read_question(
        "my boss thinks RAG is just fine-tuning at a lower price. what is each one for?"
    )
    assert not told.price and not told.quantity
    assert read_question("fine-tuning sounds great. what's the price per 1k tokens?").price


# -- what each is for, why add one, why prompting first ------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("prompting vs fine-tuning: what is each one good for?", "en"),
        ("프롬프팅이랑 파인튜닝은 용도가 어떻게 달라요?", "ko"),
        ("a colleague says prompting and fine-tuning are the same thing. what are they for?", "en"),
    ],
)
async def test_what_each_is_for_is_the_goal_each_serves(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert "why-it-matters" in a.citations
    text = a.text.casefold()
    assert any(w in text for w in ("quick", "빠르")) and any(
        w in text for w in ("consistent", "일관")
    )


@pytest.mark.parametrize(
    ("question", "lang", "section", "said"),
    [
        (
            "our prompts already do the job, so why would we bother adding RAG on top?",
            "en",
            "rag-basics staged-evolution",
            "up-to-date latest",
        ),
        (
            "프롬프트로 충분히 잘 되는데 파인튜닝을 굳이 추가할 이유가 있어요?",
            "ko",
            "when-fine-tuning",
            "일관",
        ),
    ],
)
async def test_why_add_an_approach_is_what_it_adds(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, section: str, said: str
) -> None:
    q = read_question(question)
    assert q.when and not q.comparison
    a = await _ask(lm, kb, question, lang)
    # What it adds, from the section on it or from the stage that adds it.
    assert set(section.split()) & set(a.citations)
    assert any(w in a.text for w in said.split())


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("why is it recommended to start with prompting before fine-tuning?", "en"),
        ("why do people always say to begin with prompting?", "en"),
        ("다들 파인튜닝 전에 프롬프팅 먼저 해보라고 하는데 이유가 뭐예요?", "ko"),
    ],
)
async def test_why_prompting_first_is_answered_from_the_stages(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert "staged-evolution" in a.citations
    assert any(w in a.text for w in ("quality ceiling", "품질 상한"))


# -- each approach, each way -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("what are the costs of each approach, prompting and fine-tuning?", "en"),
        ("is fine-tuning pricey? and are prompts really cheap to run?", "en"),
        ("프롬프팅이랑 파인튜닝 각각 숨은 비용이 뭐예요?", "ko"),
    ],
)
async def test_a_list_through_the_approaches_gives_each_ones_item(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert "cost-operations" in a.citations
    assert any(w in a.text for w in ("upfront", "처음에 학습 비용"))
    assert any(w in a.text for w in ("maintain", "유지보수"))


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("give me an example of prompting vs fine-tuning, say for an internal IT helpdesk", "en"),
        ("프롬프팅이랑 파인튜닝 차이 예시로 보여주세요. 사내 상담봇 같은 걸로요", "ko"),
    ],
)
async def test_an_example_set_somewhere_is_told_each_way(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert read_question(question).need == ()
    a = await _ask(lm, kb, question, lang)
    assert a.citations[0] == "support-bot-example"
    assert any(w in a.text for w in ("friendly", "친절"))
