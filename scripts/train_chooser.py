"""Trains the learned scorer of an answer's sentences (bot/knowledge/chooser.json).

Every development question runs through the answerer up to its ranked sentences. Along a path
that an oracle chooses (at each step the sentence, from a section the question may cite, that
adds the most concept groups not yet in the answer), each candidate sentence is labelled by
whether it would add one; gradient-boosted trees learn that from the product's own features
(``bot.knowledge.chooser_model``), so the product computes exactly what was trained. The file
records a digest of the Q&A files it was trained on. qa/dev9 and qa/dev10 are not trained on;
the blind split is never read.

    .venv/bin/python scripts/train_chooser.py            # write the model from dev..dev8
    .venv/bin/python scripts/train_chooser.py --cv       # leave one set out: rules vs hybrid
        # (opened by the best-ranked sentence) vs the product (opened in the best-found section)
    .venv/bin/python scripts/train_chooser.py --fresh dev10
        # rules vs the model trained on every development set, on a set never trained on
    .venv/bin/python scripts/train_chooser.py --with dev9 --fresh dev10
        # the same, with one more set to train on
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.ensemble import GradientBoostingClassifier  # noqa: E402

from bot.answer_eval import QaItem, Scores, judge, load_questions, scores  # noqa: E402
from bot.core.ports import Passage  # noqa: E402
from bot.core.turns import SIDE_QUESTION_SECTIONS  # noqa: E402
from bot.knowledge.answer import Chooser, compose  # noqa: E402
from bot.knowledge.base import KnowledgeBase  # noqa: E402
from bot.knowledge.chooser_model import (  # noqa: E402
    FEATURES,
    MODEL_PATH,
    ChooserModel,
    context,
    digest,
    feature_rows,
    static_features,
)
from bot.knowledge.choosing import MAX_SENTENCES, Pick, choose  # noqa: E402
from bot.knowledge.learned_choosing import (  # noqa: E402
    fillable,
    hybrid_chooser,
    whole_lists,
)
from bot.knowledge.question import Question  # noqa: E402
from bot.knowledge.ranking import Ranked  # noqa: E402
from bot.knowledge.vocabulary import Vocabulary, default_vocabulary  # noqa: E402
from bot.llm.offline import MIN_SCORE  # noqa: E402

QA_DIR = ROOT / "knowledge" / "eval" / "qa"
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8")
#: The trees: how many, how deep, and how much each one counts.
TREES = 400
DEPTH = 2
RATE = 0.1
#: Filling the rules' opening: any sentence may fill an answer that has room, one of a section
#: not yet quoted needs this likelihood (cross-validated; see scripts/train_chooser_results.md).
HYBRID_THRESHOLD = 0.0
HYBRID_SECTION_FLOOR = 0.7
#: What the cross-validation tries: (threshold, section floor).
HYBRID_GRID = ((0.0, 0.3), (0.0, 0.5), (0.0, 0.7))


@dataclass(frozen=True)
class Case:
    item: QaItem
    passages: tuple[Passage, ...]
    # What the answerer hands its chooser; None where it declined before choosing.
    question: Question | None
    ranked: tuple[Ranked, ...]
    named: frozenset[str]


def qa_file(split: str) -> Path:
    return QA_DIR / f"{split}.yaml"


def collect(split: str, kb: KnowledgeBase, vocabulary: Vocabulary) -> list[Case]:
    out = []
    for item in load_questions(qa_file(split)):
        seen: list[tuple[Question, tuple[Ranked, ...], frozenset[str]]] = []

        def capture(q: Question, ranked: Sequence[Ranked], named: frozenset[str]) -> list[Ranked]:
            seen.append((q, tuple(ranked), named))  # noqa: B023
            return choose(q, ranked, named)

        passages = tuple(kb.search(item.question, k=SIDE_QUESTION_SECTIONS, lang=item.lang))
        compose(item.question, item.lang, list(passages), vocabulary, MIN_SCORE, capture)
        q, ranked, named = seen[0] if seen else (None, (), frozenset[str]())
        out.append(Case(item, passages, q, ranked, named))
    return out


def _groups(item: QaItem, r: Ranked) -> set[int]:
    """The concept groups ``r`` says, when it comes from a section the answer may cite."""
    if r.unit.source not in item.sources:
        return set()
    text = r.unit.text.casefold()
    return {i for i, alts in enumerate(item.concepts) if any(a.casefold() in text for a in alts)}


@dataclass(frozen=True)
class Start:
    """Where a path starts: the question and sentences the chooser fills, what is chosen."""

    question: Question
    ranked: tuple[Ranked, ...]
    pick: Pick


def start(case: Case) -> Start | None:
    """The rules' opening sentences, where the fill starts."""
    if case.question is None or not case.item.in_scope or not case.ranked:
        return None
    seen: list[Start] = []

    def capture(q: Question, ranked: Sequence[Ranked], pick: Pick, named: frozenset[str]) -> None:
        held = copy.copy(pick)
        held.chosen = list(pick.chosen)
        whole_lists(q, ranked, held, named)
        seen.append(Start(q, tuple(ranked), held))

    choose(case.question, case.ranked, case.named, capture)
    return seen[0] if seen else None


def examples(
    cases: Sequence[Case], model: ChooserModel | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate at every step of a path, labelled: it adds a concept group not yet in
    the answer. The path is the oracle's (the sentence that adds the most), or, given a model,
    the model's own, so that it also learns from the answers it would write. The path starts
    from the rules' opening sentences and takes only what the rules let fill."""
    rows: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    for case in cases:
        st = start(case)
        if st is None or not st.ranked:
            continue
        ctx = context(st.question, st.ranked, case.named)
        static = [static_features(ctx, i, r) for i, r in enumerate(st.ranked)]
        groups = [_groups(case.item, r) for r in st.ranked]
        pick = st.pick
        opened = list(pick.chosen)
        covered: set[int] = set().union(*(_groups(case.item, r) for r in pick.chosen))
        while len(pick.chosen) < MAX_SENTENCES:
            rest = fillable(st.question, st.ranked, pick, case.named, opened)
            if not rest:
                break
            x = feature_rows(ctx, static, rest, pick.chosen)
            rows.append(x)
            adds = np.array([len(groups[i] - covered) for i in rest])
            labels.append(adds > 0)
            if model is None:
                order = [j for j in np.argsort(-adds, kind="stable") if adds[j] > 0]
            else:
                order = list(np.argsort(-model.probabilities(x), kind="stable"))
            took = next((rest[j] for j in order if pick.take(st.ranked[rest[j]])), None)
            if took is None:
                break
            covered |= groups[took]
    return np.vstack(rows), np.concatenate(labels)


def _fit(x: np.ndarray, y: np.ndarray) -> GradientBoostingClassifier:
    return GradientBoostingClassifier(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0
    ).fit(x, y)


def _exported(gbm: GradientBoostingClassifier) -> dict[str, object]:
    trees = []
    for (est,) in gbm.estimators_:
        t = est.tree_
        trees.append(
            {
                "feature": [int(f) for f in t.feature],
                "threshold": [float(v) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [float(v) for v in t.value[:, 0, 0]],
            }
        )
    prior = float(gbm.init_.class_prior_[1])
    return {"trees": trees, "bias": float(np.log(prior / (1 - prior))), "rate": RATE}


def train(cases: Sequence[Case], splits: Sequence[str]) -> dict[str, object]:
    """Trees grown on the oracle's paths, then again with the paths the first model takes."""
    x, y = examples(cases)
    data: dict[str, object] = {
        "features": list(FEATURES),
        "threshold": HYBRID_THRESHOLD,
        "section_floor": HYBRID_SECTION_FLOOR,
        **_exported(_fit(x, y)),
    }
    x2, y2 = examples(cases, ChooserModel.from_json(data))
    x, y = np.vstack([x, x2]), np.concatenate([y, y2])
    gbm = _fit(x, y)
    data.update(_exported(gbm))
    ours = ChooserModel.from_json(data).probabilities(x)
    if not np.allclose(ours, gbm.predict_proba(x)[:, 1], atol=1e-6):
        raise AssertionError("the product's trees disagree with the trained ones")
    return {
        "trained_on": list(splits),
        "digest": digest(ROOT, [qa_file(s) for s in splits]),
        "examples": len(y),
        "positives": int(y.sum()),
        "depth": DEPTH,
        "fills": "rules' opening",
        **data,
    }


def measure(cases: Sequence[Case], chooser: Chooser, vocabulary: Vocabulary) -> Scores:
    results = [
        judge(
            c.item,
            compose(c.item.question, c.item.lang, list(c.passages), vocabulary, MIN_SCORE, chooser),
        )
        for c in cases
    ]
    return scores(results)


def _row(name: str, s: Scores) -> str:
    return (
        f"{name:<18} acc {s.answer_accuracy:.3f} ({s.answered}/{s.in_scope})  "
        f"cit {s.citation_precision:.3f} ({s.cited_in_sources}/{s.cited})  "
        f"oos {s.abstention_accuracy:.3f} ({s.declined}/{s.out_of_scope})"
    )


def _cv_hybrid(cases: dict[str, list[Case]], vocabulary: Vocabulary) -> int:
    """Leave one set out: the rules against the rules filled by the learned scorer, at every
    threshold of the grid (opened by the best-ranked sentence), and the product's hybrid (its
    opening from the best-found section, ``bot.knowledge.opening``)."""
    opened = (-2.0, -2.0)
    pooled = {t: np.zeros(4) for t in ((-1.0, -1.0), *HYBRID_GRID, opened)}
    for held in SPLITS:
        train_on = [s for s in SPLITS if s != held]
        model = ChooserModel.from_json(train([c for s in train_on for c in cases[s]], train_on))
        rules = measure(cases[held], choose, vocabulary)
        print(_row(f"{held} rules", rules), flush=True)
        runs = {(-1.0, -1.0): rules}
        for t, f in HYBRID_GRID:
            tuned = dataclasses.replace(model, threshold=t, section_floor=f)
            runs[t, f] = measure(cases[held], hybrid_chooser(tuned, reopen=False), vocabulary)
            print(_row(f"{held} hybrid {t:.2f} {f:.1f}", runs[t, f]), flush=True)
        runs[opened] = measure(cases[held], hybrid_chooser(model), vocabulary)
        print(_row(f"{held} reopened", runs[opened]), flush=True)
        for key, s in runs.items():
            pooled[key] += [s.answered, s.in_scope, s.citation_precision or 0.0, s.declined]
    for key, (answered, in_scope, cit, declined) in pooled.items():
        name = {-1.0: "rules", -2.0: "reopened"}.get(key[0], f"hybrid {key[0]:.2f} {key[1]:.1f}")
        print(
            f"{name:<12} pooled {int(answered)}/{int(in_scope)} = {answered / in_scope:.3f}  "
            f"mean cit {cit / len(SPLITS):.3f}  oos declined {int(declined)}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="leave-one-set-out figures")
    parser.add_argument("--fresh", action="append", default=[], help="a set never trained on")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument(
        "--with", dest="extra", action="append", default=[], help="train on this set too"
    )
    args = parser.parse_args(argv)
    kb, vocabulary = KnowledgeBase.load(), default_vocabulary()
    splits = (*SPLITS, *args.extra)
    cases = {s: collect(s, kb, vocabulary) for s in splits}
    if args.cv:
        return _cv_hybrid(cases, vocabulary)
    data = train([c for s in splits for c in cases[s]], splits)
    if args.fresh:
        model = ChooserModel.from_json(data)
        for split in args.fresh:
            fresh = collect(split, kb, vocabulary)
            print(_row(f"{split} rules", measure(fresh, choose, vocabulary)))
            old = hybrid_chooser(model, reopen=False)
            print(_row(f"{split} hybrid", measure(fresh, old, vocabulary)))
            print(_row(f"{split} reopened", measure(fresh, hybrid_chooser(model), vocabulary)))
        return 0
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {args.out}: {data['examples']} examples, {data['positives']} positive")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
