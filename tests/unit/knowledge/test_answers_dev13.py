"""Side questions whose answer quoted a section beside the one that answers them, or declined what
the knowledge base covers: a comparison that asks which one fits the situation told around it is
answered by when each fits, not by what each is; an answer wanted "in one line" asks what a thing
is only when nothing else is asked; "그만한 값어치가 있나요?" weighs what was told before it; "at
which point", "어떤 시점에" ask when; "Legal here." names who asks; a question about two approaches,
each on its own, is not named by a section about one; the approaches named only in "before we pick
X vs Y" set no comparison; a when-question about one approach is answered from its cases."""

from __future__ import annotations

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.ports import Answer
from bot.knowledge.ask_part import asking_part, which_of
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.glossary import plainly
from bot.knowledge.question import read_question
from bot.knowledge.words import unframed
from bot.llm.offline import OfflineLanguageModel


async def _ask(lm: OfflineLanguageModel, kb: KnowledgeBase, q: str, lang: Lang) -> Answer:
    return await ask(lm, kb, q, lang)


# -- which one fits ----------------------------------------------------------------------------


def test_which_one_fits_is_a_verdict_and_how_they_differ_is_not() -> None:
    assert read_question(
        "가격표가 매일 바뀌어서 봇이 최신 자료로 답해야 해요. 파인튜닝이랑 RAG 중에 뭐가 맞아요?"
    ).verdict
    assert read_question("our FAQ changes weekly. prompting vs RAG, which should we use?").verdict
    # How they differ, what each is, or one's property: no verdict asked.
    assert not read_question("파인튜닝이랑 RAG 차이가 뭐예요?").verdict
    assert not read_question("RAG vs fine-tuning: which one actually touches the weights?").verdict
    # "The exact same structure" is the situation, not a question whether they are the same.
    assert read_question(
        "every reply must have the exact same structure. prompting vs fine-tuning, which is the "
        "better fit?"
    ).verdict


@pytest.mark.parametrize(
    ("question", "lang", "said"),
    [
        (
            "저희 FAQ 문서가 매주 바뀌고 봇은 늘 최신 내용으로 답해야 해요. RAG랑 파인튜닝 중에 "
            "뭐가 맞아요?",
            "ko",
            "최신",
        ),
        (
            "Our price sheets change every day and the bot must answer from the latest documents. "
            "Fine-tuning vs RAG, which one should we go with?",
            "en",
            "latest",
        ),
    ],
)
async def test_which_one_fits_is_answered_by_when_each_fits(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, said: str
) -> None:
    a = await _ask(lm, kb, question, lang)
    # The sections on which approach fits fresh documents: the matrix, or when RAG fits.
    assert a.citations
    assert set(a.citations) <= {"decision-matrix", "rag-basics"}
    # What each one is does not say which fits.
    assert "definitions" not in a.citations
    assert said in a.text


# -- in one line, worth it -----------------------------------------------------------------------


def test_in_one_line_asks_what_a_thing_is_only_when_nothing_else_is_asked() -> None:
    assert read_question("파인튜닝 한 줄로 설명해 주세요").what
    assert read_question("explain fine-tuning in one line").what
    assert not read_question("RAG 붙이면 인프라비가 늘던데 그래도 할 가치가 있어요? 한 줄로요").what
    assert not read_question("when should we fine-tune? answer in one line please").what


def test_what_is_weighed_is_the_clause_before_it() -> None:
    a = asking_part("파인튜닝 학습비가 꽤 나온다던데 그만한 값어치가 있나요?")
    assert a is not None and "학습비" in a.text
    assert plainly("운영비가 늘던데") == "운영 비용가 늘던데"


@pytest.mark.parametrize(
    ("question", "lang", "section", "said"),
    [
        (
            "파인튜닝 학습비가 꽤 나온다던데 그만한 값어치가 있나요? 한 줄로만요",
            "ko",
            "when-fine-tuning cost-operations",
            "학습 비용",
        ),
        (
            "Is the upfront training spend on fine-tuning worth it? in one line please",
            "en",
            "when-fine-tuning cost-operations",
            "upfront",
        ),
        ("RAG 붙이면 인프라비가 늘던데 그래도 할 가치가 있어요?", "ko", "rag-basics", "최신"),
    ],
)
async def test_whether_it_is_worth_it_is_answered_by_its_cases(
    lm: OfflineLanguageModel,
    kb: KnowledgeBase,
    question: str,
    lang: Lang,
    section: str,
    said: str,
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.covered, question
    # Where it earns its cost, or the trade-off of paying it (either of the sections named).
    assert set(section.split()) & set(a.citations) and "definitions" not in a.citations
    assert said in a.text


# -- when, at which point ------------------------------------------------------------------------


def test_a_time_or_an_occasion_is_no_kind_of_thing() -> None:
    assert which_of("지금은 프롬프트만 쓰는데 RAG는 어떤 시점에 붙이면 돼요?") == ""
    assert which_of("at which point should we add retrieval?") == ""
    assert which_of("어떤 벡터DB를 써야 RAG 성능이 좋아요?") == "벡터DB"


@pytest.mark.parametrize(
    ("question", "lang", "section"),
    [
        ("지금은 프롬프트만 쓰는데 RAG는 어떤 시점에 붙이면 돼요?", "ko", "staged-evolution"),
        ("We only prompt today. At what point does it make sense to add retrieval?", "en", ""),
        # Answered from the cases of the approach asked about, though another section shares
        # the ask's verb ("고려하나요").
        ("프롬프트만 쓰고 있는데 파인튜닝은 어느 시점에 고려하나요?", "ko", "when-fine-tuning"),
        # Asked of two approaches each: not the section on when a third one fits.
        (
            "When does prompting by itself do the job, and when should retrieval be added on top?",
            "en",
            "rag-basics",
        ),
    ],
)
async def test_when_is_answered_from_the_cases(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang, section: str
) -> None:
    a = await _ask(lm, kb, question, lang)
    assert a.covered, question
    assert not section or a.citations == (section,)


# -- who asks, before what -----------------------------------------------------------------------


async def test_a_department_names_who_asks_and_the_law_is_still_declined(
    lm: OfflineLanguageModel, kb: KnowledgeBase
) -> None:
    assert "legal" not in unframed("Legal here. In plain terms, what does RAG do?").casefold()
    a = await _ask(lm, kb, "Legal here. In plain terms, what does RAG do?", "en")
    assert a.covered and {"definitions", "rag-basics"} & set(a.citations)
    declined: tuple[tuple[str, Lang], ...] = (
        ("Legal here: can we fine-tune on chats users never gave consent for?", "en"),
        ("고객 상담 로그를 동의 없이 파인튜닝에 써도 되나요?", "ko"),
    )
    for question, lang in declined:
        assert not (await _ask(lm, kb, question, lang)).covered, question


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Why agree on a request template now, before we've even chosen prompting vs RAG?", "en"),
        ("파인튜닝이냐 RAG냐 고르기 전에 요청 양식부터 통일하라는 건 왜 그래요?", "ko"),
    ],
)
async def test_approaches_named_only_in_before_what_set_no_comparison(
    lm: OfflineLanguageModel, kb: KnowledgeBase, question: str, lang: Lang
) -> None:
    assert not read_question(question).comparison
    a = await _ask(lm, kb, question, lang)
    assert a.citations == ("faq-input-contract",)


def test_plain_prompting_is_prompting_alone() -> None:
    assert plainly("we switched from plain prompting to RAG") == "we switched from prompting to RAG"
    assert plainly("explain it in plain terms") == "explain it in plain terms"
