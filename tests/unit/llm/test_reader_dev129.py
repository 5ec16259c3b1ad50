"""What the round on dev129 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known, rules

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # A scale said without its "one".
        ("So say hundred twenty good ones.", F.DATA_AMOUNT, "data_examples", 120),
        ("Maybe thousand three hundred?", F.DATA_AMOUNT, "data_examples", 1300),
        ("About two hundred fifty examples.", F.DATA_AMOUNT, "data_examples", 250),
        ("All written by me, same layout each time.", F.DATA_QUALITY, "data_quality", "high"),
        (
            "The shop has 2,400 chats saved, mostly 'where is my parcel'. The ones where we "
            "actually advised something? Maybe 300.",
            F.DATA_AMOUNT,
            "data_examples",
            300,
        ),
        (
            "Suggesting the right product for the problem. How it sounds matters way less.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "Prices change often, but the letter itself hasn't materially changed since launch.",
            F.CHANGE_RATE,
            "change_rate",
            "rarely",
        ),
        # Instructions and examples put in the prompt are no data.
        (
            "We added many instructions and two examples, wrote 'keep this layout', still it "
            "changes. Now we stopped trying to improve.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "We added many instructions and two examples, still it changes.",
            F.PROMPTING,
            "data_examples",
            None,
        ),
        (
            "The rules change by law - the last big reform was 2016. Nothing monthly, no.",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        (
            "Tariffs change every spring and the regulator sends memos all year. I'd call that "
            "often.",
            F.DOCS_CHANGE,
            "docs_change",
            "often",
        ),
        (
            "I'd love it by then but realistically I don't see it happening that fast.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # Korean.
        (
            "제가 다 쓰고 팀장님이 한 번 보고 보내는 거라 틀린 건 거의 없어요.",
            F.DATA_QUALITY,
            "volume",
            None,
        ),
        ("마이 오니더. 하루 서른 통은 넘어요.", F.VOLUME, "volume", "high"),
        (
            "정답으로 둔 견적 100건에 프롬프트 바꿀 때마다 맞춰 봅니다.",
            F.EVAL_SET,
            "eval_set",
            True,
        ),
        ("이번 주 식단이 맞게 나와야 해요.", F.TOP_GOAL, "goals", ["freshness"]),
        (
            "팀장님은 다음 주에 보자고 하셨는데 제가 말씀드려서 12월 초로 미뤘어요.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        ("고시는 내년부터 수시로 개정한다는 말이 있어요.", None, "urgency", None),
        ("사용 차단 상태임. 시도 못 함.", F.PROMPTING, "prompting", "not_tried"),
        ("문항 작성 중. 비교 수행 이력 없음.", F.EVAL_SET, "eval_set", False),
        ("문항 작성 중. 비교 수행 이력 없음.", F.EVAL_SET, "data_amount", None),
        (
            "요율표가 매년 4월에 한 번 바뀝니다. 그거 말고 참고할 문서는 없습니다.",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        (
            "셋 다 중요해요. 그래도 하나만 꼽으라면, 누가 답해도 늘 같은 톤으로 말하는 거요.",
            F.TOP_GOAL,
            "top_goal",
            "consistency",
        ),
        ("많다꼬는 못 하지예.", F.VOLUME, "volume", "low"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


def test_this_weeks_menu_is_no_deadline_to_the_rules() -> None:
    """ "이번 주 식단이 맞게 나와야": this week's content, not a date the work is due."""
    assert rules("이번 주 식단이 맞게 나와야 해요.", F.TOP_GOAL).facts.urgency is None
