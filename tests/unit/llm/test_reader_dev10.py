"""The rule reader on volume said outright ("volume's high", "양은 많아요"), the last quarter's
document quoted by mistake, a structure or brand voice to keep, a format "the same since" launch,
changes "mid-cycle", prompts stuck "no matter how we word it", goals ranked "#1", kept records
("past sheets", "hand-picked replies"), runbooks not needed, and Korean document words.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Quality, Volume
from bot.core.ports import Extraction
from bot.llm.reader.read import read

F = FactName


def rules(text: str, pending: FactName | None = None) -> Extraction:
    return read(text, pending)[0]


def goals(text: str) -> list[Goal]:
    return list(rules(text).facts.goals or [])


def fired(text: str, fact: str) -> set[str]:
    return {r.value for r in rules(text).readings if r.fact.value == fact}


# --- volume said outright --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["traffic is fine but volume's high", "we get a huge volume of requests", "heavy volume in q4"],
)
def test_volume_said_high(text: str) -> None:
    assert rules(text).facts.volume is Volume.HIGH


@pytest.mark.parametrize(
    "text",
    ["we have a huge volume of data", "the volume of documents is what worries me"],
)
def test_volume_of_data_is_no_traffic(text: str) -> None:
    assert "high" not in fired(text, "volume")


@pytest.mark.parametrize("text", ["not a ton of volume honestly", "volume's low"])
def test_volume_said_low(text: str) -> None:
    assert rules(text).facts.volume is Volume.LOW


def test_amount_of_work_said_large_in_korean() -> None:
    assert rules("처리해야 할 양이 엄청 많아요").facts.volume is Volume.HIGH


def test_amount_of_data_is_not_volume_in_korean() -> None:
    assert "high" not in fired("데이터 양은 많아요", "volume")


# --- freshness: the last quarter's document quoted ------------------------------------------


def test_last_quarters_document_is_stale() -> None:
    text = "if the bot cites last quarter's travel policy we're in trouble"
    assert Goal.FRESHNESS in goals(text)


def test_last_quarter_as_a_time_is_no_goal() -> None:
    assert Goal.FRESHNESS not in goals("we launched it last quarter")


@pytest.mark.parametrize(
    "text",
    ["오늘 올라온 공지까지 답에 반영돼야 해요", "오늘 뉴스까지 검색이 돼야 해요"],
)
def test_todays_items_included_is_freshness_in_korean(text: str) -> None:
    assert Goal.FRESHNESS in goals(text)


# --- consistency ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["every caption has to sound like our brand", "answers must stick to a set template"],
)
def test_brand_voice_and_set_structure_are_consistency(text: str) -> None:
    assert Goal.CONSISTENCY in goals(text)


def test_the_same_format_since_launch_is_no_wish_for_consistency() -> None:
    text = "the scope is settled, it's the same summary format since launch"
    assert Goal.CONSISTENCY not in goals(text)


def test_items_the_same_every_time_is_consistency_in_korean() -> None:
    assert Goal.CONSISTENCY in goals("점검표 항목은 항상 똑같아야 해요")


def test_a_fixed_structure_says_nothing_of_documents() -> None:
    text = "replies follow a fixed layout: summary, steps, references"
    assert "rarely" not in fired(text, "docs_change")


# --- how often documents change -------------------------------------------------------------


def test_mid_season_changes_are_often() -> None:
    text = "the fee schedule changes every season and sometimes mid-season"
    assert rules(text).facts.docs_change is DocsChange.OFTEN
    assert rules(text).facts.change_rate is None


def test_status_by_the_minute_changes_often() -> None:
    assert rules("the order status changes by the minute").facts.docs_change is DocsChange.OFTEN


def test_a_bible_that_barely_changes() -> None:
    text = "the style bible barely changes these days"
    assert rules(text).facts.docs_change is DocsChange.RARELY


@pytest.mark.parametrize(
    "text", ["세법이 자꾸 바뀌어요", "모집요강이 매주 바뀌어요", "재고 현황이 실시간으로 바뀌어요"]
)
def test_korean_document_words_change_often(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.OFTEN


def test_standard_responses_revised_a_few_times_a_year_in_korean() -> None:
    text = "표준응답문은 1년에 몇 번 개정돼요"
    assert rules(text).facts.docs_change is DocsChange.RARELY


@pytest.mark.parametrize(
    "text", ["the agent doesnt need the playbooks, only the chat", "런북은 필요 없어요"]
)
def test_runbooks_not_needed(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.NONE


def test_not_needing_the_latest_manual_is_no_docs_none() -> None:
    assert "none" not in fired("we don't need the latest manuals wired in", "docs_change")


# --- prompting stuck ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the prompt keeps skipping the disclaimer no matter how we phrase it",
        "our prompt still misses the layout whatever we try",
    ],
)
def test_prompt_stuck_whatever_is_tried(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.CEILING


def test_no_matter_what_without_a_prompt_is_nothing() -> None:
    assert rules("no matter how we word it the customers complain").facts.prompting is None


# --- goals ranked "#1" ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "top"),
    [("consistency #1, accuracy #2", Goal.CONSISTENCY), ("freshness #1 then tone", Goal.FRESHNESS)],
)
def test_goal_ranked_number_one(text: str, top: Goal) -> None:
    assert rules(text).facts.top_goal is top


def test_number_ten_is_no_rank() -> None:
    assert rules("accuracy #10 on the list").facts.top_goal is None


# --- kept records and their quality ---------------------------------------------------------


def test_past_sheets_are_data() -> None:
    ex = rules("we've got about 700 past inspection sheets, all signed off by the foreman")
    assert ex.facts.data_examples == 700
    assert ex.facts.data_quality is Quality.HIGH


def test_hand_picked_replies_are_high_quality() -> None:
    ex = rules("we keep ~2,000 replies our leads hand picked as good")
    assert ex.facts.data_quality is Quality.HIGH


def test_past_listings_all_over_the_place_are_low_quality() -> None:
    ex = rules("we've got ~5k past listings, quality is all over the place")
    assert ex.facts.data_examples == 5000
    assert ex.facts.data_quality is Quality.LOW


def test_listings_a_month_are_traffic() -> None:
    ex = rules("we post 300 listings a month")
    assert ex.facts.data_examples is None


def test_cost_checked_in_korean() -> None:
    assert rules("비용은 요청당 얼마인지 체크하고 있어요").facts.cost_tracked is True
