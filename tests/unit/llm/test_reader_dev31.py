"""Wording from a round on dev31: praise of what a prompt wrote, asked how prompting went, says
it works; a reply's opening word answers before what is said further on; asked about the
documents, a review is of the documents; others' words ("…다고 하시던데", "팀장님 말로는",
"괜찮았다고는 하더라고요") are not the user's, nor an answer; "급할 거 없다", "넉넉합니다" are no
rush;
"매년 바뀌어요" is rare; "수백만 건", "5만 건은 넘을" are plenty; a count of complaints answered,
asked how much data there is, is the data; a correction makes a weak reading firm; "swamped",
"lots of repetition" are heavy traffic; "however we phrased it", "stopped getting better" are
the ceiling."""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from bot.llm.reader import extract_facts
from testkit.reading import rules


@pytest.mark.parametrize(
    "text",
    [
        "A colleague pasted a few newsletters into ChatGPT for a summary; they were good.",
        "One of our nurses uses a prompt for first replies and I've read them; they're good.",
    ],
)
def test_praise_of_what_the_prompt_wrote(text: str) -> None:
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.prompting is PromptingStatus.WORKING
    assert facts.data_quality is None


def test_poor_data_said_while_asked_about_prompting_still_counts() -> None:
    text = "every reply must follow the template. our old replies are messy though, unreviewed"
    assert rules(text, FactName.PROMPTING).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        (
            "Probably high. Legal reviews every answer before it goes out, though I haven't "
            "checked the archive myself.",
            Quality.HIGH,
        ),
        (
            "제가 다 써서 깨끗해요. 아 아니다, 알바생이 쓴 것도 섞여 있어서 들쭉날쭉해요",
            Quality.LOW,
        ),
    ],
)
def test_the_opening_word_answers(text: str, quality: Quality) -> None:
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is quality


@pytest.mark.parametrize(
    "text", ["노 급함. 천천히 해도 돼요", "need it next week!! jk, whenever it's ready"]
)
def test_a_denied_or_taken_back_opening_is_no_answer(text: str) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_a_review_of_the_documents_is_not_of_the_data() -> None:
    facts = extract_facts("The sanctions policy is reviewed annually.", FactName.DOCS_CHANGE).facts
    assert facts.docs_change is DocsChange.RARELY
    assert facts.data_quality is None


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        (
            "본부장님 말로는 법이 자주 바뀌니까 최신 반영이 제일 중요하다고 하시던데, 저는 잘 "
            "모르겠어요.",
            None,
        ),
        (
            "작년에 대행사가 프롬프트로 만들어 봤는데 괜찮았다고는 하더라고요. 근데 저는 본 적이 "
            "없어서 모르겠어요.",
            FactName.PROMPTING,
        ),
    ],
)
def test_others_words_state_nothing(text: str, pending: FactName | None) -> None:
    facts = rules(text, pending).facts
    assert facts.docs_change is None
    assert facts.top_goal is None
    assert facts.prompting is None


@pytest.mark.parametrize(
    "text",
    [
        "홍보팀은 다음 주부터 쓰고 싶다고 하는데, 실장님은 급할 거 없다고 하셨어요",
        "위에서는 연말까지라고 하는데, 연말이 아직 멀어서 넉넉합니다.",
    ],
)
def test_no_rush(text: str) -> None:
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_what_would_follow_a_condition_states_nothing() -> None:
    text = "만약 다음 주 회의에서 승인되면 바로 시작해야 해서 급해질 수도 있어요."
    assert rules(text, FactName.URGENCY).facts.urgency is None


def test_as_of_now_is_no_freshness_goal() -> None:
    facts = rules("지금 기준으로는 급하지 않습니다", FactName.URGENCY).facts
    assert facts.urgency is Urgency.NORMAL
    assert Goal.FRESHNESS not in (facts.goals or ())


@pytest.mark.parametrize(
    ("text", "pending", "docs"),
    [
        ("모집요강이 매년 바뀌어요", None, DocsChange.RARELY),
        (
            "No documents needed. Actually, scratch that: answers have to follow our refund "
            "policy, and that changes every quarter.",
            FactName.DOCS_CHANGE,
            DocsChange.OFTEN,
        ),
    ],
)
def test_how_often_the_documents_change(
    text: str, pending: FactName | None, docs: DocsChange
) -> None:
    assert rules(text, pending).facts.docs_change is docs


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("민원 안내 봇이라는 용도 자체는 바뀔 일이 거의 없죠.", ChangeRate.RARELY),
        ("문의하는 사람이 시즌마다 조금씩 달라지긴 해요.", ChangeRate.SOMETIMES),
    ],
)
def test_how_often_the_work_changes(text: str, rate: ChangeRate) -> None:
    facts = rules(text, FactName.CHANGE_RATE).facts
    assert facts.change_rate is rate
    assert facts.docs_change is None


@pytest.mark.parametrize(
    ("text", "amount", "examples"),
    [
        ("최근 2년치 상담 이력만 해도 수백만 건이에요", "plenty", None),
        ("정확히는 모르는데 3만 건은 넘을 거예요", "plenty", None),
        ("확인해 보니 답변까지 끝난 민원이 한 7천 건이에요", "plenty", 7000),
    ],
)
def test_how_much_data(text: str, amount: str | None, examples: int | None) -> None:
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert (facts.data_amount.value if facts.data_amount else None) == amount
    assert facts.data_examples == examples


def test_an_offer_states_no_data() -> None:
    text = "We could probably write a few hundred Q&A pairs from our manuals if it comes to that."
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is None
    assert facts.data_examples is None


@pytest.mark.parametrize(
    "text",
    [
        "the front desk gets swamped: the same 'where do I park' question hundreds of times a week",
        "we send about 300 letters a week and it's basically the same letter, so lots of "
        "repetition.",
    ],
)
def test_heavy_traffic_said_of_a_count(text: str) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


def test_the_ceiling() -> None:
    text = "However we phrased it, it kept quoting the wrong section; it stopped getting better."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_others_words_are_not_read_back_by_the_second_opinion() -> None:
    text = (
        "사내 규정 문의 봇이에요. 팀장님 말로는 규정이 자주 바뀌니까 최신 반영이 제일 중요하다고 "
        "하시던데, 저는 잘 모르겠어요."
    )
    facts = extract_facts(text, None).facts
    assert facts.goals is None
    assert facts.top_goal is None
