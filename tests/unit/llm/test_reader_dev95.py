"""What the round on dev95 taught the reader: "ain't important" sets a goal aside, what a boss
heard is not the user's goal, "no reference documents" is no documents, a set kept with its
right answers (or checked against at every change) is an eval set, data that cannot be used for
training is none, "Plenty" and "많아요" weigh the count that follows, a score that stays put is
the prompting ceiling, "그게 제일이에요" points at the goal not merely granted, a figure said
in jest is corrected, and "천천히 세어 봤어요" is no deadline."""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_aint_important_sets_a_goal_aside() -> None:
    said = "Getting the facts right, above all. Wording ain't important."
    facts = rules(said, FactName.TOP_GOAL).facts
    assert facts.goals == frozenset({Goal.ACCURACY})
    assert facts.top_goal is Goal.ACCURACY


def test_what_a_boss_heard_is_not_the_users_goal() -> None:
    said = "My manager heard that fine-tuned bots are always more accurate. Is that so?"
    assert not rules(said).facts.goals
    # The user's own want, beside it, still counts.
    said = "My boss read that RAG keeps answers current. We need accuracy though."
    assert rules(said).facts.goals == frozenset({Goal.ACCURACY})


def test_no_reference_documents_is_no_documents() -> None:
    said = "No reference documents required. It only works from the call notes."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE
    # Still a citation requirement where "reference" is the verb.
    said = "Every answer must reference the policy it comes from."
    assert rules(said).facts.citations is True


def test_a_set_kept_with_its_right_answers_is_an_eval_set() -> None:
    said = (
        "Sort of. Someone spot-checks replies now and then, "
        "but there is no set with agreed answers."
    )
    assert rules(said, FactName.EVAL_SET).facts.eval_set is False
    said = (
        "We saved 150 past claims whose outcome is known, and we compare the drafts against those."
    )
    assert rules(said, FactName.EVAL_SET).facts.eval_set is True
    said = (
        "지난 견적 중 확정된 거 80건 골라 시트로 만들어 뒀어요. "
        "프롬프트 고칠 때마다 그걸로 맞춰 봐요."
    )
    assert rules(said, FactName.EVAL_SET).facts.eval_set is True


def test_data_that_cannot_be_used_for_training_is_none() -> None:
    said = (
        "There are thousands of case notes, but compliance says they cannot leave our servers "
        "or be used for training."
    )
    assert rules(said, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_a_judgement_before_a_count_weighs_it() -> None:
    said = "Plenty. Every depot sends 20, 30 requests a week, all the same form."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
    said = "네 많아요, 하루 팔십 통 가까이? 거의 같은 질문이에요"
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
    # "Plenty of time" is about time, not traffic.
    assert rules("Plenty of time, no rush.", FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_a_boss_calling_it_a_lot_is_not_the_users_count() -> None:
    said = (
        "팀장님께서는 전화가 많다고 하시나 제가 직접 세어 보면 하루 여덟 건 정도여서 "
        "많다고 하기는 어렵습니다."
    )
    assert rules(said, FactName.VOLUME).facts.volume is Volume.LOW


def test_a_score_that_stays_put_is_the_prompting_ceiling() -> None:
    said = "프롬프트 버전이 v9까지 왔는데 v6부터 점수가 그대로예요."
    assert rules(said, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_that_is_first_points_at_the_goal_not_merely_granted() -> None:
    said = "정확한 안내도 물론 중요하지만, 저는 말투가 늘 한결같았으면 해요. 그게 제일이에요."
    assert rules(said, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    said = "그날 환율이어야 해요. 어제 기준으로 알려 드리면 큰일 나요. 그것이 첫째."
    facts = rules(said, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS


def test_a_figure_said_in_jest_is_corrected() -> None:
    said = "문자로 답한 거 많아요. 한 8282개? 농담이고 세어 보니 오백 개 조금 넘어요"
    assert rules(said, FactName.DATA_AMOUNT).facts.data_examples == 500


def test_counting_slowly_is_no_deadline_but_taking_it_slowly_is() -> None:
    said = "정리해 둔 답변이 900개쯤 있어요. 천천히 세어 봤어요."
    assert rules(said, FactName.DATA_AMOUNT).facts.urgency is None
    assert rules("천천히 해도 돼요.", FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_documents_that_never_change_are_rare_changes_not_none() -> None:
    said = "참고하는 건 옛날 회로도랑 매뉴얼이라 바뀔 일이 없어요."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    said = "설명서 그런거 안보오. 다 손에 익은 거라"
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.NONE


def test_one_time_per_year_is_rarely() -> None:
    said = "They change only when a new model is out, so one time per year or less."
    assert rules(said, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_two_digits_before_a_scale_are_a_rough_range() -> None:
    said = "하루 이삼백 건이요. 대부분 잔액 문의예요"
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
    said = "정리된 답변이 이삼천 개 있어요"
    facts = rules(said, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is DataAmount.PLENTY
    assert facts.data_examples is None  # a range is an amount, not a count
    # "이삼일" is days, not a count.
    assert rules("이삼일 걸려요.").facts.data_examples is None


def test_the_same_questions_asked_over_and_over_weigh_a_small_count() -> None:
    said = "하루 오륙십 통은 와요. 다 비슷한 거 물어보시고요"
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
    said = "하루 사오십 통은 꾸준히 와예. 묻는 기 다 거서 거고예."
    assert rules(said, FactName.VOLUME).facts.volume is Volume.HIGH
