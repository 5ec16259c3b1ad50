"""Wording from a round on dev20: a goal said not to be the one ("Not tone, accuracy",
"속도 말고 정확도"), native Korean numbers ("열댓 건", "두어 개") and "at most" ("많아야"),
counts of people and places that are not data, examples shown in the prompt, documents made
each day as the traffic, a yearly change as rare, the same work as a use case that rarely
changes, and a try that went fine as working prompting."""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("Not tone. Accuracy, the figures have to be right", Goal.ACCURACY, Goal.CONSISTENCY),
        ("it's not consistency, what we need is accuracy", Goal.ACCURACY, Goal.CONSISTENCY),
        ("형식 말고 정확도요", Goal.ACCURACY, Goal.CONSISTENCY),
        ("정확도 아니고 일관성이 제일 중요해요", Goal.CONSISTENCY, Goal.ACCURACY),
    ],
)
def test_a_goal_said_not_to_be_the_one_is_dropped(text: str, kept: Goal, dropped: Goal) -> None:
    read = goals(text)
    assert kept in read
    assert dropped not in read


@pytest.mark.parametrize(
    "text",
    [
        "prices have to be current, not last year's list",
        "the bot must quote today's rates, not the old ones",
    ],
)
def test_a_stale_thing_denied_keeps_the_freshness_goal(text: str) -> None:
    assert Goal.FRESHNESS in goals(text)


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("많아야 하루 열댓 건이에요", Volume.LOW),
        ("하루에 대여섯 건 들어와요", Volume.LOW),
        ("기껏해야 하루 30건 정도예요", Volume.LOW),
        ("하루 최대 150건 정도", Volume.LOW),
    ],
)
def test_native_korean_numbers_and_at_most(text: str, volume: Volume) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is volume


def test_an_approximate_native_number_counts_examples() -> None:
    assert rules("좋은 예시는 두어 개 정도 있어요", FactName.DATA_AMOUNT).facts.data_examples == 2


@pytest.mark.parametrize(
    "text",
    [
        "We have 60 drivers and three depots",
        "about 250 member farms, all in one region",
        "12 branches and 90 staff",
    ],
)
def test_counts_of_people_and_places_are_not_data(text: str) -> None:
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_examples is None


def test_a_reviewer_joined_to_the_data_still_counts() -> None:
    assert rules("we have about 900 nurse-reviewed summaries").facts.data_examples == 900


@pytest.mark.parametrize(
    "text",
    [
        "we put 4 examples in the prompt and it does fine",
        "few-shot with 6 examples works ok",
        "프롬프트에 예시 세 개 넣어서 쓰고 있어요",
        "프롬프트 안에 예시 3개 붙여서 돌리는 중이에요",
    ],
)
def test_examples_shown_in_the_prompt_are_not_training_data(text: str) -> None:
    facts = rules(text).facts
    assert facts.data_examples is None and facts.data_amount is None


def test_examples_beside_a_prompt_still_count() -> None:
    assert rules("we have 800 examples and the prompt works").facts.data_examples == 800


@pytest.mark.parametrize(
    ("text", "volume"),
    [("around 15 quotes a day at most", Volume.LOW), ("roughly 600 quotes a day", Volume.HIGH)],
)
def test_documents_made_each_day_answer_how_many_requests(text: str, volume: Volume) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is volume


def test_high_season_is_not_high_volume() -> None:
    assert rules("it picks up in high season", FactName.VOLUME).facts.volume is not Volume.HIGH


@pytest.mark.parametrize(
    "text", ["사내 규정이 해마다 한 번 개정돼요", "약관은 1년마다 한 번 바뀌어요"]
)
def test_a_yearly_change_is_rare(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.RARELY


def test_a_change_every_two_weeks_is_still_often() -> None:
    assert rules("공지사항이 2주마다 바뀌어요").facts.docs_change is DocsChange.OFTEN


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("맡기는 일은 늘 똑같아요", ChangeRate.RARELY),
        ("매번 같은 업무라 바뀔 게 거의 없어요", ChangeRate.RARELY),
        ("never really changes tbh", ChangeRate.RARELY),
        ("it keeps growing, every team wants something new", ChangeRate.OFTEN),
    ],
)
def test_how_the_work_changes(text: str, rate: ChangeRate) -> None:
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is rate


@pytest.mark.parametrize(
    "text", ["동료가 챗gpt로 돌려 봤는데 그럭저럭 되더라고요", "한번 물어보니까 꽤 잘 답하던데요"]
)
def test_a_try_that_went_fine_is_working(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_a_try_that_did_not_work_is_not_working() -> None:
    got = rules("해 봤는데 안 되더라고요", FactName.PROMPTING).facts.prompting
    assert got is not PromptingStatus.WORKING


def test_not_thinking_there_is_any_data_is_none() -> None:
    facts = rules("don't think we have any", FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE


@pytest.mark.parametrize(
    "text",
    [
        "프롬프트로 말투 맞추라고 해봤는데 어느 선 넘어가면 더는 안 좋아져요",
        "프롬프트로 양식 맞추는 건 이미 해 봤고, 더 손봐도 그대로예요",
    ],
)
def test_what_a_prompt_was_tried_for_is_no_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


def test_a_format_that_must_hold_is_still_a_goal() -> None:
    assert Goal.CONSISTENCY in goals("보고서 양식은 꼭 맞춰야 해요. 프롬프트로 해봤는데 잘 안 돼요")


@pytest.mark.parametrize(
    "text",
    [
        "심사역이 검토한 평가용 사례 80건을 갖고 있어요",
        "we keep 150 questions with approved answers that we check new prompts against",
    ],
)
def test_a_set_kept_to_check_against_is_an_eval_set(text: str) -> None:
    facts = rules(text).facts
    assert facts.eval_set is True
    assert facts.data_examples is None


def test_last_years_quarter_held_out_is_no_freshness_goal() -> None:
    assert Goal.FRESHNESS not in goals("we held out last year's Q3 as a test set")


def test_last_years_prices_quoted_is_still_freshness() -> None:
    assert Goal.FRESHNESS in goals("it keeps quoting last year's prices to customers")


@pytest.mark.parametrize(
    "text",
    [
        "직원들이 손으로 쓴 안내 문자가 3천 개쯤 있는데 사람마다 말투가 제각각이에요",
        "상담 일지가 2천 건 있는데 급하게 대충 쓴 게 많아요",
    ],
)
def test_records_written_unevenly_are_low_quality(text: str) -> None:
    assert rules(text, FactName.DATA_AMOUNT).facts.data_quality is Quality.LOW


def test_writing_carelessly_allowed_says_nothing_of_the_data() -> None:
    assert rules("초안은 대충 써도 괜찮아요").facts.data_quality is None


@pytest.mark.parametrize(
    "text",
    [
        "the handbook gets revised maybe a couple times a year",
        "our terms only change when the regulator says so",
        "the leave policy not change so often",
    ],
)
def test_english_ways_of_saying_documents_change_rarely(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.RARELY


def test_a_use_case_shifting_a_couple_times_a_year_changes_sometimes() -> None:
    facts = rules("the scope shifts a couple of times a year").facts
    assert facts.change_rate is ChangeRate.SOMETIMES


@pytest.mark.parametrize(
    "text", ["my manager says make it give the same answer every time", "totals being right"]
)
def test_wants_said_plainly_are_goals(text: str) -> None:
    assert goals(text) & {Goal.CONSISTENCY, Goal.ACCURACY}


def test_the_same_question_every_time_is_no_consistency_goal() -> None:
    assert Goal.CONSISTENCY not in goals("we get the same question every time")


def test_being_right_there_is_no_accuracy_goal() -> None:
    assert Goal.ACCURACY not in goals("the office is being right there next to the depot")


def test_two_or_three_times_a_year_is_sometimes() -> None:
    facts = rules("일 년에 두세 번 정도는 업무 범위가 바뀌어요").facts
    assert facts.change_rate is ChangeRate.SOMETIMES


def test_a_set_put_aside_for_qa_is_an_eval_set() -> None:
    facts = rules("QA용으로 고객 확인 받은 샘플 답변 세트를 따로 빼뒀어요").facts
    assert facts.eval_set is True


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("it must be live in two weeks, the season starts", True),
        ("it has to be ready within a couple of weeks", True),
        ("it must be live two weeks after the audit, sometime next year", False),
    ],
)
def test_must_be_running_within_weeks_is_urgent(text: str, fast: bool) -> None:
    assert (rules(text).facts.urgency is Urgency.FAST) is fast
