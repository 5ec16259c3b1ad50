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

from bot.answer_eval import QaItem, Scores, ask, judge, load_questions, scores  # noqa: E402
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


async def _scores(kb: KnowledgeBase, split: str) -> Scores:
    lm = OfflineLanguageModel()
    items = load_questions(_path(split))
    return scores([judge(q, await ask(lm, kb, q.question, q.lang)) for q in items])


def _row(name: str, s: Scores) -> str:
    return (
        f"{name:<28} {s.answered:>3}/{s.in_scope:<3} cit {s.cited_in_sources:>3}/{s.cited:<3}"
        f" abs {s.declined:>2}/{s.out_of_scope:<2}"
    )


def _total(rows: Sequence[Scores]) -> Scores:
    out = Scores()
    for s in rows:
        out.in_scope += s.in_scope
        out.answered += s.answered
        out.cited += s.cited
        out.cited_in_sources += s.cited_in_sources
        out.out_of_scope += s.out_of_scope
        out.declined += s.declined
    return out


def compare(held: Sequence[str], trained_on: dict[str, tuple[str, ...]]) -> str:
    """Each of ``held`` answered with the words' ranking alone and with a model trained on
    ``trained_on[split]``; then the totals."""
    sections = load_sections()
    words = KnowledgeBase(sections)
    before: list[Scores] = []
    after: list[Scores] = []
    lines = []
    for split in held:
        model = SectionModel.from_json(train(trained_on[split]))
        before.append(asyncio.run(_scores(words, split)))
        after.append(asyncio.run(_scores(KnowledgeBase(sections, model), split)))
        lines.append(f"{split:<6} {_row('words', before[-1])} | {_row('model', after[-1])}")
        print(lines[-1], flush=True)
    b, a = _total(before), _total(after)
    lines = [f"{'all':<6} {_row('words', b)} | {_row('model', a)}"]
    lines.append(
        f"accuracy {b.answered / b.in_scope:.3f} -> {a.answered / a.in_scope:.3f}, "
        f"citation precision {b.cited_in_sources / b.cited:.3f} -> "
        f"{a.cited_in_sources / a.cited:.3f}"
    )
    return "\n".join(lines)


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
