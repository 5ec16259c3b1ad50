"""What the round on dev109 taught the reader, in sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # "none of that changed" says how often, not that there are no documents.
        (
            "The statutes and the bank forms, none of that changed since I qualified.",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        ("nah no handbook or nothin, it just uses our notes", F.DOCS_CHANGE, "docs_change", "none"),
        (
            "Policy manual gets redone every January. Thing is, we send memos every couple weeks "
            "that change how stuff is handled.",
            F.DOCS_CHANGE,
            "docs_change",
            "often",
        ),
        ("The tariff and the forms no change since 2017.", F.DOCS_CHANGE, "docs_change", "rarely"),
        ("법은 자주 안 바뀌어요.", F.DOCS_CHANGE, "docs_change", "rarely"),
        (
            "Wir boss wants something by da end o da month. Dat's three weeks. Fine by me.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        # Records that may not be trained on, a rough count or none.
        (
            "과거 회신이 몇백 건 있습니다. 다만 학습에는 쓸 수 없다는 게 법무팀 판단입니다.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        (
            "문자는 업무폰에 있긴 한데 민원인 개인정보라 못 써요.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        (
            "We keep call notes but not what we said, so nothin' to train on really.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        # Someone else's wish, called theirs over the clauses it runs.
        (
            "아내는 다음 주까지 되면 좋겠다 하는데 그건 아내 욕심이에요. 저는 봄 전에만 되면 돼요.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "Correct wording first. One wrong word and the registry sends it back.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        ("The right fee. Dunna care about the tone.", F.TOP_GOAL, "top_goal", "accuracy"),
        (
            "she tried chatgpt for a week. kept inventing dates. she messed w the prompt a lot n "
            "it never quit doin it",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "We no try. The office computers have no internet.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        # The input's state is not the data's.
        (
            "Every final letter is reviewed by a second clerk before it goes out. So quality is "
            "high. Notes are messy, but notes are the input.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        (
            "보고서는 다 과장 결재 거친 거라 깔끔해요. 메모는 엉망이지만 그건 원래 그런 거고",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        (
            "다 결재 받은 거긴 한데, 다른 한편으로는 심사관마다 문장 쓰는 방식이 꽤 달라요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("대원마다 쓰는 게 다 달러.", F.DATA_QUALITY, "data_quality", "low"),
        (
            "Roll Tide. Nothing like a list of right answers, it's all in my head.",
            F.EVAL_SET,
            "eval_set",
            False,
        ),
        ("We hinna.", F.EVAL_SET, "eval_set", False),
    ],
)
def test_read(text: str, pending: FactName | None, fact: str, value: object) -> None:
    assert known(text, pending).get(fact) == value


@pytest.mark.parametrize(
    ("text", "pending", "fact"),
    [
        # A deadline for each reply is no deadline for the project.
        (
            "We are 12 people. Complaints come from the ombudsman and we must reply in writing "
            "within 10 working days. We want a helper that drafts the replies.",
            None,
            "urgency",
        ),
        # "검토보고서" names reports; it says nothing of a review.
        ("과거 검토보고서가 한 300건 있습니다.", None, "data_quality"),
        # "기관마다 … 달라서" differs per client; it does not change over time.
        (
            "채용 대행사 과장입니다. "
            "기관마다 공고문 기준이 달라서 답변 하나 쓰는 데 시간이 꽤 듭니다.",
            None,
            "docs_change",
        ),
        # A word for the peak of a season the sentence opens with is not the traffic's.
        (
            "가을이랑 연말에 많이 와요. 그때는 하루 서른 통도 와요. 다른 때는 그냥 그래요.",
            F.VOLUME,
            "volume",
        ),
    ],
)
def test_not_read(text: str, pending: FactName | None, fact: str) -> None:
    assert known(text, pending).get(fact) is None


def test_a_law_itself_is_a_document_not_the_work() -> None:
    got = known(
        "법 자체는 자주 안 바뀌는데 시행 지침이랑 질의회답이 거의 매주 올라와요.", F.DOCS_CHANGE
    )
    assert got == {"docs_change": "often"}


def test_a_judgement_that_opens_the_reply_still_holds_beside_a_season() -> None:
    got = known(
        "Is a lot, eh. Before the festival we send 40 or 50 per week, and the rest of the "
        "year always there is something.",
        F.VOLUME,
    )
    assert got.get("volume") == "high"


def test_the_users_own_view_after_someone_elses_is_read() -> None:
    # Someone else's view ends where its words do: the user's clause after it is theirs, even
    # when another clause of their own follows.
    got = known(
        "팀장님은 다음 주까지 하자고 하시는데 저는 급하지 않다고 보고 솔직히 그게 맞아요",
        F.URGENCY,
    )
    assert got.get("urgency") == "normal"
