"""Words that look like a fact but state none: inputs that all share a structure, a prompt that
stalls on tone or format, a next quarter that adds users, a
goal set aside for a reason, and new kinds of documents that are new work.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, DocsChange, Goal, Urgency
from testkit.reading import goals, rules

# --- inputs that are "all the same structure" describe the data, not a wish -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Invoices arrive by email, maybe 300 a day, all the same layout",
        "the forms we get are mostly the same format, so parsing is easy",
    ],
)
def test_inputs_that_share_a_format_are_no_consistency_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


@pytest.mark.parametrize(
    "text",
    [
        "every summary must use the same structure",
        "all of them need the same format, the parser breaks otherwise",
    ],
)
def test_a_format_that_must_stay_the_same_is_still_consistency(text: str) -> None:
    assert Goal.CONSISTENCY in goals(text)


# --- a prompt that stalls on tone or format reports a ceiling, not a goal ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "we've tweaked the prompt for a month and the replies still drift from house style",
        "시스템 프롬프트를 계속 고쳐도 말투가 더 이상 안 맞춰져요",
        "몇 주째 예시를 바꿔봤는데 형식 준수율이 70%에서 더 안 올라가요",
    ],
)
def test_a_stalled_tone_or_format_is_no_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


@pytest.mark.parametrize(
    "text",
    [
        "답변 말투는 꼭 맞춰야 해요",
        "출력 형식 준수율이 제일 중요해요",
        "replies must stay in house style",
    ],
)
def test_tone_and_format_wishes_still_read(text: str) -> None:
    assert Goal.CONSISTENCY in goals(text)


# --- a goal set aside for a reason -------------------------------------------------------------


def test_accuracy_not_worried_about_for_a_reason_is_no_goal() -> None:
    assert Goal.ACCURACY not in goals("정확도는 상품 DB 값을 그대로 옮기는 거라 별로 걱정 안 해요")


def test_accuracy_that_matters_still_reads() -> None:
    assert Goal.ACCURACY in goals("정확도는 틀리면 큰일 나서 제일 걱정돼요")


# --- next quarter that adds users or kinds of work is no deadline ------------------------------


@pytest.mark.parametrize(
    "text",
    ["지금은 내부 직원만 쓰는데 다음 분기엔 협력사도 붙어요", "내년엔 해외 지사도 추가될 거예요"],
)
def test_a_next_period_that_adds_scope_is_no_urgency(text: str) -> None:
    assert rules(text).facts.urgency is None


@pytest.mark.parametrize(
    "text", ["서두를 건 없어요, 다음 분기 오픈 목표예요", "내년 상반기 목표라서요"]
)
def test_a_next_period_as_a_target_is_still_normal(text: str) -> None:
    assert rules(text).facts.urgency == Urgency.NORMAL


# --- new kinds of documents are new work, not changing documents -------------------------------


def test_new_document_kinds_are_no_document_change() -> None:
    facts = rules("종종 새로운 보고서 유형이 생기긴 해요").facts
    assert facts.docs_change != DocsChange.RARELY


def test_documents_that_change_sometimes_still_read() -> None:
    facts = rules("참고 문서는 가끔 바뀌어요").facts
    assert facts.docs_change == DocsChange.RARELY
    assert facts.change_rate != ChangeRate.OFTEN
