"""The rule reader reads facts said in more ways: a prompt not yet written or touched, a prompt
that stops getting better in plain or learner's English, a prompted pilot that performed well, a
rush or deadline qualified by an adjective, a milestone on a named weekday, a schema or concept
said to change or not, a use case changed a few times a year, a goal ranked in other words, and
an evaluation set of "any kind". Near misses beside each keep reading nothing.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Urgency,
)
from bot.core.ports import Extraction
from bot.llm.reader.read import read

F = FactName


def rules(text: str, pending: FactName | None = None) -> Extraction:
    return read(text, pending)[0]


# --- prompting not yet tried -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "haven't written a prompt for the intake bot yet",
        "we havent written any prompts so far",
        "nobody's touched prompting on this one",
        "no one has tried a prompt yet",
        "프롬프트는 아직 손도 못 댔어요",
        "요약 쪽은 프롬프틑 아직 안 써봤어요",
    ],
)
def test_a_prompt_not_written_or_touched_is_not_tried(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.NOT_TRIED


@pytest.mark.parametrize(
    "text",
    [
        "we haven't written the docs yet",
        "nobody's touched the wiki in months",
        "문서는 아직 손도 못 댔어요",
    ],
)
def test_something_else_not_written_says_nothing_of_prompting(text: str) -> None:
    assert rules(text).facts.prompting is None


# --- prompting at its ceiling, or working --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we change the prompt a lot but it not become better",
        "tried many prompts, the output is not becoming any better",
    ],
)
def test_a_prompt_that_does_not_become_better_is_at_its_ceiling(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.CEILING


def test_something_else_not_becoming_better_says_nothing_of_prompting() -> None:
    assert rules("the data is not becoming any better").facts.prompting is None


@pytest.mark.parametrize(
    "text",
    [
        "a prompted model performed satisfactorily in our pilot",
        "the prompt-based version performs well on most questions",
        "프롬프트로 돌려 본 결과 품질은 양호했어요",
    ],
)
def test_a_prompted_pilot_that_performed_well_is_working(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.WORKING


@pytest.mark.parametrize(
    "text",
    [
        "the fine-tuned model performed satisfactorily",
        "the old search tool performs well",
        "데이터 품질은 양호해요",
    ],
)
def test_something_else_performing_well_says_nothing_of_prompting(text: str) -> None:
    assert rules(text).facts.prompting is None


# --- urgency -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "launch is planned for spring so no big rush",
        "there is no immediate deadline",
        "no fixed deadline on this one",
    ],
)
def test_a_rush_or_deadline_denied_with_an_adjective_is_normal(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


@pytest.mark.parametrize(
    "text",
    [
        "the milestone is next friday",
        "our release is this thursday and nothing works yet",
        "다음 주 금요일 데모에 보여줘야 해요",
        "다음 주 수요일 배포에 넣어야 함",
    ],
)
def test_a_milestone_on_a_named_weekday_is_fast(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    [
        "the milestone last friday went fine",
        "no big problem with the data",
        "지난주 금요일에 회의했어요",
    ],
)
def test_a_past_weekday_or_a_problem_denied_says_nothing_of_urgency(text: str) -> None:
    assert rules(text).facts.urgency is None


# --- how often the use case changes --------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["the schema hasn't changed since launch", "our json schema is locked since v1"]
)
def test_a_schema_said_not_to_change_is_a_settled_use_case(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.RARELY


def test_a_schema_that_changes_is_not_settled() -> None:
    assert rules("the schema changes every sprint").facts.change_rate is not ChangeRate.RARELY


@pytest.mark.parametrize(
    "text",
    ["양식은 1년에 몇 번씩 바뀌어요", "요구사항은 일 년에 여러 번 바뀌는 편이에요"],
)
def test_a_use_case_changed_a_few_times_a_year_changes_sometimes(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.SOMETIMES


def test_a_use_case_changed_once_or_twice_a_year_changes_sometimes() -> None:
    # The development splits' writers mostly label it so (once or twice a year: 23 of 24).
    assert rules("요구사항은 1년에 한두 번 바뀌어요").facts.change_rate is ChangeRate.SOMETIMES
    assert rules("요구사항은 몇 년에 한 번 바뀌어요").facts.change_rate is ChangeRate.RARELY


@pytest.mark.parametrize(
    "text",
    ["캐릭터 컨셉이 매주 바뀌어요", "세계관이 아직 안 잡혀서 계속 바꾸는 중이에요"],
)
def test_a_concept_reworked_or_not_settled_changes_often(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.OFTEN


def test_a_concept_that_stays_is_not_changing_often() -> None:
    assert rules("캐릭터 컨셉은 거의 안 바뀌어요").facts.change_rate is not ChangeRate.OFTEN


def test_documents_that_hardly_change_in_spoken_korean_change_rarely() -> None:
    assert rules("환불 규정 문서는 잘 안바껴요").facts.docs_change is DocsChange.RARELY


# --- the top goal --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("The most important thing is that the answers are correct", Goal.ACCURACY),
        ("the #1 thing is that the reports always look the same", Goal.CONSISTENCY),
        ("being up to date beats everything else", Goal.FRESHNESS),
        ("If I had to rank them: accurate first, tone second", Goal.ACCURACY),
        (
            "the payload must be structurally identical every time. that's priority #1",
            Goal.CONSISTENCY,
        ),
        (
            "answers must reflect the most recent revision; we regard this as the primary goal",
            Goal.FRESHNESS,
        ),
        ("답변은 최신 법령을 기준으로 해야 하며, 이를 가장 중요한 요건으로 봅니다", Goal.FRESHNESS),
    ],
)
def test_a_goal_ranked_first_in_other_words_is_the_top_goal(text: str, top: Goal) -> None:
    assert rules(text).facts.top_goal is top


@pytest.mark.parametrize(
    "text",
    [
        "the answers are correct most of the time",
        "being up to date is nice",
        "if we had accurate data we would fine-tune",
        "we don't care if they always look the same",
    ],
)
def test_a_goal_not_ranked_first_is_no_top_goal(text: str) -> None:
    assert rules(text).facts.top_goal is None


def test_a_goal_in_a_plain_hypothetical_stays_unread() -> None:
    assert Goal.ACCURACY not in (
        rules("if we had accurate data we would fine-tune").facts.goals or ()
    )


# --- evaluation set ------------------------------------------------------------------------------


def test_no_evaluation_set_of_any_kind_is_none() -> None:
    assert rules("We also don't have any kind of evaluation set.").facts.eval_set is False


def test_some_kind_of_evaluation_set_held_is_one() -> None:
    assert rules("we have some kind of evaluation set").facts.eval_set is True
