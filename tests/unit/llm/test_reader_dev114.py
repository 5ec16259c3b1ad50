"""What the round on dev114 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Asked how often the work changes, a change that names no documents is the work's.
        (
            "Mostly the same, but now and then something new turns up.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        (
            "Mostly the same, but now and then something new turns up.",
            F.CHANGE_RATE,
            "docs_change",
            None,
        ),
        (
            "문의 유형이 제도 바뀔 때마다 달라져요. 자주 바뀌는 편이에요.",
            F.CHANGE_RATE,
            "docs_change",
            None,
        ),
        (
            "문의 유형이 제도 바뀔 때마다 달라져요. 자주 바뀌는 편이에요.",
            F.CHANGE_RATE,
            "change_rate",
            "often",
        ),
        # 상반기/하반기 name a deadline, not how often something changes.
        ("보고서는 상반기 안에만 나오면 돼요.", F.URGENCY, "docs_change", None),
        ("보고서는 상반기 안에만 나오면 돼요.", F.URGENCY, "urgency", "normal"),
        # Three weeks and more is no rush, in figures too.
        ("10주 안에 필요해요.", F.URGENCY, "urgency", "normal"),
        ("2주 안에 필요해요.", F.URGENCY, "urgency", "fast"),
        ("We need it within 12 weeks.", F.URGENCY, "urgency", "normal"),
        ("저는 한 달은 잡아야 한다고 봐요.", F.URGENCY, "urgency", "normal"),
        # "많은 편은 아닌 듯" is a judgement of few.
        ("전체로 보면 문의가 많은 편은 아닌 듯", None, "volume", "low"),
        (
            "Busy in winter, dead in summer. I honestly don't know what counts as high.",
            F.VOLUME,
            "volume",
            None,
        ),
        # The goal said just before "that's what we care about most", or in its own words.
        (
            "Every caller must get the same answer - that's what we care about most. Correct too.",
            F.TOP_GOAL,
            "top_goal",
            "consistency",
        ),
        ("안내 문구는 항상 한결같아야 해요.", None, "goals", ["consistency"]),
        (
            "금액이 틀리면 안 되는 게 제일이고요. 말투도 같은 톤으로 나가야 해요.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # Short answers in the user's own words.
        ("자료라고 할 건 딱히 없슴다.", F.DOCS_CHANGE, "docs_change", "none"),
        ("Nope. Nothing like this.", F.EVAL_SET, "eval_set", False),
        ("Not touched it yet.", F.PROMPTING, "prompting", "not_tried"),
        ("몇 번 고쳐 달라고 해 봤는데 안 바뀌더라고요.", F.PROMPTING, "prompting", "ceiling"),
        ("What each reply costs us, nobody measures.", None, "cost_tracked", False),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
