"""What the round on dev111 taught the reader, in sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Things made a year are no traffic, nor are kinds of things.
        (
            "I forge axes by hand out back, maybe 90 a year. I'd like help writing the care "
            "leaflets.",
            None,
            "volume",
            None,
        ),
        (
            "We stock about 60 different teas a month and customers email us about them.",
            None,
            "volume",
            None,
        ),
        # Dates and deadlines.
        (
            "Honestly I'd like it running within the next fortnight if we can.",
            F.URGENCY,
            "urgency",
            "fast",
        ),
        (
            "Manager wanted it live in ten days. Impossible, I told her end of next month is "
            "realistic and she agreed.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "The trade show is in six weeks. Would be nice for the show, but not essential.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "Our busy season starts in November and it's May now, good to have it by then.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # The user's own word for a count, a sentence later.
        (
            "Normal days maybe 60 emails, at Christmas double that. I think this is high.",
            F.VOLUME,
            "volume",
            "high",
        ),
        ("하루 문의 30건 정도요. 이게 많은 건지는... 잘 모르겠네요.", F.VOLUME, "volume", None),
        # Of two sets of documents the faster one, whatever the next sentence denies.
        (
            "The fee list changes maybe twice a year, and the waiting times we revise every month "
            "depending on the queue. The answers don't need to say which list it came from.",
            F.DOCS_CHANGE,
            "docs_change",
            "often",
        ),
        (
            "There's nothing to look anything up in, it's all on the order slip.",
            F.DOCS_CHANGE,
            "docs_change",
            "none",
        ),
        # Goals: what comes after is not first; agreeing with a rule is no goal.
        (
            "Answering in the same patient way every time is what comes first for me. Correct "
            "totals come after that.",
            F.TOP_GOAL,
            "top_goal",
            "consistency",
        ),
        (
            "We kept the old order forms, but the council says they can't be used for training. "
            "That rule is correct, fair enough.",
            F.DATA_AMOUNT,
            "goals",
            None,
        ),
        (
            "Correct dosing. If the label is wrong someone gets hurt.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        (
            "Same format every time, this is first. Sizes correct also important.",
            F.TOP_GOAL,
            "goals",
            ["accuracy", "consistency"],
        ),
        (
            "정확한 수량이랑 유통기한이 제일이고 그 다음이 말투예요",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        # Someone else's "must not", and a goal called less important further on.
        (
            "매번 같은 말투가 제일 중요해요. 사장님은 가격 틀리면 안 된다고 하는데 가격은 제가 "
            "따로 확인해요",
            F.TOP_GOAL,
            "goals",
            ["consistency"],
        ),
        (
            "매번 같은 양식이 제일 중요해요. 수치 정확한 건 어차피 담당자가 excel하면서 다시 "
            "맞추니까 덜 중요하고요.",
            F.TOP_GOAL,
            "goals",
            ["consistency"],
        ),
        # Data that may not be trained on; a noun ending in 면 is no condition.
        (
            "메일이 2만 통쯤 있는데 보안팀에서 training에 쓰지 말라고 했어요",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        (
            "legal에서 고객 도면 얘기 섞인 메일은 training에 쓰지 말래요",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        # A guess with a question mark is no question.
        ("메일로 답한 건 몇천 건은 될걸요?", F.DATA_AMOUNT, "data_amount", "plenty"),
        # The part that counts, narrowed.
        (
            "Maybe 300 forms in all, but half are scribbles. The ones I've got typed up with the "
            "order sheet beside them, maybe 90.",
            F.DATA_AMOUNT,
            "data_examples",
            90,
        ),
        ("제 동생 한 사람이 다 써서 답장이 거의 비슷해요", F.DATA_QUALITY, "data_quality", "high"),
        # How often the work changes.
        (
            "If we open a second shop next year maybe new questions, but not decided.",
            F.CHANGE_RATE,
            "change_rate",
            None,
        ),
        (
            "Order form layout not change since 2018, only one small fix.",
            F.CHANGE_RATE,
            "change_rate",
            "rarely",
        ),
        ("Never. Four steps, from the start.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "질문 종류는 거의 같아요 신상 나올 때 몇 개 더 생기는 정도",
            F.CHANGE_RATE,
            "change_rate",
            "rarely",
        ),
        # Prompting and the eval set.
        (
            "Tried the company model for two months. Easy letters OK, hard ones always wrong. "
            "Rewrite prompt no help.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "I saved 25 tickets with the replies we sent, and when I change the prompt I run it "
            "on those and compare.",
            F.EVAL_SET,
            "eval_set",
            True,
        ),
    ],
)
def test_reading(text: str, pending: FactName | None, fact: str, value: Any) -> None:
    assert known(text, pending).get(fact) == value
