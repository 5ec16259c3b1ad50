"""What the round on dev99 taught the reader: documents revised three or more times a year
change often, and of two sets of documents the faster one counts even when it is said in a
sentence of its own; figures got right ("sizes right", "correct fees", "시간 맞게 알려 주는 거")
are accuracy; answers that differ by who gives them, as a complaint, are consistency; a tone
that "can be a bit stiff" is no goal, and terms "unified last year" are a state, not a wish;
"평균 잡으면" is an estimate, not a condition; someone else's count the user doubts states
nothing; "측정 체계가 없습니다" is cost not tracked; "지금 기준으로 넉 달" is no freshness;
"…인지에 대해 궁금합니다" is a question."""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName, Goal, Quality, Volume
from testkit.reading import rules


def test_documents_revised_three_or_more_times_a_year_change_often() -> None:
    for said, pending in (
        ("The tariff sheet gets revised four times a year.", None),
        ("HR updates the handbook three or four times a year.", None),
        ("운임표는 일 년에 네다섯 번 바뀌어요.", None),
        ("약관이요? 작년엔 세 번 바뀌었어요.", FactName.DOCS_CHANGE),
    ):
        assert rules(said, pending).facts.docs_change is DocsChange.OFTEN, said
    # Two or three times, or "a few", stays with how the development splits label it.
    said = "The manual is revised 2-3 times a year."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is not DocsChange.OFTEN
    said = "지침은 1년에 몇 번 안 바뀌어요."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_the_faster_set_of_documents_counts_in_a_sentence_of_its_own() -> None:
    said = "안내문은 학기마다 바꿔요. 일 년에 세 번쯤요."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    # Not when the bot does not need the faster one, nor when it is denied.
    said = (
        "Our handbook is reviewed once a year. "
        "The shift rota changes daily, but the bot won't touch that."
    )
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_figures_got_right_are_accuracy() -> None:
    for said in (
        "Tone first. Sizes right after that.",
        "Freshness matters most. After that, correct fees.",
        "Sounding friendly first, then getting the weights and the prices right.",
        "배송 시간 맞게 알려 드리는 거요.",
    ):
        goals = rules(said, FactName.TOP_GOAL).facts.goals or frozenset()
        assert Goal.ACCURACY in goals, said
    # Finding the right part is the task, not a goal.
    said = "We want a bot that finds the right part number from what the customer describes."
    assert not rules(said).facts.goals


def test_answers_that_differ_by_who_gives_them_are_consistency_when_complained_of() -> None:
    said = "정확성이 첫째고요, 직원마다 안내가 다른 것도 좀 맞추고 싶어요."
    goals = rules(said, FactName.TOP_GOAL).facts.goals or frozenset()
    assert Goal.CONSISTENCY in goals
    # Records described, not a wish.
    said = "기사님마다 답이 달라서 좀 지저분해요."
    assert not rules(said, FactName.DATA_QUALITY).facts.goals


def test_a_tone_allowed_to_be_stiff_and_terms_already_unified_are_no_goals() -> None:
    said = "도착 날짜 맞게 알려 드리는 거요. 말투야 뭐 좀 투박해도 돼요."
    assert rules(said, FactName.TOP_GOAL).facts.goals == frozenset({Goal.ACCURACY})
    said = "담당자가 하나하나 검수해서 깔끔합니다. 용어도 재작년에 싹 통일했고요."
    ex = rules(said, FactName.DATA_QUALITY)
    assert not ex.facts.goals and ex.facts.data_quality is Quality.HIGH


def test_an_average_taken_is_an_estimate_and_a_lot_said_outright_weighs_the_count() -> None:
    said = "평균 잡으면 하루 이백오십 건 정도예요."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
    said = "하루 문의가 백이십 건쯤이고 다 비슷한 내용이오. 많지요."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
    said = "하루 스무 통 남짓입니다. 이게 많은 건지는 저도 잘 모르겠습니다."
    assert rules(said, FactName.VOLUME).facts.volume is None


def test_a_count_someone_else_claims_and_the_user_doubts_states_nothing() -> None:
    said = "보관한 답장이 수천 개는 있어요. 아내는 이만 개도 넘는다는데 그건 모르겠고요."
    assert rules(said, FactName.DATA_EXAMPLES).facts.data_examples is None


def test_no_way_to_measure_cost_is_cost_not_tracked() -> None:
    said = "요청당 비용은 아직 측정 체계가 없습니다."
    assert rules(said, FactName.COST_TRACKED).facts.cost_tracked is False


def test_as_of_now_is_no_freshness_goal() -> None:
    said = "오픈 목표가 10월이라 지금 기준으로 다섯 달 남았어요."
    assert not rules(said, FactName.URGENCY).facts.goals


def test_a_question_ending_in_wondering_states_nothing() -> None:
    said = "규정이 자주 바뀌는 곳에서도 파인튜닝을 써도 되는 것인지에 대해 궁금합니다."
    ex = rules(said)
    assert ex.side_question and ex.facts.docs_change is None
