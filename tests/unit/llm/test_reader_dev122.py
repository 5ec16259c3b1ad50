"""What the round on dev122 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from bot.llm.reader import extract_facts
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # A named person's view, set against the user's own.
        (
            "Priya says there's no rush. I say there is a rush, so two weeks, tops.",
            F.URGENCY,
            "urgency",
            "fast",
        ),
        # … unless the user agrees with it.
        (
            "Tom says the prices have to be right, and he's not wrong, but tone comes first.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
        # A list kept for training people, never tested against, is no eval set.
        (
            "We have 30 model answers we show new staff. Never tested anything against them.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        # The boss's date, turned down.
        (
            "My mum wants it in a week. I told her forget about it, we settled on next quarter.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "We changed the prompt many, many times and it is the same.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        ("I read every one back before I send it.", F.DATA_QUALITY, "data_quality", "high"),
        ("Invoices are spot on.", F.DATA_QUALITY, "data_quality", "high"),
        ("Messy. Maybe a third are usable.", F.DATA_QUALITY, "data_quality", "low"),
        ("The questions are aye the same.", F.CHANGE_RATE, "change_rate", "rarely"),
        # A recount after "no hang on".
        (
            "About 3,000 tickets... no hang on, it's 1,100.",
            F.DATA_AMOUNT,
            "data_examples",
            1100,
        ),
        (
            "Same format every time. Right parts and hours matter as well, but format first.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
        # Three languages in one message are no goal.
        (
            "Emails come in Hindi, Tamil and English, sometimes all three in the same message.",
            None,
            "goals",
            None,
        ),
        # "많은 편은 아닙니다" denies the "많은".
        (
            "하루 대여섯 건입니다. 가을엔 좀 늘지만 그래도 많은 편은 아닙니다.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # A count someone else gave, then the one the user counted.
        (
            "팀장님 말로는 만 건이 넘는다는데, 직접 보니 제대로 짝지어진 건 2,000건이었어요.",
            F.DATA_AMOUNT,
            "data_examples",
            2000,
        ),
        # Someone else's "first", and the user's own view that differs.
        (
            "우리 사장님은 정확한 게 제일이라 그러는데 내 생각은 달라요. 늘 같은 말투로 나가는 게 "
            "제일 중요해요.",
            F.TOP_GOAL,
            "top_goal",
            "consistency",
        ),
        ("값이 맞아야 되고, 말투도 중요하고요.", F.TOP_GOAL, "goals", ["accuracy", "consistency"]),
        ("한 줄로 끝난 게 태반이에요.", F.DATA_QUALITY, "data_quality", "low"),
        ("정해진 양식대로 씁니다.", F.DATA_QUALITY, "data_quality", "high"),
        (
            "몇 번을 고쳐서 물어봐도 그 소리가 그 소리라 관뒀어요.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        ("대충 맞아요. 요즘 참고용으로 씁니다.", F.PROMPTING, "prompting", "working"),
        ("양이 많다고 보기는 어렵습니다.", F.VOLUME, "volume", "low"),
        ("묻는 건 몇 년째 같습니다.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("비용 재는건 안함. 건당 얼마인지 몰라요.", None, "cost_tracked", False),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A condition or a comparison before the head names no product.
        ("If bot tells the old rate, we lose money.", None),
        ("Nothing worse than bot giving a wrong answer.", None),
        # A named product still is one.
        ("We want a support bot for the front desk.", "support bot"),
        # Nor does a Korean condition or reason ("… 끝나면 봇", "요약하면 …").
        ("시즌 끝나면 봇 같은 거 생각하고 있어요.", None),
        ("요약하면 상담사 옆자리 도우미를 원해요.", "상담사 옆자리 도우미"),
        ("화면 안내 봇을 만들고 싶어요.", "화면 안내 봇"),
    ],
)
def test_use_case_label(text: str, label: str | None) -> None:
    assert extract_facts(text, None).facts.use_case == label
