"""What the round on dev108 taught the reader, in sentences written for these tests."""

from __future__ import annotations

import pytest

from bot.core.facts import FactName
from testkit.reading import known

F = FactName


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        # "aint" without its apostrophe denies as "ain't" does.
        ("fyi we aint tracking cost per request, its all on my card", None, "cost_tracked", False),
        # A model used for another job: nothing tried for this one.
        (
            "Our clerk uses ChatGPT to translate the notices into Polish and that works fine. "
            "For the hearing letters themselves we never tried.",
            F.PROMPTING,
            "prompting",
            "not_tried",
        ),
        ("The fixture lists change until the last day.", F.DOCS_CHANGE, "docs_change", "often"),
        # Of two sets of documents in one sentence, the faster one.
        (
            "요강은 1년에 한 번 개정인데 지부별 참가 조건은 매달 바뀝니다.",
            F.DOCS_CHANGE,
            "docs_change",
            "often",
        ),
        # "1도 없음": not even one.
        ("저장해 둔 답변 1도 없음 ㅋㅋ", F.DATA_AMOUNT, "data_amount", "none"),
        # An opening "네" that the words then contradict.
        (
            "네 뭐 상담원 열댓 명이 돌아가며 쓴 거라 말투가 다 달라요.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("남편도 쓰고 저도 쓰고 딸도 써요. 다 달라요", F.DATA_QUALITY, "data_quality", "low"),
        # What stays the same, then what changes: the change answers.
        (
            "신청서 양식은 그대로인데 접수 방식이 시즌마다 쪼매씩 바뀝니더.",
            F.CHANGE_RATE,
            "change_rate",
            "sometimes",
        ),
        ("안내문 모양은 거의 안 바뀌어요.", F.CHANGE_RATE, "change_rate", "rarely"),
        (
            "요금표는 세법 바뀔 때만 고쳐요. 마지막으로 고친 게 재작년이에요",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        (
            "규정 요약 한 장 있는데 만들고 한 번도 안 건드렸어요",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        (
            "The by-laws are voted by the board; the last change was in 2018.",
            F.DOCS_CHANGE,
            "docs_change",
            "rarely",
        ),
        (
            "메일함에 문의랑 답장이 있긴 한데 몇 건인지는 세어 봐야 알아요. 천 단위는 넘을 거예요",
            F.DATA_AMOUNT,
            "data_amount",
            "plenty",
        ),
        ("카톡에 답장 있어요. 많이는 없어요", F.DATA_AMOUNT, "data_amount", "some"),
        (
            "사내 GPT에 규정집 올려서 답 받는 걸 제가 매일 쓰고 있어요. 꽤 맞아요",
            F.PROMPTING,
            "prompting",
            "working",
        ),
        (
            "지시문을 열 번 넘게 다듬었지만 원하는 톤이 나오지 않고, 실수는 오히려 늘었습니다.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        ("All me, same template every time.", F.DATA_QUALITY, "data_quality", "high"),
        (
            "Our registrar reads every notice before it goes out.",
            F.DATA_QUALITY,
            "data_quality",
            "high",
        ),
        (
            "Answered by three different people over the years. Not same style at all.",
            F.DATA_QUALITY,
            "data_quality",
            "low",
        ),
        ("we never wrote any of it down tbh", F.DATA_AMOUNT, "data_amount", "none"),
        (
            "Two months with ChatGPT now, always it invents a Sunday class. "
            "It does not become better.",
            F.PROMPTING,
            "prompting",
            "ceiling",
        ),
        (
            "The board says June, that suits me, no sense rushing it.",
            F.URGENCY,
            "urgency",
            "normal",
        ),
        (
            "It must only suggest rooms that are in stock today. Thats number one.",
            F.TOP_GOAL,
            "top_goal",
            "freshness",
        ),
    ],
)
def test_read(text: str, pending: FactName | None, fact: str, value: object) -> None:
    assert known(text, pending).get(fact) == value


@pytest.mark.parametrize(
    ("text", "pending", "fact"),
    [
        # How many people the team is, not how many examples it has.
        ("We are about 40 in tickets and fan service.", None, "data_examples"),
        # Things the business owns, not examples.
        ("보드게임 카페 FAQ 챗봇 만들고 싶어요. 보유 게임 200개 정도", None, "data_examples"),
        ("몇 개인지는 전혀 감이 안 와요.", F.DATA_AMOUNT, "data_amount"),
        # Traffic of one season, with no word for it.
        ("축제 기간만 되면 전화 문의가 몰려서 FAQ 봇을 만들려고 합니다.", None, "volume"),
        (
            "7~8월에만 몰립니다. 하루 천 건 넘게요. 나머지 달은 문을 닫아서 거의 없구요",
            F.VOLUME,
            "volume",
        ),
        # A boss's two weeks the user turns down.
        (
            "대표님께서는 2주 안에 시연을 원하셨으나, "
            "저희 팀은 행사 끝나고 가능하다고 말씀드렸습니다.",
            F.URGENCY,
            "urgency",
        ),
        # Uploading a file to a chatbot is no document that changes daily.
        ("규정집 PDF 올려서 답 받는 걸 매일 해요", F.PROMPTING, "docs_change"),
    ],
)
def test_not_read(text: str, pending: FactName | None, fact: str) -> None:
    got = known(text, pending).get(fact)
    assert got is None or (fact == "data_examples" and got == 0)


def test_a_judgement_before_a_peak_of_one_season_holds() -> None:
    got = known("많지 않아요. 하루 서너 개. 명절 때만 좀 많아요", F.VOLUME)
    assert got.get("volume") == "low"


def test_a_no_that_opens_another_facts_words_does_not_answer() -> None:
    got = known("no data, we never wrote any of it down", F.DOCS_CHANGE)
    assert got.get("docs_change") is None
    assert got.get("data_amount") == "none"


def test_a_schedule_is_a_document_beside_a_negation() -> None:
    got = known("Our parish schedule changes weekly and nobody here has tried ChatGPT.")
    assert got.get("docs_change") == "often"
    assert got.get("prompting") == "not_tried"


def test_a_fixed_instruction_is_no_document_that_never_changes() -> None:
    got = known(
        "Yes, we paste the schedule into a model with a fixed instruction and the drafts "
        "are mostly usable.",
        F.PROMPTING,
    )
    assert got.get("docs_change") is None
    assert got.get("prompting") == "working"
