"""Wording from a round on dev21: asked about traffic, the user's own word before the count
("yes high, 600-ish letters a week") says how they weigh it, and "a few hundred" is no "few";
"tone is less important" wants no consistency; "있을 리가요" denies; a goal already met by the
prompt ("톤 맞추는 건 지금도 잘 되고 있어요") is no goal; examples "we could test it against"
are an eval set; a reply that opens with the answer ("rarely, its a hotel…") answers, and
one that says "not weekly" does not say weekly; questions coming in "하루 종일" are heavy
traffic."""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal, PromptingStatus, Volume
from testkit.reading import goals, rules


@pytest.mark.parametrize(
    "text",
    [
        "oh its a lot, 100+ emails a day in september",
        "yes high, 600-ish letters a week, nearly identical",
        "yeah, like 150 calls a day, same kind of thing",
        "a lot. few hundred of the same 'whats the duty on X' emails a day",
    ],
)
def test_asked_about_traffic_the_users_own_word_before_the_count_decides(text: str) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


@pytest.mark.parametrize(
    "text",
    ["not that many, maybe 300 a day", "Not so many, maybe 20 questions per day"],
)
def test_asked_about_traffic_not_many_is_low_whatever_the_count(text: str) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


def test_a_count_alone_or_unasked_keeps_the_threshold() -> None:
    assert rules("100+ emails a day", FactName.VOLUME).facts.volume is Volume.LOW
    assert rules("oh its a lot, 100+ emails a day").facts.volume is Volume.LOW


def test_per_patient_is_not_few() -> None:
    text = "저희 병동 간호사는 28명인데요, 요약은 교대마다 환자별로 하니까 매일 수백 건씩 나와요"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


def test_a_goal_said_to_be_less_important_is_dropped() -> None:
    read = goals("correct info first, then current. tone is less important")
    assert Goal.CONSISTENCY not in read
    assert {Goal.ACCURACY, Goal.FRESHNESS} <= read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("평가셋 같은게 있을리가요 ㅋㅋ", False),
        ("평가셋이 있을 리가 없죠", False),
        ("평가셋 있어요", True),
    ],
)
def test_how_could_there_be_denies(text: str, expected: bool) -> None:
    assert rules(text, FactName.EVAL_SET).facts.eval_set is expected


def test_a_goal_the_prompt_already_meets_is_no_goal() -> None:
    read = rules("prompt로 톤 맞추는 건 지금도 꽤 잘 되고 있어요", FactName.PROMPTING).facts
    assert read.prompting is PromptingStatus.WORKING
    assert Goal.CONSISTENCY not in (read.goals or ())


def test_examples_we_could_test_against_are_an_eval_set_not_training_data() -> None:
    read = rules(
        "we have a binder of ~150 past rulings with the right answers we could test it against",
        FactName.EVAL_SET,
    ).facts
    assert read.eval_set is True
    assert read.data_examples is None


def test_a_reply_opening_with_the_answer_answers() -> None:
    read = rules("rarely, its a hotel, same questions forever", FactName.CHANGE_RATE).facts
    assert read.change_rate is ChangeRate.RARELY


def test_a_change_a_few_times_a_year_not_weekly_is_rare() -> None:
    text = "The KB mostly gets touched once a semester, so a few times a year, not weekly."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_a_bare_answer_word_still_answers() -> None:
    assert rules("weekly", FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_a_prompt_that_works_up_to_a_point_has_hit_its_ceiling() -> None:
    text = (
        "tried chatgpt w a long prompt last month. its fine like 80% of the time but we cant "
        "get it past that no matter what we add to the prompt"
    )
    read = rules(text, FactName.PROMPTING)
    assert read.facts.prompting is PromptingStatus.CEILING
    assert all(r.sure for r in read.readings if r.fact is FactName.PROMPTING)


def test_questions_coming_in_all_day_are_heavy_traffic() -> None:
    text = (
        "보호자분들 면회 시간, 준비물, 주차 이런 문의가 진짜 하루 종일 와요. "
        "같은 질문이 하루 100건은 넘는 듯"
    )
    assert rules(text).facts.volume is Volume.HIGH
    assert rules("하루 종일 회의라 바빠요").facts.volume is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 120 stories a day across the titles, so yes, a lot.", Volume.HIGH),
        ("about 50 a day, which is a lot for us", Volume.HIGH),
        ("about 150 requests a day, so a lot of repeated work", Volume.LOW),
    ],
)
def test_a_count_the_user_then_calls_a_lot_is_heavy(text: str, expected: Volume) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is expected
