"""What the round on dev96 taught the reader: "we did not try it" is not tried, "we nah track"
is a negation, data that "can never be used for training" is none, "nothing exists" beside
test questions is no eval set, "nobody touches it" is rarely, "the correct date" and "correct
part" are accuracy, "같은 질문 반복이에요" weighs a count, "재고 있는 거" and "개정 반영" are
freshness, "틀리게 안내하는 것도 안 되고요" is accuracy, and "열흘 안이오" is soon."""

from __future__ import annotations

from bot.core.facts import DataAmount, DocsChange, FactName, Goal, PromptingStatus, Urgency, Volume
from bot.llm.reader.text import sentences
from testkit.reading import rules


def test_did_not_try_it_is_not_tried() -> None:
    said = "We did not try it. Nobody here has the time."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    # Tried with something in particular is no answer that nothing was tried.
    said = "We did not try it with the new model yet, the old one works fine."
    assert rules(said, FactName.PROMPTING).facts.prompting is not PromptingStatus.NOT_TRIED


def test_a_subject_then_nah_is_a_negation() -> None:
    said = "we nah track cost per reply, never thought bout it"
    assert rules(said, FactName.COST_TRACKED).facts.cost_tracked is False


def test_data_that_can_never_be_used_for_training_is_none() -> None:
    said = (
        "There are about 1,800 complaint files with the replies. Legal said no, "
        "they hold personal data and can never be used for training."
    )
    assert rules(said, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_nothing_exists_beside_test_questions_is_no_eval_set() -> None:
    said = "We plan to write test questions with the audit team, but right now nothing exists."
    assert rules(said, FactName.EVAL_SET).facts.eval_set is False


def test_nobody_touches_it_is_rarely() -> None:
    said = "Only the tariff and the lease. The lease is from 2009, nobody touches it."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_the_correct_date_and_part_are_accuracy() -> None:
    said = "The correct date, first and last. Tone I can fix myself, not important."
    facts = rules(said, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    said = "Correct part. A wrong part means a second visit."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY


def test_the_same_question_over_and_over_weighs_a_count() -> None:
    said = "하루 60~70건인데 거의 같은 질문 반복이에요."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH


def test_what_is_in_stock_and_revisions_reflected_are_freshness() -> None:
    said = "재고 있는 거 안내하는 게 젤 중요해요."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS
    said = "정확도가 1순위예요. 근데 개정 반영도 중요하긴 해요."
    facts = rules(said, FactName.TOP_GOAL).facts
    assert facts.goals is not None and Goal.FRESHNESS in facts.goals
    assert facts.top_goal is Goal.ACCURACY


def test_a_goal_added_as_one_more_is_not_the_answer_to_what_comes_first() -> None:
    # What is put first ("금액") is no goal the reader knows; the goal added "too" is not it
    # either, so the question stays open.
    said = "금액이 1순위예요. 근데 개정 반영도 중요하긴 해요."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is None
    # "Price first" puts the right price first, as the development splits label it; the goal
    # added "too" is still not the answer.
    said = "Price first. Tone matters too, I guess."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    # A goal named alone is still the answer.
    assert rules("톤이요.", FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY


def test_telling_it_wrong_is_not_allowed_is_accuracy() -> None:
    said = "요금을 틀리게 안내하는 것도 물론 안 되고요."
    facts = rules(said).facts
    assert facts.goals is not None and Goal.ACCURACY in facts.goals


def test_within_ten_days_is_soon() -> None:
    assert rules("열흘 안이오.", FactName.URGENCY).facts.urgency is Urgency.FAST
    assert rules("보름 안에요.", FactName.URGENCY).facts.urgency is Urgency.FAST


def test_a_casual_sentence_ending_on_a_noun_form_ends_there() -> None:
    said = "재고 있는 거 안내하는 게 젤 중요함 품절된 거 안내하면 욕먹음"
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.FRESHNESS
    said = "문의 개많음 다 비슷함 답장 봇 필요함"
    assert sentences(said) == ["문의 개많음", "다 비슷함", "답장 봇 필요함"]
    # Nouns that only end like one ("게임", "처음", "포함", "다음") are no sentence end.
    assert sentences("게임 처음 해봄 클레임 포함 다음 주") == ["게임 처음 해봄 클레임 포함 다음 주"]
    # Both said to matter, and which more not known: no top goal, however the sentences split.
    said = "가격 맞게 안내하는거랑 말투 맨날 똑같은거 둘다 중요함 뭐가 더 중요하냐고 하면 모르겠음"
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is None
