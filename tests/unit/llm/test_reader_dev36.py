"""Wording from rounds on dev36 and dev37: what the user says was so once, or takes back.

- A reading said of a time that is over ("used to", "예전엔", "코로나 때는") gives way to a reading
  of the same fact said of no such time; said alone, it is asked to confirm, not applied.
- A clause the user closes by taking it back ("1년에 한 번… 아 아니다", "아 잠깐만요") says
  nothing, and what follows the correction answers the question.
- "no wait" is a correction, not a "no".
- "정확한 건 … 물어봐야" doubts a figure, it asks for no accuracy; asked what the data is like,
  "틀린 정보도 꽤 있어요" describes the data.
- A reply about two sets of documents, one changing often, answers "often".
- "지점이 전국에 42개 있는데요": a count of branches is no count of examples.
- "every couple yrs", "every 2 wks": units of time typed short; "테스트용 이의신청 사례 60건" is
  an eval set.
- Asked about traffic, "~3k tickets" not said to be kept counts traffic, not examples.
"""

from __future__ import annotations

from bot.core.facts import ChangeRate, DocsChange, FactName, Goal, Urgency, Volume
from testkit.reading import goals, rules


def test_what_used_to_be_so_gives_way_to_what_is_so() -> None:
    text = "예전엔 공지가 매주 바뀌었는데 요즘은 1년에 두 번만 모집해요. 이용규정은 거의 그대로고요"
    assert rules(text).facts.docs_change is DocsChange.RARELY
    # Wherever the present one comes: first here.
    said = (
        "rarely now. we used to tweak the template every quarter but it's been the same since 2019"
    )
    assert rules(said, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY


def test_what_was_so_once_alone_is_asked_not_applied() -> None:
    ex = rules("Policies used to get updated ad hoc every couple of weeks.")
    assert ex.facts.docs_change is None
    assert [(r.fact, r.value) for r in ex.readings if r.fact is FactName.DOCS_CHANGE] == [
        (FactName.DOCS_CHANGE, "often")
    ]
    # Said of now, the same words are a fact.
    now = rules("Policies get updated ad hoc every couple of weeks.")
    assert now.facts.docs_change is DocsChange.OFTEN


def test_the_past_is_only_the_past_when_it_says_so() -> None:
    # "used to train", "we're used to": no time that is over.
    assert rules("We get 5k questions a day; we're used to that").facts.volume is Volume.HIGH
    tickets = "the tickets used to train it change every week"
    assert rules(tickets, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_a_clause_taken_back_says_nothing() -> None:
    text = "약관 개정은 1년에 한 번… 아 아니다 요즘은 상품 개정이 거의 매달 있어요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    count = "한 1,200건… 아 잠깐, 작년 거까지 치면 1,800건이요"
    assert rules(count, FactName.DATA_AMOUNT).facts.data_examples == 1800


def test_oh_wait_corrects_what_came_before() -> None:
    text = "급하진 않은데… 아 잠깐만요, 센터장님이 다음 주 데모 보자고 하셨네요 ㅠ 급합니다"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.FAST


def test_no_wait_is_a_correction_not_a_no() -> None:
    ex = rules("~weekly — no wait, more like monthly.", FactName.DOCS_CHANGE)
    assert ex.facts.docs_change is DocsChange.OFTEN


def test_what_the_exact_figure_is_is_no_accuracy_goal() -> None:
    text = "한 18만 건? 정확한 건 DB팀한테 물어봐야 돼요"
    assert Goal.ACCURACY not in goals(text)
    assert Goal.ACCURACY in goals("답변이 정확한 게 제일 중요해요")


def test_wrong_answers_in_the_data_describe_it() -> None:
    said = rules("틀린 정보도 꽤 있어요", FactName.DATA_QUALITY)
    assert Goal.ACCURACY not in (said.facts.goals or ())
    # Asked something else, the same words are a goal.
    assert Goal.ACCURACY in (rules("틀린 정보가 나가면 안 돼요", FactName.GOALS).facts.goals or ())


def test_a_reply_about_two_sets_of_documents_keeps_up_with_the_faster_one() -> None:
    text = "그린피표는 계절마다? 1년에 4번 정도.. 아 근데 이벤트 공지는 매주 올라가요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    # Four times a year alone is often too, as the development splits label documents revised
    # three or more times a year (the round on dev99); twice a year stays rarely.
    assert rules("1년에 4번 정도요", FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    assert rules("1년에 두 번 정도요", FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_a_count_of_branches_is_not_data() -> None:
    text = "지점이 전국에 42개 있는데요, 견적 설명 보내는 걸 AI가 draft 해주면 좋겠어요"
    assert rules(text).facts.data_examples is None
    assert rules("분관이 5개 있고요, 이용안내 챗봇을 달고 싶어요").facts.data_examples is None
    # What the staff wrote is.
    assert rules("직원이 쓴 답변이 3000건 있어요", FactName.DATA_AMOUNT).facts.data_examples == 3000


def test_units_of_time_typed_short() -> None:
    ex = rules("state regs change every couple yrs", FactName.DOCS_CHANGE)
    assert ex.facts.docs_change is DocsChange.RARELY
    assert [r.quote for r in ex.readings] == ["state regs change every couple yrs"]
    often = rules("our HR team says policies change every 2 wks")
    assert often.facts.docs_change is DocsChange.OFTEN


def test_cases_kept_for_testing_are_an_eval_set() -> None:
    text = "법무팀이랑 같이 만든 테스트용 이의신청 사례 60건이 있어요"
    ex = rules(text, FactName.EVAL_SET)
    assert ex.facts.eval_set is True
    assert ex.facts.data_examples is None


def test_tickets_counted_when_asked_about_traffic_are_traffic() -> None:
    text = "High. Payroll week alone is ~3k tickets and most of them are 'when do I get paid'."
    ex = rules(text, FactName.VOLUME)
    assert ex.facts.data_examples is None
    assert ex.facts.volume is Volume.HIGH
    # Tickets said to be kept are data, whatever was asked.
    kept = rules("we have 20k past tickets in zendesk", FactName.VOLUME)
    assert kept.facts.data_examples == 20000
