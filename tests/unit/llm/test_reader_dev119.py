"""What the round on dev119 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # "어려워요" is "어렵다" too: hard to call it a lot.
        ("한 달에 오십 건이라 많다고 하긴 어려워요.", F.VOLUME, "volume", "low"),
        ("하루 열 건인데 많다고 보기는 어려워요.", F.VOLUME, "volume", "low"),
        # A question that means "hardly" is no word for a lot.
        ("일주일에 두 번이요. 많을 게 뭐 있어요.", F.VOLUME, "volume", None),
        # Not caring one bit about the wording is no wish for consistency.
        ("I don't care one bit about the wording.", F.TOP_GOAL, "goals", None),
        # A busy season, then the reply's closing word.
        (
            "Christmas is our busy patch, but even then it's ten emails a week. Low, really.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # Every so often is sometimes, not often.
        (
            "Sometimes. Every so often a new scheme brings a new kind of question.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        ("Pretty much the same year round.", F.CHANGE_RATE, "change_rate", "rarely"),
        # A deadline moved back to the end of the quarter.
        (
            "The director wanted it in a week. Told her no, she's moved it to end of quarter.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        ("He's moved it to the end of the year.", F.URGENCY, "urgency", "normal"),
        # Today's rate, and the same order whoever writes.
        ("제일은 오늘 금리지요.", F.TOP_GOAL, "top_goal", "freshness"),
        ("누가 써도 같은 순서로 나왔으면 해요.", F.TOP_GOAL, "goals", ["consistency"]),
        # A draft that goes out after a light touch is prompting that works.
        (
            "챗GPT로 초안 뽑는데 살짝만 고치면 그대로 보내도 될 정도예요.",
            F.PROMPTING,
            "prompting",
            "working",
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
