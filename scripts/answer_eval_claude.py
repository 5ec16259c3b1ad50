"""Side-answer quality on the Claude path: `explainer eval --answers` figures (answer accuracy,
citation precision, out-of-scope declined) with the Claude adapter against the local mock
Messages API (testkit/mock_anthropic.py).

The mock is not a model. For an answer it quotes the two or three sentences of the search
results it is sent that share the most words with the question, each with the section marker
the prompt asks for, and ``--noise`` makes a seeded share of its answers cite a made-up section
or add a sentence that cites nothing. So the figures measure the product's side of the Claude
path: which sections it sends, what it declines before calling, and how it checks the citations
that come back, not a model's judgement.

    .venv/bin/python scripts/answer_eval_claude.py [FILE ...] [--noise SHARE] [--seed N]
        [--misses] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pydantic import SecretStr  # noqa: E402

from bot.answer_eval import QaItem, ask, evaluate, load_questions, render  # noqa: E402
from bot.core.ports import Answer  # noqa: E402
from bot.knowledge.base import KNOWLEDGE_DIR, KnowledgeBase  # noqa: E402
from bot.llm.offline import OfflineLanguageModel  # noqa: E402
from bot.logs import configure_logging  # noqa: E402
from bot.services import Language, build_language_model  # noqa: E402
from bot.settings import Settings  # noqa: E402
from testkit.mock_anthropic import API_KEY, MockAnthropic  # noqa: E402

QA_DIR = KNOWLEDGE_DIR / "eval" / "qa"
DEFAULT_FILES = [QA_DIR / "dev.yaml", QA_DIR / "dev2.yaml"]


async def run(files: list[Path], noise: float, seed: int, misses: bool, as_json: bool) -> int:
    kb = KnowledgeBase.load()
    out: dict[str, object] = {}
    async with MockAnthropic(reader="none", answer_noise=noise, seed=seed) as mock:
        settings = Settings(
            _env_file=None,
            anthropic_api_key=SecretStr(API_KEY),
            anthropic_base_url=mock.url,
            llm="anthropic",
        )
        language = Language(kb, OfflineLanguageModel(), build_language_model(settings, kb))
        lm = language.lm
        try:
            for path in files:
                items = load_questions(path)
                fallbacks = 0

                async def answer(item: QaItem) -> Answer:
                    nonlocal fallbacks
                    got = await ask(lm, kb, item.question, item.lang)
                    fallbacks += got.fallback
                    return got

                rep = await evaluate(items, answer)
                brain = mock.default_brain
                if as_json:
                    out[path.name] = {**rep.model_dump(), "fallbacks": fallbacks}
                else:
                    print(f"== {path.name} (Claude path, mock; noise {noise:.2f})")
                    print(render(rep, misses))
                    print(
                        f"model calls answered {brain.answers}, made noisy {brain.noisy_answers};"
                        f" offline stood in {fallbacks} times\n"
                    )
                brain.answers = brain.noisy_answers = 0
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
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    # Dropped citations are counted in the figures; their warnings would only fill the screen.
    configure_logging("ERROR")
    return asyncio.run(run(args.files, args.noise, args.seed, args.misses, args.json))


if __name__ == "__main__":
    raise SystemExit(main())
