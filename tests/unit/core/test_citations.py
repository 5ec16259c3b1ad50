"""Answers that must cite the documents they rest on call for retrieval, as fresh documents do
("필요 시 RAG로 최신성/근거 보강"): the decision, its reason, the card's wording, and one-click
corrections of the reading."""

from __future__ import annotations

import pytest

from bot.core.decision import Outcome
from bot.core.engine import decide, facts_payload
from bot.core.facts import (
    CLEAR,
    DataAmount,
    DocsChange,
    FactName,
    Facts,
    Goal,
    Lang,
    PromptingStatus,
    Reading,
    Volume,
    correct,
    correction_choices,
)
from bot.core.replies import DecisionReply
from bot.render.card import build_card
from bot.render.readings import value_label
from bot.texts import texts

# A small, steady manual-lookup bot: nothing but the citations points anywhere.
STEADY = Facts(
    goals=frozenset({Goal.ACCURACY}),
    docs_change=DocsChange.RARELY,
    data_amount=DataAmount.NONE,
    volume=Volume.LOW,
    prompting=PromptingStatus.WORKING,
)


def test_citations_add_retrieval_where_documents_rarely_change() -> None:
    assert decide(STEADY).outcome is Outcome.PROMPTING
    cited = STEADY.model_copy(update={"citations": True})
    d = decide(cited)
    assert d.outcome is Outcome.RAG
    first = d.reasons[0]
    assert first.key == "reason.citations"
    assert first.facts == (FactName.CITATIONS,)
    assert "rag-basics" in first.kb


def test_no_documents_means_nothing_to_cite() -> None:
    none = STEADY.model_copy(update={"citations": True, "docs_change": DocsChange.NONE})
    assert decide(none).outcome is Outcome.PROMPTING
    assert "reason.citations" not in {r.key for r in decide(none).reasons}


def test_citations_not_required_change_nothing() -> None:
    assert decide(STEADY.model_copy(update={"citations": False})) == decide(STEADY)


def test_citations_join_the_other_signals_like_freshness() -> None:
    # Consistency with clean data and citations: the three-stage plan, as fresh documents give.
    both = Facts(
        goals=frozenset({Goal.CONSISTENCY}),
        citations=True,
        data_amount=DataAmount.PLENTY,
        docs_change=DocsChange.RARELY,
    )
    fresh = both.model_copy(update={"citations": None, "docs_change": DocsChange.OFTEN})
    assert decide(both).outcome is decide(fresh).outcome is Outcome.PROMPTING_RAG_FINE_TUNING


def test_fresh_documents_come_first_and_citations_still_count() -> None:
    f = STEADY.model_copy(update={"citations": True, "docs_change": DocsChange.OFTEN})
    keys = [r.key for r in decide(f).reasons]
    assert keys.index("reason.docs_change_often") < keys.index("reason.citations")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_card_says_why_in_both_languages(lang: Lang) -> None:
    f = STEADY.model_copy(update={"citations": True})
    t = texts(lang)
    card = build_card(DecisionReply(decision=decide(f), facts=f), t, lambda i: i)
    assert card.reasons[0].text == t.get("reason.citations")
    assert facts_payload(f)["citations"] is True
    label = t.get("fact.citations")
    assert label and label != "fact.citations"


def test_a_citations_reading_is_corrected_in_one_click() -> None:
    reading = Reading(fact=FactName.CITATIONS, value="true", quote="must cite the clause")
    assert correction_choices(reading) == ("no", CLEAR)
    f = Facts(citations=True)
    assert correct(f, FactName.CITATIONS, "no").citations is False
    assert correct(f, FactName.CITATIONS, CLEAR).citations is None
    with pytest.raises(ValueError, match="unknown correction"):
        correct(f, FactName.CITATIONS, "often")
    assert value_label(texts("en"), FactName.CITATIONS, "true") == value_label(
        texts("en"), FactName.EVAL_SET, "true"
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_what_would_change_it_names_citations(lang: Lang) -> None:
    d = decide(STEADY)
    assert any(
        f.fact is FactName.CITATIONS and f.choice == "yes" and f.to is Outcome.RAG for f in d.flips
    )
    t = texts(lang)
    card = build_card(DecisionReply(decision=d, facts=STEADY), t, lambda i: i)
    condition = t.get("when.citations.yes")
    assert any(line.startswith(condition) for line in (*card.flips, *card.more_flips))
    # Once citations are required, dropping them is what would change it back.
    cited = STEADY.model_copy(update={"citations": True})
    back = [f for f in decide(cited).flips if f.fact is FactName.CITATIONS]
    assert [(f.choice, f.to) for f in back] == [("no", Outcome.PROMPTING)]
