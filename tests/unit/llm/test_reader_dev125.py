"""What the round on dev125 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        (
            "Correct requirements first, current fees second. The wording I don't care about.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # "For me, no.": someone else's view, turned down.
        (
            "My boss says the most important is same format every time. For me, no. Correct "
            "documents first.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "At first good, but then it mixes the prices, and I tried many ways to write the "
            "instruction, still mixing.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "I've rewritten the instructions every which way and it still tells people the "
            "wrong date.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        # Example tickets quoted in an opening set no deadline.
        (
            "People send tickets like: can I get this to the Leeds office by Friday?",
            None,
            "urgency",
            None,
        ),
        # "OK back." is no yes.
        (
            "OK back. Security blocked it, so we ain't tried any of it.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        (
            "Not a ton. 20 tickets a day, a couple are the same question, most aren't.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # A tariff is a document, not the work.
        ("The tariff itself was last revised in 2018.", F.DOCS_CHANGE, "change_rate", None),
        (
            "Only those from 2022 onwards reflect current procedure, about 4,000.",
            F.DATA_AMOUNT,
            "goals",
            None,
        ),
        # A closing "sorry" takes nothing back.
        ("Nothing is written, sorry.", F.DATA_AMOUNT, "data_amount", "none"),
        ("Same questions every year.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "She writes them the same way every time and even checks the price before she sends.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        ("Maybe 2-3 times a year.", F.CHANGE_RATE, "change_rate", "sometimes"),
        ("Four of us answer them, each his own way.", F.DATA_QUALITY, "data_quality", "low"),
        (
            "A test set was proposed. It has not been done yet.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        # Mostly the same, something new now and then …
        (
            "문의 내용은 거의 똑같은데, 일 년에 한두 번 새 항목이 생기는 정도예요.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        # … but not when the "never" comes after a "but".
        (
            "The colours change every season, but the order form itself never does.",
            F.CHANGE_RATE,
            "change_rate",
            "rarely",
        ),
        (
            "상태는 시간 단위로 바뀝니다. 요율표는 연 1회 바뀌고요.",
            F.DOCS_CHANGE,
            "docs_change",
            "often",
        ),
        (
            "유형이 고정되어 있지 않음. 몇 주 간격으로 새 유형이 생김.",
            F.CHANGE_RATE,
            "change_rate",
            "often",
        ),
        (
            "메일은 몇 만 통인데 학습용 반출은 절대 불가래요.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        ("담주 목요일까지 뭐라도 돌아가야 돼.", F.URGENCY, "urgency", "fast"),
        # A sentence ending on -거든 gives a reason, no condition.
        ("다음 주까지 돌아가야 돼 그 전에 테스트해 봐야 되거든", F.URGENCY, "urgency", "fast"),
        ("차주 금요일 시연 예정.", F.URGENCY, "urgency", "fast"),
        (
            "틀리면 안 되지예. 그 담이 요금 바뀐 기 바로바로 들어가는 거.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "freshness"],
        ),
        ("평소엔 일주일에 서너 통이에요. 평소로 치면 적지요.", F.VOLUME, "volume", "low"),
        (
            "틀린 안내가 안 나가는 게 첫째고요, 그다음이 양식이에요.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "지금 템플릿 넣고 초안 뽑는데 거의 손 안 대고 보내요.",
            F.PROMPTING,
            "prompting",
            "working",
        ),
        ("보안팀이 막아놔서 써 볼 수가 없어요.", F.PROMPTING, "prompting", "not_tried"),
        ("표준 서식으로 작성하고 발송 전 결재를 거침.", F.DATA_QUALITY, "data_quality", "high"),
        ("일 년에 두 번 바뀌어요.", F.CHANGE_RATE, "change_rate", "sometimes"),
        (
            "조교들이 돌아가면서 답했어요. 옛날 규정으로 답한 것도 있어요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        (
            "누가 물어도 똑같은 답이 나오는 게 첫째고, 그다음은 답이 맞는 거요.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
