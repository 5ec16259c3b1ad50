"""Wording from a round on dev81: one writer who reads each reply before it goes, a prompt
changed dozens of times or told the same thing many times to no avail, records a privacy
officer advised against training on, a chat tool already used for the wording, a goal put
first by naming it ("voice first", "first the stock"), questions "always the same ones", a
view the user agrees with, and Korean: a prompt reworked many times with errors not going down,
regional endings (읎슈, 엇수다, 아니라예), an exact count that is not a goal, records scattered
across mailboxes, "올해 기준", a rising-tone frequency, stock that must be right, and records
"without" their pair."""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Volume,
)
from testkit.reading import rules


def test_english_quality_and_data() -> None:
    text = "It is me alone, same template every time, and I read each one before it goes out."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    text = (
        "Our old letters cannot be used, sorry. Our privacy officer advised against using "
        "them for training."
    )
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE


def test_english_prompting() -> None:
    text = "We rewrote the prompt maybe forty times, nothing better."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "it still gets the sizes wrong n nothing we change in the prompt fixes it"
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "It made up prices, even when we told it many times to stick to the list."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "We use ChatGPT for the wording already, it's grand for that."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.WORKING


def test_english_goals() -> None:
    text = "Both matter. The figures must be right, but tone first."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.CONSISTENCY
    facts = rules("First the stock. After that the right size.", FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS
    assert Goal.ACCURACY in (facts.goals or ())
    text = (
        "My partner says it should sound like us. She is right, the same friendly way every time."
    )
    assert Goal.CONSISTENCY in (rules(text).facts.goals or ())
    facts = rules("Being right and being current. I can't rank them.", FactName.TOP_GOAL).facts
    assert facts.top_goal is None
    assert facts.goals == frozenset({Goal.ACCURACY, Goal.FRESHNESS})


def test_english_change() -> None:
    text = "The enquiries are always the same ones. Sizes, delivery, returns."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.RARELY
    text = "Once a year a new product line comes, and with it a new type of questions."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
    text = (
        "The warranty terms change every quarter, and the spare parts list every month when "
        "new stock arrives."
    )
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


def test_korean_prompting_and_regional_endings() -> None:
    text = "지시문을 여러 번 수정해도 판단 오류가 줄지 않았음."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "문자로 답한 건 남은게 읎슈 다 전화로 했으니께"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    assert rules("그런 건 엇수다.", FactName.EVAL_SET).facts.eval_set is False
    text = "같은 질문이 많이 오는 건 아니라예. 주문마다 사양이 달라가"
    assert rules(text, FactName.VOLUME).facts.volume is not Volume.HIGH


def test_korean_what_is_not_a_goal_or_a_quality() -> None:
    text = "문의-답변이 몇천 건은 있어요. 정확한 count는 아직 안 뽑아 봤고요."
    assert not rules(text, FactName.DATA_AMOUNT).facts.goals
    text = "예전 메일이 몇백 개 있는데 개인 메일함에 흩어져 있어서 정리는 안 돼 있어요."
    assert rules(text, FactName.DATA_AMOUNT).facts.data_quality is None


def test_korean_goals_and_change() -> None:
    facts = rules("올해 기준으로 안내하는 거요.", FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.FRESHNESS
    assert Goal.FRESHNESS in (rules("재고 맞는 것도 중요해요").facts.goals or ())
    text = "숫자가 틀리면 안 되죠. 말투는 뭐 그다음이고요."
    assert rules(text, FactName.TOP_GOAL).facts.top_goal is Goal.ACCURACY
    text = "가격표 고치는 건 한 달에 두세 번이요."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "거래처가 늘면서 inquiry type이 1년에 한두 번은 새로 생겨요."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES


def test_korean_records_without_their_pair_are_counted_in_part() -> None:
    text = "메일이 한 2천 개인데 원문 없이 답장만 남은 게 절반이라, 짝이 맞는 건 천 개쯤이에요."
    facts = rules(text, FactName.DATA_AMOUNT).facts
    assert facts.data_examples == 1000
    assert facts.data_amount is not DataAmount.NONE
