"""What the round on dev121 taught the reader, in sentences written for these tests."""

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
        # Someone else's view, turned down with "sorry, but no"; money right comes first.
        (
            "Dave thinks it should sound the same every time. Sorry Dave but no. "
            "Prices and dates right, that's first for me.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # A work shift is no change of the documents.
        ("Night staff keep asking the SOP questions during shift.", None, "docs_change", None),
        # Twice a year, in words, is sometimes for the work.
        (
            "Mostly the same. New kinds of questions come maybe two times in a year.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        # "nobody cares if" sets the goal aside.
        (
            "Nobody cares if it sounds the same every time. It's about being current.",
            F.TOP_GOAL,
            "goals",
            ["freshness"],
        ),
        # Dialect "허긴" is "하긴": hard to call it a lot.
        ("평일엔 한두 팀이라 많다고 허긴 그렇죠.", F.VOLUME, "volume", "low"),
        # What is left out ("copy-paste한 auto reply 빼면") says nothing of the rest's quality.
        (
            "reply가 한 5,000개인데 copy-paste한 auto reply 빼면 2,000개 정도예요.",
            F.DATA_AMOUNT,
            "data_quality",
            None,
        ),
        # Hardly ever went out wrong: clean.
        (
            "다 검토하고 보낸 거라 깔끔해요. 틀린 게 나간 적은 거의 없어요.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        ("아직 해 본 적은 없어요.", F.PROMPTING, "prompting", "not_tried"),
        # Busy in season, not a lot over the year.
        (
            "방학 철엔 하루 서른 통씩 오는데, 나머지 달은 일주일에 몇 통이에요. 1년 통틀어 보면 "
            "많은 편은 아닙니다.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # Mostly the same, but new rules bring change now and then: sometimes.
        (
            "문의 유형은 대체로 비슷한데, 새 제도가 생기면 그때 좀 바뀝니다.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        # Calls that never stop are a lot.
        ("전화 문의가 하루 종일 끊이지 않아요.", None, "volume", "high"),
        ("guest inquiry가 email이랑 WhatsApp으로 진짜 엄청 들어와요.", None, "volume", "high"),
        # Right at the moment it is asked.
        ("빈방이 있냐 없냐, 그게 그때그때 맞아야지요.", F.TOP_GOAL, "goals", ["freshness"]),
        # Work as it has always been; unchanged from year to year.
        ("Same as it ever was.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("Essentially unchanged from year to year.", F.CHANGE_RATE, "change_rate", "rarely"),
        # Quiet overall, the peak set aside.
        (
            "August is mad, forty a day. The rest is a handful. So mostly quiet really, "
            "apart from those six weeks.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # Today's rate.
        ("Most important is today price, the rate of today.", F.TOP_GOAL, "top_goal", "freshness"),
        ("Rough. Lots of different people answered.", F.DATA_QUALITY, "data_quality", "low"),
        ("Eight weeks away. No mad rush.", F.URGENCY, "urgency", "normal"),
        # A deadline the user accepts from the boss.
        (
            "The manager wants a demo in 10 days. I think it is mad but he is the boss, we do it.",
            F.URGENCY,
            "urgency",
            "fast",
        ),
        ("I'd want a first cut inside ten days.", F.URGENCY, "urgency", "fast"),
        ("The rules keep moving.", F.DOCS_CHANGE, "docs_change", "often"),
        ("Same answer for everybody. This is first.", F.TOP_GOAL, "top_goal", "consistency"),
        (
            "The older ones have my old rate in, so there's wrong prices all through them.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        # What month it is today, in a date.
        (
            "Move-in is 15 October. We want it tested by 1 October. Today is 2 July.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # Guest texts are data, not documents.
        ("We have about 30k guest texts with our replies.", F.DATA_AMOUNT, "data_examples", 30000),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


def test_use_case_head_is_a_word_not_part_of_one() -> None:
    # "구비서류" (papers to bring) holds "비서" (an assistant) by accident.
    ex = extract_facts(
        "구비서류, 수수료 같은 전화 문의가 많아서 여권 발급 안내 챗봇을 만들고 싶어요.", None
    )
    assert ex.facts.use_case == "여권 발급 안내 챗봇"
