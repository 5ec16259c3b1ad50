"""The learned sentence chooser: the shipped model, its features, and the shape of its answers."""

from __future__ import annotations

import json

import numpy as np

from bot.core.facts import Lang
from bot.core.turns import SIDE_QUESTION_SECTIONS
from bot.knowledge.answer import compose
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.chooser_model import (
    FEATURES,
    MODEL_PATH,
    ChooserModel,
    Tree,
    context,
    digest,
    static_features,
)
from bot.knowledge.choosing import MAX_SENTENCES, choose
from bot.knowledge.learned_choosing import hybrid_chooser
from bot.knowledge.question import SIDES, read_question
from bot.knowledge.ranking import Ranked
from bot.knowledge.screen import MAX_WIDTH, width
from bot.knowledge.sentences import Unit
from bot.knowledge.vocabulary import default_vocabulary
from testkit.paths import ROOT

QA = ROOT / "knowledge" / "eval" / "qa"


def test_the_model_was_trained_on_the_questions_as_they_are_now() -> None:
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    # qa/dev9 is kept to measure the model on questions it never saw.
    assert "dev9" not in data["trained_on"] and "blind" not in data["trained_on"]
    assert digest(ROOT, [QA / f"{s}.yaml" for s in data["trained_on"]]) == data["digest"], (
        "the labelled questions changed: run .venv/bin/python scripts/train_chooser.py"
    )
    assert tuple(data["features"]) == FEATURES


def _ranked(text: str, source: str = "definitions", order: int = 0, score: float = 1.0) -> Ranked:
    unit = Unit(source, order, order, text)
    return Ranked(unit, score, frozenset(text.casefold().split()))


def test_a_definition_of_the_approach_asked_about_is_told_apart_from_one_of_another() -> None:
    q = read_question("what is prompting?")
    own = _ranked("Prompting: you steer the model with instructions in the request.")
    other = _ranked("Fine-tuning: you train the model further on examples.", order=1)
    ctx = context(q, [own, other], frozenset())
    names = {n: i for i, n in enumerate(FEATURES)}
    a, b = static_features(ctx, 0, own), static_features(ctx, 1, other)
    assert len(a) + 6 == len(FEATURES)
    assert a[names["defines_for_what"]] == 1.0 and a[names["leads_side"]] == 1.0
    assert b[names["leads_side"]] == 0.0 and b[names["leads_other"]] == 1.0
    assert a[names["top"]] == 1.0 and b[names["top"]] == 0.0


def test_trees_compute_the_log_odds_they_were_grown_for() -> None:
    # One split on the first feature: at most 0.5 goes left (-1), above it right (+2).
    tree = Tree(
        np.array([0, -2, -2]),
        np.array([0.5, -2.0, -2.0]),
        np.array([1, -1, -1]),
        np.array([2, -1, -1]),
        np.array([0.0, -1.0, 2.0]),
    )
    model = ChooserModel((tree,), bias=0.5, rate=0.5, threshold=0.0, section_floor=0.0)
    rows = np.zeros((2, len(FEATURES)))
    rows[1, 0] = 1.0
    p = model.probabilities(rows)
    assert np.allclose(p, 1 / (1 + np.exp(-np.array([0.0, 1.5]))))


async def test_a_comparison_gets_a_sentence_for_each_side() -> None:
    kb = KnowledgeBase.load()
    cases: tuple[tuple[str, Lang], ...] = (
        ("RAG vs fine-tuning: what's the difference?", "en"),
        ("프롬프팅 vs 파인튜닝 차이점좀 알려주세요", "ko"),
    )
    for question, lang in cases:
        q = read_question(question)
        passages = kb.search(question, k=3, lang=lang)
        a = compose(question, lang, passages, default_vocabulary(), chooser=hybrid_chooser())
        assert a.covered and 2 <= len(a.sentences) <= MAX_SENTENCES
        assert width(a.text) <= MAX_WIDTH + 2 * len(a.sentences)
        for side in q.sides[:2]:
            assert SIDES[side].search(a.text.casefold()), (side, a.text)


async def test_the_hybrid_keeps_the_rules_opening_and_the_learned_fill_adds_to_it() -> None:
    kb = KnowledgeBase.load()
    question = "what is prompting?"
    passages = kb.search(question, k=SIDE_QUESTION_SECTIONS, lang="en")
    rules = compose(question, "en", passages, default_vocabulary(), chooser=choose)
    hybrid = compose(question, "en", passages, default_vocabulary(), chooser=hybrid_chooser())
    # The rules' opening: the definition, first.
    assert hybrid.sentences[0] == rules.sentences[0]
    assert hybrid.sentences[0].text.startswith("Prompting:")
    # The learned fill goes on where the rules stop.
    added = "The model stays the same; only the input changes."
    assert added in [s.text for s in hybrid.sentences]
    assert added not in rules.text
    assert len(hybrid.sentences) <= MAX_SENTENCES
    assert width(hybrid.text) <= MAX_WIDTH + 2 * len(hybrid.sentences)


def test_the_hybrid_fill_keeps_to_the_term_asked_about() -> None:
    q = read_question("what is an eval set?")
    about = _ranked("Do you have an evaluation set? Keep a fixed set of test cases.", "checklist")
    other = Ranked(
        Unit("checklist", 1, 1, "Are you measuring cost too? Track cost per request.", group=0),
        0.9,
        frozenset({"cost", "request"}),
    )
    picked = hybrid_chooser()(q, [about, other], frozenset())
    # Another item of the checklist is about another thing.
    assert [r.unit.text for r in picked] == [about.unit.text]
