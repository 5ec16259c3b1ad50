"""Wording from a round on dev74: "right" that opens the next thing, "get that right first",
"no rubbish", "less often", data that may not be used for training, the rest of the year quiet,
"not that many", a plan not decided, Korean denials of urgency, "읎슈", a month named, and a
few ways of saying prompting stalled, data reviewed or uneven."""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_right_that_opens_the_next_thing_is_no_yes() -> None:
    text = "Right, back. How many? Not a lot, no. Three or four a week in spring."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


def test_get_that_right_first_points_back() -> None:
    text = "Same shape every time, that's the craft. Get that right first, the rest can wait."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    assert rules("Getting it right comes first.", FactName.TOP_GOAL).facts.top_goal is (
        Goal.ACCURACY
    )


def test_no_rubbish_is_no_poor_data() -> None:
    text = "All written by me, and I proofread each one, so there's no rubbish in there."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is not Quality.LOW


def test_less_often_is_not_often() -> None:
    text = "A sheet with the mayor's name. Mayor changes once a year, the bishop a lot less often."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_data_that_may_not_be_used_for_training_is_none() -> None:
    en = "We've got about 800 replies, but we are not allowed to use them, legal said so."
    assert rules(en, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    assert rules("So for training, nothing.", FactName.DATA_AMOUNT).facts.data_amount is (
        DataAmount.NONE
    )
    ko = "상담 이력이 2만 건 있습니다. 다만 개인정보 문제로 학습 사용은 불가합니다."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    ko = "통화 기록은 수십만 건인데 training용으로 쓸 수 있는 건 zero예요."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_rest_of_the_year_quiet_is_seasonal() -> None:
    text = (
        "In March and April very many, the same questions daily. Rest of the year almost nothing."
    )
    assert rules(text, FactName.VOLUME).facts.volume is None


def test_not_that_many_is_low() -> None:
    text = "Divn't get that many. Couple a week."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


def test_a_plan_not_decided_is_no_use_case_in_flux() -> None:
    text = "Not really changing, no. We might add a new scheme next year, but that's not decided."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate == "rarely"


def test_korean_denials_of_urgency() -> None:
    assert rules("이제 3월이라 급허진 않수다.", FactName.URGENCY).facts.urgency is Urgency.NORMAL
    assert rules("내년 예산 후 착수. 긴급 사안 아님.", FactName.URGENCY).facts.urgency is (
        Urgency.NORMAL
    )
    assert rules("급해요", FactName.URGENCY).facts.urgency is Urgency.FAST


def test_no_eval_set_in_regional_speech_and_one_that_could_be_made() -> None:
    for text in ("읎슈. 맹글라믄 팀장님이 골라 주실 순 있을 거구.", "그런 거 엄써요ㅜ"):
        assert rules(text, FactName.EVAL_SET).facts.eval_set is False, text


def test_a_month_named_is_no_rate() -> None:
    text = "없어요. 자주 묻는 질문 40개 뽑아서 정답 다는 건 다음 달에 하려고요."
    assert rules(text, FactName.EVAL_SET).facts.volume is None
    assert rules("문의가 한 달에 300건 와요", FactName.VOLUME).facts.volume is Volume.LOW


def test_ways_of_saying_prompting_stalled_or_not_tried() -> None:
    en = (
        "Had Copilot do a few. It's alright, but it kept inventing a colour. "
        "I fiddled with the wording for weeks and it never got past that."
    )
    assert rules(en, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    ko = "프롬프트를 이래저래 고쳐서 물어봐도 고대로예요."
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    ko = "내부망에서 생성형 AI 접속이 막혀 미시도."
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_data_reviewed_or_uneven() -> None:
    ko = "전부 품질팀 review를 거쳐 나간 회신입니다."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    ko = "담당자 셋이 돌아가며 써서 양식이 다 달라요."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


# A short round on dev75.


def test_a_denial_in_chungcheong_speech() -> None:
    text = "담달 말 전까지 되믄 좋구, 급헌 건 아녀유."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_that_is_first_points_back_past_the_next_goal() -> None:
    text = "말투 통일 ㅇㅇ 그게 1순위 정확도는 걍 후기 답글이라 크게 안중요"
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY


def test_answering_exactly_is_accuracy_and_first() -> None:
    text = "손님 질문에 맞게 정확히 답하는 게 첫째고, 말투가 일정한 건 그다음입니다."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert set(facts.goals or ()) == {Goal.ACCURACY, Goal.CONSISTENCY}


def test_records_with_id_numbers_inside_cannot_be_used() -> None:
    text = (
        "There's a chat group with 500 answered questions, "
        "but we can't use those because ID numbers are inside."
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_a_history_of_use_is_no_data() -> None:
    ko = "내부망 생성형 AI 사용 미승인 상태임. 시범 사용 이력 없음."
    assert rules(ko, FactName.PROMPTING).facts.data_amount is None
    assert rules("상담 이력이 2천 건 있어요", FactName.DATA_AMOUNT).facts.data_examples == 2000
