"""The rule reader on Korean Slack phrasings: what the team does ("하는 일", "용도") and how long
it has stayed the same, volume said in passing ("이용자 적고", "트래픽 많은 서비스는 아니에요"),
data quality said with a shrug or in English words, eval sets that are run, costs nobody knows,
near deadlines ("열흘 안에", "어제 필요했어요"), someone else's view set against one's own
("…라는데, 저희는"), the top goal pointed at, and terse answers to the question just asked.

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


# --- the use case: what the team does, and for how long it has been so -------------------------


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("저희가 하는 일은 5년째 그대로예요", ChangeRate.RARELY),
        ("2019년부터 하는 일이 똑같아요", ChangeRate.RARELY),
        ("맡은 일이 주마다 바뀌어요", ChangeRate.OFTEN),
        ("시키는 일이 가끔 조금씩 달라져요", ChangeRate.SOMETIMES),
        ("용도는 가끔 바뀜", ChangeRate.SOMETIMES),
        ("반기마다 본부에서 새로운 리포트 유형을 요청해요", ChangeRate.SOMETIMES),
    ],
)
def test_what_the_team_does_and_how_often_it_changes(text: str, rate: ChangeRate) -> None:
    assert rules(text).facts.change_rate is rate


def test_a_form_unchanged_for_years_is_no_wish_for_consistency() -> None:
    facts = rules("보고서 양식이 7년째 똑같은 기관 서식이에요").facts
    assert facts.change_rate is ChangeRate.RARELY
    assert Goal.CONSISTENCY not in (facts.goals or ())


def test_a_form_that_must_stay_the_same_is_still_a_wish() -> None:
    assert Goal.CONSISTENCY in (rules("양식이 매번 똑같아야 해요").facts.goals or ())


def test_much_work_is_no_change_rate() -> None:
    assert rules("하는 일이 많아요").facts.change_rate is None


# --- volume ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "이용자 적어요",
        "트래픽 많은 앱은 아니에요",
        "호출이 많은 서비스는 아니에요",
        "traffic은 low예요",
        "한 달에 다섯 번 정도 돌려요",
        "일주일에 스무 번쯤 쓸 거예요",
    ],
)
def test_volume_said_low(text: str) -> None:
    assert rules(text).facts.volume is Volume.LOW


@pytest.mark.parametrize(
    "text",
    [
        "볼륨 엄청 많아요",
        "문의 대부분이 같은 질문이에요",
        "80%가 똑같은 문의예요",
        "날마다 같은 검색을 수만 번 돌려요",
    ],
)
def test_volume_said_high(text: str) -> None:
    assert rules(text).facts.volume is Volume.HIGH


@pytest.mark.parametrize(
    "text",
    ["트래픽이 많은 서비스예요", "예시 80%가 같은 유형이에요", "300문항짜리 테스트를 매일 돌려요"],
)
def test_not_low_volume(text: str) -> None:
    assert "low" not in fired(text, "volume")
    if "트래픽" not in text:
        assert rules(text).facts.volume is None


# --- urgency -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["이틀 안에 데모 보여줘야 해요", "보름 안으로는 나와야 해요", "어제까지 나왔어야 했어요 ㅠ"],
)
def test_near_deadline(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.FAST


@pytest.mark.parametrize("text", ["빌드는 2일 안 걸려요", "리뷰는 보통 3일 안에 끝납니다"])
def test_days_that_are_no_deadline(text: str) -> None:
    assert rules(text).facts.urgency is None


@pytest.mark.parametrize(
    "text",
    ["일정은 크게 상관없어요", "마감은 전혀 상관없어요", "급한 건 아니고 담분기쯤 되면 돼요"],
)
def test_no_rush(text: str) -> None:
    assert rules(text).facts.urgency is Urgency.NORMAL


def test_someone_elses_deadline_set_against_the_real_one() -> None:
    text = "본부장님은 이번 주까지 하라고 하시는데, 실제 출시는 내년이라 괜찮아요"
    assert rules(text).facts.urgency is Urgency.NORMAL


def test_what_a_manager_said_still_counts() -> None:
    assert rules("팀장님이 다음 주까지 필요하다고 하셨어요").facts.urgency is Urgency.FAST


# --- data quality and amount -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "데이터가 깨끗하진 않아요",
        "라벨 데이터 품질 최악이에요",
        "데이터 퀄리티 꽝",
        "녹취록 품질이 엉망이에요",
    ],
)
def test_data_quality_low(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.LOW


@pytest.mark.parametrize(
    "text", ["예시 300개 있고 전부 검수햇어요", "labeled data 있어요, quality는 good이에요"]
)
def test_data_quality_high(text: str) -> None:
    assert rules(text).facts.data_quality is Quality.HIGH


@pytest.mark.parametrize("text", ["답변 품질이 최악이에요", "데이터가 깔끔해요"])
def test_not_low_quality_data(text: str) -> None:
    assert "low" not in fired(text, "data_quality")


def test_answered_records_are_data() -> None:
    facts = rules("상담사가 답변 단 문의가 2,500건 있어요").facts
    assert facts.data_examples == 2500


def test_data_that_could_be_made_later_is_not_held() -> None:
    facts = rules("예산 나오면 라벨 데이터 수천 건은 모을 수 있을 거예요").facts
    assert facts.data_amount is None
    assert facts.data_examples is None


# --- eval set and cost -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "회귀 테스트 200문항을 배포 때마다 돌려요",
        "골든셋을 만들어서 모델 바꿀 때마다 채점해요",
        "평가셋을 따로 운영하고 있어요",
    ],
)
def test_eval_set_in_use(text: str) -> None:
    assert rules(text).facts.eval_set is True


@pytest.mark.parametrize("text", ["평가셋 만들 예정이에요", "테스트셋 X"])
def test_no_eval_set(text: str) -> None:
    assert rules(text).facts.eval_set is False


def test_cost_nobody_knows() -> None:
    assert rules("요청 한 번에 얼마 나오는지 잘 몰라요").facts.cost_tracked is False


def test_cost_graph() -> None:
    assert rules("요청당 비용 그래프는 있어요").facts.cost_tracked is True


def test_slowness_alone_is_no_cost() -> None:
    assert rules("얼마나 느린지 몰라요").facts.cost_tracked is None


# --- documents -------------------------------------------------------------------------------


def test_nothing_to_look_up() -> None:
    assert rules("따로 찾아볼 필요는 없어요").facts.docs_change is DocsChange.NONE


def test_much_to_look_up_is_not_none() -> None:
    assert rules("찾아볼 문서가 많아요").facts.docs_change is not DocsChange.NONE


def test_what_would_follow_a_change_is_not_the_rate() -> None:
    text = "가격표가 바뀌면 매일 반영해야겠지만, 실제로는 일 년에 한두 번 바뀌어요"
    assert rules(text).facts.docs_change is DocsChange.RARELY


# --- prompting -------------------------------------------------------------------------------


def test_prompt_at_its_best() -> None:
    text = "프롬프트 여러 번 고쳤는데 이게 최선인 듯해요"
    assert rules(text).facts.prompting is PromptingStatus.CEILING


@pytest.mark.parametrize("text", ["RAG 붙여봄. 잘됨.", "프롬프트는 최선을 다해 짰어요"])
def test_no_prompting_verdict(text: str) -> None:
    assert rules(text).facts.prompting is None


# --- goals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("답이 항상 같은 형식이어야 해요. 솔직히 이게 제일 중요해요.", Goal.CONSISTENCY),
        ("응답은 최신 규정을 반영해야 합니다. 이것이 저희의 최우선 과제입니다.", Goal.FRESHNESS),
        ("매번 같은 구조, 같은 인사말로 나오는 게 최우선이에요", Goal.CONSISTENCY),
    ],
)
def test_top_goal_pointed_at(text: str, goal: Goal) -> None:
    assert rules(text).facts.top_goal is goal


def test_someone_elses_goal_set_against_ours() -> None:
    facts = rules("영업팀은 톤이 전부라는데, 저희는 정확한 게 최우선이에요").facts
    assert facts.goals == frozenset({Goal.ACCURACY})
    assert facts.top_goal is Goal.ACCURACY


def test_own_shortage_is_not_reported() -> None:
    assert rules("학습 데이터가 모자라는데 일단 해 볼게요").facts.data_amount is DataAmount.NONE


def test_right_answers_are_accuracy() -> None:
    assert Goal.ACCURACY in (rules("제대로 된 안내만 나오면 돼요").facts.goals or ())


# --- answers to the question just asked --------------------------------------------------------


def test_hedged_goal_answers_the_top_goal() -> None:
    facts = rules("최신성이겠죠?", F.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS


def test_hedged_question_to_the_bot_stays_a_question() -> None:
    ex = rules("RAG로 하면 되겠죠?")
    assert not ex.facts.known()
    assert ex.side_question


@pytest.mark.parametrize(
    ("text", "pending", "fact", "value"),
    [
        ("맨날 바뀌어요", F.CHANGE_RATE, "change_rate", "often"),
        ("해봤는데 벽에 막혔어요", F.PROMPTING, "prompting", "ceiling"),
        ("얼마 안 돼요, 하루 몇 건?", F.VOLUME, "volume", "low"),
    ],
)
def test_terse_answers(text: str, pending: FactName, fact: str, value: str) -> None:
    assert rules(text, pending).facts.model_dump(mode="json")[fact] == value
