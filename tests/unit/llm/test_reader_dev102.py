"""What the round on dev102 taught the reader: "I'm not fussed about that" sets someone else's
goal aside; "no data leaves the building" is no amount of data; a dashboard "on the roadmap"
tracks nothing yet, and "Not currently." answers no; guidance "reviewed annually" is how often
documents change, not reviewed data; "I don't know if that is a lot" does not call a count a
lot; "봄에는 별로 없어요" beside a busy season is traffic of one season."""

from __future__ import annotations

from bot.core.facts import FactName, Goal
from bot.llm.reader import extract_facts
from testkit.reading import rules


def test_a_goal_the_user_is_not_fussed_about_is_set_aside() -> None:
    said = (
        "My husband says it's got to sound like us every time, that's his big thing. "
        "I'm not fussed about that at all. Getting the price right, that's me."
    )
    ex = rules(said, FactName.TOP_GOAL)
    assert ex.facts.top_goal is Goal.ACCURACY
    assert Goal.CONSISTENCY not in (ex.facts.goals or frozenset())


def test_where_data_goes_is_no_amount_of_data() -> None:
    said = "Can we host it ourselves? Then no data leaves the building."
    assert rules(said).facts.data_amount is None


def test_a_dashboard_on_the_roadmap_tracks_nothing_yet() -> None:
    said = "Not currently. IT have a cost dashboard on the roadmap for next year."
    assert rules(said, FactName.COST_TRACKED).facts.cost_tracked is False


def test_documents_reviewed_annually_are_not_reviewed_data() -> None:
    said = "Our internal guidance notes are reviewed annually."
    assert rules(said, FactName.DOCS_CHANGE).facts.data_quality is None


def test_wondering_whether_a_count_is_a_lot_does_not_call_it_a_lot() -> None:
    said = "Around 70 questions a week. I don't know if that is a lot for you."
    assert extract_facts(said, FactName.VOLUME).facts.volume is None


def test_a_quiet_season_beside_a_busy_one_is_asked_about() -> None:
    said = "겨울 오기 전엔 하루 스무 건은 와요. 봄에는 별로 없어요."
    assert rules(said, FactName.VOLUME).facts.volume is None


def test_two_things_got_right_stay_in_one_clause() -> None:
    said = "Getting the latitude and the engraving right. Then it sounding like us."
    assert Goal.ACCURACY in (rules(said, FactName.TOP_GOAL).facts.goals or frozenset())
    # "and" before a new subject still starts a clause of its own.
    said = "The price list changes weekly and the tone must always be the same."
    ex = rules(said)
    assert ex.facts.docs_change is not None and Goal.CONSISTENCY in (ex.facts.goals or frozenset())


def test_that_first_points_back_past_a_reason_to_the_goal() -> None:
    said = (
        "Getting the dosage and the weight right. If it tells a farmer the wrong dose "
        "we are in trouble. That first. Then it sounding like us."
    )
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    said = "it has to sound like me every single time ✨ thats #1. and use the current list"
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
