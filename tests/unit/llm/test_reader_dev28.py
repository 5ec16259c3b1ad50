"""Wording from a round on dev28: a prompt that "hasn't hit a wall yet" works; "no matter what
she put in the prompt" is the ceiling, and so is "어느 이상은 안 올라가네요"; goals held
"equally" have none first; "no idea what that is" is no answer; the same work over and over
("같은 작업 무한반복", "똑같은 문의를 하루에도 수십 번씩") is heavy traffic whatever its count;
"상관없어요" sets no deadline, "next friday" a near one; "urgency" as a field of the output sets
none; test questions are an eval set; examples put into the model are in the prompt; "답 다
확인한 거예요" is checked data, "lots of junk" poor; "the same every winter" rarely changes, "a
bit each season" sometimes; documents set "once a school year" rarely change, a guide that
"매달 새로 나와요" often; emails someone wrote are kept records; asked what the data is like,
"half are outdated" asks for no fresh answers."""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("tried a little with chatgpt, works fine, hasn't hit a wall yet", PromptingStatus.WORKING),
        (
            "our clerk tried it, the wording kept coming out stiff no matter what he put in the "
            "prompt",
            PromptingStatus.CEILING,
        ),
        (
            "프롬프트로 한 달 해봤는데 예시 넣어도 어느 이상은 안 올라가네요",
            PromptingStatus.CEILING,
        ),
    ],
)
def test_how_far_prompting_got(text: str, status: PromptingStatus) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is status


def test_goals_held_equally_have_none_first() -> None:
    facts = rules("accuracy and freshness, equally. can't pick", FactName.TOP_GOAL).facts
    assert facts.top_goal is None and Goal.ACCURACY in (facts.goals or ())


def test_not_knowing_what_it_is_is_no_answer() -> None:
    assert rules("no idea what that is, sorry", FactName.EVAL_SET).facts.eval_set is None


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        (
            "하루에 주문서 40장 들어오는데 거의 다 비슷한 건이에요. 같은 작업 무한반복",
            FactName.VOLUME,
        ),
        ("회원 업체들이 똑같은 배송 문의를 하루에도 수십 번씩 해요", None),
    ],
)
def test_the_same_work_over_and_over_is_heavy(text: str, pending: FactName | None) -> None:
    assert rules(text, pending).facts.volume is Volume.HIGH


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("상관없어요", Urgency.NORMAL),
        ("no rush. wait, actually the director wants a demo next friday", Urgency.FAST),
    ],
)
def test_when_it_is_wanted(text: str, urgency: Urgency) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is urgency


def test_urgency_as_a_field_of_the_output_sets_no_deadline() -> None:
    text = "we want call notes turned into tickets (address, urgency, price band)"
    assert rules(text).facts.urgency is None


def test_test_questions_are_an_eval_set() -> None:
    facts = rules("본사에서 예전에 만든 테스트 질문 80개가 있긴 해요", FactName.EVAL_SET).facts
    assert facts.eval_set is True and facts.data_examples is None


def test_examples_put_into_the_model_are_in_the_prompt() -> None:
    facts = rules("챗GPT에 예시 4개 넣어서 쓰는데 잘 나와요", FactName.PROMPTING).facts
    assert facts.prompting is PromptingStatus.WORKING and facts.data_examples is None


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        ("교육팀장님이 답 다 확인한 거예요", Quality.HIGH),
        ("each branch fills them in differently, lots of junk", Quality.LOW),
    ],
)
def test_what_the_data_is_like(text: str, quality: Quality) -> None:
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is quality


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("the requests? pretty much the same every summer", ChangeRate.RARELY),
        ("it shifts a bit each season, new courses and so on", ChangeRate.SOMETIMES),
    ],
)
def test_how_often_the_work_changes(text: str, rate: ChangeRate) -> None:
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is rate


@pytest.mark.parametrize(
    ("text", "docs"),
    [
        ("the course catalog is set once a school year", DocsChange.RARELY),
        ("약관은 반기마다 개정되고, 서비스 안내서는 매달 새로 나와요", DocsChange.OFTEN),
    ],
)
def test_how_often_the_documents_change(text: str, docs: DocsChange) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is docs


def test_emails_someone_wrote_are_kept_records() -> None:
    text = "i've got about 400 emails i wrote to clients that went down well"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 400


def test_data_half_outdated_asks_for_no_fresh_answers() -> None:
    facts = rules("mixed bag. half of it is outdated", FactName.DATA_QUALITY).facts
    assert facts.data_quality is Quality.LOW and not facts.goals
