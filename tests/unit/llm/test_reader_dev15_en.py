"""The rule reader on English of the dev15 kind: a hedged statement said with a rising "?";
a quick prototype that already exists; hundreds of new items a day as work coming in; data
written by hand, which says nothing of its quality; prompts that hit a wall on tone or cannot
make a format stick; a format or a way of use that "won't change"; "we not have" in broken
English; traffic that will be tiny; "that's the #1 thing"; cost tracked through a gateway,
or that nobody knows; pairs named by what they pair; a long project timeline; and a prompt
that is "pretty good already".

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules

F = FactName


# --- a statement with a hedge and a rising "?" ------------------------------------------------


def test_a_hedged_top_goal_with_a_question_mark_is_said() -> None:
    got = rules("I think consistency is probably what matters most? we're a brand after all")
    assert got.facts.top_goal is Goal.CONSISTENCY


@pytest.mark.parametrize(
    "text",
    ["hmm, probably not in a rush?", "I'd say it's likely not urgent? a couple of months is ok"],
)
def test_a_hedged_urgency_with_a_question_mark_is_said(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


def test_a_hedged_volume_with_a_question_mark_is_said() -> None:
    assert rules("I think the volume is probably low?").facts.volume is Volume.LOW


@pytest.mark.parametrize(
    "text",
    [
        "maybe we should measure latency?",
        "I think we need RAG?",
        "probably accuracy or consistency?",
        "maybe we don't need docs at all?",
        "do you think accuracy is probably the top priority?",
    ],
)
def test_a_hedged_question_still_asks(text: str) -> None:
    got = rules(text)
    assert got.side_question
    assert not got.facts.known() - {F.USE_CASE, F.LANGUAGES}


# --- a quick prototype ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The prompt does fine in my quick prototype.",
        "we hacked together a quick POC last month to show the team",
        "the quick demo we ran for sales went ok",
    ],
)
def test_a_quick_prototype_that_exists_is_no_urgency(text: str) -> None:
    assert rules(text).facts.urgency is None


def test_needing_a_quick_prototype_is_urgent() -> None:
    assert rules("we need a quick prototype for the board").facts.urgency is Urgency.FAST


# --- new items coming in --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the shop adds ~300 new products every day",
        "we describe 10k listings, plus about 400 new ones every week",
    ],
)
def test_hundreds_of_new_items_are_no_document_change(text: str) -> None:
    assert rules(text).facts.docs_change is None


def test_a_few_new_articles_a_week_still_change() -> None:
    got = rules("our help center is 400 articles, plus ~20 new ones every week")
    assert got.facts.docs_change is DocsChange.OFTEN


# --- written by hand ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we have 1,200 handwritten replies from our agents",
        "there are 5k hand written product blurbs we could learn from",
    ],
)
def test_hand_written_data_says_nothing_of_quality(text: str) -> None:
    assert rules(text).facts.data_quality is None


def test_hand_written_and_reviewed_is_high() -> None:
    got = rules("we have 900 examples, hand-written by the leads and reviewed")
    assert got.facts.data_quality is Quality.HIGH


# --- prompts that fail at the form ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we keep hitting a wall with the formatting on our prompts",
        "our prompts sort of work but the JSON format just won't stick",
        "tried prompting for weeks, we can't get the tone to stick no matter what",
    ],
)
def test_failing_at_the_form_is_a_ceiling_not_a_goal(text: str) -> None:
    got = rules(text)
    assert got.facts.prompting is PromptingStatus.CEILING
    assert Goal.CONSISTENCY not in goals(text)


def test_a_format_that_must_stick_is_a_goal() -> None:
    text = "the format must stick to our template every time"
    assert Goal.CONSISTENCY in goals(text)
    assert rules(text).facts.prompting is None


def test_kinda_works_alone_is_working() -> None:
    got = rules("we tried a few prompts and it kinda works")
    assert got.facts.prompting is PromptingStatus.WORKING


# --- a settled format or use ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the report template won't change, it's set by the regulator",
        "The answer schema is fixed by the ministry and is not going to change.",
    ],
)
def test_a_format_that_wont_change_is_a_settled_use_case(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.RARELY
    assert Goal.CONSISTENCY not in goals(text)


@pytest.mark.parametrize(
    "text",
    [
        "how the nurses use it won't change",
        "the way our agents use it will stay the same for the foreseeable future",
        "How we use it will stay same for long time.",
    ],
)
def test_a_way_of_use_that_stays_is_rarely(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.RARELY


def test_a_format_that_must_be_the_same_is_no_settled_use_case() -> None:
    text = "the format has to be fixed and identical every time"
    assert Goal.CONSISTENCY in goals(text)
    assert rules(text).facts.change_rate is None


# --- no data, in broken English -------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["we no have examples", "Our team still not have any labelled data."]
)
def test_not_have_data_is_none(text: str) -> None:
    assert rules(text).facts.data_amount is DataAmount.NONE


# --- low traffic ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "usage will be pretty light at first, mostly the finance team",
        "load should be very low, it's one team",
        "tiny traffic for now, a pilot with one branch",
    ],
)
def test_tiny_traffic_is_low(text: str) -> None:
    assert rules(text).facts.volume is Volume.LOW


@pytest.mark.parametrize(
    "text",
    ["how many examples do we need? probably not many", "the data volume is small"],
)
def test_few_of_something_else_is_no_volume(text: str) -> None:
    assert rules(text).facts.volume is None


# --- the #1 thing ---------------------------------------------------------------------------


def test_thats_the_number_one_thing_points_at_the_goal() -> None:
    got = rules("answers must be correct. That is our number one thing.")
    assert got.facts.top_goal is Goal.ACCURACY


def test_the_main_thing_after_two_goals_picks_none() -> None:
    got = rules("answers must be accurate and on-brand. that's the main thing")
    assert got.facts.top_goal is None


# --- cost tracking --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we've got latency and cost dashboards in our gateway",
        "We have spend/latency monitoring through the proxy.",
    ],
)
def test_cost_tracking_we_have_is_tracked(text: str) -> None:
    assert rules(text).facts.cost_tracked is True


def test_cost_tracking_we_want_is_not_tracked() -> None:
    assert rules("we'd like to have cost tracking someday").facts.cost_tracked is not True


@pytest.mark.parametrize(
    "text",
    [
        "nobody here has any idea what each call costs",
        "none of us knows how much the API calls cost",
    ],
)
def test_cost_never_measured_is_not_tracked(text: str) -> None:
    assert rules(text).facts.cost_tracked is False


def test_we_dont_after_another_question_is_no_cost_answer() -> None:
    got = rules("We track latency. Do we need an eval set? We don't")
    assert got.facts.cost_tracked is True


# --- pairs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("we keep an archive of roughly 5,000 contract/summary pairs", 5000),
        ("we have 2k ticket-reply pairs", 2000),
    ],
)
def test_pairs_named_by_what_they_pair_are_data(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


# --- a long timeline ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the programme runs for two years",
        "it's a 12-month project",
        "The project timeline is eighteen months.",
    ],
)
def test_a_long_timeline_is_normal(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


def test_a_short_timeline_is_not_normal() -> None:
    assert rules("timeline is 2 weeks").facts.urgency is not Urgency.NORMAL


# --- prompting that is pretty good ----------------------------------------------------------


def test_a_prompt_that_is_pretty_good_already_works() -> None:
    got = rules("tried a prompt in claude, it's honestly pretty good already")
    assert got.facts.prompting is PromptingStatus.WORKING
