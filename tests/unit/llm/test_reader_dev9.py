"""The rule reader on how people state traffic, rankings, a settled use case, measuring cost,
mixed data quality and numbers: hundreds of requests a day are a lot; "the same 20 questions"
counts kinds, not requests; "X, then Y" ranks X first; the work itself ("the process", "작업
자체") said not to change is a settled use case; "안 재요" answers whether cost is measured;
quality that varies by who wrote it is low; "25 000" is one number and "since 2019" a year.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, FactName, Goal, Quality, Volume
from bot.core.ports import Extraction
from bot.llm.reader.read import read

F = FactName


def rules(text: str, pending: FactName | None = None) -> Extraction:
    return read(text, pending)[0]


# --- hundreds of requests a day are a lot ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "our agents field about 500 chats a day",
        "we see roughly 250 inbound requests per day",
        "하루에 문의가 300건 정도 들어와요",
        "월 1만 건 정도 요청이 들어와요",
    ],
)
def test_hundreds_a_day_is_high_volume(text: str) -> None:
    assert rules(text).facts.volume is Volume.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "we get maybe 40 requests a day",
        "하루에 문의가 50건 정도예요",
    ],
)
def test_tens_a_day_stays_low_volume(text: str) -> None:
    assert rules(text).facts.volume is Volume.LOW


# --- "the same 20 questions" counts kinds of request -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "about 6k tickets a day, mostly the same 15 questions",
        "하루에 문의가 3천 건인데 거의 같은 10개 질문이에요",
    ],
)
def test_same_n_questions_is_no_rate(text: str) -> None:
    ex = rules(text)
    assert ex.facts.volume is Volume.HIGH
    assert not any(r.rule == "count.requests" and r.value == "low" for r in ex.readings)


def test_a_plain_count_per_week_is_still_traffic() -> None:
    assert rules("we answer 20 questions a week").facts.volume is Volume.LOW


# --- "X, then Y": the goal named first is the top goal ----------------------------------------


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("freshness, then accuracy", Goal.FRESHNESS),
        ("tone and format consistency, and then accuracy", Goal.CONSISTENCY),
        ("정확도요. 그 다음이 일관성이에요", Goal.ACCURACY),
        ("최신성이요. 두 번째는 정확도", Goal.FRESHNESS),
    ],
)
def test_goal_before_the_runner_up_is_top(text: str, top: Goal) -> None:
    facts = rules(text, F.TOP_GOAL).facts
    assert facts.top_goal is top
    assert facts.goals is not None and len(facts.goals) == 2


@pytest.mark.parametrize(
    "text",
    [
        "the same tone every time and then we can talk accuracy",
        "accuracy matters. then there is the question of data",
    ],
)
def test_then_without_a_ranked_goal_ranks_nothing(text: str) -> None:
    assert rules(text).facts.top_goal is None


# --- the work itself said not to change is a settled use case ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the request types dont really change from year to year",
        "our processes stay the same for years",
        "the helpdesk itself rarely changes",
        "업무 프로세스는 거의 안 바뀌어요",
        "번역 작업 자체는 몇 년째 그대로예요",
    ],
)
def test_work_itself_rarely_changes(text: str) -> None:
    facts = rules(text).facts
    assert facts.change_rate is ChangeRate.RARELY
    assert facts.docs_change is None


def test_documents_that_rarely_change_stay_documents() -> None:
    facts = rules("the policy docs rarely change").facts
    assert facts.change_rate is None
    assert facts.docs_change is not None


# --- measuring cost, answered in a word ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("안 재요", False),
        ("측정은 아직 안 해요", False),
        ("네 재고 있어요", True),
        ("not really tbh", False),
        ("yeah we track it in grafana", True),
    ],
)
def test_cost_answer(text: str, tracked: bool) -> None:
    assert rules(text, F.COST_TRACKED).facts.cost_tracked is tracked


def test_cost_answer_needs_the_question() -> None:
    assert rules("안 재요").facts.cost_tracked is None


# --- quality that varies with who wrote it is low -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we have 5k past replies but quality varies a lot by agent",
        "기존 번역문이 2만 건인데 번역가마다 퀄 차이가 커요",
        "과거 안내문은 다 있는데 작성자마다 말투가 너무 달라요",
    ],
)
def test_quality_varies_by_writer(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text",
    [
        "the answers vary a lot by agent",
        "답변 품질 차이가 커요",
    ],
)
def test_varying_output_is_not_data_quality(text: str) -> None:
    assert rules(text).facts.data_quality is None


# --- numbers: thousands grouped by spaces, years -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("we have 12 000 labelled examples", 12000),
        ("we've kept every answer since 2018, about 8 500 past emails", 8500),
        ("back in 2021 we collected 300 labelled examples", 300),
    ],
)
def test_grouped_digits_and_years(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


def test_a_bare_four_digit_count_is_still_a_count() -> None:
    assert rules("we have 2019 labelled examples").facts.data_examples == 2019
