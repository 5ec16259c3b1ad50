"""Wording from the round on dev39: answers denied in their own words, cost never measured,
and a reply that answers the question in one sentence and states something else in another.

- "못 해봤어요" is not tried; "퀄 안 좋아요" is poor data.
- "we've never measured it", "비용은 아직 재본 적 없고요", "재는 것도 아직이요": cost is not
  tracked.
- "질문 80개랑 모범답안 정리해둔 게 있어요. … 비용은 아직 재본 적 없고요" to "do you have an
  eval set?": the sentences before the one about cost answer it; what follows a sentence about
  something else, a hedge, or readings of the fact that disagree, do not.
"""

from __future__ import annotations

from bot.core.facts import (
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Volume,
)
from testkit.reading import rules


def test_answers_denied_in_their_own_words() -> None:
    assert rules(
        "못 해봤어요. 거래처 정보가 들어가다 보니 좀 조심스러워서요", FactName.PROMPTING
    ).facts.prompting is (PromptingStatus.NOT_TRIED)
    poor = "퀄 안 좋아요 ㅋㅋ '위키 보세요' 링크만 던진 답이 태반임"
    assert rules(poor, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    assert rules("퀄 좋아요", FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH


def test_cost_never_measured_is_not_tracked() -> None:
    text = (
        "On cost: we pay a flat subscription at present, and I couldn't tell you what a single "
        "request costs or how long one takes — we've never measured it."
    )
    assert rules(text, FactName.COST_TRACKED).facts.cost_tracked is False
    assert rules("we measure both in datadog, cost and latency").facts.cost_tracked is True
    assert rules("비용은 아직 재본 적 없고요").facts.cost_tracked is False
    assert rules("평가셋은 없고, 비용이나 응답시간 재는것도 아직이요").facts.cost_tracked is False


def test_the_sentences_before_one_about_something_else_answer() -> None:
    text = (
        "교육팀에서 관람객이 실제로 자주 묻는 질문 80개랑 모범답안 정리해둔 게 있어요. "
        "평가용으로 쓰면 될 것 같아요. 비용은 아직 재본 적 없고요"
    )
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is True
    assert facts.cost_tracked is False


def test_what_follows_or_hedges_or_disagrees_does_not_answer() -> None:
    after = "그런 비교 자료는 아직 없습니다. 필요하다면 만들 수는 있습니다."
    assert rules(after, FactName.EVAL_SET).facts.eval_set is not True
    hedged = "그건 아직 모르겠고요, 그보다 하루 질문 수는 많지 않을 거예요"
    facts = rules(hedged, FactName.PROMPTING).facts
    assert facts.prompting is None
    assert facts.volume is Volume.LOW
    split = (
        "we don't have Q&A pairs really. maybe a few hundred email threads with sites, and the "
        "answers in them are all over the place"
    )
    facts = rules(split, FactName.DATA_AMOUNT).facts
    assert facts.data_amount is not DataAmount.NONE
    assert facts.data_quality is Quality.LOW


def test_rewording_that_changes_nothing_is_a_ceiling() -> None:
    text = (
        "We trialled a prompt with a template in it at two clinics. Fine for vaccines and "
        "dentals, but we've rewritten the prompt like fifteen times. Doesn't get better."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    same = "For simple cases is ok, but we change the prompt many many times and is same."
    assert rules(same, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    fails = (
        "Piloted with a prompt + the template. Approvals are fine, denials keep paraphrasing. "
        "Six weeks of prompt iterations and ~15% of denials still fail QA."
    )
    assert rules(fails, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_tried_and_it_went_well_or_was_left() -> None:
    good = "개인적으로 Copilot한테 매뉴얼 주고 물어보니까 꽤 정확하던데요"
    assert rules(good, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    further = "tried gpt for a day. works ok for simple ones, havent pushed it further"
    assert rules(further, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING
    left = "I tried chatgpt once and it sounded like a corporate hotel. never went back"
    assert rules(left, FactName.PROMPTING).facts.prompting is not PromptingStatus.NOT_TRIED
    assert rules("never", FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED


def test_a_goal_someone_else_sees_to_is_not_theirs() -> None:
    text = "Consistency of voice, definitely. Accuracy is the curators' job, they sign off anyway."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY
    assert Goal.ACCURACY not in (facts.goals or ())
    ko = "사실관계는 리서치팀이 따로 팩트체크하니까 상대적으로 덜 중요하고요"
    assert rules(ko).facts.goals is None


def test_counts_that_are_a_flow_or_books_are_no_examples() -> None:
    prior = "Our pharmacists review ~1,200 prior auth requests a day, then a tech writes a letter."
    facts = rules(prior).facts
    assert facts.data_examples is None
    assert facts.volume is Volume.HIGH
    flow = "we reset like 120 routes a week and every route since 2019 has the published blurb"
    assert rules(flow, FactName.DATA_AMOUNT).facts.data_examples is None
    books = "장서가 38만 권인데 그것도 데이터가 되나요? 질문-답변 모아둔 건 몇십 건이 다예요"
    assert rules(books, FactName.DATA_AMOUNT).facts.data_examples is None


def test_amendments_and_work_plans_are_documents() -> None:
    text = "The TPA sends amendments almost monthly."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    ko = "법은 1년에 한두번 개정되고.. 아 현장별 작업계획서는 매일 바뀝니다 공정따라"
    facts = rules(ko, FactName.DOCS_CHANGE).facts
    assert facts.docs_change is DocsChange.OFTEN
    assert facts.change_rate is None


def test_cost_looked_at_is_tracked() -> None:
    text = (
        "평가셋은 없어요ㅠ 요청당 비용은 대충 보고는 있어요, 대시보드에서 건당 얼마 나오는지 ㅎㅎ"
    )
    facts = rules(text, FactName.EVAL_SET).facts
    assert facts.eval_set is False
    assert facts.cost_tracked is True
