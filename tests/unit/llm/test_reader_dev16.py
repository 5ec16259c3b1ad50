"""The rule reader on descriptions that are not wishes: work that comes round in the same
format, wrong answers mixed into the records, texts already edited to house style, a format set
by an outside body, and a format kept the same for years; a template changed once a year, and
documents revised through addenda.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, DocsChange, Goal
from testkit.reading import goals, rules

# --- goals: the work repeats in one format; that is no wish for consistency -------------------


@pytest.mark.parametrize(
    "text",
    [
        "점검 일지가 매일 같은 포맷으로 반복됩니다",
        "주문서는 늘 똑같은 양식으로 들어와요",
    ],
)
def test_work_arriving_in_one_format_is_no_consistency_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


def test_a_report_that_must_keep_one_format_is_still_a_goal() -> None:
    assert Goal.CONSISTENCY in goals("보고서는 매번 똑같은 포맷으로 나와야 해요")


# --- goals: wrong answers mixed into the records are about the data ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "예전 규정 기준이라 틀린 답변이 꽤 섞여 있어요",
        "상담 기록에 틀린 정보가 포함돼 있어요",
    ],
)
def test_wrong_answers_in_the_records_are_no_accuracy_goal(text: str) -> None:
    assert Goal.ACCURACY not in goals(text)


def test_a_bot_that_must_not_give_wrong_answers_still_wants_accuracy() -> None:
    assert Goal.ACCURACY in goals("고객한테 틀린 답을 주면 큰일 나요")


# --- goals: texts already edited to a style, a format set by someone else ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "we have 4,000 product blurbs, every one edited to house style",
        "the template is fixed by the ministry and it stays that way",
        "it hardly ever changes, same layout same readers for years",
    ],
)
def test_a_description_of_the_texts_is_no_consistency_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


@pytest.mark.parametrize(
    "text",
    [
        "drafts have to follow our house style",
        "the layout is fixed and every report has to match it",
        "answers need the same format every time",
    ],
)
def test_a_wish_for_one_style_is_still_read(text: str) -> None:
    assert Goal.CONSISTENCY in goals(text)


# --- change rate: a template changed once in a year or more ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "공지문 양식은 1년에 한 번 바뀔까 말까예요",
        "보고서 양식은 몇 년에 한 번 바뀌어요",
    ],
)
def test_a_template_changed_once_in_years_is_a_settled_use_case(text: str) -> None:
    facts = rules(text).facts
    assert facts.change_rate is ChangeRate.RARELY
    assert facts.docs_change is None


# --- documents: addenda are documents ----------------------------------------------------------


def test_documents_revised_through_addenda_change_often() -> None:
    facts = rules("the tender documents get new addenda almost every week").facts
    assert facts.docs_change is DocsChange.OFTEN
    assert facts.change_rate is None
