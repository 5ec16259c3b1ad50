"""The rule reader on more English Slack phrasings: traffic counted per working day, a count of
"them" that names what was said before, a figure put in place of an earlier one, a set kept to
check changes against, numbers joined to a word ("2-line"), raw inputs set against the data to
learn from, and look-alikes that state nothing (a behaviour that is "consistently" so, a style
guide, a topic asked about again and again with no count).

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import ChangeRate, FactName, Goal, PromptingStatus, Quality, Urgency, Volume
from testkit.reading import goals, rules

# --- traffic per working day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        # From about 200 a day it is a lot.
        ("we handle roughly 6k claims every month", Volume.HIGH),
        ("the desk answers about 1,500 emails per week", Volume.HIGH),
        # Below that it is not.
        ("our agents draft around 3,500 replies a month", Volume.LOW),
        ("we send maybe 1,000 quotes a month", Volume.LOW),
        ("we get about 90 requests a day", Volume.LOW),
        ("we process roughly 300 forms a week", Volume.LOW),
    ],
)
def test_traffic_is_counted_per_day(text: str, volume: Volume) -> None:
    assert rules(text).facts.volume is volume


def test_a_verb_is_not_a_document() -> None:
    # "we list": a verb, so the count per month is the traffic.
    assert rules("we list about 20 apartments a month").facts.volume is Volume.LOW


# --- counts that belong to something named before ----------------------------------------------


def test_a_count_of_them_counts_what_was_named() -> None:
    text = (
        "we saved the reviewed summaries next to the source articles they condense, "
        "roughly 9k of them"
    )
    assert rules(text).facts.data_examples == 9000


def test_a_revised_figure_replaces_the_first() -> None:
    text = (
        "we have 4 years of support tickets with the final answer, like 60k. no wait, 60k is "
        "every ticket, the ones closed with a written answer are more like 40k"
    )
    assert rules(text).facts.data_examples == 40000


def test_a_set_kept_to_check_changes_is_an_eval_set_not_training_data() -> None:
    text = "we have 250 scored answers from last year that we can use to test the prompts"
    facts = rules(text).facts
    assert facts.eval_set is True
    assert facts.data_examples is None


def test_a_data_set_to_test_with_is_an_eval_set() -> None:
    facts = rules("there's no data set to check it against, my manager just eyeballs it").facts
    assert facts.eval_set is False
    assert facts.data_amount is None


@pytest.mark.parametrize(
    "text",
    [
        "it writes 3-sentence teasers for each post",
        "we signed a 2-year contract with the vendor",
    ],
)
def test_a_number_joined_to_a_word_is_no_count(text: str) -> None:
    facts = rules(text).facts
    assert facts.data_examples is None
    assert facts.volume is None


def test_a_number_joined_to_a_data_word_still_counts() -> None:
    assert rules("we have a 3,000-example labelled set").facts.data_examples == 3000


# --- records and their quality ------------------------------------------------------------


def test_records_a_named_person_worked_on_are_data() -> None:
    text = "we have 80k invoices a clerk already coded, but the clerks disagree constantly"
    facts = rules(text).facts
    assert facts.data_examples == 80000
    assert facts.data_quality is Quality.LOW


def test_raw_inputs_said_messy_say_nothing_of_the_data_to_learn_from() -> None:
    text = "the call transcripts themselves are noisy, but the notes we'd learn from were QA'd"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_judged_good_by_reviewers_is_high_quality() -> None:
    text = "we've got 2k answers that our leads rated as good"
    assert rules(text).facts.data_quality is Quality.HIGH


# --- look-alikes ------------------------------------------------------------------------------


def test_a_behaviour_consistently_so_is_no_goal() -> None:
    assert goals("our suppliers are consistently late, but that's another story") == set()


def test_consistently_said_of_the_output_is_a_goal() -> None:
    assert goals("every report must be consistently formatted") == {Goal.CONSISTENCY}


def test_a_style_guide_pasted_into_a_prompt_is_no_goal() -> None:
    text = "we put our style guide in the prompt. it keeps going off-voice though"
    assert goals(text) == set()


def test_asking_about_the_same_topics_is_no_volume() -> None:
    text = "tenants ask the same questions about parking, rent and repairs"
    assert rules(text).facts.volume is None


# --- goals, change and the rest ---------------------------------------------------------------


def test_a_complaint_that_the_form_differs_is_a_wish_for_consistency() -> None:
    text = "readers get annoyed when the layout is different every time, this is the most important"
    facts = rules(text).facts
    assert facts.goals == frozenset({Goal.CONSISTENCY})
    assert facts.top_goal is Goal.CONSISTENCY


def test_knowing_what_changed_is_freshness() -> None:
    assert goals("the assistant must know what changed in each release") == {Goal.FRESHNESS}


def test_each_party_wanting_its_own_format_is_a_use_case_that_changes() -> None:
    text = "each client expects their own template"
    assert rules(text).facts.change_rate is ChangeRate.OFTEN


def test_a_format_redone_several_times_already_changes_often() -> None:
    text = "the report format changed three times this year already"
    facts = rules(text).facts
    assert facts.change_rate is ChangeRate.OFTEN
    assert facts.docs_change is None


def test_a_topic_asked_then_not_yet_is_not_tried() -> None:
    text = "prompting? not yet, we only use it to write emails"
    assert rules(text).facts.prompting is PromptingStatus.NOT_TRIED


def test_rewording_that_no_longer_helps_is_a_ceiling() -> None:
    text = "no matter how we reword it, it still skips the disclaimer"
    assert rules(text).facts.prompting is PromptingStatus.CEILING


def test_a_launch_months_away_is_no_rush() -> None:
    assert rules("go-live is 8 months out at least").facts.urgency is Urgency.NORMAL


def test_dashboards_that_show_the_cost_are_tracking() -> None:
    text = "our ops dashboards already show the spend per request"
    assert rules(text).facts.cost_tracked is True
