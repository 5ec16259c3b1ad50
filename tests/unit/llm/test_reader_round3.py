"""The rule reader on records of past work, sign-offs, deadlines a week or two out, checklist
answers and the other ways people state facts that the rules used to miss or misread.

Each group holds a few cases the rule must read and at least one it must leave alone. These
read with the rules alone, so that what the rules do is what is tested.
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


# --- "went through a review" is no negation ("went" ends in "nt") ----------------------------


def test_a_review_gone_through_answers_high() -> None:
    ex = rules("high, every row went through a QA review", F.DATA_QUALITY)
    assert ex.facts.data_quality is Quality.HIGH


def test_went_through_is_not_read_as_not() -> None:
    ex = rules("mostly yes, each one went through an editor", F.DATA_QUALITY)
    assert ex.facts.data_quality is not Quality.LOW


def test_a_review_not_done_still_answers_low() -> None:
    assert rules("we didnt review them", F.DATA_QUALITY).facts.data_quality is Quality.LOW


# --- a goal said not to be a thing is dropped -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("tone isn't really a thing for us, it's internal", Goal.CONSISTENCY),
        ("freshness is not a factor here", Goal.FRESHNESS),
    ],
)
def test_a_goal_that_is_not_a_thing_is_dropped(text: str, goal: Goal) -> None:
    assert goal not in goals(text)


def test_a_goal_that_is_a_big_thing_stays() -> None:
    assert Goal.FRESHNESS in goals("freshness is a big thing for us")


# --- "no time to label" is no capacity, not a deadline ---------------------------------------


def test_no_time_to_do_the_work_is_no_urgency() -> None:
    assert rules("we have no time to label anything").facts.urgency is None


def test_no_time_alone_is_still_urgent() -> None:
    assert rules("we have no time, the pilot is friday").facts.urgency is Urgency.FAST


# --- "the same kind of questions every year" is a stable use case, not bulk --------------------


def test_the_same_kind_every_year_is_no_volume() -> None:
    assert rules("it's the same sort of questions every year").facts.volume is None


def test_the_same_kind_over_and_over_is_high_volume() -> None:
    assert rules("it's the same kind of questions over and over").facts.volume is Volume.HIGH


# --- "w/ the correct answers" describes a set, like "with the correct answers" ---------------


def test_w_slash_the_correct_answers_is_no_accuracy_goal() -> None:
    assert Goal.ACCURACY not in goals("we keep a sheet of 40 questions w/ the correct answers")


def test_answers_that_must_be_correct_are_an_accuracy_goal() -> None:
    assert Goal.ACCURACY in goals("answers must be correct")


# --- Korean: not worried about a goal; copied "as is" is not "unchanged" -----------------------


def test_a_goal_not_worried_about_is_dropped_ko() -> None:
    assert Goal.CONSISTENCY not in goals("톤은 크게 걱정 안 해요")


def test_copied_as_is_says_nothing_of_change_ko() -> None:
    assert rules("가격표에서 그대로 가져와서 답해요").facts.docs_change is None


def test_unchanged_for_years_is_still_rarely_ko() -> None:
    assert rules("가격표는 몇 년째 그대로예요").facts.docs_change is DocsChange.RARELY


# --- part of the data reviewed says nothing of the whole ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "검수된 것도 있고 안 된 것도 있어요",
        "some of the logs were reviewed, the rest weren't",
    ],
)
def test_part_reviewed_is_not_high(text: str) -> None:
    assert rules(text).facts.data_quality is not Quality.HIGH


def test_all_reviewed_is_high() -> None:
    assert rules("all of the logs were reviewed by our leads").facts.data_quality is Quality.HIGH


# --- a deliverable a week or two out is urgent --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we want a first draft in about 2 weeks",
        "the pilot is in a couple of weeks",
        "need it by next thu",
        "training kicks off next week",
        "오픈까지 2주 남았어요",
        "시연이 다음 주 목요일이에요",
        "다음 주 신학기 시작 전에 써야 해요",
    ],
)
def test_a_week_or_two_out_is_fast(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    [
        "we retrain every 2 weeks",
        "the last release took 2 weeks",
        "계약 기간이 2주 남은 상태예요",
        "다음 주에 다시 얘기해요",
    ],
)
def test_weeks_that_are_no_deadline_say_nothing(text: str) -> None:
    assert rules(text).facts.urgency is None


def test_within_ten_working_days_is_fast() -> None:
    assert rules("we must deliver within ten working days").facts.urgency is Urgency.FAST


def test_within_a_month_is_not_fast() -> None:
    assert rules("we must deliver within 30 days").facts.urgency is None


# --- counts of records kept from past work are data --------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("we have about 3k resolved cases with notes", 3000),
        ("there's a backlog of 1,200 work orders", 1200),
        ("we kept a collection of 600 past letters", 600),
    ],
)
def test_kept_records_are_counted_as_data(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


def test_years_abbreviated_are_no_count() -> None:
    assert rules("we have 8 yrs of support emails").facts.data_examples is None


def test_cases_closed_per_day_are_traffic() -> None:
    ex = rules("we close about 300 cases a day")
    assert ex.facts.volume is Volume.HIGH
    assert ex.facts.data_examples is None


# --- Korean: someone edits the documents often; "거의 수정 안 돼요", "몇 년에 한 번" ------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("가이드 문서는 매일 누가 고쳐요", DocsChange.OFTEN),
        ("위키는 매주 팀원들이 추가해요", DocsChange.OFTEN),
        ("매뉴얼은 거의 수정 안 돼요", DocsChange.RARELY),
        ("규정은 몇 년에 한 번 바뀌어요", DocsChange.RARELY),
    ],
)
def test_how_often_documents_are_edited_ko(text: str, value: DocsChange) -> None:
    assert rules(text).facts.docs_change is value


def test_editing_the_prompt_is_no_document_change_ko() -> None:
    assert rules("프롬프트는 매번 고쳐요").facts.docs_change is None


# --- "eval set - yes": a checklist item named, then answered -----------------------------------


def test_an_eval_set_label_answered_yes() -> None:
    assert rules("test set - yes, we built it in march").facts.eval_set is True


def test_an_eval_set_label_answered_no() -> None:
    assert rules("eval set: no").facts.eval_set is False


def test_another_label_answered_yes_is_no_eval_set() -> None:
    assert rules("docs - yes").facts.eval_set is None


# --- an eval set held, or used with its size ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we keep a held-out split of 400 tickets",
        "평가셋은 QA팀이랑 같이 만든 150문항짜리 있어요",
        "평가셋 200건으로 매주 채점해요",
    ],
)
def test_an_eval_set_held_or_used(text: str) -> None:
    assert rules(text).facts.eval_set is True


def test_an_eval_set_only_wished_for_is_not_held_ko() -> None:
    assert rules("평가셋은 만들고 싶은데 데이터만 있어요").facts.eval_set is not True


def test_no_such_thing_as_an_eval_set_ko() -> None:
    assert rules("평가셋 같은 것도 당연히 없어요").facts.eval_set is False


# --- cost reported or checked on a schedule ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "latency and cost per call are reported weekly",
        "Cost we track in a spreadsheet",
        "비용은 매달 확인해요",
    ],
)
def test_cost_reported_or_checked_is_tracked(text: str) -> None:
    assert rules(text).facts.cost_tracked is True


def test_cost_not_reported_is_not_tracked() -> None:
    assert rules("we don't report cost").facts.cost_tracked is not True


# --- the current knowledge base -----------------------------------------------------------------


def test_the_current_wiki_is_a_freshness_goal() -> None:
    assert Goal.FRESHNESS in goals("answers must match the current wiki")


def test_the_current_setup_is_no_freshness_goal() -> None:
    assert Goal.FRESHNESS not in goals("our current setup is a prompt")


# --- no kept records means no data -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "we don't have any past emails saved",
        "we do not hold any labelled transcripts",
        "예전 상담 기록 모아둔 건 따로 없어요",
    ],
)
def test_no_kept_records_is_no_data(text: str) -> None:
    assert rules(text).facts.data_amount is DataAmount.NONE


@pytest.mark.parametrize(
    "text",
    [
        "we don't have any past tickets from before 2020",
        "참고 문서 모아 둔 건 없어요",
    ],
)
def test_some_records_missing_or_documents_missing_is_not_no_data(text: str) -> None:
    assert rules(text).facts.data_amount is None


# --- prompting: no further to go, said of the prompt the message named --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "our prompt is as good as it's gonna get",
        "We iterated on the prompt for a month. Nothing we try helps anymore.",
        "프롬프트 계속 바꿔봤어요. 근데 더 안 나아져요",
    ],
)
def test_no_further_after_the_prompt_is_a_ceiling(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.CEILING


def test_no_further_after_another_method_is_no_prompting_ceiling() -> None:
    text = "We fine-tuned a model on our prompts. Nothing we try helps."
    assert rules(text).facts.prompting is None


def test_pretty_decent_already_is_working() -> None:
    text = "tried the prompt and it's pretty decent already"
    assert rules(text).facts.prompting is PromptingStatus.WORKING


# --- "X is everything" ranks X first ------------------------------------------------------------


def test_a_goal_that_is_everything_is_the_top_goal() -> None:
    assert rules("consistency is everything to us").facts.top_goal is Goal.CONSISTENCY


def test_everything_we_need_ranks_nothing() -> None:
    assert rules("accuracy matters, that is everything we need").facts.top_goal is None


# --- the use case: a new style each time, kinds of request, adjusted now and then -------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("every brand gets a different tone", ChangeRate.OFTEN),
        ("행사마다 다르고 매번 새로운 톤이에요", ChangeRate.OFTEN),
        ("Type of requests changes sometimes", ChangeRate.SOMETIMES),
        ("문의 종류는 가끔 바뀌어요", ChangeRate.SOMETIMES),
        ("the ticket categories have been the same for years", ChangeRate.RARELY),
        ("the report template is adjusted about once a quarter", ChangeRate.SOMETIMES),
    ],
)
def test_how_often_the_use_case_changes(text: str, value: ChangeRate) -> None:
    assert rules(text).facts.change_rate is value


def test_a_new_style_each_time_not_wanted_says_nothing() -> None:
    assert rules("we never want a different tone every time").facts.change_rate is None


# --- traffic, documents and data said plainly ---------------------------------------------------


def test_a_singular_message_count_per_day_is_traffic() -> None:
    assert rules("Every day we get around 900 message from buyers").facts.volume is Volume.HIGH


def test_not_need_documents_is_no_documents() -> None:
    assert rules("we not need documents for this").facts.docs_change is DocsChange.NONE


def test_records_said_to_be_terrible_are_low_quality() -> None:
    ex = rules("we have 5k past tickets but the notes are terrible")
    assert ex.facts.data_quality is Quality.LOW


def test_the_bots_answers_said_to_be_terrible_are_no_data_quality() -> None:
    assert rules("the answers from the bot are terrible").facts.data_quality is None


def test_all_reviewed_is_high_ko() -> None:
    ex = rules("상담 기록 5천 건 있어요, 검수 다 된 거예요")
    assert ex.facts.data_quality is Quality.HIGH


@pytest.mark.parametrize("text", ["물량이 엄청나요", "매일 진짜 많이 들어와요"])
def test_a_large_workload_is_high_volume_ko(text: str) -> None:
    assert rules(text).facts.volume is Volume.HIGH


def test_a_large_amount_of_data_is_no_volume_ko() -> None:
    assert rules("데이터 양이 많아요").facts.volume is None


def test_a_count_per_week_is_traffic_ko() -> None:
    assert rules("요청은 주 3건 정도예요").facts.volume is Volume.LOW


# --- consistency: the shape must be the same; the wording of a document is its text ------------


@pytest.mark.parametrize(
    "text",
    [
        "답변 모양이 항상 같아야 해요",
        "정확도는 상관없고 형식만 맞으면 돼요",
        "the wording must stay the same",
    ],
)
def test_a_fixed_shape_is_a_consistency_goal(text: str) -> None:
    assert Goal.CONSISTENCY in goals(text)


@pytest.mark.parametrize(
    "text",
    ["모양은 상관없어요", "answers need the exact limits from the policy wording"],
)
def test_no_consistency_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


# --- documents that shape the use case; accuracy wanted -----------------------------------------


def test_documents_that_rarely_change_the_use_case_say_nothing_of_documents() -> None:
    assert rules("regulations rarely change the curriculum").facts.docs_change is None


def test_documents_that_rarely_change_are_rarely() -> None:
    assert rules("the regulations rarely change").facts.docs_change is DocsChange.RARELY


def test_wanting_it_right_is_an_accuracy_goal() -> None:
    assert Goal.ACCURACY in goals("the partners want it right")


def test_wanting_it_right_now_is_no_accuracy_goal() -> None:
    assert Goal.ACCURACY not in goals("we want it right now")


# --- "많아야 열 건" is at most ten; a hesitant count in words answers ---------------------


def test_at_most_ten_is_low_volume_ko() -> None:
    assert rules("문의는 하루에 많아야 열 건 정도예요").facts.volume is Volume.LOW


def test_many_requests_are_still_high_volume_ko() -> None:
    assert rules("문의가 많아요").facts.volume is Volume.HIGH


def test_a_hesitant_count_in_words_answers_volume_ko() -> None:
    assert rules("아니요 많이 안 해요. 한 달에 스무 개?", F.VOLUME).facts.volume is Volume.LOW


# --- what the tool is used for changes; documents changed whenever someone feels like it ------


def test_what_it_is_used_for_changing_is_the_use_case() -> None:
    text = "what we use it for changes a lot, one month it's billing, the next it's returns"
    assert rules(text).facts.change_rate is ChangeRate.OFTEN


def test_documents_changed_whenever_someone_feels_like_it_change_often() -> None:
    text = "the docs change whenever the legal team feels like it"
    assert rules(text).facts.docs_change is DocsChange.OFTEN


# --- "Cost? We don't measure it": a checklist item asked back, then answered ------------------


def test_cost_asked_back_then_denied() -> None:
    text = "Cost? We don't measure any of that and no idea about latency either."
    assert rules(text).facts.cost_tracked is False


def test_eval_set_asked_back_then_denied() -> None:
    assert rules("Eval set? no, never built one").facts.eval_set is False


def test_cost_asked_back_then_tracked_is_not_denied() -> None:
    assert rules("Cost? we track it in grafana").facts.cost_tracked is True
