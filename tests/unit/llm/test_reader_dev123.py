"""What the round on dev123 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Someone else's view, which the user has told them is wrong.
        (
            "Accuracy first, no question. Maria says the tone matters more. I've told her "
            "she's wrong.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # … or which the user sets aside as not theirs to judge.
        (
            "Within a fortnight if we can. Tom says there's no rush, but he's away all month "
            "and he's not the one answering them.",
            F.URGENCY,
            "urgency",
            "fast",
        ),
        # A date named, then moved out: the new date holds.
        (
            "We'd planned a demo by the end of this month, but the board pushed it back to "
            "October.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "The pilot was due next week. That has since been postponed until the new year.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # … but a date moved only a little is still near.
        ("The launch was moved to next Friday.", F.URGENCY, "urgency", "fast"),
        (
            "Next week would be nice, but after the summer is fine too.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # Asking the prompt for something, however it was put, got nowhere.
        (
            "However she asked it to sound friendly it never did. She gave up.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "It was fine at first, but changing the prompt doesn't help anymore.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        # Scots "no bad" is "not bad", no "no".
        ("No bad. Mostly it's me writing them.", F.DATA_QUALITY, "data_quality", "high"),
        ("So a bit of a mix, honestly.", F.DATA_QUALITY, "data_quality", "low"),
        (
            "Two of us write them and each one has her own way.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        (
            "The older ones still have the old delivery fees in them.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        # Ready-made replies are kinds of answer, not pairs; the sent replies are.
        (
            "We have about 30 saved replies we copy paste from, and 1,800 real replies in the "
            "sent folder.",
            F.DATA_AMOUNT,
            "data_examples",
            1800,
        ),
        # What the narrowed count leaves out says nothing of the part kept.
        (
            "About 9,000 tickets, but many are duplicates we close in one line. Proper "
            "replies maybe 2,500.",
            F.DATA_AMOUNT,
            "data_quality",
            None,
        ),
        ("Same kind of questions every year, really.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "Now and again a new course brings new questions.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        ("We haven't got anything like that.", F.EVAL_SET, "eval_set", False),
        ("Prices correct and updated, that's it.", F.TOP_GOAL, "goals", ["accuracy", "freshness"]),
        (
            "The offers have to be the current ones, of this week.",
            F.TOP_GOAL,
            "goals",
            ["freshness"],
        ),
        (
            "Right answer's important, but same answer's what matters.",
            F.TOP_GOAL,
            "top_goal",
            "consistency",
        ),
        ("Ach, very high. Spring is worse, but even summer is busy.", F.VOLUME, "volume", "high"),
        # Korean.
        (
            "예전에 답글이 3천 개쯤 됐는데 서버 옮기면서 다 없어졌어요. 지금 남아 있는 문답은 "
            "400개 정도예요.",
            F.DATA_AMOUNT,
            "data_examples",
            400,
        ),
        # The mistakes are denied: not poor data; said alone in reply, good data.
        ("틀린 건 거의 없을 거예요.", F.DATA_QUALITY, "data_quality", "high"),
        (
            "가격은 카탈로그랑 하나하나 대조해 보고 보냈어요.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        (
            "예전 요금 들어간 것도 꽤 있어요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        # Examples put in the prompt are shown to it, not data to learn from.
        (
            "예시 여섯 개 넣고 이렇게 써 달라고 했는데 더 나아지지 않더라고요.",
            F.PROMPTING,
            "data_examples",
            None,
        ),
        ("질문 유형은 1년에 한 번꼴로 바뀝니다.", F.CHANGE_RATE, "change_rate", "sometimes"),
        ("양식은 1년에 한 번 손볼까 말까예요.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "매년 새 모임이 한두 개 생기면 그만큼 새 질문이 붙는 정도예요.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        ("많지 안음. 하루 서너 통", F.VOLUME, "volume", "low"),
        ("정확한 기 먼저고, 최신인 기는 그 담입니더.", F.TOP_GOAL, "top_goal", "accuracy"),
        ("늘 같은 꼴로 짧게 나가는 게 첫째예요.", F.TOP_GOAL, "top_goal", "consistency"),
        (
            "셋 다 중요한데, 하나 고르라면 근거 규정이 최신인 거요.",
            F.TOP_GOAL,
            "top_goal",
            "freshness",
        ),
        # A ranking written with ">" picks its first.
        ("굳이 순위 매기면 일관성 > 정확도 > 최신성", F.TOP_GOAL, "top_goal", "consistency"),
        # A count per issue is no count of the whole.
        (
            "호마다 글이 30개 안팎이고, 남아 있는 게 다 합쳐 900개쯤 돼요.",
            F.DATA_AMOUNT,
            "data_examples",
            900,
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
