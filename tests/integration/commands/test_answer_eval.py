"""The Q&A evaluation: its arithmetic on a tiny file, and the `eval --answers` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer_eval import QaItem, evaluate, load_questions, render
from bot.core.ports import Answer
from testkit.paths import ROOT

TINY = """
questions:
  - id: t-en-1
    lang: en
    question: "what is RAG?"
    kind: definition
    topics: [rag]          # not used by the evaluation
    concepts:
      - ["retriev", "search"]
      - ["Document"]
    sources: [rag-basics, definitions]
  - id: t-en-2
    lang: en
    question: "when should we fine-tune?"
    kind: when
    concepts:
      - ["consisten"]
    sources: [when-fine-tuning]
  - id: t-en-3
    lang: en
    question: "what's the weather?"
    kind: out_of_scope
    concepts: []
    sources: []
  - id: t-ko-1
    lang: ko
    question: "RAG가 뭐예요?"
    kind: definition
    concepts:
      - ["검색"]
    sources: [rag-basics]
  - id: t-ko-2
    lang: ko
    question: "내일 날씨?"
    kind: out_of_scope
    concepts: []
    sources: []
"""

# What a scripted answerer says to each question.
SCRIPT = {
    # Both concepts (case-insensitive), one citation of two outside the sources.
    "t-en-1": Answer(
        text="A retrieval step adds DOCUMENTS to the prompt.",
        citations=("rag-basics", "model-tier"),
    ),
    # Misses its concept; its citation is fine.
    "t-en-2": Answer(text="When volume is large.", citations=("when-fine-tuning",)),
    # Answers a question it should have declined: wrong, and its citation does not count.
    "t-en-3": Answer(text="Sunny.", citations=("rag-basics",)),
    # Declined an in-scope question: wrong, even though the text would match.
    "t-ko-1": Answer(text="검색", covered=False),
    "t-ko-2": Answer(text="모르는 내용이에요.", covered=False),
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


async def test_the_scores_on_a_tiny_file(tiny: Path) -> None:
    async def answer(item: QaItem) -> Answer:
        return SCRIPT[item.id]

    rep = await evaluate(load_questions(tiny), answer)
    assert rep.questions == 5
    o = rep.overall
    assert (o.in_scope, o.answered, o.answer_accuracy) == (3, 1, 0.333)
    # In-scope answers cite rag-basics, model-tier, when-fine-tuning: two of three are sources.
    assert (o.cited, o.cited_in_sources, o.citation_precision) == (3, 2, 0.667)
    assert (o.out_of_scope, o.declined, o.abstention_accuracy) == (2, 1, 0.5)
    en, ko = rep.by_lang["en"], rep.by_lang["ko"]
    assert (en.answered, en.in_scope, en.citation_precision, en.abstention_accuracy) == (
        1,
        2,
        0.667,
        0.0,
    )
    assert (ko.answered, ko.in_scope, ko.citation_precision, ko.abstention_accuracy) == (
        0,
        1,
        None,
        1.0,
    )
    misses = {r.id: r for r in rep.misses}
    assert set(misses) == {"t-en-1", "t-en-2", "t-en-3", "t-ko-1"}
    assert misses["t-en-1"].correct and misses["t-en-1"].foreign == ["model-tier"]
    assert misses["t-en-2"].missing == ["consisten"]
    assert misses["t-ko-1"].abstained and not misses["t-ko-1"].correct
    text = render(rep, misses=True)
    assert "0.333" in text and "t-en-2" in text and "missing 'consisten'" in text
    assert "answered an out-of-scope question" in text


def test_the_file_is_checked(tmp_path: Path) -> None:
    dupes = tmp_path / "dupes.yaml"
    dupes.write_text(TINY + TINY.split("questions:")[1], encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate"):
        load_questions(dupes)
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - {id: x, lang: fr, question: q, kind: when}\n", "utf-8")
    with pytest.raises(ValueError, match="lang"):
        load_questions(bad)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "EXPLAINER_"))}
    env["EXPLAINER_LLM"] = "offline"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )


def test_eval_answers_cli_json(tiny: Path) -> None:
    out = json.loads(_run("eval", "--answers", str(tiny), "--json").stdout)
    assert set(out) == {"questions", "overall", "by_lang", "misses"}
    assert out["questions"] == 5 and set(out["by_lang"]) == {"en", "ko"}
    assert set(out["overall"]) >= {"answer_accuracy", "citation_precision", "abstention_accuracy"}
    # The offline answerer declines both questions about the weather.
    assert out["overall"]["abstention_accuracy"] == 1.0


def test_eval_answers_cli_lists_misses(tiny: Path) -> None:
    text = _run("eval", "--answers", str(tiny), "--misses").stdout
    assert text.splitlines()[0].split() == ["accuracy", "citation", "prec.", "abstention"]
    assert "5 questions" in text
