"""The decision card in the terminal: worded for the user's goals, a revision's changed answers
as whole lines, section titles rather than ids, and one line per real flip."""

from __future__ import annotations

import re
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
from bot.render.terminal import render_card
from bot.texts import texts

LANGS: tuple[Lang, ...] = ("ko", "en")
# Words that speak of the consistency goal (a fixed format and tone).
CONSISTENCY_WORDS = {
    "en": re.compile(r"\btone\b|\bconsisten|format-sensitive|depend on format", re.I),
    "ko": re.compile("톤|일관성|형식이 중요한"),
}
ACCURACY_CEILING = Facts(goals=frozenset({Goal.ACCURACY}), prompting=PromptingStatus.CEILING)


@cache
def _kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _card(facts: Facts, lang: Lang, **extra: Any) -> CardView:
    reply = DecisionReply(decision=decide(facts), facts=facts, **extra)
    return build_card(reply, texts(lang), _kb().titles(lang))


def _goal_texts(card: CardView) -> list[str]:
    """The lines that say what the plan is for."""
    return [card.summary, *(p.text for p in card.plan), *card.next_steps, *card.more_next_steps]


# ---------------------------------------------------------------------------------------------
# 1. Texts that name a goal name the user's


@pytest.mark.parametrize("lang", LANGS)
def test_an_accuracy_card_never_speaks_of_tone_or_consistency(lang: Lang) -> None:
    t = texts(lang)
    for facts in (
        ACCURACY_CEILING,
        ACCURACY_CEILING.model_copy(update={"data_amount": DataAmount.SOME}),
        ACCURACY_CEILING.model_copy(update={"data_amount": DataAmount.NONE}),
        ACCURACY_CEILING.model_copy(update={"docs_change": DocsChange.OFTEN}),
        ACCURACY_CEILING.model_copy(
            update={"docs_change": DocsChange.OFTEN, "data_amount": DataAmount.SOME}
        ),
    ):
        card = _card(facts, lang)
        for line in _goal_texts(card):
            assert not CONSISTENCY_WORDS[lang].search(line), (facts, line)
    ft = _card(ACCURACY_CEILING, lang)
    assert ft.outcome == Outcome.FINE_TUNING.value
    assert t.get("goal.accuracy") in ft.summary


@pytest.mark.parametrize("lang", LANGS)
def test_with_no_goal_known_the_wording_names_none(lang: Lang) -> None:
    t = texts(lang)
    goal_names = [t.get(f"goal.{g.value}") for g in (Goal.ACCURACY, Goal.CONSISTENCY)]
    for facts in (
        Facts(volume=Volume.HIGH, data_amount=DataAmount.PLENTY),
        Facts(volume=Volume.HIGH, data_amount=DataAmount.SOME, docs_change=DocsChange.OFTEN),
        Facts(volume=Volume.HIGH, docs_change=DocsChange.OFTEN, data_amount=DataAmount.NONE),
    ):
        card = _card(facts, lang)
        for line in _goal_texts(card):
            assert not CONSISTENCY_WORDS[lang].search(line), (facts, line)
            assert not any(name in line for name in goal_names), (facts, line)


@pytest.mark.parametrize("lang", LANGS)
def test_a_consistency_card_keeps_speaking_of_format_and_tone(lang: Lang) -> None:
    tone = {"en": "format and tone", "ko": "형식과 톤"}[lang]
    card = _card(Facts(goals=frozenset({Goal.CONSISTENCY}), data_amount=DataAmount.PLENTY), lang)
    assert tone in card.summary


# ---------------------------------------------------------------------------------------------
# 2. What changed: one whole line per changed answer


@pytest.mark.parametrize("lang", LANGS)
def test_a_revision_names_each_changed_answer_with_its_value(lang: Lang) -> None:
    t = texts(lang)
    facts = ACCURACY_CEILING.model_copy(update={"docs_change": DocsChange.OFTEN})
    card = _card(facts, lang, previous=Outcome.FINE_TUNING, changed=(FactName.DOCS_CHANGE,))
    expected = t.get(
        "changed_answer",
        fact=t.get("fact.docs_change"),
        value=t.option_label("docs_change", "often"),
    )
    assert card.changed_answers == (expected,)
    shown = render_card(card, t).splitlines()
    assert f"  {expected}" in shown
    # The fact's label never stands alone on a line.
    assert all(line.strip() != t.get("fact.docs_change") for line in shown)


@pytest.mark.parametrize("lang", LANGS)
def test_a_cleared_answer_says_so(lang: Lang) -> None:
    t = texts(lang)
    card = _card(Facts(), lang, previous=Outcome.RAG, changed=(FactName.DOCS_CHANGE,))
    assert card.changed_answers == (t.get("changed_cleared", fact=t.get("fact.docs_change")),)


# ---------------------------------------------------------------------------------------------
# 3. No internal id reaches the user; sources are titles, a few of them


ALL_IN = Facts(
    goals=frozenset(Goal),
    data_amount=DataAmount.SOME,
    data_quality=Quality.LOW,
    volume=Volume.HIGH,
    docs_change=DocsChange.OFTEN,
    change_rate=ChangeRate.OFTEN,
    languages=frozenset({"ko", "en"}),
)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "facts",
    [ALL_IN, ACCURACY_CEILING, Facts(goals=frozenset(Goal), data_amount=DataAmount.PLENTY)],
)
def test_the_terminal_card_shows_no_internal_id(lang: Lang, facts: Facts) -> None:
    t = texts(lang)
    card = _card(facts, lang)
    text = render_card(card, t)
    assert card.outcome not in text
    for outcome in Outcome:
        assert f"({outcome.value})" not in text
    for section_id, title in card.sources:
        assert section_id != title
        assert section_id not in text
    for reason in card.reasons:
        assert all(title in text for title in reason.kb_titles)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_line_shows_a_few_titles_and_counts_the_rest(lang: Lang) -> None:
    t = texts(lang)
    card = _card(ALL_IN, lang)
    assert len(card.sources) > MAX_SOURCES
    [line] = [
        ln for ln in render_card(card, t).splitlines() if ln.startswith(t.get("heading.sources"))
    ]
    for _, title in card.sources[:MAX_SOURCES]:
        assert title in line
    for _, title in card.sources[MAX_SOURCES:]:
        assert title not in line
    assert t.get("ui.sources_more", n=len(card.sources) - MAX_SOURCES) in line


# ---------------------------------------------------------------------------------------------
# 4. One line per real flip


@pytest.mark.parametrize("lang", LANGS)
def test_fresh_documents_flip_once(lang: Lang) -> None:
    t = texts(lang)
    docs = t.get("when.docs_change.often")
    freshness = t.get("goal.freshness")
    for facts in (ACCURACY_CEILING, Facts(goals=frozenset({Goal.CONSISTENCY}))):
        card = _card(facts, lang)
        lines = (*card.flips, *card.more_flips)
        [to_docs] = [ln for ln in lines if ln.startswith(docs)]
        outcome = to_docs.split(" → ")[-1]
        same = [ln for ln in lines if ln.endswith(f"→ {outcome}")]
        assert not [ln for ln in same if freshness in ln and ln != to_docs], same


def test_a_freshness_flip_stays_when_documents_lead_elsewhere() -> None:
    """No goals, prompting: documents that change often give RAG; the goal answer that adds
    consistency and freshness gives more, and is its own flip."""
    t = texts("en")
    lines = "\n".join((*_card(Facts(), "en").flips, *_card(Facts(), "en").more_flips))
    assert f"{t.get('when.docs_change.often')} → {t.get('outcome.rag')}" in lines
    assert "consistency and freshness mattered" in lines


# ---------------------------------------------------------------------------------------------
# 5. Fine-tuning first on examples nobody mentioned says so, and the plan counts them


@pytest.mark.parametrize("lang", LANGS)
def test_fine_tuning_first_without_a_word_on_data_says_so_up_front(lang: Lang) -> None:
    t = texts(lang)
    note = t.get("summary_note.data_unstated")
    unstated = _card(Facts(goals=frozenset({Goal.CONSISTENCY})), lang)
    assert unstated.outcome == Outcome.FINE_TUNING.value
    assert unstated.summary.endswith(note)
    assert render_card(unstated, t).splitlines()[2].endswith(note)
    stated = _card(Facts(goals=frozenset({Goal.CONSISTENCY}), data_amount=DataAmount.PLENTY), lang)
    assert note not in stated.summary
