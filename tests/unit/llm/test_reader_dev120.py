"""What the round on dev120 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Fasting before a procedure is no deadline.
        ("Patients ask whether they need to fast before the scan.", None, "urgency", None),
        ("We need it fast, the launch is on Monday.", F.URGENCY, "urgency", "fast"),
        # A peak, then what the ordinary months are.
        (
            "At Easter, hundreds of calls. But normal months it is quiet, maybe 15 a day.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # What the user would say at another time of year, then the reply's closing word.
        (
            "Ask me in July and I'd say high, but most weeks it's about 90 emails. Low.",
            F.VOLUME,
            "volume",
            "low",
        ),
        # A wording not needed is no goal.
        (
            "Correct dates first. The same phrasing each time isn't something we need.",
            F.TOP_GOAL,
            "goals",
            ["accuracy"],
        ),
        # Wording that has to change is no wish for the same wording.
        (
            "Every so often the rules shift and our letters have to change with them.",
            None,
            "goals",
            None,
        ),
        # A hesitant "sometimes?" opens the answer; every so often is not often.
        (
            "Sometimes? Mostly the same, but every so often a new scheme comes in.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        # Nothing kept, so nothing to call good or bad.
        ("쌓아 둔 게 없으니 좋다 나쁘다 할 것도 없어요.", F.DATA_QUALITY, "data_quality", None),
        # Mostly the same, but now and then new questions come: sometimes.
        (
            "업무는 늘 비슷한데, 독감철이 되면 새 질문이 확 생겨요.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        # … unless what changes is a document.
        ("하는 일은 똑같은데 요금표가 매주 바뀌어요.", F.CHANGE_RATE, "change_rate", None),
        ("질문 내용은 해마다 거의 같아요.", F.CHANGE_RATE, "change_rate", "rarely"),
        # A deadline someone else set, called impossible, then moved back.
        (
            "My boss wanted it by Friday which was never happening.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "팀장님은 이번 주에 하라는데 그건 무리고요. 다음 달 말쯤 보면 될 것 같아요",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # The right date and time come first.
        (
            "저는 날짜랑 시간 맞는 게 먼저예요.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # Never measured, with words between the cost and the verb.
        (
            "비용이나 답 나오는 시간 같은 것도 따로 재 본 적 없어요.",
            None,
            "cost_tracked",
            False,
        ),
        # "would be nice if kept" is a wish, not a condition.
        ("말투는 지금 톤 그대로 유지되면 좋고요.", F.TOP_GOAL, "goals", ["consistency"]),
        # Nothing kept, and what there was is gone.
        (
            "따로 모아 두지는 않았어요. 폰 바꾸면서 다 없어졌고요.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        # The later, smaller count: what is really there, or the part picked out.
        (
            "한 800개쯤 될 거예요. 아, 옛날 건 날아가서 실제론 450개 남짓이에요",
            F.DATA_AMOUNT,
            "data_examples",
            450,
        ),
        (
            "상담이 3천 건 되는데 예약 안내만 추리면 900개 정도일 거예요",
            F.DATA_AMOUNT,
            "data_examples",
            900,
        ),
        # A tool that would need no documents.
        (
            "It wouldn't need any documents, I type everything in.",
            F.DOCS_CHANGE,
            "docs_change",
            "none",
        ),
        # Stuck at one score through many prompt versions.
        (
            "It reached 80% and has stayed there through the last ten prompt rewrites.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        # Being current, number one.
        ("Prices being current has to be number one.", F.TOP_GOAL, "top_goal", "freshness"),
        (
            "Right name and date obviously, but tone first.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
        # A closing "so yes", and a rising "actually yes??".
        (
            "I write every answer and Anna checks them before they go. So yes, it's tidy-ish.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        (
            "actually yes?? last year we wrote 40 questions with answers and still test on them",
            F.EVAL_SET,
            "eval_set",
            True,
        ),
        # A document reviewed and updated says nothing of the data.
        (
            "안내 guide는 의료진 review 거쳐서 분기마다 update돼요",
            F.DOCS_CHANGE,
            "data_quality",
            None,
        ),
        # An opening "not high" stands, whatever the busy fortnight.
        (
            "Oh, not high. Thirty a day. December is mad, but the rest of the year is calm.",
            F.VOLUME,
            "volume",
            "low",
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # A closing "no" or a quoted "네" is not the answer; a question is not a yes.
        ("We tried templates for months. No improvement at all.", F.PROMPTING, "prompting", None),
        ("평가셋이 꼭 있어야 돼요? 저희 같은 작은 곳도?", F.EVAL_SET, "eval_set", None),
        # An echoed question with a rising tone is not the answer; the "no" after it is.
        ("A list with the right answers? No, nothing like that.", F.EVAL_SET, "eval_set", False),
        # A word of one syllable that opens a seasonal reply does not call it.
        (
            "Depends. In spring thousands a week, the rest of the time it's quiet.",
            F.VOLUME,
            "volume",
            None,
        ),
    ],
)
def test_not_read(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
