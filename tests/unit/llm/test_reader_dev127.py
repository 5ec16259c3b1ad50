"""What the round on dev127 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from bot.llm.reader.text import sentences
from testkit.reading import known, rules

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        ("The forms barely change.", F.DOCS_CHANGE, "docs_change", "rarely"),
        ("Honestly they barely change.", F.CHANGE_RATE, "change_rate", "rarely"),
        # "barely any" is an amount, not a pace.
        ("Barely any, maybe ten.", F.DATA_AMOUNT, "change_rate", None),
        ("Rate card? Ain't touched it since '21.", F.DOCS_CHANGE, "docs_change", "rarely"),
        ("Neither has changed in years.", F.DOCS_CHANGE, "docs_change", "rarely"),
        # A year before a document is no count of examples.
        (
            "About half of them still quote the 2020 price list.",
            F.DATA_QUALITY,
            "data_examples",
            None,
        ),
        # A count of the people who wrote is no count of examples.
        (
            "The replies come from 9 colleagues, all different.",
            F.DATA_QUALITY,
            "data_examples",
            None,
        ),
        ("Tone is a matter for the duty manager.", F.TOP_GOAL, "goals", None),
        (
            "We use Gemini for minutes and it's fine, but nobody's pointed it at the rota.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        (
            "It doesn't matter how we word it, it still muddles the dates.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        # "No problem" and "no matter" are no "no".
        ("No problem, we use it daily and it works.", F.PROMPTING, "prompting", "working"),
        (
            "Nothing has been trialled, the policy forbids it.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        (
            "We're not going to keep count of what each answer costs.",
            None,
            "cost_tracked",
            False,
        ),
        (
            "First, that the timetable is the current one. Second, the layout, same every time.",
            F.TOP_GOAL,
            "top_goal",
            "freshness",
        ),
        (
            "Every caller gets the same answer no matter who picks up.",
            F.TOP_GOAL,
            "goals",
            ["consistency"],
        ),
        (
            "That it gives callers the right answer, first and last.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "The claim note quotes what is covered under their wording.",
            None,
            "goals",
            None,
        ),
        # A grading of requests is no deadline.
        (
            "Each call is graded emergency (2 hours), urgent (3 days) or routine.",
            None,
            "urgency",
            None,
        ),
        (
            "She wants it for the 3rd of next month, that is in ten days.",
            F.URGENCY,
            "urgency",
            "fast",
        ),
        ("No rush. Nobody's given me a deadline.", F.URGENCY, "urgency", "normal"),
        (
            "Every release we run those 25 tickets and compare with the agreed answers.",
            F.EVAL_SET,
            "eval_set",
            True,
        ),
        ("Not for a system, only for training staff.", F.EVAL_SET, "eval_set", False),
        # Korean.
        ("아 그리고 요금 이런거 전혀 안 재고 있어요.", None, "cost_tracked", False),
        # Whether it can be afforded is not whether it is measured.
        ("그럼 비용이 감당이 될지 모르겠어요.", None, "cost_tracked", None),
        ("주문 금액이 맞는 게 먼저예요. 말투는 그다음이고요.", F.TOP_GOAL, "top_goal", "accuracy"),
        # Stock that is right now is freshness, not accuracy.
        ("지금 재고가 맞게 나오는 거요.", F.TOP_GOAL, "goals", None),
        # What others say comes first is their view.
        (
            "기사님들은 말투가 먼저라고들 합니다만, 저는 요금이 맞게 나가는 게 전부입니다.",
            F.TOP_GOAL,
            "goals",
            ["accuracy"],
        ),
        (
            "봄가을엔 몰립니다만 평소에도 하루 200건은 옵니다. 적은 물량은 아닙니다.",
            F.VOLUME,
            "volume",
            "high",
        ),
        ("방 50개쯤 관리하고 있어요.", None, "data_examples", None),
        ("전부 제가 쓰고 보내기 전에 한 번 더 봐요.", F.DATA_QUALITY, "data_quality", "high"),
        ("제가 다 쓰고 싶은데 실제로는 알바들이 써요.", F.DATA_QUALITY, "data_quality", None),
        (
            "그때그때 단가라서 지금 단가랑 안 맞는 게 절반이에요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("여름 한철 빼고 보통은 조용한 편이에요.", F.VOLUME, "volume", "low"),
        ("몇백 건은 되지 않을까요?", F.DATA_AMOUNT, "data_amount", "some"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


def test_a_spaced_na_yo_says_what_happens() -> None:
    """ "분쟁이 제일 많이 나요" tells, it does not ask."""
    ex = rules("계약 끝나면 보증금 정산에서 분쟁이 제일 많이 나요.")
    assert not ex.side_question


def test_a_question_with_nothing_pending_is_no_skip() -> None:
    ex = rules("파인튜닝하면 양식 바뀔 때마다 다시 학습해야 하나요? 그럼 감당이 될지 모르겠네요.")
    assert ex.side_question and not ex.skip


def test_a_clause_that_goes_on_is_no_echo() -> None:
    assert sentences("DM 다 남아있긴한데 3천개? 아 근데 800개래") == [
        "DM 다 남아있긴한데 3천개?",
        "아 근데 800개래",
    ]
