"""Every string the card can need exists in Korean and English."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.decision import Outcome
from bot.core.engine import decide
from bot.core.facts import FactName, Lang
from bot.core.replies import DecisionReply
from bot.render.card import build_card
from bot.render.terminal import render_card
from bot.texts import Texts, texts
from testkit.facts import sample_facts


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_card_renders_in_both_languages(lang: Lang) -> None:
    t = texts(lang)
    for f in sample_facts():
        d = decide(f)
        card = build_card(
            DecisionReply(decision=d, facts=f, previous=Outcome.RAG, changed=(FactName.GOALS,)),
            t,
            lambda k: k,
        )
        text = render_card(card, t)
        assert card.title in text
        assert all(step.text for step in card.plan)
        assert card.sources


def test_both_languages_have_the_same_keys() -> None:
    def keys(node: object, prefix: str = "") -> set[str]:
        if isinstance(node, dict):
            return {k for key, v in node.items() for k in keys(v, f"{prefix}{key}.")}
        return {prefix.rstrip(".")}

    ko, en = texts("ko"), texts("en")
    assert keys(ko._data) == keys(en._data)


def test_a_missing_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        texts("en").get("reason.does_not_exist")


def test_every_goal_wording_has_a_generic_one() -> None:
    """A text worded for a goal stands in for a generic text, which names no goal and is used
    where no goal is known."""
    for lang in ("ko", "en"):
        t = texts(lang)
        for goal, sections in t._data["by_goal"].items():
            for section, keys in sections.items():
                for key in keys:
                    assert t.get(f"{section}.{key}"), (lang, goal, section, key)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_starting_over_asks_for_the_project_like_the_greeting(lang: Lang) -> None:
    # After /restart the next message is read as the project's description, as after the
    # greeting: the notice has to ask for it, or "hi" is taken for an answer.
    t = texts(lang)
    ask = {"en": "what you're building", "ko": "무엇을 만들고"}[lang]
    assert ask in t.get("ui.greeting") and ask in t.get("notice.restarted")


def test_a_text_is_found_by_its_dotted_key_and_only_by_it() -> None:
    # A key with a dot in it, or one that is not a string, is no part of a dotted key.
    data: dict[Any, Any] = {
        "ui": {"ok": "OK {n}", "nested": {"deep": "Deep"}, "list": ["x"], "a.b": "dotted"},
        "ui.a": "never reached",
        1: "not a string key",
    }
    t = Texts("en", data)
    assert t.get("ui.ok", n=2) == "OK 2"
    assert t.get("ui.nested.deep") == "Deep"
    for missing in ("ui.a.b", "ui.a", "ui.nested", "ui.list", "1", "ui.none", "ui..ok"):
        with pytest.raises(KeyError):
            t.get(missing)
    with pytest.raises(KeyError, match="is not a string"):
        t.get("ui.nested")
    with pytest.raises(KeyError, match=r"missing text 'ui\.none'"):
        t.get("ui.none")
    assert t.option_label("volume", "high") == "high"
