"""The rule reader on more Korean Slack phrasings: a PoC stage that sets no deadline, a score
that stopped rising, a format that has long been fixed, contract templates as references,
records whose writers each write their own way, labelled data said to be missing (and typed by
ear), the goal put first after a requirement, getting changed documents into the answers,
a product still deciding what it is for, data quality in everyday words, deadlines that are
far off or close, sets of examples, monthly updates, daily traffic written "일 …", cost that is
or is not measured, generative AI never tried, and a held-back set used for scoring.

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules

# --- urgency: the stage of the project is no deadline ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "지금 PoC 단계에서 프롬프트만 몇 가지 써 봤어요",
        "아직 poc 단계라서 팀 내부에서만 써요",
    ],
)
def test_a_poc_stage_is_no_hurry(text: str) -> None:
    assert rules(text).facts.urgency is None


def test_a_poc_wanted_first_is_still_a_hurry() -> None:
    assert rules("PoC부터 빨리 보여줘야 해요").facts.urgency is Urgency.FAST


# --- prompting: a score that stopped rising ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "프롬프트를 이리저리 바꿔 봤지만 정답률이 65% 수준에서 더 이상 오르지 않습니다",
        "few-shot 프롬프트로 해 보니 정확도가 78%에서 더는 안 늘어요",
        "프롬프트 수십 번 고쳐 봤는데 결과가 제자리예요",
    ],
)
def test_a_stalled_score_is_a_ceiling_not_a_goal(text: str) -> None:
    facts = rules(text).facts
    assert facts.prompting is PromptingStatus.CEILING
    assert Goal.ACCURACY not in (facts.goals or ())


def test_a_stalled_score_after_fine_tuning_is_no_goal_either() -> None:
    assert Goal.ACCURACY not in goals("파인튜닝까지 했는데 정확도가 85%에서 제자리예요")


@pytest.mark.parametrize(
    "text", ["정확도 95% 이상은 나와야 해요", "지금 정답률 70%인데 90%까지 올려야 해요"]
)
def test_a_score_to_reach_is_a_goal(text: str) -> None:
    assert Goal.ACCURACY in goals(text)


def test_one_side_praised_before_a_complaint_is_not_working() -> None:
    text = "프롬프트로 돌려 보니 정확도는 괜찮은데 말투가 자꾸 바뀌어요"
    assert rules(text).facts.prompting is not PromptingStatus.WORKING


def test_prompting_that_works_still_works() -> None:
    assert rules("프롬프트로 해 봤는데 괜찮게 나와요").facts.prompting is PromptingStatus.WORKING


# --- the use case: a format that has long been fixed --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "보고서 양식은 기관 표준 서식으로 고정돼 있어요",
        "출력 포맷은 사내 표준 형식으로 고정되어 있고 바꿀 계획도 없어요",
    ],
)
def test_a_format_fixed_long_ago_is_settled(text: str) -> None:
    facts = rules(text).facts
    assert facts.change_rate is ChangeRate.RARELY
    assert Goal.CONSISTENCY not in (facts.goals or ())


def test_a_format_that_must_not_break_is_a_goal() -> None:
    assert Goal.CONSISTENCY in goals("응답은 XML 스키마로 고정이라 어긋나면 안 돼요")


@pytest.mark.parametrize(
    "text",
    [
        "업무 범위나 쓰는 방식은 앞으로도 거의 변동이 없을 거예요",
        "맡길 일은 거의 변경이 없습니다",
    ],
)
def test_a_use_case_with_hardly_any_change_is_settled(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.RARELY


# --- documents: a contract template is a reference ---------------------------------------------


def test_a_contract_template_to_consult_is_no_format_wish() -> None:
    assert Goal.CONSISTENCY not in goals("약관 양식을 참고해야 하는 업무예요")


def test_a_report_template_to_follow_is_a_format_wish() -> None:
    assert Goal.CONSISTENCY in goals("주간 보고 템플릿을 꼭 지켜야 해요")


# --- data quality: records whose writers each write their own way -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "그건 의사마다 쓰는 방식이 달라서 일관성은 좀 떨어질 거예요",
        "판례 요약 300건 있는데 변호사마다 문체가 달라서 일관성이 없어요",
    ],
)
def test_records_written_each_their_own_way_are_noisy(text: str) -> None:
    facts = rules(text).facts
    assert facts.data_quality is Quality.LOW
    assert Goal.CONSISTENCY not in (facts.goals or ())


def test_answers_that_vary_by_agent_are_a_wish_for_consistency() -> None:
    text = "상담원마다 말투가 달라서 일관성이 떨어져요. 통일하고 싶어요"
    facts = rules(text).facts
    assert Goal.CONSISTENCY in (facts.goals or ())
    assert facts.data_quality is None


@pytest.mark.parametrize(
    "text",
    [
        "리뷰 데이터? 수천 건 있긴 한데 퀄은 솔직히 별로예요",
        "과거 답변 데이터는 많지만 상담사별 답변 품질 편차가 큽니다",
    ],
)
def test_data_quality_in_everyday_words_is_low(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize("text", ["모델 답변 퀄은 별로예요", "답변 품질 편차가 큽니다"])
def test_the_quality_of_model_answers_is_not_data(text: str) -> None:
    assert rules(text).facts.data_quality is None


@pytest.mark.parametrize(
    "text",
    [
        "문의 이력 2만 건 있어요. 운영팀이 직접 라벨링한 거라 믿을 만해요",
        "학습용 예시는 제가 하나하나 검토해서 300개 정리해 뒀어요",
    ],
)
def test_records_labelled_or_checked_by_hand_are_clean(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.HIGH


# --- data amount: nothing labelled, and "없어요" typed by ear -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "채팅 로그는 쌓여 있는데 정답 달린 건 하나도 없어요",
        "예시 데이터는 업서요",
        "학습 데이타 업슴 ㅠ",
    ],
)
def test_no_labelled_data(text: str) -> None:
    assert rules(text).facts.data_amount is DataAmount.NONE


def test_piled_up_records_alone_are_plenty() -> None:
    assert rules("상담 로그는 많이 쌓여 있어요").facts.data_amount is DataAmount.PLENTY


def test_carrying_someone_is_no_data() -> None:
    assert rules("아이를 업어요").facts.data_amount is None


# --- data: sets of examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("질문-답변 세트가 1,500개 정도 있어요", 1500),
        ("작년에 만든 상품명/설명 세트가 한 200개?", 200),
    ],
)
def test_a_set_of_paired_examples_is_data(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


def test_many_pairs_to_be_pulled_out_are_plenty() -> None:
    text = "리뷰-답글 쌍은 추출하면 수만 건은 될걸요?"
    assert rules(text).facts.data_amount is DataAmount.PLENTY


def test_a_set_product_is_no_data() -> None:
    facts = rules("세트 상품 문의가 하루 300건이에요").facts
    assert facts.data_examples is None
    assert facts.volume is Volume.HIGH


# --- goals: the goal put first after a requirement ----------------------------------------------


def test_the_goal_first_after_a_requirement() -> None:
    text = "법률 상담이라 안내가 틀리면 안 되기 때문에 정확성이 제일 중요합니다"
    assert rules(text).facts.top_goal is Goal.ACCURACY


def test_something_that_does_not_work_still_negates() -> None:
    assert rules("정확도가 안 되기 때문에 고민이에요").facts.top_goal is None


# --- goals: getting changed documents into the answers ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "요금표가 매달 바뀌어서 그걸 반영하는 게 제일 중요해요",
        "공지가 매주 새로 올라와서 그게 반영되는 게 최우선이에요",
    ],
)
def test_reflecting_changed_documents_first_is_freshness(text: str) -> None:
    assert rules(text).facts.top_goal is Goal.FRESHNESS


def test_reflecting_changed_documents_is_freshness() -> None:
    assert Goal.FRESHNESS in goals("규정이 자주 개정돼서 그걸 반영하는 게 핵심이에요")


@pytest.mark.parametrize(
    "text",
    ["고객 피드백 반영되는 게 제일 중요해요", "가격표가 자주 바뀌는데 반영은 크게 중요하지 않아요"],
)
def test_other_reflecting_is_no_freshness(text: str) -> None:
    assert Goal.FRESHNESS not in goals(text)


# --- the use case: still deciding what it is for ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["솔직히 이 봇으로 뭘 할지도 자꾸 바뀌어요", "어디에 쓸지가 매주 바뀌는 중이에요"],
)
def test_what_the_product_is_for_keeps_changing(text: str) -> None:
    assert rules(text).facts.change_rate is ChangeRate.OFTEN


# --- urgency: far off, and close -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "심사 절차 때문에 일정은 어차피 몇 달 걸려요",
        "런칭이 다음 분기로 밀렸어요",
        "오픈이 미뤄져서 여유가 좀 생겼어요",
        "올해 안에 오픈이면 됩니다",
        "정식 오픈까지 넉 달 남았어요",
    ],
)
def test_a_deadline_far_off_is_no_hurry(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


@pytest.mark.parametrize(
    "text",
    [
        "라벨링은 어차피 몇 달 걸리니까 다음 주엔 프롬프트로 데모 보여줘야 해요",
        "데이터 모으는 데 몇 달 걸려서 급해요",
    ],
)
def test_a_long_task_is_not_a_far_deadline(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


@pytest.mark.parametrize(
    "text",
    [
        "본부장님이 다음주 수요일 회의때 결과 보자고 하셨어요",
        "다음 주 금욜 발표 때까지 만들어야 돼요",
    ],
)
def test_a_meeting_next_week_is_a_hurry(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


# --- documents: updated a few times a month ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["상품 매뉴얼 80개, 월 3~4회 개정.", "지침은 한 달에 두세 번 바뀌어요"],
)
def test_documents_updated_a_few_times_a_month_change_often(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.OFTEN


# --- volume: daily traffic written "일 …" -------------------------------------------------------


@pytest.mark.parametrize("text", ["일 문의 건수가 5천 건 정도예요", "일 3천 건 정도 처리해요"])
def test_daily_traffic_written_il(text: str) -> None:
    assert rules(text).facts.volume is Volume.HIGH


def test_once_a_year_is_no_daily_rate() -> None:
    assert rules("일 년에 2번 정도 바뀌어요").facts.volume is None


# --- cost: measured, or not yet ----------------------------------------------------------------


def test_cost_totalled_by_another_team_is_tracked() -> None:
    assert rules("토큰 비용은 IT 부서에서 프로젝트 단위로 매달 집계해요").facts.cost_tracked is True


@pytest.mark.parametrize(
    "text",
    [
        "응답 시간이 중요하다고는 하는데 아직 측정은 안 하고 있어요",
        "비용이 걱정인데 측정은 아직 못 하고 있어요",
    ],
)
def test_cost_not_measured_yet(text: str) -> None:
    assert rules(text).facts.cost_tracked is False


def test_an_unmeasured_score_is_no_cost() -> None:
    assert rules("정확도가 중요한데 측정은 안 하고 있어요").facts.cost_tracked is None


# --- prompting: never tried ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "프롬프트 쪽은 아직 제대로 시도해 보지 않았어요",
        "저희 팀은 생성형 AI를 업무에 써 본 적이 없어요",
        "LLM은 한 번도 써 본 적 없습니다",
    ],
)
def test_prompting_never_tried(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.NOT_TRIED


def test_another_method_not_tried_is_no_prompting() -> None:
    assert rules("RAG는 아직 시도해 보지 않았어요").facts.prompting is None


# --- eval set: answers kept to score against ----------------------------------------------------


def test_a_set_used_for_scoring_is_an_eval_set() -> None:
    facts = rules("평가용으로는 지난달 상담 50건을 정답셋으로 쓰고 있어요").facts
    assert facts.eval_set is True
    assert facts.data_examples is None
