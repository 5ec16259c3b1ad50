"""What the round on dev113 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # A reply deferred to someone else says nothing of the deadline.
        (
            "That one is for my wife, she keeps the calendar. I tell you later.",
            F.URGENCY,
            "urgency",
            None,
        ),
        ("Later is fine, no hurry.", F.URGENCY, "urgency", "normal"),
        # "좀 있다 봅시다" is "let's talk in a bit", not "we have one".
        ("아 잠깐만요, 손님 왔네. 좀 있다 봅시다.", F.EVAL_SET, "eval_set", None),
        ("네 있어요. 정답 붙은 질문 50개요.", F.EVAL_SET, "eval_set", True),
        # A superior's suggestion set against what is true now is theirs, not the user's date.
        (
            "과장님이 다음 달쯤 한번 써 보자고는 하셨는데, 아직 써 본 적은 없어요.",
            F.PROMPTING,
            "urgency",
            None,
        ),
        ("다음 달에 정답지 만들어 보자고는 했어요. 지금은 없구요.", F.EVAL_SET, "eval_set", False),
        (
            "It was okay on short ones, but it kept inventing opening hours, and I rewrote "
            "the prompt maybe eight times without it getting any better.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "챗GPT 써 봤는데 가격이 자꾸 틀려요. 말을 스무 번 넘게 바꿔 봤는데 마찬가지예요.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        ("Same three questions every night, but it's not a lot.", F.VOLUME, "volume", "low"),
        (
            "Quiet most weeks. When the river floods we get hundreds a day. Overall I'd call "
            "it low.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # A peak season, and the user's own word for the ordinary days.
        (
            "In harvest weeks dozens of calls a day, all the same. The rest of the year not "
            "many at all.",
            F.VOLUME,
            "volume",
            "low",
        ),
        ("김장철엔 하루 백 건도 넘는데 평소엔 많지 않아요.", F.VOLUME, "volume", "low"),
        # "dead the rest of the year" only says the traffic comes in one season: asked about.
        ("Mad in December, the rest of the year it's dead.", F.VOLUME, "volume", None),
        ("명절 앞에만 몰리고 평소엔 거의 없어요.", F.VOLUME, "volume", None),
        ("I don't count what a reply costs us or how long it takes.", None, "cost_tracked", False),
        ("그리고 돈은 따로 안 재봤어요.", None, "cost_tracked", False),
        (
            "예시 몇 개 줬더니 생각보다 잘 씀. 요즘 그걸로 답글 닮.",
            F.PROMPTING,
            "prompting",
            "working",
        ),
        (
            "The first frost comes in about eight days and the tool should work by then.",
            F.URGENCY,
            "urgency",
            "fast",
        ),
        (
            "The owner said six weeks. Six weeks... two months is more realistic.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "겨울 오기 전이면 되는데 지금 9월이라 석 달은 넘게 남았어요.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "사장님은 이번 주 안에 하자고 하시는데 무리예요. 저는 두 달은 잡고 가려고요.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # "without a slip" keeps the clause whole.
        (
            "주문서 양식 안틀리고 매번 똑같이 나오는 게 첫째고, 수량 맞는 게 그다음이에요.",
            F.TOP_GOAL,
            "top_goal",
            "consistency",
        ),
        (
            "가격표는 공문 나올 때마다, 대략 한 달에 한두 번 고쳐져요.",
            F.DOCS_CHANGE,
            "docs_change",
            "often",
        ),
        ("안내 틀은 5년에 한 번 바꿀까 말까예요.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "The notes were written by whoever was on duty, half in French, half in English.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        (
            "어떤 직원은 kg로 적고 어떤 직원은 '한 포대' 이렇게 적어요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        (
            "나는 반말로 쓰고 동생은 존댓말로 써서 완전 따로 놀아요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
