"""Wording from the round on dev40: compound numbers in words, a year that is no count, pairs
said with 같이, the user's own judgement of their traffic, and data described, not wished for.

- "two hundred and thirty", "five hundred twenty-five": one number each.
- "i was looking at 2023 only": a year.
- "보호자 상황이랑 안내문이 같이 정리된 건 한 60개": paired, so examples; "병상은 16개": beds.
- "I wouldn't call it high": low, whatever the count.
- "we change the prompt many times … Not getting better": a ceiling; "its been the same" for
  two years: the use case rarely changes.
- "대충 답한게 많아서": poor data; asked what the data is like, "양식도 통일돼 있고요" says how it
  is, not what they want.
- "그건 챗봇이 안내 안해도 돼요": documents the bot need not cover; and no use case made of the
  words before "챗봇".
"""

from __future__ import annotations

from bot.core.facts import ChangeRate, FactName, Goal, PromptingStatus, Quality, Volume
from testkit.reading import rules


def test_compound_numbers_in_words() -> None:
    beers = (
        "we've released like two hundred and thirty beers since 2016 and every one has a "
        "description we wrote + the recipe sheet it was written from"
    )
    assert rules(beers, FactName.DATA_AMOUNT).facts.data_examples == 230
    emails = "five hundred twenty-five emails with replies"
    assert rules(emails, FactName.DATA_AMOUNT).facts.data_examples == 525
    assert rules("twenty examples", FactName.DATA_AMOUNT).facts.data_examples == 20


def test_a_year_looked_at_is_no_count() -> None:
    text = (
        "~26k tickets w/ the queue they were finally resolved in. sorry, 62k, i was looking at "
        "2023 only"
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 62000


def test_things_kept_together_are_pairs_and_beds_are_not_data() -> None:
    text = (
        "간호사 선생님들이 써둔 안내문이 있긴 한데.. "
        "보호자 상황이랑 안내문이 같이 정리된 건 한 60개 정도요"
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_examples == 60
    beds = "안녕하세요, ○○병원 호스피스 병동 수간호사입니다. 병상은 16개예요"
    assert rules(beds).facts.data_examples is None


def test_the_user_judges_their_own_traffic() -> None:
    text = "I wouldn't call it high. Perhaps 40 sheets a week."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW


def test_still_no_better_and_the_same_for_years() -> None:
    text = (
        "My colleague tried ChatGPT with the terms pasted, we change the prompt many many times "
        "but always it invent some fee. Not getting better"
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    same = (
        "we used to change what we do constantly (subscriptions, then gift boxes, then a pop-up "
        "cafe) but the last two yrs its been the same: shop + subscriptions"
    )
    assert rules(same, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY


def test_data_described_not_wished_for() -> None:
    careless = "직원들이 바쁠때 대충 답한게 많아서.. 반은 '네 가능합니다' 한 줄이에요"
    assert rules(careless, FactName.DATA_QUALITY).facts.data_quality is Quality.LOW
    told = "회신문은 팀장 결재까지 거친 거라 내용은 정확합니다. 양식도 통일돼 있고요"
    assert Goal.CONSISTENCY not in (rules(told, FactName.DATA_QUALITY).facts.goals or ())
    wish = "답변 양식을 통일해야 해요"
    assert Goal.CONSISTENCY in (rules(wish).facts.goals or ())


def test_no_use_case_from_a_clause_before_the_bot() -> None:
    text = "마켓별 재고 현황은 매일 바뀌긴 하는데 그건 챗봇이 안내 안해도 돼요"
    assert rules(text, FactName.DOCS_CHANGE).facts.use_case is None
    assert rules("사내 규정 안내 챗봇을 만들고 있는데").facts.use_case == "사내 규정 안내 챗봇"
