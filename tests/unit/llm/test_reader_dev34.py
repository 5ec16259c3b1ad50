"""Wording from a round on dev34 and the splits before it.

- Of two sets of documents, the one that changes often counts also when its clause leaves the
  verb out ("rate card changes quarterly, fuel surcharge every month") or says they are issued
  ("service bulletins come almost every week", "공지는 매일 나가요"); documents said to be none of
  the bot's business do not count ("… but the bot won't touch those").
- A count of people, places or things given to "how many requests?" is no traffic ("~400 agents
  across 22 stations", "역이 56개고").
- A prompt reworked many times while the trouble stays is at its ceiling ("rewritten it like ten
  times without much change", "no tweak fixes it", "adding more rules didn't fix it", "no matter
  what I tell it", "더 안 내려갑니다").
"""

from __future__ import annotations

import pytest

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Volume
from testkit.reading import rules


@pytest.mark.parametrize(
    "text",
    [
        "our price book changes twice a year, the fuel surcharge every month",
        "fee schedule gets revised once a year, notices almost daily",
        "The handbook is updated maybe once a year, but safety bulletins come almost every week",
        "메뉴판은 1년에 한 번 바뀌는데 이벤트 공지는 거의 매일 나가요",
    ],
)
def test_the_documents_that_change_often_count(text: str) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


@pytest.mark.parametrize(
    "text",
    [
        "SLA docs per client, they change maybe once a year.",
        "Our policies get reviewed once a year. Shift rosters change daily, but the bot won't "
        "touch those.",
        "The manual changes yearly. The price list changes weekly but the bot doesn't need the "
        "price list.",
    ],
)
def test_documents_the_bot_needs_change_rarely(text: str) -> None:
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY


def test_documents_the_bot_does_not_need_are_set_aside_only_beside_others() -> None:
    # Said of the only documents named, the reading stays: there is nothing else to go by.
    text = "the price list changes weekly but the bot doesn't need the price list"
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN


@pytest.mark.parametrize(
    "text",
    [
        "~250 drivers across 18 depots.",
        "역이 56개고, 하루 이용객이 100만 명이 넘어요",
        "about 40 nurses on 6 wards",
    ],
)
def test_people_and_places_counted_are_no_traffic(text: str) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is None


@pytest.mark.parametrize(
    ("text", "volume"),
    [
        ("about 300 a day", Volume.HIGH),
        ("we have 12 stores and get 2,000 questions a day", Volume.HIGH),
        ("maybe 15 a week", Volume.LOW),
    ],
)
def test_a_count_of_requests_is_still_traffic(text: str, volume: Volume) -> None:
    assert rules(text, FactName.VOLUME).facts.volume is volume


@pytest.mark.parametrize(
    "text",
    [
        "it handles the easy tickets, but for anything tricky it goes vague, and we've "
        "rewritten it like a dozen times without much change.",
        "tried it with the menu pasted in. fine at first, then it invented dishes. rewrote the "
        "prompt 15+ times, it still does it",
        "a contractor wrote the prompt. ok on short memos but on long ones no tweak fixes it",
        "we put the style guide in the prompt. decent, but every batch sounds a bit different, "
        "and adding more rules didn't fix it",
        "works ok-ish but every summary comes out in a different order no matter what i tell it",
        "few-shot prompt를 석 달 넘게 다듬었는데, 오류율이 일정 수준 아래로는 더 안 내려갑니다.",
    ],
)
def test_a_prompt_reworked_without_gain_is_at_its_ceiling(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


@pytest.mark.parametrize(
    "text",
    [
        "we rewrote the prompt 3 times and now it works great",
        "tweaked it a few times, it's fine now",
    ],
)
def test_a_prompt_reworked_until_it_works_works(text: str) -> None:
    assert rules(text, FactName.PROMPTING).facts.prompting is not PromptingStatus.CEILING


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("tone, definitely", Goal.CONSISTENCY),
        ("the format.", Goal.CONSISTENCY),
        ("말투요", Goal.CONSISTENCY),
        ("형식이죠", Goal.CONSISTENCY),
        ("getting the dosages right. a wrong one is a disaster", Goal.ACCURACY),
    ],
)
def test_what_matters_most_answered_in_a_word(text: str, goal: Goal) -> None:
    facts = rules(text, FactName.TOP_GOAL).facts
    assert facts.top_goal is goal
    assert facts.goals == frozenset({goal})


def test_a_word_for_the_output_is_no_answer_to_another_question() -> None:
    assert rules("tone, definitely", FactName.URGENCY).facts.top_goal is None
