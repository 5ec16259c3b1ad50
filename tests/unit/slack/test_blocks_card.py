"""The decision card in Slack: a revision's changed answers as whole lines, and section titles
(a few, then a count) rather than ids."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from bot.core.decision import Outcome
from bot.core.engine import decide
from bot.core.facts import (
    ChangeRate,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    Lang,
    PromptingStatus,
    Quality,
    Volume,
)
from bot.core.replies import DecisionReply
from bot.knowledge.base import KnowledgeBase
from bot.render.card import MAX_SOURCES, CardView, build_card
from bot.slack.blocks_card import card_message
from bot.slack.blocks_text import escape
from bot.texts import texts

LANGS: tuple[Lang, ...] = ("ko", "en")
CID = "0123456789abcdef"
ALL_IN = Facts(
    goals=frozenset(Goal),
    data_amount=DataAmount.SOME,
    data_quality=Quality.LOW,
    volume=Volume.HIGH,
    docs_change=DocsChange.OFTEN,
    change_rate=ChangeRate.OFTEN,
)


@cache
def _kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _card(facts: Facts, lang: Lang, **extra: Any) -> CardView:
    reply = DecisionReply(decision=decide(facts), facts=facts, **extra)
    return build_card(reply, texts(lang), _kb().titles(lang))


def _shown(card: CardView, lang: Lang) -> str:
    message = card_message(card, texts(lang), CID, in_dm=False, revision=1)
    out: list[str] = []
    for block in message.blocks:
        if isinstance(block.get("text"), dict):
            out.append(block["text"]["text"])
        out += [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(out)


@pytest.mark.parametrize("lang", LANGS)
def test_changed_answers_are_whole_lines_in_slack(lang: Lang) -> None:
    t = texts(lang)
    facts = Facts(
        goals=frozenset({Goal.ACCURACY}),
        prompting=PromptingStatus.CEILING,
        docs_change=DocsChange.OFTEN,
    )
    card = _card(facts, lang, previous=Outcome.FINE_TUNING, changed=(FactName.DOCS_CHANGE,))
    shown = _shown(card, lang).splitlines()
    [line] = card.changed_answers
    assert f"_{escape(line)}_" in shown
    assert f"_{escape(t.get('fact.docs_change'))}_" not in shown


@pytest.mark.parametrize("lang", LANGS)
def test_slack_card_shows_titles_never_section_ids(lang: Lang) -> None:
    t = texts(lang)
    card = _card(ALL_IN, lang)
    shown = _shown(card, lang)
    assert len(card.sources) > MAX_SOURCES
    for section_id, _ in card.sources:
        assert section_id not in shown
    for _, title in card.sources[:MAX_SOURCES]:
        assert escape(title) in shown
    for reason in card.reasons:
        assert all(escape(title) in shown for title in reason.kb_titles)
    assert escape(t.get("ui.sources_more", n=len(card.sources) - MAX_SOURCES)) in shown
