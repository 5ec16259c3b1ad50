"""What the round on dev89 and dev90 taught the reader: "latest" as a deadline, someone else's
wish the user is not sold on, a format called 틀, a change planned for next year, a count of
changes this week, traffic of one season, the user's own word for their traffic beside a count,
a "well, actually no" that corrects, cost never worked out, the usable part of the records,
data quality and prompting said in other words."""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, FactName, Goal, PromptingStatus, Urgency, Volume
from bot.llm.reader import extract_facts
from testkit.reading import goals, rules


@pytest.mark.parametrize(
    "text",
    [
        "The fair opens on the 3rd, we need it latest one week before that.",
        "Ready latest in two weeks would be grand.",
        "We want it live latest next month.",
    ],
)
def test_latest_as_a_deadline_is_not_freshness(text: str) -> None:
    assert Goal.FRESHNESS not in goals(text)


@pytest.mark.parametrize(
    "text", ["It has to quote the latest price list.", "Answers must follow the latest rules."]
)
def test_the_latest_documents_are_still_freshness(text: str) -> None:
    assert Goal.FRESHNESS in goals(text)


def test_a_wish_the_user_is_not_sold_on_is_not_a_goal() -> None:
    said = "My manager thinks it should always sound like us. I'm not sold on that at all."
    assert Goal.CONSISTENCY not in goals(said)
    # Held by the user themself, the same wish is a goal.
    assert Goal.CONSISTENCY in goals("It should always sound like us.")


def test_a_head_of_department_is_someone_else() -> None:
    said = (
        "Our head of sales wants every reply to have the same upbeat tone. "
        "For me that is secondary."
    )
    assert Goal.CONSISTENCY not in goals(said)


def test_a_format_called_teul_is_the_use_case_not_the_documents() -> None:
    facts = rules("공지 틀은 거의 안 바뀌어요", FactName.CHANGE_RATE).facts
    assert facts.change_rate is ChangeRate.RARELY
    assert facts.docs_change is None
    # 틀리다 ("wrong") is no format.
    assert rules("공지가 자주 틀려요").facts.change_rate is None


def test_something_added_next_year_is_not_a_timeline() -> None:
    facts = rules("양식은 안 바뀌어요. 내년에 탄소배출 항목 추가된다 했어요", FactName.CHANGE_RATE)
    assert facts.facts.urgency is None
    # Next year as the time the user wants it still is no rush.
    assert rules("내년에 되면 돼요").facts.urgency is Urgency.NORMAL


def test_changes_counted_this_week_are_not_a_deadline() -> None:
    said = "셔틀 시간표가 계속 바뀌어요. 이번 주만 두 번 바뀌었어요"
    assert rules(said, FactName.DOCS_CHANGE).facts.urgency is None
    assert rules("이번 주 안에 데모 보여 줘야 해요").facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    [
        "시즌 중엔 하루 천 건 넘는데 비시즌엔 거의 0이에요",
        "여름엔 하루 서른 명 넘게 와요. 겨울엔 한 명도 없는 날이 많고요",
        "In exam season it is huge, a thousand a day. Rest of year hardly any.",
    ],
)
def test_traffic_of_one_season_is_asked_about(text: str) -> None:
    assert extract_facts(text, FactName.VOLUME).facts.volume is None


def test_the_users_own_word_for_their_traffic_beats_the_threshold() -> None:
    said = "High, no? Around 150 requests a day, the same few questions every time."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
    assert rules("Low. About 400 a day.", FactName.VOLUME).facts.volume is Volume.LOW
    # A count alone is still judged by the threshold.
    assert rules("About 400 a day.", FactName.VOLUME).facts.volume is Volume.HIGH


def test_well_actually_no_corrects_what_came_before() -> None:
    said = (
        "We haven't tried it. Well, actually no, that's not true - Maria has been using "
        "ChatGPT on the refund emails for a month and it does fine, we keep using it."
    )
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_never_sold_is_not_never_tried() -> None:
    said = "it told a customer we had oysters. we never sold oysters. didn't go back to it"
    assert rules(said, FactName.PROMPTING).facts.prompting is None
    assert rules("never tried it", FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("건당 비용은 한번도 안 따져봤어요", None),
        ("비용? 따져 본 적 없음", None),
        ("Cost per chat or reply time? Nobody is measuring that.", None),
    ],
)
def test_cost_never_worked_out_is_not_tracked(text: str, pending: FactName | None) -> None:
    assert rules(text, pending).facts.cost_tracked is False


def test_the_usable_part_of_the_records_is_the_count() -> None:
    said = "회신 이력이 약 4만 건 있는데, 활용 가능한 건 약 2만 5천 건으로 봅니다"
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 25_000


@pytest.mark.parametrize(
    ("text", "quality"),
    [
        ("작성자가 여럿이라 품질 편차 큼", "low"),
        ("선생님 셋이 함께 검토해서 만든 거라 믿으셔도 돼요", "high"),
    ],
)
def test_data_quality_said_in_answer_to_the_question(text: str, quality: str) -> None:
    facts = rules(text, FactName.DATA_QUALITY).facts
    assert facts.data_quality is not None and facts.data_quality.value == quality


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("사내 포털에서 시범 운영 중인데 사용 가능 수준이라 지금도 계속 사용 중이에요", "working"),
        ("- 내부망에서는 생성형 AI 사용 제한 - 시험 사용 이력 없음", "not_tried"),
        ("We are not allowed to use outside AI tools. So nothing is tried until now.", "not_tried"),
        ("For the moment we don't use nothing.", "not_tried"),
    ],
)
def test_how_far_prompting_got_in_other_words(text: str, status: str) -> None:
    prompting = rules(text, FactName.PROMPTING).facts.prompting
    assert prompting is not None and prompting.value == status
