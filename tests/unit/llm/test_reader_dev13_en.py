"""The rule reader on English of the dev13 kind: answers built "not from any documents"; a
goal called the overriding or paramount priority; documents revised "most weeks"; no
question-answer pairs; data that is "a mix of old and new styles" or mostly filed as "other";
the bot knowing "the last version"; a launch weeks away; "current + correct"; a test set's
care that says nothing of the training data; thousands of new items a week as work coming in;
a template "stable for five years"; kept records such as quizzes, prescriptions and plans
people shared; and a hedged "sort of works?".

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
)
from testkit.reading import goals, rules

F = FactName


# --- documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pending"),
    [
        ("No, it works off the ticket text alone, not from any documents.", F.DOCS_CHANGE),
        ("the replies come from the email thread itself, not on any reference material", None),
    ],
)
def test_not_from_any_documents_is_none(text: str, pending: FactName | None) -> None:
    assert rules(text, pending).facts.docs_change is DocsChange.NONE


def test_not_from_outside_documents_is_no_none() -> None:
    got = rules("answers must come from our handbook, not from any external documents")
    assert got.facts.docs_change is not DocsChange.NONE


@pytest.mark.parametrize(
    "text",
    [
        "The price sheets get updated most weeks.",
        "Our runbooks are edited by the ops team most days.",
    ],
)
def test_revised_most_weeks_is_often(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.OFTEN


def test_thousands_of_new_items_a_week_are_no_document_change() -> None:
    assert rules("we onboard 12k new products every week").facts.docs_change is None


def test_new_policies_every_week_still_change() -> None:
    got = rules("new policies every week from the regulator")
    assert got.facts.docs_change is DocsChange.OFTEN


# --- goals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Correctness is our paramount priority.", Goal.ACCURACY),
        ("Freshness is the overriding priority for this bot.", Goal.FRESHNESS),
        ("Consistency is the principal concern, everything else is secondary.", Goal.CONSISTENCY),
    ],
)
def test_overriding_priority_is_the_top_goal(text: str, goal: Goal) -> None:
    assert rules(text).facts.top_goal is goal


@pytest.mark.parametrize(
    "text",
    [
        "the bot should always use the last version of the tariff sheet",
        "it has to quote the most recent edition of the rulebook",
    ],
)
def test_the_last_version_is_freshness(text: str) -> None:
    assert Goal.FRESHNESS in goals(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("replies should be polite & accurate.", {Goal.ACCURACY}),
        ("it needs to be fresh and correct.", {Goal.ACCURACY, Goal.FRESHNESS}),
        ("outputs: current + correct, nothing else matters", {Goal.ACCURACY, Goal.FRESHNESS}),
    ],
)
def test_correct_in_a_list_of_qualities(text: str, expected: set[Goal]) -> None:
    assert goals(text) == expected


def test_correcting_drafts_is_no_goal() -> None:
    assert Goal.ACCURACY not in goals("Editors review and correct.")


# --- urgency -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The launch is about five weeks away.",
        "we go live in about two months",
        "we're three weeks out from go-live",
    ],
)
def test_weeks_away_is_normal(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


@pytest.mark.parametrize("text", ["launch is in two weeks", "the demo is 10 days away"])
def test_days_or_two_weeks_away_stays_fast(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


def test_a_period_without_a_deadline_is_no_urgency() -> None:
    assert rules("we get 15k emails in six weeks").facts.urgency is None


# --- data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["We don't have any question and answer pairs yet.", "There are no prompt-response pairs."],
)
def test_no_pairs_is_no_data(text: str) -> None:
    assert rules(text).facts.data_amount is DataAmount.NONE


@pytest.mark.parametrize(
    "text",
    [
        "we have 3k tickets our agents wrote, honestly they're a mix of old and new templates",
        "the summaries are a mixture of good and bad",
        "we have 10k tickets but most are tagged 'general'",
        "half of them are labelled as misc",
    ],
)
def test_mixed_or_catch_all_data_is_low_quality(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


def test_a_mix_of_kinds_is_no_quality() -> None:
    assert rules("they're a mix of FAQs and templates").facts.data_quality is None


@pytest.mark.parametrize(
    "text",
    [
        "we have a test set of 300 curated questions",
        "80 prompts w/ expected outputs, all reviewed by the team",
    ],
)
def test_a_curated_test_set_is_no_data_quality(text: str) -> None:
    assert rules(text).facts.data_quality is None


def test_reviewed_data_beside_a_test_set_is_high_quality() -> None:
    got = rules("we have 4k reviewed examples and a 200-item eval set")
    assert got.facts.data_quality is Quality.HIGH


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("we've got 5,000 old prescriptions with the pharmacist's notes", 5000),
        ("about 150 lesson plans our teachers shared", 150),
        ("we have about 400 old worksheets the teachers made", 400),
    ],
)
def test_kept_records_are_counted(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


# --- how often the use case changes ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The output format has been stable for five years.",
        "The schema has been the same for a couple of years.",
    ],
)
def test_a_format_settled_for_years(text: str) -> None:
    got = rules(text)
    assert got.facts.change_rate is ChangeRate.RARELY
    assert Goal.CONSISTENCY not in (got.facts.goals or [])


# --- prompting -----------------------------------------------------------------------------


def test_a_hedged_works_with_a_question_mark_is_said() -> None:
    got = rules("we tried a couple of prompts, sort of works?")
    assert got.facts.prompting is PromptingStatus.WORKING


def test_asking_whether_it_works_says_nothing() -> None:
    assert rules("does the prompt mostly work?").facts.prompting is None
