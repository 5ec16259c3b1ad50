"""Wording from a round on dev77: the answer after a "but", "we have not", the thing a user
really cares about, a relative's view set against the user's own, the same few answers reused,
a document changed whenever someone likes, a timetable of lead times, a season quiet for months,
"under current policy", and Korean: a second goal of stock on hand, "열흘 안에", half set aside,
a size chart not looked at, "많다꼬", Jeju "하영" and "이서", guidance that comes down at any time,
training refused, repetition denied, a mix of writers on one template."""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_the_answer_after_a_but_is_the_answer() -> None:
    text = (
        "Our range is pretty stable. But now and then a new kind of buyer turns up, then new forms."
    )
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
    text = "선배들이랑 제 답장이 섞여 있긴 한데 다 같은 template이라 양식이 거의 같아요"
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_we_have_not_is_no() -> None:
    text = "We have not. The manager keeps saying we will make one some day."
    assert rules(text, FactName.EVAL_SET).facts.eval_set is False


def test_the_thing_a_user_really_cares_about_comes_first() -> None:
    text = (
        "Totals must be right, sure. But the thing I really care about is every letter sounding"
        " the same. My husband say the totals matter most but he is not the one reading the"
        " complaints."
    )
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY
    assert Goal.ACCURACY in (facts.goals or [])


def test_the_same_few_answers_reused_are_no_traffic() -> None:
    text = "Only me writing. I reuse the same few answers over and over from a note on my phone."
    assert rules(text, FactName.DATA_QUALITY).facts.volume is None


def test_documents_changed_whenever_someone_likes_change_often() -> None:
    text = (
        "The leaflet hasn't changed in years, but the courier changes its prices whenever they"
        " like, every couple of months now."
    )
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "The lead time table is update every week by sales. The spec catalog is rarely change."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "Is a small price sheet. I change it every January, that's all."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_a_season_quiet_for_months_leaves_traffic_open() -> None:
    text = (
        "Hard to say. November to January many, the same questions hundreds a day. February to"
        " October almost nothing."
    )
    assert rules(text, FactName.VOLUME).facts.volume is None


def test_under_current_policy_is_no_freshness_goal() -> None:
    text = "Not yet. Chat tools are not permitted on staff laptops under current policy."
    assert Goal.FRESHNESS not in (rules(text, FactName.PROMPTING).facts.goals or [])


def test_korean_goals_and_deadlines() -> None:
    text = "잘못된 정보 주면 안 돼요. 그게 1번이고 그다음이 지금 진짜 남아 있는 재고인지"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert Goal.FRESHNESS in (facts.goals or [])
    assert rules("오픈 전에, 일주일 안에요", FactName.URGENCY).facts.urgency is Urgency.FAST
    text = "치수 맞는 거랑 재고 최신인 거, 뭘 앞에 둘지는 모르겠어요. 둘 다요"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is None
    assert set(facts.goals or []) == {Goal.ACCURACY, Goal.FRESHNESS}


def test_korean_data_wording() -> None:
    text = "답변 모아둔 게 한 2,000개? 근데 반은 배송 문의라 상품 추천한 건 800개쯤 될 거예요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 800
    text = "상담 기록은 있으나 민감정보 때문에 보안팀에서 학습 사용을 불허했습니다."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "치수표 같은 거 안 봄 ㅋㅋ 입어 본 감으로 추천해요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE


def test_korean_traffic_wording() -> None:
    text = "하루 스무 건 남짓인데 거의 다 똑같은 기라예. 많다꼬 봐야지예"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "하루에 전화가 백 통 넘어마씀. 하영 와마씀"
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH
    text = "일 평균 40건 내외이며, 같은 질의가 반복되는 편은 아님."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "몇 년째 묻는 건 똑같아요. 새로 생긴 문의는 본 적이 없어요"
    assert rules(text, FactName.CHANGE_RATE).facts.volume is None


def test_korean_guidance_that_comes_down_at_any_time_changes_often() -> None:
    text = "운영 시간표는 거의 안 바뀌는데, 명절 지침은 수시로 내려와요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
