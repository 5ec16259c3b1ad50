"""What the round on dev112 taught the reader, in sentences written for these tests."""

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
            "Around 250 permits a month, all the same kind. For us this is much.",
            F.VOLUME,
            "volume",
            "high",
        ),
        (
            "The price list is updated every evening, sometimes two times "
            "a day in the busy season.",
            F.DOCS_CHANGE,
            "docs_change",
            "often",
        ),
        (
            "Some weeks many, some weeks nobody. I don't know what is a lot for you.",
            F.VOLUME,
            "volume",
            None,
        ),
        (
            "We use a ChatGPT bot since spring. Greetings fine, the fees "
            "it mixes up. We rewrote the prompt again and again, same "
            "problem.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "The pickup date must be the right date for each street, that "
            "comes first. After that, up to date when things move.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "Around New Year people throw out everything, hundreds a day. "
            "But on normal days it's low, maybe thirty.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "There is a folder with 40 common questions and the approved "
            "answers, but we never tested anything with it.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        (
            "In four weeks we start on the old mill, if it's ready then, good.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        ("Pretty much never. Same letter every time.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "We already follow the cost, the contractor mails me the cost per chat each week.",
            None,
            "cost_tracked",
            True,
        ),
        (
            "정확한 것도 오늘 시세인 것도 둘 다요. 뭐가 먼저냐 하믄 그건 못 고르겄소.",
            F.TOP_GOAL,
            "top_goal",
            None,
        ),
        (
            "셋 다 중요한디 굳이 하나 꼽으라 카믄 최신 시세입니더.",
            F.TOP_GOAL,
            "top_goal",
            "freshness",
        ),
        (
            "거래처가 마흔 군데라 날마다 마흔 통씩 비슷한 문자가 가요. 솔찬히 많제라.",
            F.VOLUME,
            "volume",
            "high",
        ),
        (
            "말투가 1순위예요. accuracy는 담당자가 이미 확인해서 크게 걱정 안 해요.",
            F.TOP_GOAL,
            "goals",
            ["consistency"],
        ),
        ("재고요! 없는 물건 있다고 하면 손님이 엄청 화나요.", F.TOP_GOAL, "top_goal", "freshness"),
        (
            "문의는 철마다 조금 달라요. 답장 양식은 똑같고요.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        (
            "답장은 제가 써요. 근데 옛날 단가 그대로 있는 답장이 많아요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        (
            "카톡 답장 2천 개쯤? 근데 반은 품절 안내라 가격 알려준 건 900개 정도",
            F.DATA_AMOUNT,
            "data_examples",
            900,
        ),
        (
            "From June to August it's crazy busy, a hundred emails a "
            "week. The rest of the year not so many. I'd say low.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "Nothing written here, sorry. Nobody writes the answers down.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        (
            "Dates must be exact, that's the law. I also like that it "
            "answers always the same way. But the numbers first.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
        (
            "[민원팀] 게시판 답변은 담당이 여러 번 바뀌어서 말투도 제각각이고, "
            "옛날 요금으로 답한 것도 그대로 있어요.",
            F.DATA_QUALITY,
            "docs_change",
            None,
        ),
        (
            "Our handbook dates from 2018, updated once last year, nothing more.",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        # An answer word that the rest of its sentence denies answers nothing.
        ("최신 정보 같은 건 필요 없어요, 문서 참조도 없고요.", F.TOP_GOAL, "top_goal", None),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
