"""Side-answer quality on the Claude path: `explainer eval --answers` figures (answer accuracy,
citation precision, out-of-scope declined) with the Claude adapter against the local mock
Messages API (testkit/mock_anthropic.py).

The mock is not a model. For an answer it quotes the two or three sentences of the search
results it is sent that share the most words with the question, each with the section marker
the prompt asks for, and ``--noise`` makes a seeded share of its answers cite a made-up section
or add a sentence that cites nothing. So the figures measure the product's side of the Claude
path: which sections it sends, what it declines before calling, and how it checks the citations
that come back, not a model's judgement.

``--dump DIR`` writes every answer request the product sent, as the model reads it (the system
prompt once, then per question its search results and the task), so that replies can be written
to them by a model that sees nothing else; ``--replies FILE`` (YAML, ``replies: [{id, question,
reply, request}]``) has the mock answer those questions with those replies, verbatim; ``request``
is the fingerprint of the request a reply was written to (``--dump`` writes them to
``<file>.requests.json``), and a reply whose request the product no longer sends is reported as
written to another request. Then the figures measure the product's side with a model's own
answers: the sections it sent, and what its checking keeps of what came back.

    .venv/bin/python scripts/answer_eval_claude.py [FILE ...] [--noise SHARE] [--seed N]
        [--replies FILE ...] [--dump DIR] [--misses] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from bot.answer_eval import QaItem, ask, evaluate, load_questions, render  # noqa: E402
from bot.core.ports import Answer, LanguageModel  # noqa: E402
from bot.knowledge.base import KNOWLEDGE_DIR, KnowledgeBase  # noqa: E402
from bot.llm.offline import OfflineLanguageModel  # noqa: E402
from bot.logs import configure_logging  # noqa: E402
from bot.services import Language, build_language_model  # noqa: E402
from bot.settings import Settings  # noqa: E402
from testkit.mock_anthropic import API_KEY, MockAnthropic, Recorded  # noqa: E402

QA_DIR = KNOWLEDGE_DIR / "eval" / "qa"
DEFAULT_FILES = [QA_DIR / "dev.yaml", QA_DIR / "dev2.yaml"]


def load_replies(paths: list[Path]) -> dict[str, dict[str, str]]:
    """Question text -> its row (``id``, ``reply``, ``request``), from ``replies:`` files."""
    out: dict[str, dict[str, str]] = {}
    for path in paths:
        for row in yaml.safe_load(path.read_text("utf-8"))["replies"]:
            out[str(row["question"])] = {k: str(v) for k, v in row.items()}
    return out


def fingerprint(recorded: Recorded) -> str:
    """What a reply was written to: the system prompt and the messages, hashed. A reply
    recorded for another request (the prompt or the sections sent have changed since) is
    stale: replaying it measures a request the product no longer sends."""
    sent = {k: recorded.body.get(k) for k in ("system", "messages")}
    raw = json.dumps(sent, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]


def render_request(item: QaItem, recorded: Recorded | None) -> str:
    """One answer request as the model reads it, without the system prompt."""
    head = f"## {item.id}\n\n"
    if recorded is None:
        return head + "(no model call: the product answered without the model)\n"
    parts: list[str] = []
    for message in recorded.body.get("messages", []):
        content = message.get("content")
        blocks = content if isinstance(content, list) else [{"type": "text", "text": content}]
        for block in blocks:
            if block.get("type") == "search_result":
                body = "\n\n".join(b.get("text", "") for b in block.get("content", []))
                parts.append(
                    f'<search_result source="{block.get("source", "")}"'
                    f' title="{block.get("title", "")}">\n{body}\n</search_result>'
                )
            elif block.get("type") == "text":
                parts.append(str(block.get("text", "")))
    return head + "\n\n".join(parts) + "\n"


def dump_system(recorded: Recorded, folder: Path) -> None:
    system = recorded.body.get("system") or []
    text = system if isinstance(system, str) else "\n\n".join(b.get("text", "") for b in system)
    (folder / "system.md").write_text(text + "\n", "utf-8")


@dataclass
class FileRun:
    """One QA file asked on the Claude path: what was sent for each question, and whether its
    recorded reply (if any) was written to that very request."""

    lm: LanguageModel
    kb: KnowledgeBase
    mock: MockAnthropic
    replies: dict[str, dict[str, str]]
    dump: Path | None
    fallbacks: int = 0
    requests: list[str] = field(default_factory=list)
    prints: dict[str, str] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)

    async def answer(self, item: QaItem) -> Answer:
        before = len(self.mock.requests)
        got = await ask(self.lm, self.kb, item.question, item.lang)
        self.fallbacks += got.fallback
        sent = self.mock.requests[before:]
        if sent:
            self.prints[item.id] = fingerprint(sent[-1])
            row = self.replies.get(item.question)
            if row is not None and row.get("request") != self.prints[item.id]:
                self.stale.append(item.id)
        if self.dump is not None:
            if sent and not (self.dump / "system.md").exists():
                dump_system(sent[-1], self.dump)
            self.requests.append(render_request(item, sent[-1] if sent else None))
        return got

    def write_dump(self, stem: str) -> None:
        if self.dump is not None:
            (self.dump / f"{stem}.md").write_text("\n".join(self.requests), "utf-8")
            prints = json.dumps(self.prints, indent=1)
            (self.dump / f"{stem}.requests.json").write_text(prints, "utf-8")


async def run(
    files: list[Path],
    noise: float,
    seed: int,
    misses: bool,
    as_json: bool,
    replies: dict[str, dict[str, str]],
    dump: Path | None,
) -> int:
    kb = KnowledgeBase.load()
    out: dict[str, object] = {}
    texts = {q: row["reply"] for q, row in replies.items()}
    mock = MockAnthropic(reader="none", answer_noise=noise, seed=seed, answer_replies=texts)
    async with mock:
        settings = Settings(
            _env_file=None,
            anthropic_api_key=SecretStr(API_KEY),
            anthropic_base_url=mock.url,
            llm="anthropic",
        )
        language = Language(kb, OfflineLanguageModel(), build_language_model(settings, kb))
        try:
            for path in files:
                one = FileRun(language.lm, kb, mock, replies, dump)
                rep = await evaluate(load_questions(path), one.answer)
                one.write_dump(path.stem)
                brain = mock.default_brain
                if as_json:
                    out[path.name] = {
                        **rep.model_dump(),
                        "fallbacks": one.fallbacks,
                        "replayed": brain.replayed_answers,
                        "stale": one.stale,
                    }
                else:
                    print(f"== {path.name} (Claude path, mock; noise {noise:.2f})")
                    print(render(rep, misses))
                    print(
                        f"model calls answered {brain.answers}, made noisy {brain.noisy_answers},"
                        f" replayed {brain.replayed_answers} ({len(one.stale)} written to another"
                        f" request: {', '.join(one.stale) or 'none'});"
                        f" offline stood in {one.fallbacks} times\n"
                    )
                brain.answers = brain.noisy_answers = brain.replayed_answers = 0
        finally:
            await language.close()
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--noise", type=float, default=0.2, help="share of noisy mock answers")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--replies", type=Path, action="append", default=[])
    parser.add_argument("--dump", type=Path, help="write the answer requests to this folder")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    # Dropped citations are counted in the figures; their warnings would only fill the screen.
    configure_logging("ERROR")
    if args.dump is not None:
        args.dump.mkdir(parents=True, exist_ok=True)
    replies = load_replies(args.replies)
    return asyncio.run(
        run(args.files, args.noise, args.seed, args.misses, args.json, replies, args.dump)
    )


if __name__ == "__main__":
    raise SystemExit(main())
