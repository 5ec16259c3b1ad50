"""Questions as people write them in Slack: apologies, hedges, who is asking and how they want
it put say nothing of what is asked. An in-scope question full of them is answered; an
out-of-scope one full of them is still declined."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.answer import NOT_COVERED
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.knowledge.words import chatter, unframed
from bot.llm.offline import OfflineLanguageModel

IN_SCOPE: list[tuple[str, Lang]] = [
    (
        "Sorry, probably a dumb question, but does fine-tuning literally change the model itself?",
        "en",
    ),
    (
        "ops lead here 👋 honestly, can we skip straight to RAG? nobody mentions starting "
        "with prompts",
        "en",
    ),
    (
        "our consultant keeps saying fine-tuning is magic. sounds too good, is it literally "
        "always more accurate?",
        "en",
    ),
    ("sorry if this is obvious, but in plain English, what does RAG add to a model?", "en"),
    (
        "kinda confused tbh, everybody mentions prompting costs nothing. is that seriously true "
        "once prompts get long?",
        "en",
    ),
    (
        "sorry, I'm probably overthinking it: we get 40k near-identical requests a day, is "
        "fine-tuning the right call?",
        "en",
    ),
    ("죄송한데 RAG가 뭐의 줄임말인지 비개발자 눈높이로 설명해 주실 수 있나요?", "ko"),
    ("CS팀 매니저예요. 다들 얘기하는 RAG가 뭔지 비개발자 눈높이로 알려주실 수 있나요?", "ko"),
    ("다들 파인튜닝 얘기만 하던데 솔직히 프롬프팅으로 먼저 시작하면 안 되나요?", "ko"),
    ("엄청 궁금했는데요, 한 군데 고치면 딴 데서 터지는 긴 프롬프트는 어떻게 관리해요?", "ko"),
    (
        "프롬프트 v2에서 v3로 바꿨는데 다들 좋아졌다고만 하네요. 진짜 나아졌는지 어떻게 확인해요?",
        "ko",
    ),
]

OUT_OF_SCOPE: list[tuple[str, Lang]] = [
    (
        "Sorry if this is a dumb question, but which vector DB is literally the best, "
        "Pinecone or Qdrant?",
        "en",
    ),
    (
        "ML engineer here — honestly, what LoRA rank and learning rate would you start "
        "with for a 7B model?",
        "en",
    ),
    ("infra lead here, which GPU should we rent for fine-tuning, A100 or H100? sorry lol", "en"),
    (
        "legal ops lead here: is it GDPR compliant to fine-tune on customer emails? "
        "nobody seems sure",
        "en",
    ),
    ("as a PM, I just want to know: how much does Opus cost per million tokens?", "en"),
    ("sorry, dumb question, but did the Lakers win last night? nobody mentions it", "en"),
    ("HR manager here: how many vacation days do new hires get, literally?", "en"),
    ("Slack admin here 👋 kinda stuck, how do we set the bot's OAuth scopes?", "en"),
    (
        "backend dev here. sorry, why is Spring Boot's @Transactional ignored on internal calls?",
        "en",
    ),
    ("what's the weather in Seoul tomorrow? sorry, in plain English lol", "en"),
    ("죄송한데 혹시 벡터DB 뭐로 해야 돼요? Pinecone이랑 Qdrant 얘기가 나와서요", "ko"),
    ("죄송한데 LoRA rank 몇으로 잡는 게 맞을까요? 다들 16이라고 하던데", "ko"),
    ("인프라팀입니다. 쿠버네티스에서 GPU 노드 오토스케일링 어떻게 설정해요?", "ko"),
    ("법무팀인데요 고객 데이터로 파인튜닝하면 개인정보보호법 위반인가요?", "ko"),
    ("마케팅팀입니다~ 다음 주 서울 날씨 어때요? 다들 궁금해해서요", "ko"),
    ("정말 죄송한데 어제 야구 경기 몇 대 몇이었어요?", "ko"),
    ("인사팀인데요 혹시 연차 며칠인지 아시는 분? 죄송해요", "ko"),
    ("저는 백엔드 개발자인데요 스프링 부트 트랜잭션이 안 먹어요 왜 그럴까요", "ko"),
]


@pytest.mark.parametrize(("question", "lang"), IN_SCOPE)
async def test_an_in_scope_question_full_of_chat_is_answered(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not off_topic(question, default_vocabulary())
    a = await ask(lm, kb, question, lang)
    assert a.covered and a.citations


@pytest.mark.parametrize(("question", "lang"), OUT_OF_SCOPE)
async def test_an_out_of_scope_question_full_of_chat_is_still_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    a = await ask(lm, kb, question, lang)
    assert not a.covered and a.text == NOT_COVERED[lang] and a.citations == ()


CHAT_EN = ["sorry", "literally", "nobody", "ourselves", "mentions", "sounds", "overthinking"]
CHAT_KO = ["죄송한데", "다들", "얘기가", "말하는", "뭐로", "뭐의", "몇으로", "데서", "군데"]


@pytest.mark.parametrize("word", [*CHAT_EN, "ok-ish", "v3", *CHAT_KO, "학기마다"])
def test_words_said_around_a_question_name_nothing(word: str) -> None:
    assert chatter(word)


@pytest.mark.parametrize(
    "word",
    [
        "latency",
        "pipeline",
        "vector",
        "gpu",
        "pasting",
        "우선순위",
        "엔지니어링이랑",
        "아마존",
        "왜곡",
    ],
)
def test_words_that_name_a_thing_are_not_chat(word: str) -> None:
    assert not chatter(word)


def test_who_asks_and_how_to_put_it_are_set_aside_and_the_question_kept() -> None:
    assert "manager" not in unframed(
        "hey all, claims manager here 👋 what's RAG, in plain English?"
    )
    assert "RAG" in unframed("hey all, claims manager here 👋 what's RAG, in plain English?")
    assert "English" not in unframed("what's RAG, in plain English?")
    assert "PM" not in unframed("retail PM. is prompting enough for us?")
    assert "팀" not in unframed("물류팀인데요 RAG가 뭐예요?")
    assert "RAG가" in unframed("물류팀인데요 RAG가 뭐예요?")
    # A sentence that asks, with the approaches in it, is no introduction.
    asked = "Fine-tuning for the support team: when does it pay off?"
    assert unframed(asked) == asked
