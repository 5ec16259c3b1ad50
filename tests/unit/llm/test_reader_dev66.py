"""Wording from a round on dev66: the usable part of a count of records, constraints others
set on the data, documents that change every month or two, and replies about cost, quality,
prompting and deadlines."""

from __future__ import annotations

from bot.core.facts import DataAmount, DocsChange, FactName, Goal, PromptingStatus, Quality, Urgency
from testkit.reading import rules


def test_the_usable_part_of_a_count_is_what_the_user_has() -> None:
    text = "About 3,000 emails with replies. Only about 700 have a proper answer in them though."
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_examples == 700
    ko = "상담 기록이 5천 건 정도예요. 2021년 이후 것만 치면 3천 건입니다."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_examples == 3000
    # Two guesses with nothing said of a part stay to be confirmed.
    unsure = rules("maybe 2,000? could be 3,000, I haven't counted.", FactName.DATA_AMOUNT)
    assert unsure.facts.data_examples is None


def test_a_thousand_written_with_a_space_ends_a_sentence() -> None:
    text = "In the ticket system are 9 000 tickets, but useful ones are maybe 5 000."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 5000


def test_what_legal_says_may_not_be_trained_on_holds() -> None:
    ko = "채팅 log가 2년치 있긴 한데, legal팀에서 개인정보 때문에 training에는 못 쓴다고 했어요."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_an_offer_to_pull_examples_is_not_data_yet() -> None:
    text = "Not yet. Support have offered to pull 300 tickets with agreed answers if we go ahead."
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is False
    assert facts.data_examples is None


def test_examples_shown_to_the_model_in_the_chat_are_no_data() -> None:
    ko = "gpt한테 예전 답장 몇개 보여주고 써달라 하는데 걍 쓸만함"
    facts = rules(ko, FactName.PROMPTING).facts
    assert facts.data_amount is None
    assert facts.prompting is PromptingStatus.WORKING


def test_no_system_to_measure_cost_is_not_tracked() -> None:
    ko = "현재 요청당 비용을 측정하는 체계는 없습니다."
    assert rules(ko).facts.cost_tracked is False


def test_documents_changed_every_month_or_two_change_often() -> None:
    text = "the rate card changes whenever the mill puts prices up, which is every couple of months"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = "가격표는 원가 오를 때마다 바꿔서 한 달에 한 번은 바뀌어요"
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = "관련 지침의 개정 주기는 대체로 수년 단위입니다."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_replies_about_quality() -> None:
    ko = "팀장님이 쓴 거라 깔끔하긴 한데 절반 가까이가 단종된 제품 얘기예요"
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    assert rules("혼자 썼고 양식도 하나입니다.", FactName.DATA_QUALITY).facts.data_quality is (
        Quality.HIGH
    )
    text = "The style is different person by person, and many old codes are already discontinued."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_a_prompt_changed_many_times_and_still_wrong_is_the_ceiling() -> None:
    text = "Even we changed the prompt many times, the dosage was often wrong, so we stopped it."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_getting_the_figures_right_matters_most() -> None:
    text = "Getting the price and the delivery date right matters most, then sounding like us."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    # What the model gets right describes how it does, not what matters.
    assert rules("It gets the chapter right most of the time.").facts.goals is None


def test_replies_about_deadlines() -> None:
    text = "Bookings for next season open in ten days, so ideally before then."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST
    assert rules("별도의 기한은 정해져 있지 않습니다.", FactName.URGENCY).facts.urgency is (
        Urgency.NORMAL
    )
    text = "Board meeting is in three weeks, but nothing falls over if it slips."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
