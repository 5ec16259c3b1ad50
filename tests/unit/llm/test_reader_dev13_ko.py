"""The rule reader on more Korean Slack phrasings: records that passed review, requests that
flip back and forth, the user's own judgement of a count ("하루 몇백 건? 많진 않아요"), contract
templates as reference documents, inputs that all share one form, prompts that stopped
improving, hand-written commentary as data, getting the answer right, a use case kept as it is
for now, English document words inside Korean, changes to be reflected at once, the goal that
comes "먼저", a review or demo booked for next week, and "평가셋 같은 건 없어요".

These read with the rules alone, so that what the rules do is what is tested.
"""

from __future__ import annotations

import pytest

from bot.core.facts import (
    ChangeRate,
    DocsChange,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import goals, rules

# --- data quality: records that passed a review ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "QA 통과한 답변 예시가 600개 있어요",
        "검수를 통과한 상담 건만 1,200건 모아 뒀어요",
        "예시들은 전부 검수 통과했어요",
    ],
)
def test_records_that_passed_review_are_clean(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.HIGH


def test_a_security_review_passed_is_not_about_data() -> None:
    assert rules("지난달에 보안 검수 통과했어요").facts.data_quality is None


# --- requests that flip back and forth ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "지난주엔 문장을 짧게 하라더니 이번 주엔 또 통일하래요",
        "아까는 말투를 바꾸자더니 지금은 또 형식을 맞추재요",
    ],
)
def test_a_flip_flopping_request_is_no_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


def test_a_request_passed_on_once_still_counts() -> None:
    assert Goal.CONSISTENCY in goals("본부에서 보고서 형식을 통일하라고 하셨어요")


# --- volume: the user's own judgement, and how much of the work there is -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "하루 몇백 건? 그렇게 많지는 않아요",
        "하루에 300건 정도예요. 얼마 안 돼요",
        "안내문은 한 분기에 서른 개쯤 나가요, 많지 않아요",
        "메일은 하루 수만 통 나가지만 새 템플릿 만드는 건 한 달에 몇 개뿐이에요",
    ],
)
def test_volume_judged_low(text: str) -> None:
    assert rules(text).facts.volume is Volume.LOW


def test_a_small_data_set_is_no_low_volume() -> None:
    assert rules("예시 몇백 개? 많진 않아요").facts.volume is None


# --- documents: contract and terms templates ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["표준계약서 템플릿은 1년에 한 번 정도 개정돼요", "약관 양식은 거의 안 바뀌어요"],
)
def test_contract_templates_are_documents(text: str) -> None:
    facts = rules(text).facts
    assert facts.docs_change is DocsChange.RARELY
    assert facts.change_rate is None


def test_a_fixed_contract_template_is_no_wish_for_consistency() -> None:
    facts = rules("협약서 템플릿이 고정이에요").facts
    assert Goal.CONSISTENCY not in (facts.goals or ())
    assert facts.docs_change is DocsChange.RARELY


def test_an_output_template_stays_the_use_case() -> None:
    assert rules("출력 템플릿은 거의 안 바뀌어요").facts.change_rate is ChangeRate.RARELY


# --- goals: inputs of one form, and getting the answer right ------------------------------------


@pytest.mark.parametrize(
    "text", ["신청서는 전부 같은 양식이에요", "매주 같은 서식의 보고서가 들어와요"]
)
def test_inputs_of_one_form_are_no_goal(text: str) -> None:
    assert Goal.CONSISTENCY not in goals(text)


def test_one_form_that_must_come_out_is_a_goal() -> None:
    assert Goal.CONSISTENCY in goals("결과는 전부 같은 양식으로 나와야 해요")


@pytest.mark.parametrize(
    "text",
    ["정답 맞추는 게 제일 중요해요", "정답을 꼭 맞혀야 돼요", "맞는 답을 내는 게 우선이에요"],
)
def test_getting_the_answer_right_is_accuracy(text: str) -> None:
    assert Goal.ACCURACY in goals(text)


def test_examples_with_answers_are_no_goal() -> None:
    assert Goal.ACCURACY not in goals("정답을 맞추는 데이터가 400개 있어요")


# --- prompting that stopped improving -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "프롬프트를 두 달 다듬었는데 더 이상 개선되지 않아요",
        "프롬프트로는 일정 수준 이상은 안 나와요",
        "프롬프트를 계속 바꿔 봐도 정확도가 향상되진 않네요",
    ],
)
def test_prompting_stopped_improving(text: str) -> None:
    assert rules(text).facts.prompting is PromptingStatus.CEILING


def test_a_prompt_that_helped_is_no_ceiling() -> None:
    assert rules("프롬프트 바꾸니까 많이 개선됐어요").facts.prompting is not PromptingStatus.CEILING


# --- data: commentary written by hand ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("선생님들이 손수 만든 풀이가 900개쯤 있어요", 900),
        ("기존 해설 2,400건 있어요", 2400),
    ],
)
def test_commentary_written_by_hand_is_data(text: str, count: int) -> None:
    assert rules(text).facts.data_examples == count


def test_commentary_to_write_each_day_is_traffic() -> None:
    facts = rules("매일 해설 500건을 생성해야 해요").facts
    assert facts.data_examples is None
    assert facts.volume is Volume.HIGH


# --- the use case kept as it is for now ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "나중엔 영어도 할 수 있지만 당분간은 국어 문제 풀이 그대로 갈 거예요",
        "업무 범위는 올해도 이대로 가요",
        "한동안은 지금 업무 이대로 유지할 거예요",
    ],
)
def test_the_use_case_kept_for_now(text: str) -> None:
    facts = rules(text).facts
    assert facts.change_rate is ChangeRate.RARELY
    assert facts.docs_change is None


def test_documents_kept_for_now_are_not_the_use_case() -> None:
    assert rules("가격표는 당분간 그대로 갈 거예요").facts.change_rate is None


# --- documents named in English inside Korean --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "입력에 다 들어 있어서 reference docs는 필요 없어요",
        "knowledge base는 따로 안 써요",
        "internal documents는 안 봐요",
    ],
)
def test_no_documents_in_english_words(text: str) -> None:
    assert rules(text).facts.docs_change is DocsChange.NONE


def test_english_documents_that_change_are_not_none() -> None:
    assert rules("reference docs는 매주 바뀌어요").facts.docs_change is DocsChange.OFTEN


# --- freshness: changes reflected at once -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "요금 바뀐 걸 바로 안내해야 해요",
        "개정된 부분을 즉시 답변에 반영해야 합니다",
        "공지 달라진 게 바로바로 반영돼야 해요",
    ],
)
def test_changes_reflected_at_once(text: str) -> None:
    assert Goal.FRESHNESS in goals(text)


def test_reflecting_changes_said_not_to_matter() -> None:
    assert Goal.FRESHNESS not in goals("바뀐 걸 반영하는 건 신경 안 써도 돼요")


# --- the top goal: what comes first -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "top"),
    [
        ("톤도 중요하지만 정확도가 먼저예요", Goal.ACCURACY),
        ("형식 맞추는 게 먼저입니다", Goal.CONSISTENCY),
        ("정확성도 신경 쓰이지만 최신 자료 반영이 먼저죠", Goal.FRESHNESS),
    ],
)
def test_the_goal_that_comes_first(text: str, top: Goal) -> None:
    assert rules(text).facts.top_goal is top


def test_doing_something_first_is_no_top_goal() -> None:
    assert rules("정확도 먼저 잡고 톤은 나중에 볼게요").facts.top_goal is None


# --- urgency: something booked for next week ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "다음 주 경영진 보고가 잡혀 있어서 결과가 빨리 필요해요",
        "이번 주 금요일 시연이 있어요",
        "데모가 빠르게 필요합니다",
    ],
)
def test_something_booked_soon(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


@pytest.mark.parametrize("text", ["답변이 빠르게 나와야 해요", "응답이 빠르게 필요해요"])
def test_fast_answers_are_latency_not_urgency(text: str) -> None:
    assert rules(text).facts.urgency is None


# --- eval set: "같은 건" --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["평가셋 같은 건 저희 팀엔 없어요", "테스트셋 같은 거는 아직 안 만들었어요"]
)
def test_no_eval_set_said_loosely(text: str) -> None:
    assert rules(text).facts.eval_set is False
