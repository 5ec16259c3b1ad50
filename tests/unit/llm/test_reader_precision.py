"""The rule reader keeps from reading a fact that the words do not state: a cue that belongs to
another noun, a goal said to be negotiable, a negation after the noun a cue describes, an answer
word that the reply denies, a label of the project that is no timeline, a style said to vary,
and a rule named as the reason a thing is fixed.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal, Urgency
from testkit.reading import goals, rules

F = FactName


# --- "right" or "wrong" said of the format is about consistency, not accuracy ------------------


@pytest.mark.parametrize(
    "text",
    [
        "we just need the format to be right",
        "the structure has to be correct every time",
        "just get the formatting right",
    ],
)
def test_a_format_that_must_be_right_is_consistency(text: str) -> None:
    assert goals(text) == {Goal.CONSISTENCY}


@pytest.mark.parametrize(
    "text",
    ["output 포맷이 한 글자라도 틀리면 파서가 터져요", "양식이 틀리면 다시 써야 해요"],
)
def test_a_format_gone_wrong_is_consistency(text: str) -> None:
    assert goals(text) == {Goal.CONSISTENCY}


@pytest.mark.parametrize(
    "text",
    [
        "the answers need to be right",
        "we need the numbers right",
        "if it gives a wrong price we lose money",
        "틀린 답을 주면 안 돼요",
    ],
)
def test_right_and_wrong_answers_are_still_accuracy(text: str) -> None:
    assert Goal.ACCURACY in goals(text)


# --- a goal said to be negotiable ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "lore accuracy can slide a bit, it's fantasy anyway",
        "accuracy can be a little off, it's a brainstorm",
    ],
)
def test_a_goal_that_can_slide_is_not_wanted(text: str) -> None:
    assert Goal.ACCURACY not in goals(text)


def test_the_goal_that_matters_most_is_still_read_next_to_one_that_can_slide() -> None:
    ex = rules("for npc lines the tone is what matters most, lore accuracy can slide a bit")
    assert ex.facts.goals is None or Goal.ACCURACY not in ex.facts.goals
    assert ex.facts.top_goal is Goal.CONSISTENCY


# --- a negation after the noun the cue describes ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "본 사업은 금년 12월 착수 예정으로, 일정상 시급한 사안은 아닙니다.",
        "급한 일은 아니에요",
        "시급한 건 아닙니다",
    ],
)
def test_not_an_urgent_matter_is_normal_urgency(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


def test_an_urgent_matter_is_still_fast() -> None:
    assert rules("시급한 사안이에요. 다음 주까지 필요합니다").facts.urgency is Urgency.FAST


# --- an answer word the reply denies ------------------------------------------------------------


def test_an_answer_word_the_reply_denies_is_not_the_answer() -> None:
    ex = rules(
        "양식 자체는 1년에 몇 번씩 조금씩 바뀌는 편이에요. 자주도 아니고 아예 고정도 아니고요.",
        F.CHANGE_RATE,
    )
    assert ex.facts.change_rate is not ChangeRate.RARELY
    assert ex.facts.change_rate is not ChangeRate.OFTEN


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("거의 고정이에요", ChangeRate.RARELY),
        ("자주 바뀌어요", ChangeRate.OFTEN),
        ("고정은 아니고 가끔 바뀌어요", ChangeRate.SOMETIMES),
    ],
)
def test_an_answer_word_not_denied_is_still_the_answer(text: str, rate: ChangeRate) -> None:
    assert rules(text, F.CHANGE_RATE).facts.change_rate is rate


# --- what kind of project it is, not when it is due ---------------------------------------------


def test_a_side_project_alone_says_nothing_about_timing() -> None:
    ex = rules("side project: internal slack bot over our eng runbooks")
    assert ex.facts.urgency is None


def test_a_side_project_with_no_rush_is_normal() -> None:
    assert rules("no rush on this, it's a side project for H2").facts.urgency is Urgency.NORMAL


# --- a style said to vary is no consistency goal ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "이건 캠페인마다 다 달라요. 매번 새로운 스타일",
        "every campaign needs a new style every time",
    ],
)
def test_a_new_style_every_time_is_not_consistency(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


def test_the_same_style_every_time_is_still_consistency() -> None:
    assert Goal.CONSISTENCY in goals("매번 같은 스타일로 나와야 해요")


# --- a rule named as the reason something is fixed ---------------------------------------------


def test_a_scope_fixed_by_law_is_the_use_case_not_the_documents() -> None:
    ex = rules("서비스 대상 업무 범위는 법령상 정해져 있어 변경될 일은 거의 없습니다.")
    assert ex.facts.docs_change is None
    assert ex.facts.change_rate is ChangeRate.RARELY


def test_laws_that_rarely_change_are_still_documents() -> None:
    assert rules("법령은 거의 안 바뀌어요").facts.docs_change is DocsChange.RARELY
