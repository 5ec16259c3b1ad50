"""What the round on dev126 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        ("Some thousands of invoices, too many to count.", F.DATA_AMOUNT, "data_amount", "plenty"),
        # … while "some hundreds" is still some.
        (
            "Some hundreds of replies, not more than a thousand.",
            F.DATA_AMOUNT,
            "data_amount",
            "some",
        ),
        # A set kept to train people is no eval set.
        (
            "We have a folder of hard questions with the right answers, but it's for training "
            "the summer temps, nobody tests a bot with it.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        (
            "There is a list of 40 questions with answers. It is used only for the training of "
            "new staff.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        # Korean.
        (
            "제가 다 썼고 보내기 전에 한 번씩 봤어요. 틀린 거는 없을 거예요.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        # "처음엔 잘하다가" is a start, not "never tried".
        (
            "한 달 써 봤는데 처음엔 잘하다가 자꾸 헷갈려요. "
            "설명을 이렇게 저렇게 바꿔 넣어 봐도 더는 안 나아져요.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        ("대체로 같은데 일 년에 네 번쯤 바뀌어요.", F.CHANGE_RATE, "change_rate", "sometimes"),
        (
            "해마다 거의 같습니다만 일 년에 두어 번 달라집니다.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        ("개수 맞는 거. 그게 1번. 디자인은 2번.", F.TOP_GOAL, "top_goal", "accuracy"),
        (
            "금액이 정확한 것과 양식이 늘 같은 것, 어느 하나를 앞세우기 어렵습니다.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
        (
            "금액이 정확한 것과 양식이 늘 같은 것, 어느 하나를 앞세우기 어렵습니다.",
            F.TOP_GOAL,
            "top_goal",
            None,
        ),
        # A count, then the same question again and again.
        ("하루 백 건쯤이요. 그것도 거의 같은 질문으로요.", F.VOLUME, "volume", "high"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
