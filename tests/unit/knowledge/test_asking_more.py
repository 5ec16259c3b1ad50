"""More of how people ask: what they quote, what they are in the middle of, "or is that the
other one's job?", what a comparison is for, a list pointed back at, and when they did
something, each read the same way in Korean and English."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.glossary import bridge
from bot.knowledge.question import read_question
from bot.knowledge.tokenize import is_query_filler
from bot.knowledge.vocabulary import default_vocabulary, off_topic
from bot.knowledge.words import content_words, quoted
from bot.llm.offline import OfflineLanguageModel


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # A claim someone made, quoted in the knowledge base's words, inside a scene told in
        # the user's own (a vendor, a warehouse system, call transcripts).
        (
            "our radiology vendor's onboarding deck claims 'fine-tuning always improves "
            "accuracy'. true?",
            "en",
        ),
        (
            "물류센터 WMS 연동 회의에서 누가 '파인튜닝하면 정확도는 무조건 오른다'고 "
            "하던데 맞는 말이에요?",
            "ko",
        ),
        (
            "인프라팀 스프린트 회고 때 '파인튜닝 정확도 향상은 보장된다'는 얘기가 "
            "나왔는데 사실이에요?",
            "ko",
        ),
    ],
)
async def test_a_quoted_claim_is_what_is_asked(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not off_topic(question, default_vocabulary())
    answer = await ask(lm, kb, question, lang)
    assert answer.covered
    assert "misconception-finetuning-accuracy" in answer.citations


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # What is quoted names nothing the knowledge base speaks of.
        ("what does 'learning rate' mean?", "en"),
        ("getting 'ModuleNotFoundError: No module named torch' on my M2 mac, any idea?", "en"),
    ],
)
async def test_a_quote_of_something_else_is_still_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not (await ask(lm, kb, question, lang)).covered


def test_quotes_are_read_where_they_open_and_close() -> None:
    assert quoted("what does 'output verification loop' mean?") == ["output verification loop"]
    assert quoted("윗선에서 '제일 큰 모델로 올리면 품질 오른다'라고 해요") == [
        "제일 큰 모델로 올리면 품질 오른다"
    ]
    # An apostrophe inside a word opens no quote; a single word is no claim.
    assert quoted("i'm not sure that's the point") == []
    assert quoted("someone called it 'overkill'") == []


def test_a_verb_before_jung_says_what_is_going_on() -> None:
    words = [w for w, _ in content_words("기획을 갈아엎는 중이라 모델을 바꾸는 중인데 중요한 중간")]
    assert "갈아엎는" not in words and "바꾸는" not in words
    # "중요", "중간" are words of their own.
    assert "중간" in words


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("스키마 설계 갈아엎는 중이라 RAG는 언제 붙이면 돼요?", "ko"),
        ("기획을 매주 뒤집는 중이에요. 이럴 땐 프롬프팅부터 시작하는 게 낫죠?", "ko"),
        ("we're in the middle of rewriting our schema. when should we add RAG?", "en"),
    ],
)
async def test_what_someone_is_in_the_middle_of_places_the_question(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert (await ask(lm, kb, question, lang)).covered


@pytest.mark.parametrize(
    "question",
    [
        "does RAG make every answer follow our house format, or is that a fine-tuning thing?",
        "RAG 붙이면 답변 포맷도 통일되나요? 아니면 그건 파인튜닝 몫인가요?",
        "프롬프트로 최신 문서까지 반영돼요? 아니면 그건 RAG가 할 일인가요?",
    ],
)
def test_or_is_that_the_other_ones_job_compares_them(question: str) -> None:
    q = read_question(question)
    assert q.comparison and len(q.sides) == 2
    # For the knowledge base's terms in what the first is asked to do.
    assert "answer" not in q.need


def test_or_is_that_the_other_ones_job_is_compared_for_what_is_asked() -> None:
    assert {"format", "형식"} <= set(read_question("does RAG fix the format, or is that FT?").need)
    need = set(read_question("RAG 붙이면 말투가 통일되나요? 아니면 그건 파인튜닝 영역인가요").need)
    assert {"tone", "consistency"} <= need


@pytest.mark.parametrize(
    "question",
    [
        # Weighed against something else, or only which to pick.
        "can you actually ship a production product on prompts + RAG, or is that prototype-only?",
        "prompt+RAG 조합으로 가요 아니면 처음부터 파인튜닝 박아요?",
    ],
)
def test_or_without_the_other_one_named_after_it_compares_nothing(question: str) -> None:
    assert not read_question(question).comparison


async def test_or_is_that_the_other_ones_job_answers_with_the_other_one(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    answer = await ask(
        lm, kb, "RAG 붙이면 답변 포맷도 통일되나요? 아니면 그건 파인튜닝 몫인가요?", "ko"
    )
    assert "파인튜닝" in answer.text and "일관" in answer.text


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("prompting vs fine-tuning for keeping every single answer in one fixed format?", "format"),
        ("RAG vs fine-tuning for making sure every reply has the same tone?", "tone"),
        # Unchanged: a need of one word.
        ("RAG vs fine-tuning for tone?", "tone"),
    ],
)
def test_what_a_comparison_is_for_runs_to_the_end_of_its_clause(question: str, wanted: str) -> None:
    assert wanted in read_question(question).need


@pytest.mark.parametrize(
    ("question", "comparison"),
    [
        ("what's the diff between prompting and RAG?", True),
        ("whats the real diff btw RAG and FT", True),
        ("프롬프팅이랑 RAG 차이가 뭐예요?", True),
        # One thing named: nothing to set side by side.
        ("how do I diff two prompt versions?", False),
    ],
)
def test_diff_sets_two_things_side_by_side(question: str, comparison: bool) -> None:
    assert read_question(question).comparison is comparison


@pytest.mark.parametrize(
    ("question", "lang", "fields"),
    [
        (
            "our support staff type requests to the bot however they like. which fields should "
            "we require?",
            "en",
            ("Purpose", "Reference material", "Output format"),
        ),
        (
            "agents paste requests in all sorts of ways. what should every request be required "
            "to include?",
            "en",
            ("Purpose", "Output format"),
        ),
        (
            "상담사마다 봇에 요청을 제각각 보내요. 어떤 항목을 필수로 받아야 하나요?",
            "ko",
            ("목적", "참고 자료", "출력 형식"),
        ),
    ],
)
async def test_a_sentence_pointing_back_at_a_list_comes_with_it(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, fields: tuple[str, ...]
) -> None:
    answer = await ask(lm, kb, question, lang)
    assert all(f in answer.text for f in fields)


def test_when_something_was_done_says_nothing_of_the_topic() -> None:
    assert all(is_query_filler(w) for w in ("ago", "later", "recently"))
    # "Next" asks for a step ("what's the next step after prompting?").
    assert not is_query_filler("next")


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("we picked prompting a year ago. do teams revisit that choice later?", "en"),
        ("we went RAG-only recently. is that locked in or do people switch later?", "en"),
        ("1년 전에 프롬프팅으로 정했는데 나중에 다시 검토하기도 하나요?", "ko"),
    ],
)
async def test_when_something_was_done_finds_no_section_on_later_decisions(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    answer = await ask(lm, kb, question, lang)
    assert answer.covered and "faq-input-contract" not in answer.citations


def test_loanwords_and_uniform_reach_the_knowledge_bases_terms() -> None:
    assert "format" in bridge("답변 포맷")
    assert "consistency" in bridge("말투 통일")
    assert "일관" in bridge("a uniform tone")


@pytest.mark.parametrize(
    ("question", "lang", "check"),
    [
        (
            "how can we tell it's time to fine-tune? our prompt keeps growing and gains have "
            "stalled",
            "en",
            "check your data",
        ),
        ("when is fine-tuning the wrong call?", "en", "check your data"),
        ("파인튜닝은 어떤 경우에 하는 게 좋아요?", "ko", "데이터부터 점검"),
    ],
)
async def test_when_an_approach_fits_comes_with_what_to_check_first(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, check: str
) -> None:
    answer = await ask(lm, kb, question, lang)
    assert answer.citations == ("when-fine-tuning",) and check in answer.text


async def test_what_to_check_first_is_not_added_to_a_question_of_what_it_is(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    assert "check your data" not in (await ask(lm, kb, "what is fine-tuning?", "en")).text


@pytest.mark.parametrize(
    "question",
    [
        "what signals tell us we should fine-tune?",
        "RAG를 붙여야 한다는 신호는 뭐예요?",
        "파인튜닝으로 넘어갈 징후 같은 게 있나요?",
    ],
)
def test_the_signs_that_it_is_time_ask_when(question: str) -> None:
    assert read_question(question).when


async def test_the_signs_that_it_is_time_are_its_cases(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    answer = await ask(lm, kb, "파인튜닝으로 넘어갈 징후 같은 게 있나요?", "ko")
    assert answer.citations == ("when-fine-tuning",)
    # The signs of a problem are still its symptoms.
    answer = await ask(
        lm, kb, "what are the signs of a hallucination problem in our RAG system?", "en"
    )
    assert answer.citations == ("rag-evaluation",)


@pytest.mark.parametrize(
    ("question", "what"),
    [
        ("RAG를 한 줄로 설명해 주세요", True),
        ("파인튜닝 한 줄 요약 부탁해요", True),
        ("prompting in one line?", True),
        # A line of a prompt, not an answer in one line.
        ("시스템 프롬프트 한 줄 고칠 때마다 다른 데가 깨져요. 이것도 비용인가요?", False),
    ],
)
def test_one_line_asks_what_it_is_only_of_the_answer(question: str, what: bool) -> None:
    assert read_question(question).what is what


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "프롬프팅으로 시작했는데 시스템 프롬프트 한 줄 고칠 때마다 다른 데가 깨져요. "
            "이것도 비용인가요?",
            "ko",
        ),
        (
            "prompting was supposed to be cheap, but every time we change one line of our "
            "3-page system prompt something breaks. is that a cost too?",
            "en",
        ),
    ],
)
async def test_a_line_of_a_prompt_is_asked_about_as_its_upkeep(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert (await ask(lm, kb, question, lang)).citations == ("cost-operations",)
