"""Which sentence opens an answer: the best-found section's own best sentence, when it scores
nearly as well as the best-ranked one."""

from __future__ import annotations

from bot.knowledge.learned_choosing import hybrid_chooser
from bot.knowledge.opening import OPENING_SHARE, in_order, reopened
from bot.knowledge.question import read_question
from bot.knowledge.ranking import Ranked
from bot.knowledge.sentences import Unit


def _ranked(text: str, source: str, score: float, share: float, order: int = 0) -> Ranked:
    unit = Unit(source, order, order, text)
    return Ranked(unit, score, frozenset(text.casefold().split()), True, share)


ASIDE = _ranked("Costs of evaluation add up when each change is checked by hand.", "eval", 1.0, 0.8)
FOUND = _ranked("Fine-tuning costs an upfront investment in data and training.", "cost", 0.9, 1.0)
LOW = _ranked("Fine-tuning needs labelled examples.", "cost", 0.5, 1.0, order=1)


def test_the_best_found_section_opens_when_its_sentence_scores_nearly_as_well() -> None:
    q = read_question("how much does fine-tuning cost?")
    assert [r.unit.source for r in reopened(q, [ASIDE, FOUND, LOW])] == ["cost", "eval", "cost"]
    # Far below the best-ranked one, it does not.
    far = _ranked(FOUND.unit.text, "cost", OPENING_SHARE * ASIDE.score - 0.1, 1.0)
    assert reopened(q, [ASIDE, far]) == [ASIDE, far]


def test_the_best_ranked_sentence_opens_when_its_section_was_found_best() -> None:
    q = read_question("how much does fine-tuning cost?")
    top = _ranked("Fine-tuning costs an upfront investment.", "cost", 1.0, 1.0)
    aside = _ranked("Evaluation costs add up.", "eval", 0.95, 0.8)
    assert reopened(q, [top, aside]) == [top, aside]


def test_a_comparison_keeps_its_ranking() -> None:
    q = read_question("RAG vs fine-tuning?")
    assert reopened(q, [ASIDE, FOUND]) == [ASIDE, FOUND]


def test_the_fill_sees_the_sentences_in_their_ranked_order() -> None:
    assert in_order([FOUND, LOW, ASIDE], [ASIDE, FOUND, LOW]) == [ASIDE, FOUND, LOW]


def test_the_hybrid_opens_in_the_best_found_section() -> None:
    q = read_question("how much does fine-tuning cost?")
    picked = hybrid_chooser()(q, [ASIDE, FOUND, LOW], frozenset())
    assert picked[0] == FOUND
