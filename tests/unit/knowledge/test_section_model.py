"""The side answers' section model: parity with training, the shipped file, and the search's use."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.answer_eval import load_questions
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.section_model import (
    FIRST,
    KEEP,
    MODEL_PATH,
    SectionModel,
    default_model,
    plausible,
)
from bot.knowledge.sections import load_sections
from bot.trained import digest, text_features
from testkit.paths import ROOT

QA = ROOT / "knowledge" / "eval" / "qa"


def test_the_shipped_model_was_trained_on_the_questions_as_they_are_now() -> None:
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    assert "blind" not in data["trained_on"]
    assert len(data["trained_on"]) >= 30
    paths = [QA / f"{s}.yaml" for s in data["trained_on"]]
    assert digest(ROOT, paths) == data["digest"], (
        "the Q&A files changed: run .venv/bin/python scripts/train_sections.py"
    )


def test_no_blind_question_is_in_what_the_model_was_trained_on() -> None:
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    blind = {q.question for q in load_questions(QA / "blind.yaml")}
    trained = {q.question for s in data["trained_on"] for q in load_questions(QA / f"{s}.yaml")}
    assert blind and not blind & trained


def test_the_product_computes_what_scikit_learn_trained() -> None:
    texts = [
        "RAG가 정확히 뭐예요?",
        "what does RAG stand for",
        "파인튜닝 비용이 얼마나 들어요?",
        "how much does fine-tuning cost per request",
        "프롬프트로 시작해야 하나요?",
        "when should we start with prompting",
    ]
    labels = ["rag", "rag", "cost", "cost", "when", "when"]
    vec = TfidfVectorizer(analyzer=text_features, sublinear_tf=True)
    x = vec.fit_transform(texts)
    lr = LogisticRegression(C=10.0, max_iter=2000).fit(x, labels)
    names = [str(n) for n in vec.get_feature_names_out()]
    model = SectionModel(
        idf={n: float(vec.idf_[i]) for i, n in enumerate(names)},
        ids=tuple(str(c) for c in lr.classes_),
        weights=lr.coef_.T.copy(),
        bias=lr.intercept_.copy(),
    )
    for probe in ["RAG 약자가 뭐예요?", "what will prompting cost us", "when to start"]:
        theirs = lr.predict_proba(vec.transform([probe]))[0]
        ours = model.probabilities(probe)
        assert all(
            math.isclose(ours[c], float(p), rel_tol=1e-9)
            for c, p in zip(lr.classes_, theirs, strict=True)
        )
    assert model.probabilities("zzz qqq") == {}


def test_weights_that_do_not_match_the_features_are_refused() -> None:
    with pytest.raises(ValueError, match="do not match"):
        SectionModel(idf={"a": 1.0}, ids=("x", "y"), weights=np.zeros((2, 2)), bias=np.zeros(2))


def test_a_section_the_model_is_sure_of_comes_first_and_an_unlikely_one_is_left_out() -> None:
    probs = {"a": 0.02, "b": 0.9, "c": 0.06, "d": 0.02}
    assert plausible(["a", "c", "b"], probs, 3) == ["b", "c"]
    # Even when the words did not find it in their first three.
    assert plausible(["a", "c", "d", "b"], probs, 3) == ["b", "c"]
    # Not sure enough to move: the words' order holds, without what the model finds unlikely.
    unsure = {"a": 0.2, "b": FIRST - 0.01, "c": KEEP - 0.01}
    assert plausible(["a", "c", "b"], unsure, 3) == ["a", "b"]
    # Nothing likely at all: the words' best is still passed on.
    assert plausible(["a", "d"], {"a": 0.01, "d": 0.01, "b": 0.98}, 1) == ["b"]
    assert plausible(["a", "d"], {"a": 0.01, "d": 0.01}, 2) == ["a"]


def test_the_sections_the_question_s_reading_chose_keep_their_place() -> None:
    probs = {"a": 0.01, "b": 0.9, "c": 0.01}
    assert plausible(["a", "c", "b"], probs, 3, pinned={"a"}) == ["a", "b"]
    assert plausible(["a", "c", "b"], probs, 3, pinned={"a", "c"}) == ["a", "c", "b"]


def test_a_section_added_since_the_model_was_trained_is_not_left_out() -> None:
    probs = {"a": 0.9, "b": 0.01}
    assert plausible(["a", "new", "b"], probs, 3) == ["a", "new"]


def test_every_section_of_the_knowledge_base_is_known_to_the_shipped_model() -> None:
    model = default_model()
    assert model is not None
    assert set(model.ids) == {s.id for s in load_sections()}, (
        "the sections changed: file questions for the new ones and run "
        ".venv/bin/python scripts/train_sections.py"
    )


def test_without_an_opinion_the_words_decide() -> None:
    assert plausible(["a", "b", "c", "d"], {}, 3) == ["a", "b", "c"]
    assert plausible([], {"a": 1.0}, 3) == []


def test_the_search_follows_the_model_where_the_words_point_elsewhere() -> None:
    sections = load_sections()
    model = default_model()
    assert model is not None
    words, learned = KnowledgeBase(sections), KnowledgeBase(sections, model)
    question = "what does RAG stand for?"
    # The definitions use the most of its words; the section on RAG says what it stands for.
    assert words.search(question, lang="en")[0].id == "definitions"
    found = learned.search(question, lang="en")
    assert found[0].id == "rag-basics"
    assert found[0].score == max(p.score for p in found)


def test_the_shipped_knowledge_base_reads_with_the_model_and_another_without() -> None:
    assert KnowledgeBase.load().model is default_model() is not None
    assert KnowledgeBase.load(ROOT / "knowledge" / ".").model is not None


def test_another_knowledge_base_is_ranked_by_its_words(tmp_path: Path) -> None:
    for lang in ("en", "ko"):
        (tmp_path / lang).mkdir()
    (tmp_path / "en" / "a.md").write_text(
        "---\nid: ours\ntitle: Our own section\nlang: en\n---\nRAG stands for ours.\n", "utf-8"
    )
    kb = KnowledgeBase.load(tmp_path)
    assert kb.model is None
    assert [p.id for p in kb.search("what does RAG stand for?", lang="en")] == ["ours"]
