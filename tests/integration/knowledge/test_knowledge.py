"""Knowledge base, tokenizer and retrieval quality."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.engine import decide
from bot.knowledge.base import KnowledgeBase, load_sections, parse_section
from bot.knowledge.glossary import bridge
from bot.knowledge.hitk import evaluate
from bot.knowledge.tokenize import tokenize
from testkit.facts import sample_facts
from testkit.paths import ROOT


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def test_particles_do_not_stop_a_korean_match() -> None:
    assert set(tokenize("파인튜닝")) <= set(tokenize("파인튜닝은"))
    assert set(tokenize("파인튜닝")) <= set(tokenize("파인튜닝을 해야 하나요"))


def test_latin_words_are_lowered_folded_and_mixed_with_hangul() -> None:
    toks = tokenize("Fine-tuning vs RAG 최신 문서")
    assert "finetune" in toks and "rag" in toks and "최신" in toks and "문서" in toks
    assert tokenize("fine tuning") == tokenize("finetuning") == tokenize("Fine-Tuning")
    assert "the" not in tokenize("the prompt")


def test_every_section_exists_in_both_languages() -> None:
    sections = load_sections()
    ko = {s.id for s in sections if s.lang == "ko"}
    en = {s.id for s in sections if s.lang == "en"}
    assert ko == en
    assert len(ko) >= 15
    for s in sections:
        assert s.title and s.tags and len(s.text) > 80, s.id


def test_engine_citations_resolve_to_real_sections(kb: KnowledgeBase) -> None:
    cited: set[str] = set()
    for f in sample_facts():
        d = decide(f)
        cited |= {k for r in (*d.reasons, *d.risks, *d.checklist_gaps) for k in r.kb}
    assert cited
    assert cited <= kb.ids()


def test_front_matter_is_validated() -> None:
    with pytest.raises(ValueError, match="front matter"):
        parse_section("no front matter here")
    with pytest.raises(ValueError, match="id"):
        parse_section("---\nid: Bad Id!\ntitle: t\nlang: ko\n---\nbody")


def test_search_finds_the_obvious_section_in_either_language(kb: KnowledgeBase) -> None:
    assert kb.search("파인튜닝은 언제 쓰는 게 좋을까요?", k=3)[0].lang == "ko"
    en = kb.search("what is the operator checklist?", k=3)
    assert en[0].id == "operator-checklist"
    assert en[0].lang == "en"
    assert kb.search("zzqx", k=3) == []


def test_labelled_queries_hit_at_3(kb: KnowledgeBase) -> None:
    report = evaluate(kb)
    assert report.total >= 30
    assert report.hit_at_3 >= 0.95, report.misses


def test_search_cli_json_contract() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bot", "search", "RAG 최신 문서 반영", "--k", "2", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    hits = json.loads(out.stdout)
    assert 1 <= len(hits) <= 2
    for h in hits:
        assert set(h) == {"id", "title", "lang", "score", "text"}
        assert h["score"] > 0


def test_a_question_that_names_only_a_term_finds_the_definitions(kb: KnowledgeBase) -> None:
    # Every section uses "prompting"; what names the glossary is that the question asks what.
    assert kb.search("what is prompting?", k=3)[0].id == "definitions"
    assert kb.search("파인튜닝이 뭐예요?", k=3)[0].id == "definitions"
    # Asked when, not what: the definitions are not pushed forward.
    assert kb.search("when should we fine-tune?", k=3)[0].id == "when-fine-tuning"


def test_english_filler_does_not_pick_the_section(kb: KnowledgeBase) -> None:
    # "make sense" is how the question is asked; a section that happens to say it is no match.
    assert "rag-basics" in [p.id for p in kb.search("When does it make sense to use RAG?", k=3)]


def test_the_glossary_bridges_a_term_to_the_other_language() -> None:
    assert set(tokenize("평가셋")) <= set(bridge("eval set 꼭 있어야 해요?"))
    assert "latency" in bridge("지연시간은 왜 재요?")
    assert bridge("nothing the glossary names") == []


def _section(sid: str, lang: str, title: str, text: str) -> str:
    return f"---\nid: {sid}\ntitle: {title}\nlang: {lang}\ntags: [t]\n---\n{text}\n"


def _write_kb(root: Path, asked: str | None) -> None:
    for lang in ("en", "ko"):
        (root / lang).mkdir(parents=True)
        (root / lang / "memory.md").write_text(
            _section("memory", lang, "Context window", "A model reads a limited window of text.")
        )
        (root / lang / "costs.md").write_text(
            _section("costs", lang, "Running costs", "Longer prompts cost more to maintain.")
        )
    if asked is not None:
        (root / "asked.yaml").write_text(asked, encoding="utf-8")


def test_questions_people_asked_lead_their_wording_to_the_section(tmp_path: Path) -> None:
    query = "the bot keeps forgetting what we said at the top of long threads"
    _write_kb(tmp_path / "plain", None)
    assert KnowledgeBase.load(tmp_path / "plain").search(query, k=2, lang="en") == []
    _write_kb(
        tmp_path / "asked",
        "memory:\n  en:\n  - our bot keeps forgetting things in long threads, why?\n",
    )
    sections = load_sections(tmp_path / "asked")
    memory = next(s for s in sections if s.id == "memory" and s.lang == "en")
    assert memory.asked == ("our bot keeps forgetting things in long threads, why?",)
    assert memory.questions == ()  # never mixed into what the section says of itself
    found = KnowledgeBase(sections).search(query, k=2, lang="en")
    assert [p.id for p in found][:1] == ["memory"]


def test_asked_questions_must_name_real_sections(tmp_path: Path) -> None:
    _write_kb(tmp_path, "no-such-section:\n  en:\n  - what is this?\n")
    with pytest.raises(ValueError, match="no-such-section"):
        load_sections(tmp_path)


def test_asked_questions_never_include_the_test_split() -> None:
    from bot.answer_eval import load_questions
    from bot.knowledge.base import ASKED_FILE, KNOWLEDGE_DIR, load_asked

    filed = {q for qs in load_asked(KNOWLEDGE_DIR / ASKED_FILE).values() for q in qs}
    assert len(filed) >= 300
    blind = {item.question for item in load_questions(KNOWLEDGE_DIR / "eval" / "qa" / "blind.yaml")}
    assert filed.isdisjoint(blind)
