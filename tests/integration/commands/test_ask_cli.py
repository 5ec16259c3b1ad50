"""`explainer ask`: a side question answered the way a consultation answers it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from bot.answer_eval import ask
from bot.core.facts import Lang
from bot.core.language import detect_language
from bot.core.ports import Passage
from bot.core.replies import AnswerReply
from bot.core.service import ConsultationService
from bot.core.state import Place, Turn, TurnKind
from bot.core.turns import SIDE_QUESTION_SECTIONS
from bot.knowledge.base import KnowledgeBase
from bot.llm.offline import OfflineLanguageModel
from testkit.fakes import MemoryStore, ScriptedLanguageModel
from testkit.paths import ROOT


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "EXPLAINER_"))}
    env["EXPLAINER_LLM"] = "offline"
    return env


def _ask(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=_env(),
    )


@pytest.mark.parametrize(("command", "words"), [("ask", ""), ("ask", "  \t"), ("search", " ")])
def test_an_empty_question_is_a_usage_error(command: str, words: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", command, words],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "is empty" in done.stderr and "Traceback" not in done.stderr


def test_a_reader_that_went_away_ends_ask_quietly() -> None:
    """`explainer ask … | head -1`: the pipe closes before the answer is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "what does fine-tuning cost?"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=_env(),
        )
    finally:
        os.close(write_end)
    assert done.returncode == 128 + signal.SIGPIPE
    assert done.stderr == ""


def test_ask_json_shape() -> None:
    out = json.loads(_ask("RAG가 정확히 뭐예요? 파인튜닝이랑 뭐가 달라요?", "--json").stdout)
    assert set(out) == {"answer", "sources", "abstained"}
    assert isinstance(out["answer"], str) and out["answer"]
    assert out["abstained"] is False
    assert out["sources"] and set(out["sources"]) <= KnowledgeBase.load().ids()
    assert "RAG" in out["answer"] and "파인튜닝" in out["answer"]


def test_ask_declines_out_of_scope() -> None:
    out = json.loads(
        _ask("which embedding model should we use for our vector store?", "--json").stdout
    )
    assert out["abstained"] is True and out["sources"] == []
    assert "RAG" in out["answer"]  # says what it does cover


def test_ask_lang_chooses_the_answer_language() -> None:
    out = json.loads(_ask("RAG가 뭐예요?", "--lang", "en", "--json").stdout)
    assert not out["abstained"] and detect_language(out["answer"]) == "en"


def test_ask_text_names_each_sentence_s_section() -> None:
    lines = _ask("what's on the operator checklist?").stdout.strip().splitlines()
    assert lines and all(line.endswith("[operator-checklist]") for line in lines)


class _Retriever:
    """The knowledge base, noting what it was asked."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.calls: list[tuple[str, int, Lang | None]] = []

    def search(self, query: str, k: int = 3, lang: Lang | None = None) -> list[Passage]:
        self.calls.append((query, k, lang))
        return self.kb.search(query, k=k, lang=lang)


async def test_ask_answers_as_the_consultation_does() -> None:
    kb = KnowledgeBase.load()
    lm = OfflineLanguageModel()
    question = "what is RAG exactly?"
    # The consultation, on the same language layer and knowledge base, meets a side question.
    retriever = _Retriever(kb)
    svc = ConsultationService(
        MemoryStore(), lm, retriever, clock=lambda: 1.0, new_id=lambda: "c1", max_questions=5
    )
    place = Place(surface="terminal", channel="C1", thread_ts="t1")
    c = await svc.open(place, "U1")
    first = Turn(op_id="m1", kind=TurnKind.TEXT, text="support bot, the tone must be consistent")
    c = (await svc.handle(c, first)).consultation
    result = await svc.handle(c, Turn(op_id="m2", kind=TurnKind.TEXT, text=question))
    in_consultation = next(r for r in result.replies if isinstance(r, AnswerReply)).answer
    asked = _Retriever(kb)
    answered = await ask(lm, asked, question, None)
    assert answered == in_consultation
    # Retrieved alike: the question, as many sections, in the detected language.
    assert asked.calls == [(question, SIDE_QUESTION_SECTIONS, "en")]
    assert (question, SIDE_QUESTION_SECTIONS, "en") in retriever.calls


async def test_ask_goes_through_the_language_model_port() -> None:
    lm = ScriptedLanguageModel()
    got = await ask(lm, _Retriever(KnowledgeBase.load()), "RAG가 뭐예요?", None)
    assert lm.calls == ["answer"]
    assert got.citations and got.citations[0] in KnowledgeBase.load().ids()
