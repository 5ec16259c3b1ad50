"""Wording from a round on dev65: records that may not be trained on, sets kept to check new work
against, prompts reworded to no avail, ranked goals, and replies about quality and deadlines."""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
)
from testkit.reading import rules


def test_records_that_may_not_be_trained_on_are_no_data() -> None:
    text = (
        "About 5,000 appeals with our decisions. Legal says we may not use appellants' "
        "files to train anything."
    )
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.NONE
    assert facts.data_examples is None
    ko = "민원 답변이 약 4천 건 있으나, 개인정보 보호 방침상 학습 목적으로는 활용할 수 없습니다."
    assert rules(ko, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    heard = "상담 기록이 2만 건 넘게 있는데, 개인정보 때문에 학습에는 못 쓴대요."
    assert rules(heard, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_a_set_kept_to_check_new_work_against_is_an_eval_set() -> None:
    text = "We keep 60 tricky questions with my answers, and I check every new draft against those."
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is True
    assert facts.data_examples is None
    marked = (
        "We do. 90 questions with approved answers, and every trainee gets marked against them."
    )
    assert rules(marked, FactName.EVAL_SET).facts.eval_set is True


def test_rewording_that_never_helped_is_the_ceiling() -> None:
    text = "The German replies were weak, and no rewording of the prompt ever improved them."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    gave_up = "Fine for greetings, but it gets the prices wrong and she's given up rewording it."
    assert rules(gave_up, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_not_tried_because_it_is_banned_or_untouched() -> None:
    ko = "보안 지침상 생성형 AI 사용이 금지되어 있어 시도하지 못했습니다."
    assert rules(ko, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    assert rules("Nobody's touched it yet.", FactName.PROMPTING).facts.prompting is (
        PromptingStatus.NOT_TRIED
    )


def test_someone_being_right_is_no_goal() -> None:
    text = "For our boss the most important is consistency. I think she is right."
    assert Goal.ACCURACY not in (rules(text).facts.goals or ())
    assert Goal.ACCURACY in (rules("It must be right about prices.").facts.goals or ())


def test_goals_listed_in_that_order_put_the_first_on_top() -> None:
    text = "Accuracy and consistency, in that order."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "Accuracy, then keeping up with the price changes."
    assert Goal.FRESHNESS in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    ko = "정확성이 최우선이고, 가격 변경이 제때 반영되는 것이 그다음입니다."
    assert Goal.FRESHNESS in (rules(ko, FactName.TOP_GOAL).facts.goals or ())


def test_a_formal_question_states_nothing() -> None:
    ko = "프롬프트만으로 용어의 정확성을 담보할 수 있는지 의문입니다."
    assert rules(ko).facts.goals is None
    # An exclamation that ends like a question still states what it says.
    assert rules("하루 문의가 3천 건씩 들어와서 양이 엄청나요").facts.volume is not None


def test_minutes_away_and_a_small_dog_are_no_traffic() -> None:
    text = "sorry, a customer just came in with a hat the size of a small dog. back in 5"
    assert rules(text, FactName.VOLUME).facts.volume is None


def test_cycles_of_years_are_rare_changes() -> None:
    ko = "기준서 개정은 5년 주기 정도예요."
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    ko = "값은 한 해 한 번 정하고 그 밖에 볼 문서는 없어요"
    assert rules(ko, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_replies_about_quality() -> None:
    tight = "house style is pretty tight, we edit each others drafts before they go out"
    assert rules(tight, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    loose = "Two of us round the prices, one itemises everything. So no, not consistent."
    assert rules(loose, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    ko = "담당자가 자주 바뀌어서 같은 질문에도 답이 조금씩 다릅니다."
    assert rules(ko, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW


def test_replies_about_deadlines() -> None:
    soon = "Our director wants to show something to the board in ten days."
    assert rules(soon, FactName.URGENCY).facts.urgency is Urgency.FAST
    later = "The shop closes in eleven days, though I don't suppose we'd need it for that."
    assert rules(later, FactName.URGENCY).facts.urgency is not Urgency.FAST
    assert rules("there's no date on it.", FactName.URGENCY).facts.urgency is Urgency.NORMAL
    ko = "주문이 삼월부터 들어오니께 그 전에만 되믄 되요"
    assert rules(ko, FactName.URGENCY).facts.urgency is Urgency.NORMAL
