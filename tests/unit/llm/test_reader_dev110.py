"""What the round on dev110 taught the reader, in sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # "if I must choose: correct": the one picked.
        (
            "Correct, and always the same tone. But if I must choose: correct.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # No data that may be used for training, whatever the count.
        (
            "CRM에 closed ticket이 3만 건 넘게 있어요. 근데 legal에서 PII 때문에 training data로는 "
            "못 쓴다고 했어요.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        (
            "Zip. The old system got shut off and the history didn't come over.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        # "아직 정식 서비스는 아닙니다" is no "not tried yet".
        (
            "사내 AI 포털에서 프롬프트로 시험해 보고 있습니다. 답이 꽤 맞게 나옵니다. "
            "참고로 아직 정식 서비스는 아닙니다.",
            F.PROMPTING,
            "prompting",
            "working",
        ),
        (
            "Not loads. Two or three funerals a week, bit more after Christmas, "
            "but that's it like.",
            F.VOLUME,
            "volume",
            "low",
        ),
        (
            "Registration opens in about four weeks. We would like it before then, but we are not "
            "in a panic.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        ("Steups. We doh have nothing so.", F.EVAL_SET, "eval_set", False),
        # A superior's date the user agrees to ("I think that's doable") is theirs too.
        (
            "Our director wants a demo for the board on the 14th, which is twelve days from "
            "today. I think that's doable.",
            F.URGENCY,
            "urgency",
            "fast",
        ),
        (
            "가격표 있어요. 작년에 한번 바꿨고 그 다음엔 안 바꿨어요.",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        (
            "예시도 넣어 보고 지시도 바꿔 봤는데 계속 비슷한 데서 멈추더라고요.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "이렇게도 시켜 보구 저렇게도 시켜 봤는디 더는 안 바뀌더라구유.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
    ],
)
def test_read(text: str, pending: FactName | None, fact: str, value: object) -> None:
    assert known(text, pending).get(fact) == value


def test_we_do_about_n_is_no_yes() -> None:
    got = known("We do about 300 weddings a year. Couldn't tell you if that's a lot.", F.VOLUME)
    assert got.get("volume") is None
    assert known("We do.", F.EVAL_SET).get("eval_set") is True
