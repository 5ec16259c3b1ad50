"""What the round on wrong readings across the development splits taught the reader, in
sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from bot.llm.reader.learned import read_with_second_opinion
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # "X 같은/이런 게 아니라 Y": X is set aside, as in "X가 아니라 Y".
        ("톤 통일 같은 게 아니라 정확한 금액이 제일 중요해요.", F.TOP_GOAL, "top_goal", "accuracy"),
        ("톤 통일 같은 게 아니라 정확한 금액이 제일 중요해요.", F.TOP_GOAL, "goals", ["accuracy"]),
        ("말투 맞추기 이런 게 아니라 최신 시간표가 제일이에요.", None, "goals", ["freshness"]),
        # A goal the reply calls unimportant is not the answer to "what matters most?".
        ("말투 이런건 1도 상관없음 날짜만 맞으면 됨", F.TOP_GOAL, "top_goal", None),
        ("말투 이런건 1도 상관없음 날짜만 맞으면 됨", F.TOP_GOAL, "goals", None),
        # An answer word whose match ends its sentence is not judged by the next sentence.
        ("Dates right, for sure. Tone I'm not bothered about.", F.TOP_GOAL, "top_goal", "accuracy"),
        # Saying the traffic is not small is calling it high, before or after the count.
        # Not small, without a count: no longer read as low; the planner asks.
        ("문의가 적진 않아요.", F.VOLUME, "volume", None),
        ("하루 접수가 60~70건이라 적진 않아요.", F.VOLUME, "volume", "high"),
        ("평일에도 하루 120통은 꾸준히 와요. 적은 양이 아닙니다.", F.VOLUME, "volume", "high"),
        ("1년에 8천 건 정도예요. 적다고 보긴 어렵죠.", F.VOLUME, "volume", "high"),
        ("하루 90건 정도고 적은 양이 아닙니다.", F.VOLUME, "volume", "high"),
        ("하루 30개쯤? 혼자 하는 가게 치고 많은거", F.VOLUME, "volume", "high"),
        ("하루 30개쯤이에요. 많은 거 아니에요.", F.VOLUME, "volume", "low"),
        ("문의가 적어요.", F.VOLUME, "volume", "low"),
        # Someone else's cost, not the traffic.
        ("비용이 적지 않아요.", None, "volume", None),
        # "Usually quiet" is the ordinary days; "a big storm" is no word for traffic.
        ("Usually quiet. About 15 a day. After a big storm maybe 150.", F.VOLUME, "volume", "low"),
        ("big numbers, like 500 a day", F.VOLUME, "volume", "high"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


def test_a_count_of_traffic_the_user_cannot_weigh_is_asked_about() -> None:
    ex, _ = read_with_second_opinion(
        "No idea what counts as a lot for you. Maybe 35 emails a day.", F.VOLUME
    )
    assert ex.facts.volume is None
    assert [(r.fact, r.value, r.sure) for r in ex.readings if r.fact is F.VOLUME] == [
        (F.VOLUME, "low", False)
    ]


@pytest.mark.parametrize(
    ("text", "amount"),
    [("상담 Q&A가 2,400쌍 있어요", "plenty"), ("상담 Q&A가 300쌍 정도 있어요", "some")],
)
def test_a_count_of_data_says_how_much_and_the_vague_reading_is_not_shown(
    text: str, amount: str
) -> None:
    ex, _ = read_with_second_opinion(text, F.DATA_AMOUNT)
    assert known(text, F.DATA_AMOUNT)["data_amount"] == amount
    assert not [r for r in ex.readings if r.fact is F.DATA_AMOUNT]


def test_a_denial_of_having_data_stays_beside_a_stray_count() -> None:
    text = (
        "접수 기록은 직원이 남긴 한두 줄 메모뿐이라, "
        "질문과 답변이 짝으로 정리된 자료는 보유하고 있지 않습니다."
    )
    assert known(text, F.DATA_AMOUNT).get("data_amount") == "none"
