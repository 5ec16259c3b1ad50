"""Wording from the round on dev54: a goal "right behind" another, examples beside a prompt,
"nothing changes", measures and shifts that are no traffic, a whole year's count, a plan for
after launch, "sometimes daily", "nothing's on fire", "not rly", and Korean answers.

- "accuracy right behind it": the goal named before it comes first.
- "a long prompt + 5 example posts": examples shown in the prompt, no data.
- "about 9 million lbs a year", "4 shifts a week": no request volume.
- "Last year: 1,800 emails total": about five a day, low.
- "we'd track cost per request once it's live": nothing measured today.
- "일관성이요. 정확도도 중요하고요" to what matters most: consistency first.
- "기록은 있긴 한데 … 뽑을 수가 없어요": no data to use; "따로 안 남겨요": none kept.
- Asked how often the work changes, the second opinion's reading is of the work.
"""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Urgency,
    Volume,
)
from bot.llm.reader.learned import read_with_second_opinion
from testkit.reading import rules


def test_a_goal_right_behind_another_puts_the_other_first() -> None:
    text = "tough call. freshness I think?? prices move overnight. accuracy right behind it though"
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS
    assert facts.goals == frozenset({Goal.FRESHNESS, Goal.ACCURACY})


def test_examples_beside_a_prompt_are_no_data() -> None:
    text = "right now it's chatgpt with a long prompt + 4 example replies and it still rambles"
    facts = rules(text, FactName.PROMPTING).facts
    assert facts.data_examples is None and facts.data_amount is None
    # Examples kept on their own are still data.
    assert rules("we have 4000 example replies", FactName.DATA_AMOUNT).facts.data_examples == 4000


def test_nothing_changes_answers_how_often_the_work_changes() -> None:
    text = "same layout every month. we swapped fonts once, but otherwise nothing changes"
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY


def test_measures_and_shifts_are_no_traffic() -> None:
    text = "We wash for 40 hotels, about 6 million lbs a year, and run 3 shifts a week."
    assert rules(text).facts.volume is None
    # A count of requests with its rate still is.
    assert rules("we get about 3,000 emails a day").facts.volume is Volume.HIGH


def test_a_whole_years_count_is_per_year() -> None:
    assert rules("Last year: 1,800 emails total.", FactName.VOLUME).facts.volume is Volume.LOW


def test_a_measurement_planned_for_after_launch_is_not_made_today() -> None:
    text = "we'd track cost per request for sure once it's live"
    assert rules(text).facts.cost_tracked is None


def test_sometimes_daily_is_no_middling_rate_of_change() -> None:
    text = "closure notices from the county program come out sometimes daily after a storm"
    facts = rules(text, FactName.DOCS_CHANGE).facts
    assert facts.docs_change is DocsChange.OFTEN and facts.change_rate is None


def test_english_replies() -> None:
    text = "hmm, within the month would be nice? nothing's on fire"
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "not rly. there's a printed FAQ by the register"
    assert rules(text, FactName.EVAL_SET).facts.eval_set is False
    text = "the contracts only get redone at renewal, every 3-4 yrs"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_korean_answers() -> None:
    text = "안내 문구는 늘 같아야 해서 일관성이요. 정확도도 중요하고요."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.CONSISTENCY
    # Not said in reply to what matters most, "도 중요" ranks nothing.
    assert rules("톤이 일정해야 하고 정확도도 중요해요").facts.top_goal is None
    text = "카톡 상담 기록이 있긴 한데 옛날 건 export가 안돼서 뽑을 수가 없어요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    kept = rules("그런 건 따로 안 남겨요", FactName.DATA_AMOUNT).facts
    assert kept.data_amount is DataAmount.NONE
    text = "프롬프트에 아무리 적어줘도 날짜를 자꾸 틀려서 요즘은 안 써요"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "매뉴얼 보면서 답해야 하는데 매뉴얼은 한번 만들면 안 바꿔요"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    assert rules("직원 5명인데 내년에 2호점 내면 두배 되겠죠").facts.urgency is None


def test_asked_about_the_work_the_second_opinion_reads_the_work() -> None:
    ex, _ = read_with_second_opinion("음 1년에 한 번 정도 바뀌는 것 같아요", FactName.CHANGE_RATE)
    assert {r.fact for r in ex.readings} <= {FactName.CHANGE_RATE}
    assert ex.facts.docs_change is None
