"""What the round on dev128 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from bot.llm.reader.text import sentences
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # "day" beside a price is no rate, so the count after it counts the data.
        ("Proper quotes with price and day, maybe 400.", F.DATA_AMOUNT, "data_examples", 400),
        # A count of the people who write is no count of examples, nor are many writers "checked".
        (
            "Replies are written by 9 inspectors in different towns, not consistent at all.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("The questions are the same twenty years.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "Manuals? No. There's no price list, he quotes from memory.",
            F.DOCS_CHANGE,
            "docs_change",
            "none",
        ),
        (
            "My manager says tone is first priority. But for me correct pricing is most important.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "Our director says consistency above everything. I'd put the right invoice total "
            "first. Tone second.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "Same answer to same question every time, that's the real problem.",
            F.TOP_GOAL,
            "volume",
            None,
        ),
        (
            "Rarely - well, no. The regulator changes something most years, so sometimes.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        ("We have not started at all.", F.PROMPTING, "prompting", "not_tried"),
        # An opening "well" is no answer; what follows it is.
        ("Well, no, we haven't.", F.PROMPTING, "prompting", "not_tried"),
        ("It does the job well, I'd say.", F.PROMPTING, "prompting", "working"),
        # Korean.
        ("급한거 아이래요. 가을까지만 되면 돼요.", F.URGENCY, "urgency", "normal"),
        (
            "전에는 천 개쯤 있었는데 폰 바꾸면서 날아가고 지금 남은건 삼백 개 정도예요.",
            F.DATA_AMOUNT,
            "data_examples",
            300,
        ),
        (
            "제가 쓴 것도 있고 딸이 쓴 것도 있어서 말투가 다 달라요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("작년 가격도 그대로 남아 있어요.", F.DATA_QUALITY, "data_quality", "low"),
        ("굳이 하나 고르라면 재고요.", F.TOP_GOAL, "top_goal", "freshness"),
        ("재고가 지금 기준으로 맞는 거요.", F.TOP_GOAL, "goals", ["freshness"]),
        ("요금하고 배송 되는 지역이 맞아야지요.", F.TOP_GOAL, "goals", ["accuracy"]),
        (
            "GPT로 해 봤는데 말투가 너무 딱딱하고, 이 말 저 말 다 넣어 봤는데 그래도 똑같았어요.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        ("양식은 3년에 한 번 바뀝니다.", F.DOCS_CHANGE, "docs_change", "rarely"),
        ("보안 때문에 접속이 막혀 있어서 몬 써 봤어요.", F.PROMPTING, "prompting", "not_tried"),
        ("정답지는 있는데 그걸로 비교해 본 적은 없어요.", F.EVAL_SET, "eval_set", False),
        # A date a document changes on is no deadline.
        ("요율표는 내년 3월에 개정 예정이긴 해요.", None, "urgency", None),
        (
            "프롬프트를 통째로 바꿔도 정답률이 70%에서 안 움직여요.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        ("1) 정확성 2) 최신 요금 반영.", F.TOP_GOAL, "top_goal", "accuracy"),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


def test_numbered_items_are_sentences_of_their_own() -> None:
    assert sentences("1) 정확성 2) 최신 단가 반영.") == ["1) 정확성", "2) 최신 단가 반영."]
