"""Side questions from a round on qa/dev32: "what does it do?" in the sentence after the name
asks what it is, and so does a definition asked for by name; a quoted sentence's first word and
a weekday are no names; "콜당" is per request and "텐데" says nothing; "are we the kind of team
this helps?" asks whether the team fits; proof asked of a change of approach is the section on
such a change; an asking sentence pointed back at is not read twice; "고르다" is choosing; a bot
that forgets after so many messages has the context window's trouble; "해볼만함?" asks whether
it is worth it; "뭘로 시작해야" and a bare "what approach?" ask which approach fits; a template
that changes every week is a change of requirements, not of documents; no training data is a
need prompting meets; a price list is no price asked; "biggest" is a form of "big", "tho" and
"wouldnt" say nothing, and "basically free" asks what something costs; "Opus 쓸까 Sonnet 쓸까"
picks a tier."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.ask_part import asking_part
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.fits import FRESHNESS, NO_DATA, SPEED, scene_needs
from bot.knowledge.names import proper_names
from bot.knowledge.question import read_question
from bot.knowledge.symptoms import symptoms
from bot.knowledge.vocabulary import default_vocabulary
from bot.llm.offline import OfflineLanguageModel


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.mark.parametrize(
    "question",
    [
        "my manager mentions fine-tuning every week and I nod along. what does it really do?",
        "I keep hearing RAG on calls. so what is it exactly?",
        "Need a short definition of prompting for the newsletter",
        "파인튜닝 정의 한 줄로만 부탁드려요",
    ],
)
def test_asks_what_an_approach_is(question: str) -> None:
    assert read_question(question).what


@pytest.mark.parametrize(
    "question",
    [
        "we already run RAG in production. what does it cost us to keep the index fresh?",
        "fine-tuning came up. what does it matter for a team our size?",
    ],
)
def test_what_it_costs_or_matters_is_not_what_it_is(question: str) -> None:
    assert not read_question(question).what


def test_a_quoted_sentence_and_a_weekday_name_nothing() -> None:
    names = proper_names("from the dean: 'Please send a summary by Friday.' Also ask Pinecone")
    assert names == {"pinecone"}


def test_an_asking_sentence_pointed_back_at_is_read_once() -> None:
    ask_ = asking_part(
        "팀장님이 뭐라 하심.. 평가셋은 몇 개로 시작해요? "
        "그리고 이게 모델 고르는 거랑 같은 얘기예요?"
    )
    assert ask_ is not None and ask_.text.count("평가셋") == 1


@pytest.mark.parametrize(
    "text",
    [
        "our booking assistant forgets the guest's name after about 40 messages",
        "in long threads it forgets what we agreed on",
    ],
)
def test_forgetting_after_many_messages(text: str) -> None:
    assert "forgetting" in symptoms(text)


def test_a_template_that_changes_is_no_document_news() -> None:
    needs = scene_needs(
        "안내 메일 양식이 매주 바뀌고, 공지 톤도 자꾸 바뀌어요. 뭘로 시작해야 돼요?"
    )
    assert SPEED in needs and FRESHNESS not in needs


def test_a_denial_after_the_clause_is_not_the_needs() -> None:
    needs = scene_needs("양식이 거의 매주 바뀌고 학습용 데이터도 없어요. 뭘로 시작해야 돼요?")
    assert {SPEED, NO_DATA} <= set(needs)


@pytest.mark.parametrize(
    "text",
    [
        "a two-person bakery, no training data at all, recipes change monthly. what approach?",
        "we don't have any labelled examples yet. which one should we use?",
    ],
)
def test_no_training_data_is_a_need(text: str) -> None:
    assert NO_DATA in scene_needs(text)


def test_training_data_at_hand_is_no_lack() -> None:
    assert NO_DATA not in scene_needs("we have 5,000 reviewed examples. which one should we use?")


def test_a_price_list_asks_no_price() -> None:
    assert not read_question("메뉴판이랑 가격표를 프롬프트에 통째로 넣어도 되나요?").quantity
    assert not read_question("we paste our price list into the prompt. is that ok?").quantity
    assert read_question("가격이 얼마예요?").quantity


@pytest.mark.parametrize("word", ["biggest", "bigger"])
def test_a_doubled_consonant_is_another_form(word: str) -> None:
    assert default_vocabulary().knows(word)


@pytest.mark.parametrize(
    ("question", "lang", "source"),
    [
        (
            "harbour office here. people keep saying RAG in meetings and I just smile. "
            "what does it actually do?",
            "en",
            "definitions rag-basics",
        ),
        (
            "from our principal: 'Need a two-line definition of fine-tuning for the parents "
            "evening on Tuesday.' can anyone help?",
            "en",
            "definitions",
        ),
        (
            "RAG pipeline 얹으면 응답 latency랑 호출당 원가가 오를 텐데 "
            "그건 어떻게 따져 봐야 해요?",
            "ko",
            "",
        ),
        (
            "Our grant reports read differently depending on who drafts them, and we write "
            "dozens of near-identical ones a month. Are we the kind of team this helps?",
            "en",
            "faq-team-fit",
        ),
        (
            "상담 답변을 프롬프트에서 파인튜닝 방식으로 바꿨는데 위에서 정말 좋아졌는지 숫자로 "
            "증명하라네요. 어떻게 보여 줘야 하죠?",
            "ko",
            "cost-operations",
        ),
        (
            "we swapped the prompt on the intake bot and my director says it 'feels better'. "
            "how do I prove it actually improved?",
            "en",
            "cost-operations",
        ),
        (
            "팀장님이 '비싼 모델이면 다 된다'고 하심.. 모델 등급은 뭘 기준으로 골라요? 그리고 "
            "이게 RAG/파인튜닝 고르는 거랑 같은 얘기예요?",
            "ko",
            "model-tier",
        ),
        (
            "our concierge bot forgets the guest's room number after like 25 messages. why?",
            "en",
            "context-memory",
        ),
        (
            "저희 사무실 개발자 한 명도 없어요 ㅋㅋ 안내 문자를 매일 비슷하게 보내는데 "
            "직원마다 퀄리티가 들쭉날쭉.. 해볼만함?",
            "ko",
            "faq-team-fit",
        ),
        (
            "꽃집인데요, 카톡 답장 초안을 봇으로 쓰고 싶어요. 근데 양식이 매주 바뀌고 학습용 "
            "데이터도 없어요. 뭘로 시작해야 돼요?",
            "ko",
            "when-prompting",
        ),
        (
            "프롬프트에 환불 규정, 가격표, FAQ 다 한꺼번에 때려넣고 있는데 괜찮은 건가요?",
            "ko",
            "faq-context-layers context-memory",
        ),
        (
            "food truck, 2 ppl. want a bot to draft replies to catering requests but we have "
            "zero training data and we keep changing what the replies should say. what approach?",
            "en",
            "when-prompting",
        ),
        ("prompting is basically free, right? no training bill", "en", "cost-operations"),
        ("isn't prompting basically free? you just write text", "en", "cost-operations"),
        (
            "is the biggest model always the safe choice? nobody gets blamed for the top tier",
            "en",
            "model-tier",
        ),
        ("Opus 쓸까 Sonnet 쓸까 고민중인데 하루 주문 문의가 5천 건쯤 돼요", "ko", "model-tier"),
    ],
)
async def test_answered_not_declined(
    kb: KnowledgeBase, question: str, lang: Lang, source: str
) -> None:
    a = await ask(OfflineLanguageModel(), kb, question, lang)
    assert a.covered, question
    if source:
        # Either of the sections named (both explain a prompt with everything crammed in).
        assert a.citations[0] in source.split(), a.citations


async def test_a_myth_with_fine_tuned_in_it_is_no_switch(kb: KnowledgeBase) -> None:
    q = "our CTO in standup: 'fine-tuned models always beat prompted ones.' fact check?"
    a = await ask(OfflineLanguageModel(), kb, q, "en")
    assert a.covered and a.citations[0] != "cost-operations", a.citations
