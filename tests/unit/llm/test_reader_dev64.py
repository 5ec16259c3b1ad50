"""Wording from a short round on dev64: traffic the user does not know how to class, changes
"N times this year alone" and documents rewritten, and changes every two or three years."""

from __future__ import annotations

from bot.core.facts import DocsChange, FactName
from testkit.reading import rules


def test_traffic_the_user_does_not_know_how_to_class() -> None:
    text = "Busy in March, dead in August. I don't know how you would class that."
    assert rules(text, FactName.VOLUME).facts.volume is None


def test_changes_counted_this_year_and_documents_rewritten() -> None:
    text = "The handbook has been rewritten four times this year alone."
    assert rules(text).facts.docs_change is DocsChange.OFTEN
    assert rules("The handbook gets rewritten every week").facts.docs_change is DocsChange.OFTEN


def test_every_two_or_three_years_is_rare() -> None:
    assert rules("The price list is revised every two or three years.").facts.docs_change is (
        DocsChange.RARELY
    )
    text = "Just the rate card. We revise it every three years or so."
    assert rules(text, FactName.DOCS_CHANGE).facts.docs_change is DocsChange.RARELY
