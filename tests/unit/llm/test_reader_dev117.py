"""What the round on dev117 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Someone else's goal the user does not share; their "all matters" is theirs too.
        (
            "My boss says tone, one voice for the shop. I'm not with him on that. Correct "
            "prices come first.",
            F.TOP_GOAL,
            "goals",
            ["accuracy"],
        ),
        (
            "Kim says it all matters the same. I say the dates must be right. So right dates "
            "first.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # Rewritten many times, something new always wrong, and given up.
        (
            "Tried ChatGPT, fine at first. We changed the prompt a bunch of times, always some new "
            "thing wrong. So we quit.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "챗gpt에 지난 공지 두세 개 붙여넣고 써 달라면 꽤 그럴듯해요.",
            F.PROMPTING,
            "data_examples",
            None,
        ),
        (
            "챗gpt에 지난 공지 두세 개 붙여넣고 써 달라면 꽤 그럴듯해요.",
            F.PROMPTING,
            "prompting",
            "working",
        ),
        # No other documents.
        (
            "Other documents? No, nothing. The morning readings are all it needs.",
            F.DOCS_CHANGE,
            "docs_change",
            "none",
        ),
        ("No, nothing changes much.", F.DOCS_CHANGE, "docs_change", "rarely"),
        # Data quality: last season's details left in.
        (
            "제가 다 쓴 건데 지난 시즌 요금 그대로 남은 것도 꽤 돼요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        # A peak, then the ordinary days called low.
        ("여름 휴가철엔 하루 삼백 통 와요. 근데 그거 빼면 한산해요.", F.VOLUME, "volume", "low"),
        ("Easter is mad. Rest of the year? Calm. Low, I'd say.", F.VOLUME, "volume", "low"),
        (
            "December is chaos. Otherwise a few calls a week, I wouldn't call it a lot.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # A question that supposes no data states nothing.
        ("그럼 데이터 없어도 공지만 넣으면 되는 거예요?", None, "data_amount", None),
        # Days off, and a tight deadline.
        ("The board wants a demo, that's the 9th, eight days off.", F.URGENCY, "urgency", "fast"),
        ("Tight, but doable.", F.URGENCY, "urgency", "fast"),
        # What is true today, and today's conditions.
        ("What is true today, first. Everything else after.", F.TOP_GOAL, "top_goal", "freshness"),
        ("오늘 물때가 맞아야죠.", F.TOP_GOAL, "goals", ["freshness"]),
        ("당연히 지금 날씨 상태죠.", F.TOP_GOAL, "top_goal", "freshness"),
        ("지금 통제된 구간이 어디인지가 첫째예요.", F.TOP_GOAL, "top_goal", "freshness"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
