"""The rule reader on Korean ways of phrasing a situation:

- not a reading: reading "빨리" for the user's readers (not a deadline), records "not uniform"
  (a data fault, not a consistency goal), a meeting "again in two weeks", a weekly weekday, data
  "tens of thousands" (not traffic), a document updated once a month (not traffic), requests that
  "come in every day" (not a change); a made-up answer seen in a trial stays a wish for accuracy;
- data quality: writers or staff who each write differently ("담당자별로 기준이 달라",
  "쓴 사람마다 제각각", "통일돼 있지 않아요"), records half unreadable, old or gathered records
  named without a data word ("옛날 거는", "모아 둔 게"), records approved, carefully written,
  cross-checked or hand-picked;
- a format to follow in order ("순서대로 나와야"), the top goal pointed at with "이게 1순위";
- an eval set "아직", named in English, or set aside "평가용으로"; costs kept in logs or not;
- prompting in ChatGPT, "prompt" in English, "나쁘진 않았어요", "잘 됩니다", "뭘 바꿔도",
  "아무리 … 고쳐도", a hesitant "… 느낌?";
- documents: "정보", "문헌", "표준", "규격", "코드표", items "새로 공개되는";
- the use case: rubrics and writing criteria that change, requests that differ every day;
- urgency: a deadline or meeting days away, "금요일까지", and a far deadline that is enough;
- volume: a period two words before the count, calls counted in "통", bursts of thousands,
  backlogs, requests "거기서 거기", "반복량", a task done once or twice a week or month.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
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


def rules(text: str, pending: FactName | None = None) -> Extraction:
    return read(text, pending)[0]


def goals(text: str) -> list[Goal]:
    return list(rules(text).facts.goals or [])


def fired(text: str, fact: str) -> set[str]:
    return {r.value for r in rules(text).readings if r.fact.value == fact}


# --- not a reading ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "요약은 짧아야 담당자가 빨리 훑어봐요",
        "보고서 형식이 같아야 팀장님이 빨리 파악해요",
        "결과는 고객이 빨리 찾을 수 있게 정리돼야 해요",
    ],
)
def test_reading_fast_is_no_deadline(text: str) -> None:
    assert "fast" not in fired(text, "urgency")


@pytest.mark.parametrize(
    "text", ["없는 수치를 지어내면 안 돼요", "돌려 보니 없는 조항 번호를 자꾸 지어내네요"]
)
def test_made_up_answers_are_a_wish_for_accuracy(text: str) -> None:
    assert Goal.ACCURACY in goals(text)


@pytest.mark.parametrize("text", ["회의는 2주 뒤에 다시 해요", "데모는 3일 후에 다시 얘기해요"])
def test_a_meeting_again_later_is_no_deadline(text: str) -> None:
    assert "fast" not in fired(text, "urgency")


def test_a_weekly_weekday_is_no_deadline() -> None:
    assert "fast" not in fired("매주 금요일까지 보고서를 올려요", "urgency")


@pytest.mark.parametrize("text", ["데이터가 수만 건 있어요", "FAQ는 월 1회 업데이트돼요"])
def test_data_and_document_updates_are_no_traffic(text: str) -> None:
    assert fired(text, "volume") == set()


def test_requests_coming_in_every_day_are_no_change() -> None:
    assert fired("요청이 매일 들어와요", "change_rate") == set()


# --- data quality ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "상담 기록이 3천 건 있는데 상담사별로 작성 방식이 통일돼 있지 않아요",
        "과거 판정 이력 2만 건이 있지만 심사 담당자에 따라 분류 기준이 다릅니다",
        "기존 로그 4천 건 정도 있고요, 운영자마다 남긴 방식이 다 달라요",
    ],
)
def test_staff_who_each_write_differently_is_low_quality(text: str) -> None:
    extraction = rules(text)
    assert extraction.facts.data_quality is Quality.LOW
    assert Goal.CONSISTENCY not in (extraction.facts.goals or [])


@pytest.mark.parametrize(
    "text",
    ["라벨 붙인 사람마다 기준이 다 달라요", "정리한 사람별로 양식이 제각각이에요"],
)
def test_writers_who_differ_is_low_quality_without_a_data_word(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text",
    ["팩스로 받은 거라 절반은 읽기 어려워요", "손글씨 메모라 글씨 알아보기가 힘들어요"],
)
def test_records_hard_to_read_are_low_quality(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text",
    ["예전 것들은 오타가 꽤 많고 뒤죽박죽이에요", "모아 둔 게 300건쯤? 근데 형식이 들쭉날쭉해요"],
)
def test_records_named_without_a_data_word_are_data(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text",
    [
        "승인받은 답변 300건이 있어요",
        "변호사가 꼼꼼히 검토한 계약서가 1,200건 있어요",
        "두 사람이 교차 검수한 데이터가 5천 건 있습니다",
        "예시는 200개 정도 있어요, 잘 된 것만 골라 모았어요",
    ],
)
def test_records_vetted_are_high_quality(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.HIGH


def test_approval_without_data_is_no_quality() -> None:
    assert fired("승인된 요청만 처리하면 돼요", "data_quality") == set()


# --- goals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["보고서는 정해진 섹션 순서대로 나와야 해요", "답변은 사내 양식대로 똑같이 나와야 합니다"],
)
def test_a_set_order_to_follow_is_consistency(text: str) -> None:
    assert Goal.CONSISTENCY in goals(text)


def test_this_is_first_points_at_the_goal_before() -> None:
    text = "응답 형식이 매번 똑같아야 해요. 이게 최우선이에요"
    assert rules(text).facts.top_goal is Goal.CONSISTENCY


# --- eval set and cost -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["golden set은 아직이요", "테스트 셋은 아직", "평가셋 아직입니다"])
def test_eval_set_not_yet(text: str) -> None:
    assert rules(text).facts.eval_set is False


@pytest.mark.parametrize(
    "text", ["그중 300건은 테스트용으로 떼어 놨어요", "500개는 평가용으로 따로 남겨 뒀습니다"]
)
def test_data_set_aside_for_evaluation_is_an_eval_set(text: str) -> None:
    assert rules(text).facts.eval_set is True


def test_nothing_set_aside_is_no_eval_set() -> None:
    assert rules("평가용으로 빼 둔 건 없어요").facts.eval_set is False


@pytest.mark.parametrize(
    "text", ["토큰 비용은 매 호출 로그에 남기고 있어요", "응답 시간이랑 비용은 기록으로 다 남겨요"]
)
def test_costs_kept_in_logs_are_tracked(text: str) -> None:
    assert rules(text).facts.cost_tracked is True


def test_costs_not_logged_are_not_tracked() -> None:
    assert rules("비용은 따로 기록 안 남겨요").facts.cost_tracked is False


# --- prompting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ChatGPT에 몇 번 넣어 봤는데 쓸 만하더라고요",
        "챗GPT로 돌려 봤는데 생각보다 나쁘진 않네요",
        "지금 프롬프트로 하고 있는데 꽤 잘 됩니다",
    ],
)
def test_prompting_that_works(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.WORKING


@pytest.mark.parametrize("text", ["챗지피티는 아직 안 써 봤어요", "chatgpt는 한 번도 안 써 봤어요"])
def test_chatgpt_not_tried_is_prompting_not_tried(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.NOT_TRIED


@pytest.mark.parametrize(
    "text",
    [
        "프롬프트 뭘 바꿔도 계속 같은 데서 틀려요",
        "아무리 시스템 프롬프트를 고쳐도 안 돼요",
        "prompt를 이것저것 해 봤는데 한계 온 느낌?",
    ],
)
def test_prompting_stuck(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.CEILING


# --- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["기상 정보가 매시간 업데이트돼요", "관련 문헌이 매주 새로 공개돼요"]
)
def test_information_updated_often(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.OFTEN


@pytest.mark.parametrize(
    "text",
    [
        "업계 표준은 몇 년째 그대로예요",
        "제품 규격은 거의 안 바뀌어요",
        "오류 코드표는 안 바뀐 지 오래예요",
    ],
)
def test_standards_that_stay(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.RARELY


# --- the use case ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["채점표가 분기마다 바뀌어요", "답변 작성 기준은 가끔 조정해요"])
def test_criteria_changed_now_and_then(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.SOMETIMES


@pytest.mark.parametrize("text", ["고객사 요청이 매번 달라요", "현업에서 원하는 게 자꾸 바뀌어요"])
def test_requests_that_differ_every_time(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.OFTEN


# --- urgency ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "심사가 사흘 후라 그 전에 보여줘야 해요",
        "납품 마감이 일주일 남았어요",
        "보고회가 2주 뒤라 그 전에 초안이 있어야 해요",
        "목요일까지 시연 자료 만들어야 해요",
    ],
)
def test_an_event_days_away_is_urgent(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    ["하반기 안에만 오픈하면 돼요", "연내 도입되면 충분합니다", "석 달 안에 나오면 괜찮아요"],
)
def test_a_far_deadline_that_is_enough_is_not_urgent(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


def test_a_far_deadline_wished_for_is_no_reading() -> None:
    assert "normal" not in fired("올해 안에 도입되면 좋겠는데 빠를수록 좋아요", "urgency")


# --- volume ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "월 가입 신청은 약 9천 건이에요",
        "하루 상담 전화가 300통 정도예요",
        "마감 직전엔 신청서가 수천 건씩 몰려요",
        "밀린 민원만 수만 건이에요",
        "문의 내용이 대부분 비슷비슷해요",
        "요청은 다 거기서 거기예요",
        "처리할 반복량이 엄청 많아요",
    ],
)
def test_volume_high(text: str) -> None:
    assert rules(text).facts.volume is Volume.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "보고서는 한 달에 한 번 작성해요",
        "안내 메일은 주 2회 발송해요",
        "월 의뢰 건수는 20건 안팎이에요",
    ],
)
def test_volume_low(text: str) -> None:
    assert rules(text).facts.volume is Volume.LOW


@pytest.mark.parametrize(
    "text",
    [
        "학기마다 상담 범위를 새로 정해요",
        "시즌마다 취급 범위가 달라져요",
        "분기마다 지원 범위가 새로 정해져요",
    ],
)
def test_a_scope_redrawn_each_term_is_a_use_case_that_sometimes_changes(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.SOMETIMES


@pytest.mark.parametrize("text", ["검색 범위가 넓어요", "학기마다 학생이 많아요"])
def test_a_scope_or_a_term_alone_states_no_change(text: str) -> None:
    assert rules(text).facts.change_rate is None


def test_what_follows_da_boni_is_a_clause_of_its_own() -> None:
    """ "자주 바뀌다 보니 … 가끔 생겨요": the change is frequent; 가끔 is about its effect."""
    ex = rules("내규가 자주 바뀌다 보니 직원들이 옛날 기준으로 답하는 경우가 가끔 생겨요")
    assert ex.facts.docs_change is DocsChange.OFTEN


@pytest.mark.parametrize(
    "text", ["답에 근거 자료를 달 필요는 없어요", "출처 문서는 안 붙여도 돼요"]
)
def test_no_need_to_cite_documents_is_not_no_documents(text: str) -> None:
    assert rules(text).facts.docs_change is None


def test_no_documents_to_consult_is_still_none() -> None:
    assert rules("참고할 문서는 따로 없어요").facts.docs_change is DocsChange.NONE
