"""What the short round on dev130 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from bot.llm.reader.text import sentences
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Someone else's deadline, then the user's own denial of it.
        (
            "dave reckons we need it by friday cos of a video he saw. we dont. whenever mate",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        ("Twenty a year at most. Hardly what you'd call busy.", F.VOLUME, "volume", "low"),
        (
            "Same sections in the same order every time, so it loads cleanly. That's number one.",
            F.TOP_GOAL,
            "top_goal",
            "consistency",
        ),
        # Korean.
        ("비용이나 응답 시간은 아직 아무도 안 봅니다.", None, "cost_tracked", False),
        (
            "정확성. 수량 틀리면 큰일 나요. 양식은 그다음.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


def test_a_count_said_as_a_question_is_no_topic_echoed() -> None:
    assert sentences("dm 기록 3.1k? 근데 그중에 쓸만한 건 500개") == [
        "dm 기록 3.1k?",
        "근데 그중에 쓸만한 건 500개",
    ]
