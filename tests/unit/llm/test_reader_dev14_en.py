"""The rule reader on English said the Slack way: use counted in times a week, "not a
high-traffic thing", "vol: low"; new kinds of work asked for now and then; a task unchanged
"in years" or "since 2018"; data that "isn't reliable" or was half reviewed; costs nobody knows
or that have graphs; nothing to look up; frozen letter templates; no emergency; an "overriding
concern"; getting the dosage right; a terse "works." after prompting; and "in which case".

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
from bot.core.ports import Extraction
from bot.llm.reader.read import read

F = FactName


def rules(text: str, pending: FactName | None = None) -> Extraction:
    return read(text, pending)[0]


def fired(text: str, fact: str) -> set[str]:
    return {r.value for r in rules(text).readings if r.fact.value == fact}


# --- volume --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the analysts will hit it maybe fifteen times a day at most",
        "honestly this isn't a high-traffic service",
        "traffic: low",
        "we get about thirty support tickets a week",
    ],
)
def test_volume_low_said_plainly(text: str) -> None:
    assert rules(text).facts.volume is Volume.LOW


def test_volume_high_said_as_a_field() -> None:
    assert rules("load: heavy. data: none.").facts.volume is Volume.HIGH


@pytest.mark.parametrize("text", ["we run it 5000 times a day", "twenty thousand requests a day"])
def test_many_uses_a_day_is_no_low_volume(text: str) -> None:
    assert "low" not in fired(text, "volume")


def test_the_same_work_for_years_is_no_repeated_request() -> None:
    got = rules("It's the same tasks we've been doing since 2018")
    assert got.facts.change_rate is ChangeRate.RARELY
    assert got.facts.volume is None


# --- how often the use case changes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("Every couple of months marketing asks for a new type of summary", ChangeRate.SOMETIMES),
        ("every week someone wants it to do something new", ChangeRate.OFTEN),
        ("nothing about the workflow has changed in years", ChangeRate.RARELY),
        ("the project changes month to month", ChangeRate.OFTEN),
    ],
)
def test_use_case_change_rate(text: str, rate: ChangeRate) -> None:
    assert rules(text).facts.change_rate is rate


def test_something_different_without_a_rate_says_nothing() -> None:
    assert rules("we want it to do something different from ChatGPT").facts.change_rate is None


def test_a_new_kind_of_document_is_no_document_change() -> None:
    got = rules("now and then we add a new report type, otherwise the job is the same")
    assert got.facts.change_rate is ChangeRate.SOMETIMES
    assert got.facts.docs_change is None


def test_new_documents_now_and_then_still_read() -> None:
    assert rules("occasionally we add new docs to the wiki").facts.docs_change is DocsChange.RARELY


# --- data ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Of our 800 examples, the labels aren't very reliable",
        "Of our 800 examples, some were checked and some weren't",
    ],
)
def test_data_quality_low(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


def test_half_reviewed_answers_quality_low() -> None:
    assert rules("about half and half", F.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_a_weak_prompt_is_no_weak_data() -> None:
    got = rules("our prompt isn't great, and we have 400 clean examples")
    assert got.facts.data_quality is Quality.HIGH


def test_sentence_pairs_are_counted() -> None:
    got = rules("around 8k sentence pairs, all checked by linguists")
    assert got.facts.data_examples == 8000


def test_sentences_handled_a_day_are_no_data() -> None:
    assert rules("we process 300 sentences a day").facts.data_examples is None


def test_no_paired_examples_is_no_data() -> None:
    got = rules("we don't have any input/output examples")
    assert got.facts.data_amount is DataAmount.NONE


def test_examples_we_would_have_are_hypothetical() -> None:
    got = rules("We could hire annotators, in which case we'd have 5,000 examples.")
    assert got.facts.data_examples is None
    assert got.facts.data_amount is None


# --- cost tracking -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("no clue what a request costs", False),
        ("there are p95 latency charts for every endpoint", True),
    ],
)
def test_cost_tracked(text: str, tracked: bool) -> None:
    assert rules(text).facts.cost_tracked is tracked


def test_tracking_something_unnamed_is_no_cost_reading() -> None:
    assert rules("we don't track it weekly, the team does").facts.cost_tracked is None


# --- documents -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["the bot never has to look anything up", "docs: none"])
def test_no_documents(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.NONE


def test_looking_things_up_is_no_none() -> None:
    assert rules("it has to look things up in the wiki").facts.docs_change is None


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("the letter templates basically never change", DocsChange.RARELY),
        ("the training materials stay the same for years", DocsChange.RARELY),
        ("the catalogue flips over every night", DocsChange.OFTEN),
        ("pretty static honestly", DocsChange.RARELY),
    ],
)
def test_docs_change(text: str, change: DocsChange) -> None:
    pending = F.DOCS_CHANGE if text.startswith("pretty") else None
    assert rules(text, pending).facts.docs_change is change


# --- urgency -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "time to market doesn't matter much for this",
        "there's plenty of time, the rollout is next spring",
        "it's not really an emergency",
    ],
)
def test_urgency_normal(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


@pytest.mark.parametrize(
    "text", ["there's no time, we demo friday", "there's time pressure from sales"]
)
def test_no_time_is_not_normal(text: str) -> None:
    assert "normal" not in fired(text, "urgency")


# --- goals ---------------------------------------------------------------------------------


def test_overriding_concern_points_at_the_goal() -> None:
    got = rules("Answers have to be accurate; that's our overriding concern.")
    assert got.facts.top_goal is Goal.ACCURACY


def test_primary_consideration_ranks_the_goal() -> None:
    assert rules("The primary consideration is freshness.").facts.top_goal is Goal.FRESHNESS


def test_getting_a_fact_right_is_accuracy() -> None:
    got = rules("it needs to get the drug interactions right")
    assert set(got.facts.goals or []) == {Goal.ACCURACY}


def test_getting_the_tone_right_is_no_accuracy() -> None:
    assert Goal.ACCURACY not in (rules("it has to get the tone right").facts.goals or [])


# --- prompting -----------------------------------------------------------------------------


def test_no_ai_tried_is_no_prompting_tried() -> None:
    got = rules("haven't tried any LLM stuff yet")
    assert got.facts.prompting is PromptingStatus.NOT_TRIED


def test_a_prompt_doing_the_trick_works() -> None:
    got = rules("a short prompt with two examples does the trick")
    assert got.facts.prompting is PromptingStatus.WORKING


def test_terse_works_after_prompting() -> None:
    assert rules("prompting: done. works fine.").facts.prompting is PromptingStatus.WORKING


def test_terse_works_without_prompting_says_nothing() -> None:
    assert rules("We use RAG. Works.").facts.prompting is None
