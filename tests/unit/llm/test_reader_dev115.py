"""What the round on dev115 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # A peak, then the user's word for the whole year or the ordinary days.
        (
            "Harvest week is mad, maybe 80 calls a day, but the rest of the year it's a "
            "trickle. So pretty low overall.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "We get swamped in May, 40 a day. Rest of the year a handful a week, so I'd call "
            "it not much.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "김장철 2주 동안은 하루 500건 넘게 몰리지만 평소엔 하루 스무 건 남짓입니다. 평시 "
            "기준으로는 많지 않습니다.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # Someone else's view: a friend who reckons, a parent who would say.
        (
            "Does RAG stop it inventing prices? A mate reckons it fixes hallucinations.",
            None,
            "goals",
            None,
        ),
        (
            "Freshness, first and last. My uncle would tell you the tone is everything, but "
            "stale prices cost us sales.",
            F.TOP_GOAL,
            "top_goal",
            "freshness",
        ),
        # A family member's word, reported with "-래/-대", is theirs, not the user's.
        (
            "친구는 무조건 싼 게 먼저래. 근데 난 정확한 가격이 제일 중요해.",
            F.TOP_GOAL,
            "goals",
            ["accuracy"],
        ),
        ("아직 안 해봤어요. 동생이 다음 주에 써 본대요.", F.PROMPTING, "urgency", None),
        # A superior's deadline reported the same way is still the user's to meet.
        ("팀장님이 이번 주 금요일까지 데모 보여달래요.", None, "urgency", "fast"),
        # Short answers in the user's own words.
        ("havnt tried", F.PROMPTING, "prompting", "not_tried"),
        ("그런 거 없어예.", F.DATA_AMOUNT, "data_amount", "none"),
        ("아들이 챗GPT로 해 봤는디 제법 잘 허더라고.", F.PROMPTING, "prompting", "working"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
