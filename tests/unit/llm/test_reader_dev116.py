"""What the round on dev116 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Thanks before the answer are not the answer.
        ("Thanks for asking. No, nothing like that yet.", F.EVAL_SET, "eval_set", False),
        ("Good question! Yes, 120 tickets with the right replies.", F.EVAL_SET, "eval_set", True),
        # "actually" closing a short answer corrects nothing.
        ("We do, actually. Ines keeps 80 cases with answers.", F.EVAL_SET, "eval_set", True),
        # A count corrected after the user went and counted.
        (
            "Maybe 700 emails... no, I checked just now, it's 540.",
            F.DATA_AMOUNT,
            "data_examples",
            540,
        ),
        (
            "한 오백 개? 아, 아니다. 지금 세 보니 삼백 개쯤이에요.",
            F.DATA_AMOUNT,
            "data_examples",
            300,
        ),
        # The work that has not changed for a long time.
        ("Same orders for twenty years, give or take.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("Same requests since my father's day.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("They're always same kind, booking and refunds.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("문의 내용은 해마다 같아요.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("보고서 양식은 2020년 이후로 바뀐 적 없음", F.CHANGE_RATE, "change_rate", "rarely"),
        # Weeks listed one after another are a rota, not a deadline.
        (
            "하는 일이 매주 달라요. 이번 주는 모종 옮기고 다음 주는 비료 주고 그다음 주는 수확.",
            F.CHANGE_RATE,
            "urgency",
            None,
        ),
        ("이번 주는 시연이 있고 다음 주는 휴가예요.", F.URGENCY, "urgency", "fast"),
        ("The price list changes every couple of days.", F.DOCS_CHANGE, "docs_change", "often"),
        ("The price changes every week in season.", F.DOCS_CHANGE, "docs_change", "often"),
        # Traffic, data and data quality in the user's own words.
        ("성수기엔 몰려도 평소엔 하루 열 통이라 많다고는 못 해요.", F.VOLUME, "volume", "low"),
        ("답장 써 둔 거요? 없지예.", F.DATA_AMOUNT, "data_amount", "none"),
        (
            "상담 기록은 2만 건 있는데 개인정보 때문에 학습에는 쓰지 않기로 했어요.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        (
            "해마다 스무 개씩 쌓여서 짝 맞는 답장이 백 개 정도예요.",
            F.DATA_AMOUNT,
            "data_examples",
            100,
        ),
        (
            "Most are fine, but the temps wrote wrong prices in a few replies.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        # An eval set that is only talked about, or a list that is not one.
        (
            "체크리스트는 있는데 정답 달린 테스트 set은 아니에요. 만들어 보자는 얘기만 했어요.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        # Goals named in passing beside the first one.
        (
            "Most important is that the sheet looks the same every week. Figures correct too.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
        ("물론 수치 계산도 맞아야 하고요.", F.TOP_GOAL, "goals", ["accuracy"]),
        ("그다음은 새로 나온 규정을 바로 반영하는 거예요.", F.TOP_GOAL, "goals", ["freshness"]),
        ("양식도 법정 양식 그대로여야 하고요.", F.TOP_GOAL, "goals", ["consistency"]),
        (
            "Being right about what's actually in stock today, that's the thing.",
            F.TOP_GOAL,
            "goals",
            ["freshness"],
        ),
        # Rewritten many ways, and the next sentence says it still goes wrong.
        (
            "Rewrote the prompt a dozen ways. Still gets the dates wrong.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
