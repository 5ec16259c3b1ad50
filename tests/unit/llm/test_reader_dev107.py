"""What the round on dev107 taught the reader, in sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.core.facts import FactName
from bot.llm.reader import extract_facts
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # Records that "shall not" be trained on are no data for it.
        (
            "About 3 000 letters are kept in the archive. However, our lawyer has ruled that "
            "letters naming clients shall not be used for model training.",
            F.DATA_AMOUNT,
            "data_amount",
            "none",
        ),
        ("We did not try.", F.PROMPTING, "prompting", "not_tried"),
        (
            "Nobody try nothing yet, the boss say maybe next month.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        # After a sentence about something else, a sentence of its own answers.
        (
            "제 동생이 혼자 ChatGPT에 몇 번 물어봤는데 엉뚱한 답을 지어내더라고요. "
            "회사 일로는 아직 안 써 봤어요.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        (
            "일관성과 정확성이 모두 중요하나, 우선순위는 정확성입니다.",
            F.TOP_GOAL,
            "top_goal",
            "accuracy",
        ),
        ("참고 규정: 안전 관리 지침. 개정 드묾.", F.DOCS_CHANGE, "docs_change", "rarely"),
        ("참조 문서는 대회 요강이며 월 단위로 갱신됩니다.", F.DOCS_CHANGE, "docs_change", "often"),
        ("운영 지침은 최근 1년간 5회 개정되었습니다.", F.DOCS_CHANGE, "docs_change", "often"),
        # Unasked too, in an opening message.
        ("볼링장 FAQ bot이에요. 요금표는 월 단위로 갱신돼요.", None, "docs_change", "often"),
        (
            "사내 포털에서 시험해 본 결과, 프롬프트를 15회 이상 수정하였음에도 유의미한 성능 "
            "향상은 관찰되지 않았습니다.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "We tried it in the club office. After six weeks of tweaking the prompt, no progress.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "담당자마다 쓰는 답변 형식이 통일되어 있지 않습니다.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("A test set does not exist yet. We plan one for spring.", F.EVAL_SET, "eval_set", False),
    ],
)
def test_read(text: str, pending: FactName | None, fact: str, value: object) -> None:
    assert known(text, pending).get(fact) == value


@pytest.mark.parametrize(
    ("text", "pending", "fact"),
    [
        # A season's traffic, the rest of the year not counted or not called: asked, not read.
        (
            "Autumn's busy when the leagues start, thirty a week maybe. Rest of the year I "
            "couldnt tell you if its a lot.",
            F.VOLUME,
            "volume",
        ),
        (
            "In June and July very many, maybe 80 bookings per week. Other months I don't know, "
            "I never counted.",
            F.VOLUME,
            "volume",
        ),
        # A boss's deadline the user calls impossible is not the user's.
        (
            "팀장님은 이번 주 안에 시안 보자고 하시는데 현실적으로 불가능이에요. "
            "저는 연말 정도로 생각해요.",
            F.URGENCY,
            "urgency",
        ),
        # "상급" (a higher body) is not "급" (urgent).
        ("상급 부서와 협의한 뒤 정해질 예정입니다.", F.URGENCY, "urgency"),
    ],
)
def test_not_read(text: str, pending: FactName, fact: str) -> None:
    got = known(text, pending).get(fact)
    assert got is None or (fact == "urgency" and got == "normal")


def test_the_goal_the_second_opinion_reads_answers_what_matters_most() -> None:
    ex = extract_facts(
        "The correct tee time and the correct green fee. If it books the wrong slot I'm in "
        "trouble. Style doesn't matter to me.",
        F.TOP_GOAL,
    )
    assert (F.TOP_GOAL, "accuracy") in {(r.fact, r.value) for r in ex.readings}


def test_a_goal_said_to_come_second_is_not_put_first() -> None:
    got = known(
        "The scores and what they mean, thats first. I'd like em all to sound the same too but "
        "thats second.",
        F.TOP_GOAL,
    )
    assert got.get("top_goal") != "consistency"
