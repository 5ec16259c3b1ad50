"""Wording from a round on dev83: "not plenty", a count per day read as a count and not as
"one day", a cost that is not measured (written "dont") or that is logged already, many prompt
versions with no improvement, a director's deadline the user turns down, current stock as a goal,
"every year or so" a new kind of request, a last update years ago or "every spring", and Korean:
a goal said to come "그다음이오", records that may not be trained on, replies sent after sign-off,
"미사용", questions "되풀이", a manager's "하셨으나" and "솔직히 말씀드리면", any 장님's view set
against the user's own, and 하반기 as the target."""

from __future__ import annotations

from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Goal,
    PromptingStatus,
    Quality,
    Urgency,
    Volume,
)
from testkit.reading import rules


def test_english_volume_and_cost() -> None:
    assert rules("Not plenty, maybe a dozen a day.", FactName.VOLUME).facts.volume is Volume.LOW
    text = "Volume is low, maybe 8 calls one day."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.LOW
    text = "We dont track what each reply costs, we just pay for the team plan."
    assert rules(text).facts.cost_tracked is False
    text = "Cost and latency per answer we track already."
    assert rules(text).facts.cost_tracked is True


def test_english_prompting_and_urgency() -> None:
    text = (
        "It works ok for easy ones, but on part numbers it mixes things up. "
        "We tried many prompt version, no improvement."
    )
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING
    text = "My boss wants it next week, which, no. I'm telling him autumn. No rush."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL


def test_english_goals_change_and_documents() -> None:
    text = "Most important is correct prices. Current stock is also important but less."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    assert Goal.FRESHNESS in (facts.goals or ())
    text = "Each year or so we add a new kind of request, otherwise it's the same stuff."
    assert rules(text, FactName.CHANGE_RATE).facts.change_rate is ChangeRate.SOMETIMES
    text = "The fitting guide we update with a new model, last time was 2021."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
    text = "The handbook gets revised every autumn, I think."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_korean_goals_data_and_prompting() -> None:
    text = "수선 날짜가 틀리면 안 되오. 그게 먼저고, 말씨가 한결같은 건 그다음이오."
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is Goal.ACCURACY
    text = "상담 기록이 한 이백 건 되는데 고객 정보가 다 들어 있어서 학습에 쓰는 건 안 될 것 같아요"
    assert rules(text, FactName.DATA_AMOUNT).facts.data_amount is DataAmount.NONE
    text = "모두 과장님 결재 후 발송된 회신입니다."
    assert rules(text, FactName.DATA_QUALITY).facts.data_quality is Quality.HIGH
    assert rules("미사용입니다.", FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "하루 백 건 정도 오는데 거의 같은 질문이 되풀이됩니다."
    assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH


def test_korean_someone_elses_deadline() -> None:
    text = (
        "국장님께서 이번 주까지 하라 하셨으나, 솔직히 말씀드리면 무리입니다. "
        "하반기 목표로 하겠습니다."
    )
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
    text = "동장님은 다음 주에 바로 쓰자고 하시지만, 저는 서두르지 않는 게 낫다고 봅니다."
    assert rules(text, FactName.URGENCY).facts.urgency is Urgency.NORMAL
