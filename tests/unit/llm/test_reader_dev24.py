"""Wording from a round on dev24, as replies to the question just asked: "서두를 일은 아닙니다"
sets no deadline; "더 손봐도 나아지질 않아요", "we've tried every phrasing" are a prompt at its
ceiling; "꽤 잘해요" is a prompt that works; "거의 변하지 않습니다", "it won't change", "pretty
steady" say the use case rarely changes; "uneven", "a mess", "중구난방" are low-quality data."""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules


@pytest.mark.parametrize(
    "text", ["서두를 일은 아닙니다.", "서두를 건 없어요", "서두를 필요는 없습니다"]
)
def test_no_need_to_hurry_sets_no_deadline(text: str) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_a_deadline_still_reads_fast() -> None:
    assert rules("다음 주까지 돼야 해요", FactName.URGENCY).facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    [
        "이것저것 더 손대도 나아지질 않네요",
        "문구를 바꿔도 결과가 안 올라가요",
        "we've tried every phrasing we could think of and the codes still come out wrong",
    ],
)
def test_no_change_helps_is_a_ceiling(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


@pytest.mark.parametrize(
    "text", ["챗GPT한테 시켜봤는데 꽤 잘해요", "프롬프트로 돌려보니 잘 합니다"]
)
def test_it_does_it_well_is_a_prompt_that_works(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_it_does_not_do_it_well_is_no_working_prompt() -> None:
    reading = rules("해봤는데 잘 안 해요", FactName.PROMPTING).facts.prompting
    assert reading is not PromptingStatus.WORKING


@pytest.mark.parametrize(
    "text",
    [
        "하는 일은 거의 변하지 않습니다.",
        "그 업무는 바뀌지 않아요",
        "It won't change, it's always the same kind of request.",
        "Its job will not change.",
        "pretty steady, always the same questions",
    ],
)
def test_it_will_not_change_is_rarely(text: str) -> None:
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY


@pytest.mark.parametrize(
    "text",
    [
        "uneven. some people write a line, others a page",
        "they're a mess, half of them are forwarded chains",
        "여러 명이 쓴 거라 좀 중구난방이에요",
        "담당자마다 천차만별이에요",
    ],
)
def test_uneven_data_is_low_quality(text: str) -> None:
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text", ["Not very high, maybe 15 a night.", "not that high honestly", "not too high tbh"]
)
def test_not_very_high_is_no_heavy_traffic(text: str) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is not Volume.HIGH


def test_very_high_is_heavy_traffic() -> None:
    assert rules("very high, it never stops", FactName.VOLUME).facts.volume is Volume.HIGH


def test_does_not_have_to_be_consistent_wants_no_consistency() -> None:
    assert Goal.CONSISTENCY not in goals("it doesn't have to sound polished or consistent btw")
    assert Goal.CONSISTENCY in goals("the replies have to be consistent every time")
    # What it need not be is not what it must be.
    assert Goal.CONSISTENCY in goals("it doesn't have to be fast but it has to look the same")


def test_a_hesitant_verdict_after_the_reason_answers() -> None:
    text = "launch is in 10 days so... kinda fast?"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "pasted the menu in and it came out right. so it kinda works already?"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_asking_whether_it_is_fast_still_asks() -> None:
    assert rules("is it kinda fast?", FactName.URGENCY).facts.urgency is None


@pytest.mark.parametrize(
    "text", ["질문-답변 60개 정도 있어요", "홈페이지 질의응답 60개가 전부예요"]
)
def test_question_answer_pairs_are_labelled_examples(text: str) -> None:
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 60


def test_questions_a_day_are_traffic_not_data() -> None:
    facts = rules("하루에 질문이 60개 정도 와요").facts
    assert facts.data_examples is None


@pytest.mark.parametrize("text", ["training data? lol no. just a spreadsheet", "nah, nothing"])
def test_lol_no_has_no_data(text: str) -> None:
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("yeah high. 300+ a week and every report follows the same template", FactName.VOLUME),
        ("한 사람이 다 써서 형식이 일정합니다. 깔끔해요.", FactName.DATA_QUALITY),
        ("매일 같은 형식으로 수백 건씩 나와요", FactName.VOLUME),
    ],
)
def test_a_description_of_what_is_wants_nothing(text: str, pending: FactName) -> None:
    # Asked about the traffic or the data, a format that is the same says what is so.
    assert Goal.CONSISTENCY not in (rules(text, pending).facts.goals or [])


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("high, and every report has to follow the same template", FactName.VOLUME),
        ("매일 수백 건이고 형식이 꼭 같아야 해요", FactName.VOLUME),
    ],
)
def test_a_want_said_with_the_answer_still_counts(text: str, pending: FactName) -> None:
    assert Goal.CONSISTENCY in (rules(text, pending).facts.goals or [])


def test_a_first_message_describing_a_template_is_read_as_before() -> None:
    # With no question asked, the rules' own reading stands.
    assert Goal.CONSISTENCY in goals("every reply has to follow the same template")
