"""Side answers on the Claude path with replies a model wrote beforehand for the very requests
the product sends (``scripts/answer_eval_claude.py --dump`` / ``--replies``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from testkit.paths import ROOT

SCRIPT = ROOT / "scripts" / "answer_eval_claude.py"
QA = ROOT / "knowledge" / "eval" / "qa"
REPLIES = QA / "replies"

ASKED = "What does RAG change about the model?"
OTHER = "Does fine-tuning change the model's weights?"


def _qa_file(tmp_path: Path) -> Path:
    items = [
        {
            "id": "t-1",
            "lang": "en",
            "question": ASKED,
            "kind": "definition",
            "concepts": [["information", "documents"], ["weights"]],
            "sources": ["rag-basics", "definitions"],
        },
        {
            "id": "t-2",
            "lang": "en",
            "question": OTHER,
            "kind": "definition",
            "concepts": [["weight"]],
            "sources": ["definitions", "rag-basics"],
        },
    ]
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump({"questions": items}), "utf-8")
    return path


def _run(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--noise", "0", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=ROOT,
    )
    parsed: dict[str, Any] = json.loads(out.stdout)
    return parsed


def test_a_recorded_reply_is_what_the_model_says_and_is_checked_like_any(tmp_path: Path) -> None:
    qa = _qa_file(tmp_path)
    dump = tmp_path / "dump"
    plain = _run(str(qa), "--dump", str(dump))["tiny.yaml"]
    assert plain["replayed"] == 0

    # What the model was sent, as it reads it: the system prompt once, each question's
    # search results and task.
    assert "## Task guide: answer" in (dump / "system.md").read_text("utf-8")
    sent = (dump / "tiny.md").read_text("utf-8")
    assert sent.count("<user_message>") == 2 and ASKED in sent and OTHER in sent
    assert '<search_result source="kb:' in sent

    # The first reply is right about RAG but leaves weights out, and its second sentence
    # cites a section that does not exist: it is dropped, so the answer misses a concept.
    replies = tmp_path / "replies.yaml"
    rows = [
        {
            "id": "t-1",
            "question": ASKED,
            "reply": "RAG changes the information the model sees, not the model [rag-basics]. "
            "It rewrites the weights every night [nightly-training].",
        }
    ]
    replies.write_text(yaml.safe_dump({"replies": rows}, allow_unicode=True), "utf-8")
    got = _run(str(qa), "--replies", str(replies))["tiny.yaml"]
    assert got["replayed"] == 1
    first = next(r for r in got["misses"] if r["id"] == "t-1")
    assert first["missing"] == ["weights"] and not first["abstained"]
    assert first["cited"] == ["rag-basics"] and "every night" not in first["answer"]
    assert "RAG changes the information the model sees" in first["answer"]


def _replies() -> list[Path]:
    return sorted(REPLIES.glob("*.yaml"))


def _questions(path: Path) -> Path:
    """The QA file a recording answers: ``blind.take2.yaml`` answers ``blind.yaml``."""
    return QA / f"{path.name.split('.')[0]}.yaml"


def test_recorded_replies_exist() -> None:
    assert [p.name for p in _replies()] == ["blind.take2.yaml", "blind.yaml", "dev37.yaml"]


@pytest.mark.parametrize("path", _replies(), ids=lambda p: p.stem)
def test_the_recordings_answer_the_requests_the_product_sends_now(path: Path) -> None:
    # A change to the prompt or to the sections sent makes a recording stale: record again
    # (--dump, then replies written to the new requests), or the figures measure old requests.
    got = _run(str(_questions(path)), "--replies", str(path))[_questions(path).name]
    rows = yaml.safe_load(path.read_text("utf-8"))["replies"]
    assert got["stale"] == [] and got["replayed"] == len(rows)


@pytest.mark.parametrize("path", _replies(), ids=lambda p: p.stem)
def test_every_recorded_reply_belongs_to_a_question_of_its_file(path: Path) -> None:
    questions = {
        q["id"]: q["question"] for q in yaml.safe_load(_questions(path).read_text())["questions"]
    }
    rows = yaml.safe_load(path.read_text("utf-8"))["replies"]
    assert len({r["id"] for r in rows}) == len(rows) > 20
    for row in rows:
        assert questions[row["id"]] == row["question"]
        assert isinstance(row["reply"], str) and row["reply"].strip()
