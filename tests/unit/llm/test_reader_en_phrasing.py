"""The rule reader on everyday English phrasings of a situation.

Readings it no longer makes: "nothing labelled" as poor data (it is no data), "human-written" as
reviewed data, "no time for long explanations" as a deadline, a "cost structure" as a wish for a
fixed structure, "essays from last year" as a wish for fresh answers, a template "the same
forever" as a wish for consistency, and scripts "approved" inside an eval set as training data.

Readings it now makes:
- counts said loosely: "300ish past reports?", "maybe 80 good ones", "essays from last year",
  "NDAs that our associates marked up", "old handovers", "abstracts screened by reviewers";
- data quality said in passing: "style is all over the place", "not done to one standard", "half
  good half terrible", "not all good", "all different templates", "wrote whatever they felt
  like", "calibration between graders is not great"; and the good kind: "written properly",
  "those are good", "the director reviewed", "approved summaries", "screened by two reviewers";
- prompting: "it works reasonably well for now", "it's honestly ok", a chat assistant used as
  is, "more prompt engineering didn't move it";
- documents: "hasn't been touched since last year", "the same since 2019, nobody touches it",
  "last revision was 2016", and more kinds of document (advisories, databases, protocols,
  ordinances, standards, a building code);
- the use case: "every couple months", "what customers ask for changes", rubrics, assignments,
  campaigns, "every new client means a new template";
- urgency: "need it for the workshop in 2 weeks", "live before the season opens, so about 9 days",
  "don't need it for months";
- goals: "is paramount", "comes first", "if I had to pick one it's the layout", "the same way
  every time", "same sections same order", "follow our style guide exactly";
- eval sets: "we hold out 300 as a test set", a "calibration set";
- volume: "thousands of times a day", "we run it twice a week".

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


def goals(text: str) -> list[Goal]:
    return list(rules(text).facts.goals or [])


# --- readings it no longer makes -------------------------------------------------------------


def test_nothing_labelled_is_no_data_not_poor_data() -> None:
    facts = rules("none at all. nothing labelled yet", F.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE
    assert facts.data_quality is None


def test_human_written_alone_is_not_reviewed() -> None:
    text = "the asset is our history: 90k support replies from real agents, all human-written"
    assert rules(text).facts.data_quality is None


@pytest.mark.parametrize(
    "text",
    ["no time for long explanations, just tell me what to build", "no time for chit-chat, go"],
)
def test_no_time_for_reading_is_no_deadline(text: str) -> None:
    assert rules(text).facts.urgency is None


def test_no_time_is_still_a_deadline() -> None:
    assert rules("we have no time, the pilot is monday").facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    ["I need to understand the pricing structure first", "what's the fee structure like"],
)
def test_a_cost_structure_is_no_consistency_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


def test_data_from_last_year_is_no_freshness_goal() -> None:
    facts = rules("I've got around 120 reports from last year with my notes on them").facts
    assert Goal.FRESHNESS not in (facts.goals or [])
    assert facts.data_examples == 120


def test_prices_from_last_month_are_still_stale() -> None:
    assert Goal.FRESHNESS in goals("it keeps quoting fees from last month")


@pytest.mark.parametrize(
    "text",
    ["rarely, that report layout has been the same forever", "the template's been fixed forever"],
)
def test_a_template_the_same_forever_is_a_settled_use_case(text: str) -> None:
    facts = rules(text, F.CHANGE_RATE).facts
    assert facts.change_rate is ChangeRate.RARELY
    assert Goal.CONSISTENCY not in (facts.goals or [])


def test_approved_parts_of_an_eval_set_are_no_training_data() -> None:
    text = "yes, a benchmark set of 90 cases with approved answers that we run before release"
    facts = rules(text, F.EVAL_SET).facts
    assert facts.eval_set is True
    assert facts.data_quality is None


# --- counts said loosely ---------------------------------------------------------------------


def test_a_rising_guess_of_a_count_is_a_count() -> None:
    facts = rules("hmm I think we have maybe 400ish old summaries in the drive?").facts
    assert facts.data_examples == 400


def test_usable_ones_are_counted_as_examples() -> None:
    text = "there are some sample answers in our help docs, maybe 70 usable ones"
    assert rules(text).facts.data_examples == 70


def test_a_small_count_of_good_ones_is_no_data() -> None:
    assert rules("we tried 3 vendors, the 2 good ones are pricey").facts.data_examples is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("we have about 900 contracts that our paralegals redlined", 900),
        ("we've got 2,400 old discharge handovers", 2400),
        ("there are 5,100 abstracts screened by two of our researchers", 5100),
    ],
)
def test_records_worked_on_are_counted(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


def test_records_from_last_year_are_not_traffic() -> None:
    assert rules("we get 500 tickets a day, up from last year").facts.volume is Volume.HIGH


# --- data quality said in passing ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the notes were typed by lots of people so the style is all over the place",
        "we have 700 briefs that our juniors marked up, but they weren't done to one standard",
        "our past transcripts are half great half useless honestly",
        "we have a pile of old captions, not all good",
        "around 250 old reports, but they're all different templates",
        "we have 30k past tickets but agents tagged them any way they liked",
        "we have 10k graded essays but agreement between markers is pretty poor",
    ],
)
def test_poor_data_said_in_passing(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text",
    [
        "there are ~3,000 records our archivists already wrote properly",
        "we have ~200 past audit reports by our seniors, those are good",
        "we have a list of 40 Q&As the clerks wrote and the department head reviewed",
        "we have 2,000 approved summaries in the archive",
        "we have 3,300 abstracts double-screened by reviewers",
    ],
)
def test_good_data_said_in_passing(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.HIGH


# --- prompting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we tried a long system prompt with the FAQ pasted in and it works reasonably well for now",
        "tried a couple of prompts last week and honestly it's fine for now",
        "I tried prompting in claude and it's honestly ok",
    ],
)
def test_prompting_working_said_after_trying(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.WORKING


def test_it_works_without_a_prompt_says_nothing_of_prompting() -> None:
    assert rules("the old search tool? it works fine for now").facts.prompting is None


def test_never_used_a_chat_assistant_is_prompting_not_tried() -> None:
    text = "I've never used chatgpt for work, only for recipes"
    assert rules(text).facts.prompting is PromptingStatus.NOT_TRIED


def test_more_prompt_work_that_does_not_help_is_a_ceiling() -> None:
    text = "few-shot got us to 0.6 F1; more prompt tweaking didn't move the needle"
    assert rules(text).facts.prompting is PromptingStatus.CEILING


# --- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the onboarding handbook hasn't been touched since last year",
        "the error code list is the same since 2020, no one changes it",
        "the standards barely change, last revision was 2017",
        "our building code reference hasn't changed in a decade",
    ],
)
def test_documents_that_rarely_change(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.RARELY


@pytest.mark.parametrize(
    "text",
    [
        "the security advisories get updated every few days",
        "the drug databases publish new entries weekly",
        "the care protocols change a lot during winter",
        "the city ordinances are amended several times a month",
    ],
)
def test_more_kinds_of_document_change_often(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.OFTEN


def test_current_ordinances_are_a_freshness_goal() -> None:
    assert Goal.FRESHNESS in goals("answers have to quote the current bylaws")


# --- the use case ----------------------------------------------------------------------------


def test_every_couple_months_is_sometimes() -> None:
    text = "the report format changes every couple months when leadership rotates"
    assert rules(text).facts.change_rate is ChangeRate.SOMETIMES


@pytest.mark.parametrize(
    "text",
    [
        "what our clients ask for changes all the time",
        "the grading rubric gets revised every week",
        "the assignments change every week, new topics each time",
        "campaigns change every couple weeks",
        "every new client means a new template, and we sign one every other week",
    ],
)
def test_a_use_case_that_changes_often(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.OFTEN


# --- urgency ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "need a first version for the board workshop in 2 weeks",
        "we need it live before the harvest starts so about 9 days",
        "the fair is 12 days away",
    ],
)
def test_a_near_date_is_urgent(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


def test_not_needed_for_months_is_no_rush() -> None:
    assert rules("we won't need it for months, it's for next year").facts.urgency is Urgency.NORMAL


def test_a_step_that_takes_days_is_no_deadline() -> None:
    assert rules("the docs go live before review, which takes 3 days").facts.urgency is None


# --- goals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("Correctness is paramount for us.", Goal.ACCURACY),
        ("If we must choose, accuracy of the figures comes first.", Goal.ACCURACY),
        ("if I had to pick one it's the layout, legal reads that first", Goal.CONSISTENCY),
    ],
)
def test_a_goal_put_first(text: str, top: Goal) -> None:
    assert rules(text).facts.top_goal is top


def test_whichever_comes_first_ranks_nothing() -> None:
    text = "we'll stop when accuracy hits 90% or in march, whichever comes first"
    assert rules(text).facts.top_goal is None


@pytest.mark.parametrize(
    "text",
    [
        "notes must apply the checklist the same way every time",
        "each summary needs the house template: same sections same order",
        "captions need to follow our style guide exactly",
    ],
)
def test_consistency_said_as_the_same_way(text: str) -> None:
    assert Goal.CONSISTENCY in goals(text)


# --- eval sets and volume --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we hold out 300 of them as a test set",
        "we set aside a few hundred tickets as a golden set",
        "we keep a calibration set of 80 calls our leads agreed on",
    ],
)
def test_an_eval_set_held_out(text: str) -> None:
    assert rules(text).facts.eval_set is True


@pytest.mark.parametrize(
    "text", ["we could hold out 300 as a test set", "we set aside budget for evaluation"]
)
def test_no_eval_set_held_out(text: str) -> None:
    assert rules(text).facts.eval_set is None


def test_thousands_of_uses_a_day_is_high_volume() -> None:
    text = "field staff would query it maybe 3k times a day"
    assert rules(text).facts.volume is Volume.HIGH


def test_a_few_runs_a_week_is_low_volume() -> None:
    assert rules("we run it twice a week", F.VOLUME).facts.volume is Volume.LOW


def test_deploys_a_day_are_no_volume() -> None:
    assert rules("we deploy 5 times a day").facts.volume is None


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        (
            "our card fees and limits get changed pretty much weekly",
            F.DOCS_CHANGE,
            DocsChange.OFTEN,
        ),
        ("plus a lot of repeat inquiries from the same dealers", F.VOLUME, Volume.HIGH),
        ("not many enquiries, maybe a few a week", F.VOLUME, Volume.LOW),
        ("the notices follow a mandated layout", F.GOALS, frozenset({Goal.CONSISTENCY})),
        ("the reports have a regulated structure", F.GOALS, frozenset({Goal.CONSISTENCY})),
        ("the scope is redefined every quarter", F.CHANGE_RATE, ChangeRate.SOMETIMES),
    ],
)
def test_more_kinds_of_content_traffic_and_fixed_form(
    text: str, fact: FactName, value: object
) -> None:
    assert getattr(rules(text).facts, fact.value) == value


@pytest.mark.parametrize(
    "text", ["the search scope is wide", "we have a regulated business", "fees are high"]
)
def test_scope_regulation_and_fees_alone_state_nothing(text: str) -> None:
    assert not rules(text).facts.known()
