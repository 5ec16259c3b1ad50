"""The rule reader on what a first-time user writes: a review not yet done, an answer sent with
a side question, English terms in Korean, a hypothetical then denied, and quotes that stay in
their clause and keep the user's spelling.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import DataAmount, DocsChange, FactName, Goal, Quality, Urgency, Volume
from bot.core.ports import Extraction
from bot.llm.reader.engine import quote_of
from bot.llm.reader.read import read
from bot.llm.reader.text import sentences

F = FactName


def rules(text: str, pending: FactName | None = None) -> Extraction:
    return read(text, pending)[0]


def events(text: str, pending: FactName | None = None) -> list[str]:
    return read(text, pending)[1].events


# --- a review not yet done ----------------------------------------------------------------------


@pytest.mark.parametrize("pending", [None, F.DATA_QUALITY])
@pytest.mark.parametrize(
    "text",
    ["아직 리뷰는 안 했어요", "리뷰를 아직 못 했어요", "검토는 안 했어요", "아직 review 안 했어요"],
)
def test_a_review_not_done_is_low_quality(text: str, pending: FactName | None) -> None:
    ex = rules(text, pending)
    assert ex.facts.data_quality is Quality.LOW
    assert all(r.value != "high" for r in ex.readings)


@pytest.mark.parametrize(
    "text",
    [
        "we haven't reviewed it yet",
        "not cleaned yet",
        "haven't had time to review them",
        "nobody has checked them",
        "they're not reviewed",
    ],
)
def test_an_answer_that_denies_a_review_is_low_quality(text: str) -> None:
    assert rules(text, F.DATA_QUALITY).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        ("QA팀이 review 다 했어요", Quality.HIGH),
        ("리뷰 다 했어요", Quality.HIGH),
        ("reviewed", Quality.HIGH),
        ("clean", Quality.HIGH),
        ("not clean", Quality.LOW),
    ],
)
def test_a_review_answer(text: str, quality: Quality) -> None:
    assert rules(text, F.DATA_QUALITY).facts.data_quality is quality


def test_a_review_done_is_still_high_without_a_question() -> None:
    assert rules("QA팀이 review 다 했어요").facts.data_quality is Quality.HIGH


# --- an answer sent with a side question --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("about 200, but what is RAG exactly?", F.DATA_AMOUNT),
        ("데이터는 200건 정도인데 RAG가 뭐예요?", F.DATA_AMOUNT),
        ("데이터는 200건 정도인데 RAG가 뭐예요?", None),
    ],
)
def test_an_answer_with_a_side_question_keeps_both(text: str, pending: FactName | None) -> None:
    ex = rules(text, pending)
    assert ex.facts.data_examples == 200
    assert ex.facts.data_amount is DataAmount.SOME
    assert ex.side_question


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("RAG는 뭐예요? 저희는 규정집이 자주 바뀌어요", F.DOCS_CHANGE, DocsChange.OFTEN),
        ("라벨 붙은 데이터는 300건 정도 있어요. 학습 비용은 얼마나 들어요?", F.DATA_EXAMPLES, 300),
        ("예시는 300개 있어요. 파인튜닝에 몇 개나 필요한가요?", F.DATA_EXAMPLES, 300),
        (
            "Our handbook is revised every week. How does RAG keep up with that?",
            F.DOCS_CHANGE,
            DocsChange.OFTEN,
        ),
        ("We have about 300 labelled examples. Is that enough to fine-tune?", F.DATA_EXAMPLES, 300),
    ],
)
def test_a_question_put_to_the_bot_is_answered_beside_the_facts(
    text: str, fact: FactName, value: object
) -> None:
    """A question sentence next to a statement: the statement is read and the question is still
    answered (it used to be dropped, or to swallow the statement after it)."""
    ex = rules(text)
    assert getattr(ex.facts, fact.value) == value
    assert ex.side_question


def test_the_words_that_ask_are_handed_on_unless_they_lean_on_the_rest() -> None:
    ex = rules("사내 헬프데스크 봇을 만들어요. 파인튜닝이 정확히 뭐예요? 규정은 매달 개정돼요")
    assert ex.facts.docs_change is DocsChange.OFTEN
    assert "파인튜닝" in ex.question and "헬프데스크" not in ex.question
    assert rules("We have 300 labelled examples. Is that enough to fine-tune?").question == ""
    assert rules("라벨 데이터는 300건 있어요. 그 정도면 파인튜닝 되나요?").question == ""
    # A message that only asks is looked up whole.
    assert rules("RAG랑 파인튜닝 차이가 뭐예요?").question == ""


@pytest.mark.parametrize(
    "text",
    [
        "하루 몇백 건? 많진 않아요",
        "예전 상담 메일이 몇천 개? 정리는 안 돼 있어요",
        "평가셋이요? 그런 건 따로 없어요",
        "what data? we have no labelled examples at all",
        "volume? maybe 300 a day",
    ],
)
def test_a_guess_or_an_echo_with_a_rising_tone_is_not_a_question(text: str) -> None:
    ex = rules(text)
    assert ex.facts.known()
    assert not ex.side_question


@pytest.mark.parametrize(
    "text", ["문의가 하루 몇백 건 정도라 많지 않아요", "하루 몇백 콜? 많진 않아요"]
)
def test_the_users_judgment_of_their_traffic_beats_the_threshold(text: str) -> None:
    """A few hundred a day is past the high-volume line, but the user says it is not much."""
    ex = rules(text)
    assert ex.facts.volume is Volume.LOW
    assert not ex.side_question
    assert [r.rule for r in ex.readings if r.fact is F.VOLUME] == ["ko.volume.low"]


def test_only_the_question_clause_states_nothing() -> None:
    ex = rules("문서는 매주 바뀌는데 RAG랑 파인튜닝 차이가 뭐예요?")
    assert ex.facts.docs_change is DocsChange.OFTEN
    assert ex.side_question


@pytest.mark.parametrize(
    "text",
    [
        "What is RAG and why does it help when docs change weekly?",
        "RAG가 뭐예요? 문서가 자주 바뀔 때 쓰는 건가요?",
        "what is fine-tuning?",
    ],
)
def test_a_question_alone_still_states_nothing(text: str) -> None:
    ex = rules(text, F.DATA_AMOUNT)
    assert ex.side_question
    assert ex.facts.known() == set()


# --- Korean with English terms, and a hypothetical then denied -----------------------------------


@pytest.mark.parametrize("pending", [None, F.DOCS_CHANGE])
@pytest.mark.parametrize("text", ["문서 update는 거의 없어요", "docs update는 별로 없어요"])
def test_updates_said_to_be_rare(text: str, pending: FactName | None) -> None:
    assert rules(text, pending).facts.docs_change is DocsChange.RARELY


@pytest.mark.parametrize(
    "text", ["update는 거의 없어요", "업데이트는 거의 없어요", "거의 안 바뀌어요"]
)
def test_rare_updates_answer_how_often_the_docs_change(text: str) -> None:
    # Not "no documents": few updates answer how often. With no question asked, a change
    # with no subject is not guessed, in Korean or in English terms alike.
    assert rules(text, F.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    assert rules(text).facts.known() == set()


def test_no_documents_still_answers_the_docs_question() -> None:
    assert rules("없어요", F.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    assert rules("필요 없어요", F.DOCS_CHANGE).facts.docs_change is DocsChange.NONE


@pytest.mark.parametrize(
    "text", ["deadline이 다음 주예요", "데드라인이 다음 주예요", "deadline은 이번 주예요"]
)
def test_a_near_deadline_is_urgent(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    [
        "If our docs change weekly we'd need RAG, but they don't.",
        "If the docs changed every day we would need retrieval, but they don't",
        "문서가 매주 바뀌면 RAG가 필요하겠지만 그렇지 않아요",
    ],
)
def test_a_hypothetical_the_user_denies(text: str) -> None:
    ex = rules(text)
    assert ex.facts.docs_change is DocsChange.RARELY
    assert ex.facts.known() == {F.DOCS_CHANGE}


@pytest.mark.parametrize(
    "text",
    [
        "If our docs change weekly we'd need RAG.",
        "If our docs change weekly we'd need RAG, but I'm not sure they do.",
        "If we had 10k examples we would fine-tune, but we don't.",
    ],
)
def test_a_hypothetical_not_denied_states_nothing(text: str) -> None:
    assert rules(text).facts.docs_change is None
    assert rules(text).facts.data_examples is None


# --- quotes -------------------------------------------------------------------------------------


def _quotes(text: str) -> dict[str, str]:
    return {f"{r.fact.value}={r.value}": r.quote for r in rules(text).readings}


def test_each_quote_stays_in_its_clause() -> None:
    got = _quotes("support bot, tone must be consistent, 3000 reviewed examples")
    assert got["goals=consistency"] == "tone must be consistent"
    assert got["data_examples=3000"] == "3000 reviewed examples"
    assert got["data_quality=high"] == "3000 reviewed examples"
    got = _quotes("about 3000 examples, reviewed by the support leads")
    assert got["data_quality=high"] == "reviewed by the support leads"
    assert got["data_examples=3000"] == "about 3000 examples"


def test_a_quote_keeps_a_number_written_with_a_comma() -> None:
    text = "we have 3,000 reviewed examples"
    assert quote_of(text, text.index("3,000"), text.index("3,000") + 5) == text
    assert rules("we have 3,000 reviewed examples").facts.data_examples == 3000


def test_a_long_clause_is_quoted_around_the_words_read() -> None:
    text = "our internal policy documents, which the legal team maintains, change every week"
    start = text.index("change")
    quote = quote_of(text, start, start + len("change every week"))
    assert quote.endswith("change every week") and len(quote) < len(text)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("정책 문서가 매주 update되고 tone은 일정해야 해요", "update되고"),
        ("tone은 항상 일정해야 해요", "tone은"),
        ("데이터는 200건 정도인데 RAG가 뭐예요?", "RAG가 뭐예요?"),
    ],
)
def test_trace_quotes_are_the_users_words(text: str, quote: str) -> None:
    trace = events(text)
    assert any(quote in e for e in trace), trace
    assert not any("update 되고" in e or "tone 은" in e or "RAG 가" in e for e in trace)


def test_goals_read_alongside_counts() -> None:
    got = rules("support bot, tone must be consistent, 3000 reviewed examples").facts
    assert got.goals == frozenset({Goal.CONSISTENCY})
    assert got.data_examples == 3000


def test_an_english_term_in_a_korean_quote_is_quoted_whole() -> None:
    text = "아직 prompt engineering은 안 해봤어요"
    start = text.index("안 해봤")
    assert quote_of(text, start, len(text)) == "prompt engineering은 안 해봤어요"
    # English alone keeps its window: only a term inside Korean is widened.
    text = "honestly we are a small team and have not tried anything yet"
    start = text.index("have not tried")
    assert quote_of(text, start, len(text)).startswith("small team")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("검수한 답변이 한 300개? 정도 있어요", DataAmount.SOME),
        ("학습 데이터요? 같은 건 없어요", DataAmount.NONE),
        ("상담 로그가 2천 건? 쯤 있어요", DataAmount.PLENTY),
    ],
)
def test_a_hesitant_question_mark_inside_a_statement_asks_nothing(
    text: str, amount: DataAmount
) -> None:
    # "…? 정도", "…? 같은 건", "…? 쯤": the "?" marks a guess or a name, and the sentence goes on.
    ex = rules(text)
    assert not ex.side_question
    assert ex.facts.data_amount is amount


# --- an answer that also asks back, pauses, nouns ending in 고 ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "아마 없을 거예요. 만들어야 하나요?",
        "No. Should we build one?",
        "없어요 ㅠ 꼭 있어야 하나요?",
    ],
)
def test_an_answer_beside_a_question_back_still_answers(text: str) -> None:
    ex = rules(text, F.EVAL_SET)
    assert ex.facts.eval_set is False
    assert ex.side_question


@pytest.mark.parametrize("text", ["How many do you need?", "몇 개나 필요해요?"])
def test_a_question_back_alone_answers_nothing(text: str) -> None:
    assert rules(text, F.DATA_AMOUNT).facts.data_amount is None


def test_dots_after_a_word_no_statement_ends_on_are_a_pause() -> None:
    assert sentences("the labels are.. honestly a mess") == ["the labels are.. honestly a mess"]
    assert sentences("we have 200 examples.. they are reviewed") == [
        "we have 200 examples..",
        "they are reviewed",
    ]


@pytest.mark.parametrize("text", ["문서는 참고 안 해요", "참고 문서는 따로 없어요"])
def test_a_noun_ending_in_go_does_not_end_the_clause(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.NONE


def test_a_doubt_about_the_exact_number_keeps_the_rough_size() -> None:
    rough = rules("상담 예시가 아마 수백 건 정도? 정확히는 모르겠어요")
    assert rough.facts.data_amount is DataAmount.SOME
    unsure = rules("상담 예시가 아마 수백 건 정도? 확실하진 않아요")
    assert unsure.facts.data_amount is None
    assert [(r.fact, r.sure) for r in unsure.readings] == [(F.DATA_AMOUNT, False)]


def test_an_echoed_word_with_a_particle_stays_with_its_sentence() -> None:
    text = "상품은 매주 들어오는데 문서?? 같은건 딱히 필요 없을 거 같아요"
    assert rules(text).facts.docs_change is DocsChange.NONE


def test_a_report_due_is_a_deadline_not_a_connective() -> None:
    assert rules("다음 주 금요일 보고 때까지 데모가 있어야 해요").facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    [
        "our marketing guy says consistency is the top priority, but personally I want accuracy",
        "my boss thinks tone matters most, but I think accuracy is what counts",
    ],
)
def test_a_colleagues_view_set_against_the_users_own_is_theirs(text: str) -> None:
    facts = rules(text).facts
    assert facts.goals == frozenset({Goal.ACCURACY})
    assert facts.top_goal is not Goal.CONSISTENCY


def test_a_colleague_passing_on_a_fact_still_states_it() -> None:
    assert rules("our PM says the docs change weekly").facts.docs_change is DocsChange.OFTEN
