"""Trains the side answers' section model (bot/knowledge/sections.json).

A multinomial logistic regression over TF-IDF of the product's own features
(``bot.trained.text_features``): each in-scope development question is labelled with the first
section its answer may cite. The file records a digest of the Q&A files it was trained on; a
test fails when they change and the model was not trained again. The blind split is never read,
and neither is the newest split (the gate of the round that changes the model).

    .venv/bin/python scripts/train_sections.py             # write the model
    .venv/bin/python scripts/train_sections.py --cv        # each split held out in turn:
        # answers with the words' ranking alone against the ranking with the model
    .venv/bin/python scripts/train_sections.py --cv --hold-out dev33 --hold-out dev34
    .venv/bin/python scripts/train_sections.py --fresh dev35
        # the shipped recipe trained on every split, measured on one it never saw
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from bot.answer_eval import (  # noqa: E402
    QaItem,
    QaResult,
    Scores,
    ask,
    judge,
    load_questions,
    scores,
)
from bot.knowledge.base import KnowledgeBase  # noqa: E402
from bot.knowledge.section_model import MODEL_PATH, SectionModel  # noqa: E402
from bot.knowledge.sections import load_sections  # noqa: E402
from bot.llm.offline import OfflineLanguageModel  # noqa: E402
from bot.trained import digest, text_features  # noqa: E402

QA_DIR = ROOT / "knowledge" / "eval" / "qa"
#: Every development Q&A split but the newest, qa/dev35: the gate of the round that added the
#: model, never opened.
SPLITS = ("dev", *(f"dev{n}" for n in range(2, 35)))
#: Inverse regularisation, chosen by leave-one-split-out on dev29 … dev34.
C = 10.0
#: Weights smaller than this are left out of the file.
PRUNE = 0.05


def _path(split: str) -> Path:
    return QA_DIR / f"{split}.yaml"


def _labelled(splits: Sequence[str]) -> list[QaItem]:
    return [q for s in splits for q in load_questions(_path(s)) if q.in_scope and q.sources]


def train(splits: Sequence[str]) -> dict[str, object]:
    items = _labelled(splits)
    vec = TfidfVectorizer(analyzer=text_features, min_df=2, sublinear_tf=True)
    x = vec.fit_transform([q.question for q in items])
    model = LogisticRegression(C=C, max_iter=5000).fit(x, [q.sources[0] for q in items])
    names = vec.get_feature_names_out()
    order = np.argsort(names)
    idf = {str(names[i]): round(float(vec.idf_[i]), 4) for i in order}
    weights: dict[str, dict[str, float]] = {}
    for i in order:
        cols = {
            str(j): round(float(w), 4) for j, w in enumerate(model.coef_[:, i]) if abs(w) >= PRUNE
        }
        if cols:
            weights[str(names[i])] = cols
    return {
        "trained_on": list(splits),
        "digest": digest(ROOT, [_path(s) for s in splits]),
        "questions": len(items),
        "C": C,
        "prune": PRUNE,
        "ids": [str(c) for c in model.classes_],
        "bias": [round(float(b), 4) for b in model.intercept_],
        "idf": idf,
        "weights": weights,
    }


async def _answered(kb: KnowledgeBase, split: str) -> list[QaResult]:
    lm = OfflineLanguageModel()
    return [judge(q, await ask(lm, kb, q.question, q.lang)) for q in load_questions(_path(split))]


def _row(name: str, s: Scores) -> str:
    return (
        f"{name} {s.answered:>4}/{s.in_scope:<4} cit {s.cited_in_sources:>4}/{s.cited:<4}"
        f" abs {s.declined:>3}/{s.out_of_scope:<3}"
    )


def compare(held: Sequence[str], trained_on: dict[str, tuple[str, ...]]) -> str:
    """Each of ``held`` answered with the words' ranking alone and with a model trained on
    ``trained_on[split]`` (a line each, printed as it comes); then the totals."""
    sections = load_sections()
    words, learned = KnowledgeBase(sections), KnowledgeBase(sections)
    before: list[QaResult] = []
    after: list[QaResult] = []
    for split in held:
        learned.model = SectionModel.from_json(train(trained_on[split]))
        b, a = asyncio.run(_answered(words, split)), asyncio.run(_answered(learned, split))
        before += b
        after += a
        print(f"{split:<6} {_row('words', scores(b))} | {_row('model', scores(a))}", flush=True)
    was, now = scores(before), scores(after)
    return (
        f"{'all':<6} {_row('words', was)} | {_row('model', now)}\n"
        f"accuracy {was.answer_accuracy} -> {now.answer_accuracy}, "
        f"citation precision {was.citation_precision} -> {now.citation_precision}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="leave one split out; write nothing")
    parser.add_argument("--hold-out", action="append", default=[], choices=SPLITS)
    parser.add_argument("--fresh", action="append", default=[], help="a split never trained on")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if args.cv:
        held = args.hold_out or list(SPLITS)
        print(compare(held, {s: tuple(x for x in SPLITS if x != s) for s in held}))
        return 0
    if args.fresh:
        print(compare(args.fresh, {s: SPLITS for s in args.fresh}))
        return 0
    data = train(SPLITS)
    args.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out}: {data['questions']} questions, {size:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
