"""What the round on dev118 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # A "yes" that acknowledges the question; the words after it say how often.
        ("예, 거의 안 바뀝니다.", F.CHANGE_RATE, "change_rate", "rarely"),
        ("네, 요금표가 있는데 해마다 한 번 바뀌어요.", F.DOCS_CHANGE, "docs_change", "rarely"),
        ("네, 매주 바뀌어요.", F.DOCS_CHANGE, "docs_change", "often"),
        # "예?" is surprise, not a yes.
        ("예? 없습니다.", F.EVAL_SET, "eval_set", False),
        # The user's own word for the traffic beside a count.
        ("솔직히 많습니다. 하루 40건인데 거의 같은 문의예요.", F.VOLUME, "volume", "high"),
        ("하루에 열 건쯤? 많다 카기는 좀 그렇고요.", F.VOLUME, "volume", "low"),
        # The work that does not change.
        ("Same questions always. Doors are doors.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "The fabrics change each season, but the order form itself never does.",
            F.CHANGE_RATE,
            "change_rate",
            "rarely",
        ),
        # Examples pasted into a chat model are the prompt, not data.
        (
            "we pasted our price list in chatgpt with like 8 examples, still gets sizes wrong",
            F.PROMPTING,
            "data_examples",
            None,
        ),
        # One template, reviewed before it goes out.
        ("안내문은 제가 만든 양식 하나로만 나가요.", F.DATA_QUALITY, "data_quality", "high"),
        ("답장은 실장님이 한 번씩 다 보고 보내요.", F.DATA_QUALITY, "data_quality", "high"),
        # The same notice every time.
        ("매번 같은 안내가 나가는 거요.", F.TOP_GOAL, "goals", ["consistency"]),
        # The price put first.
        (
            "The price, first and foremost. It should sound friendly too.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # Two weeks said to be impossible is no two-week deadline.
        ("2주 안은 현실적으로 무리고요, 다음 달 말이면 돼요.", F.URGENCY, "urgency", "normal"),
        ("2주 안에 데모가 필요해요.", F.URGENCY, "urgency", "fast"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
