"""Wording from the round on dev49: a goal said not to be the worry, rankings, a year written
"'78", small counts per week of documents, and a figure checked again.

- "accuracy isn't really the worry here" takes the goal back.
- "Being current is the biggest thing", "Ranking: 1) accuracy, 2) freshness": a goal first.
- "Not with our docs.", "never improved however she restructured the prompt".
- "Service bulletins: 2-3 per week": documents that change often.
- "아, 방금 확인해 보니 1,050개네요", "물량 꽤 됨", "양으로 치면 많은 편이죠".
"""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName, Goal, PromptingStatus, Volume
from testkit.reading import rules


def test_goals_taken_back_or_ranked() -> None:
    text = "Consistency, I think. The figures are pasted in anyway, so accuracy isn't the worry."
    assert Goal.ACCURACY not in (rules(text, FactName.TOP_GOAL).facts.goals or ())
    for text, goal in (
        ("Being current is the biggest thing. Accuracy too, obviously.", Goal.FRESHNESS),
        ("Ranking: 1) accuracy, 2) freshness. Tone doesn't matter.", Goal.ACCURACY),
    ):
        assert rules(text, FactName.TOP_GOAL).facts.top_goal is goal, text


def test_prompting_answers() -> None:
    text = "Not with our docs. Sales tried ChatGPT for ad copy, which is unrelated."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.NOT_TRIED
    text = "She tried for weeks, but the tone never improved however she restructured the prompt."
    assert rules(text, FactName.PROMPTING).facts.prompting is PromptingStatus.CEILING


def test_counts_years_and_documents() -> None:
    text = "Back in '78 I learned it from a paperback and a cassette."
    assert rules(text, FactName.DATA_EXAMPLES).facts.data_examples is None
    text = "Service bulletins: 2-3 per week. Manuals: revised roughly annually."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.OFTEN
    text = "질문-모범답변 짝이 900개 정도… 아, 방금 확인해 보니 1,050개네요."
    assert rules(text, FactName.DATA_EXAMPLES).facts.data_examples == 1050


def test_korean_traffic_judged_after_a_count() -> None:
    for text in (
        "시즌엔 주에 160편 정도 들어와요. 다 같은 유형이라 물량 꽤 됨",
        "하루 50~60건 들어오고 거의 다 같은 틀이에요. 양으로 치면 많은 편이죠",
    ):
        assert rules(text, FactName.VOLUME).facts.volume is Volume.HIGH, text
