"""What the round on dev124 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # What the user does not mind reaches over a long "if" clause.
        (
            "Right prices, that's all. Doesn't matter to me if it sounds cheerful or comes out "
            "the same every time.",
            F.TOP_GOAL,
            "goals",
            ["accuracy"],
        ),
        # Summers counted are no pairs.
        (
            "We got loads of chats with customers from the last 4 summers. "
            "Never counted, but a lot.",
            F.DATA_AMOUNT,
            "data_examples",
            None,
        ),
        (
            "Now whatever way he asks it, it gets the dates wrong. He changed the words many "
            "times, same thing.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "We tried shorter lists, different instructions, still the same.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        # A reply that declines the question answers nothing.
        (
            "This one I cannot answer. The manager sets the dates and she is away until next week.",
            F.URGENCY,
            "urgency",
            None,
        ),
        (
            "이건 제가 답을 못 드리겠네요. 원장님이 다음 주에 오시면 정해요.",
            F.URGENCY,
            "urgency",
            None,
        ),
        # The ordinary weeks, called after the peak.
        (
            "In May, very busy. Normal weeks 10 or 12 emails a day. Not so many I think.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "In April loads, 80 a day. But the rest of the year is 8 or so, for me that's low.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "normal weeks its calm, 40-50 orders. spring is mad though.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # A list kept to train staff is no eval set.
        (
            "We have 30 questions with answers, but it is for training new staff, never for "
            "testing a computer.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        ("Timetables almost every other day in winter.", F.DOCS_CHANGE, "docs_change", "often"),
        (
            "Some replies still with the old fees, some just 'ok'.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        (
            "Our chair asked for a demo in two weeks. I said that was not realistic, and she "
            "agreed to revisit in the autumn.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        ("No clock on this, I'm not losing sleep over it.", F.URGENCY, "urgency", "normal"),
        (
            "The questions change every term, like 3 times a year.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        ("People ask the same things every year.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("The schedule must be this week's one.", F.TOP_GOAL, "goals", ["freshness"]),
        (
            "About 4,000 replies, but we delete after a year, so realistically about 1,800.",
            F.DATA_AMOUNT,
            "data_examples",
            1800,
        ),
        (
            "It has not been used for answering these questions.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        ("I fix small things only. For now is enough.", F.PROMPTING, "prompting", "working"),
        # Korean.
        ("하루에 딱 네 개요. 이걸 많다고 하긴 좀 민망하죠", F.VOLUME, "volume", "low"),
        # "낮잠" is a nap, not "낮다".
        (
            "제가 다 쓴 거고 보내기 전에 한번 더 읽어봐요. 식사, 낮잠, 놀이 순서로요.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        # Examples shown in a question are no data.
        (
            "예시 몇 개 보여주고 흉내내게 하는 거랑 파인튜닝은 뭐가 달라요?",
            None,
            "data_amount",
            None,
        ),
        # "8월 2학기" is August, not "2 a month".
        ("8월 2학기 앞두고는 하루 삼백 통 와요.", F.VOLUME, "volume", "high"),
        # A change this week, reflected at once, is no deadline.
        (
            "이번 주에 바뀐 시간표가 바로바로 반영되는 거요.",
            F.TOP_GOAL,
            "urgency",
            None,
        ),
        # A clause asking before "아니면 …?" asks too.
        (
            "양식 맞추는 일은 프롬프트에 예시 넣는 걸로도 되나요, 아니면 파인튜닝이 맞나요?",
            None,
            "goals",
            None,
        ),
        (
            "팀장님이 이번 달 안에 보자고 하셨다가 석 달 뒤로 미루셨어요.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "한 번 돌릴 때마다 얼마 드는지는 아무도 안 세봐요.",
            None,
            "cost_tracked",
            False,
        ),
        ("조카가 깔아 줬는데 한 번도 안 열어 봤어요.", F.PROMPTING, "prompting", "not_tried"),
        (
            "평소 기준으로는 많다고 보기 어렵습니다. 3월에만 하루 쉰 건이 넘어요.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "저는 존댓말로, 한 분은 영어로만 답하시고, fee도 작년 거 그대로 나간 게 좀 있어요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("학기마다 바뀌어요. 일 년에 두세 번요.", F.CHANGE_RATE, "change_rate", "sometimes"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
