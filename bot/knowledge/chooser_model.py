"""A learned scorer for an answer's sentences: what each candidate is worth, given those chosen.

Gradient-boosted trees over a few dozen features of a ranked sentence (its BM25 score and rank,
its section's share, its place, whether it names the approaches the question names, its kind
against the question's kind, the question words it adds) and of the answer so far (what it
already covers, which sections it quotes). It is trained on the labelled development questions
(``scripts/train_chooser.py``): a sentence is worth taking when it says something of the answer
not said yet. Inference is Python and numpy over a JSON file, so the product needs no
machine-learning library at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.knowledge.figures import gives_figure
from bot.knowledge.question import APPROACHES, HANGUL_WORD, SIDES, Question
from bot.knowledge.ranking import CONTRAST, POINTS_BACK, SUBJECT_CHARS, Ranked, describes, says
from bot.knowledge.screen import MAX_WIDTH, width
from bot.trained import digest as digest

MODEL_PATH = Path(__file__).with_name("chooser.json")
MAX_CHOSEN = 5
_CASE = re.compile(r"\bwhen\b|\bif\b|situation|\bcases?\b|때[:.,]?(?:\s|$)|경우|상황")
_DEFINES = re.compile(
    r"[\w-]*\s*(?:\([^)]*\)\s*)?(?::|stands for\b|means\b|refers to\b|is an? )|.*줄임말"
)

#: The features, in the order of the model's weights.
FEATURES = (
    "score",
    "relative",
    "rank_log",
    "top",
    "share",
    "matched",
    "order_log",
    "first_in_section",
    "summary",
    "in_list",
    "point",
    "step",
    "headings",
    "led",
    "named_section",
    "best_section",
    "question_cover",
    "width",
    "mentions_side",
    "leads_side",
    "other_approach",
    "leads_other",
    "defines_for_what",
    "case_for_when",
    "step_for_how",
    "point_for_belief",
    "describes_term",
    "contrast_for_comparison",
    "need_for_comparison",
    "points_back",
    "figure_for_quantity",
    "korean",
    "new_cover",
    "quoted_section",
    "follows",
    "chosen",
    "new_side",
    "overlap",
)


@dataclass(frozen=True)
class Context:
    """What every candidate of one question is scored against."""

    question: Question
    ranked: tuple[Ranked, ...]
    named: frozenset[str]
    wanted: frozenset[str]
    best: float


def context(question: Question, ranked: Sequence[Ranked], named: frozenset[str]) -> Context:
    wanted = frozenset(question.tokens) - question.scene
    best = max((r.score for r in ranked), default=1.0) or 1.0
    return Context(question, tuple(ranked), named, wanted, best)


def _mentions(text: str, side: str) -> bool:
    return bool(SIDES[side].search(text))


def _leads(text: str, side: str) -> bool:
    m = SIDES[side].search(text)
    return m is not None and m.start() <= SUBJECT_CHARS


def static_features(ctx: Context, rank: int, r: Ranked) -> list[float]:
    """What a candidate is, whatever else is chosen."""
    q, u = ctx.question, r.unit
    text = u.text.casefold()
    sides = q.sides or ()
    others = [a for a in APPROACHES if a not in sides] if sides else []
    wanted = len(ctx.wanted) or 1
    defines = any(
        (m := SIDES[s].match(text)) is not None and _DEFINES.match(text, m.end())
        for s in (sides or APPROACHES)
    )
    return [
        r.score,
        r.score / ctx.best,
        math.log1p(rank),
        float(rank == 0),
        r.share,
        float(r.matched),
        math.log1p(u.order),
        float(u.order == 0),
        float(u.summary),
        float(u.group >= 0),
        float(u.point),
        float(u.step),
        float(u.headings),
        float(bool(u.lead)),
        float(u.source in ctx.named),
        float(u.source == ctx.ranked[0].unit.source),
        len(r.tokens & ctx.wanted) / wanted,
        width(u.text) / MAX_WIDTH,
        float(any(_mentions(text, s) for s in sides)),
        float(any(_leads(text, s) for s in sides)),
        float(any(_mentions(text, o) for o in others)),
        float(any(_leads(text, o) for o in others)),
        float(q.what and defines),
        float(q.when and bool(_CASE.search(f"{text} {u.context.casefold()}"))),
        float(q.how and u.step),
        float(q.belief and u.point),
        float(bool(q.term) and describes(u.text, q)),
        float(
            q.comparison
            and all(_mentions(text, s) for s in sides[:2])
            and bool(CONTRAST.search(text))
        ),
        float(bool(q.need) and says(u, q.need)),
        float(bool(POINTS_BACK.match(text))),
        float(q.quantity and gives_figure(q, u.text)),
        float(bool(HANGUL_WORD.search(u.text))),
    ]


def dynamic_features(ctx: Context, r: Ranked, chosen: Sequence[Ranked]) -> list[float]:
    """What a candidate adds to the sentences chosen so far."""
    covered = set().union(*(c.tokens for c in chosen)) & ctx.wanted
    text = r.unit.text.casefold()
    said = " ".join(c.unit.text.casefold() for c in chosen)
    sides = ctx.question.sides[:2] if ctx.question.comparison else ()
    union = set().union(*(c.tokens for c in chosen))
    overlap = len(r.tokens & union) / len(r.tokens | union) if chosen and r.tokens else 0.0
    return [
        len((r.tokens & ctx.wanted) - covered) / (len(ctx.wanted) or 1),
        float(any(c.unit.source == r.unit.source for c in chosen)),
        float(
            any(c.unit.source == r.unit.source and c.unit.order + 1 == r.unit.order for c in chosen)
        ),
        len(chosen) / MAX_CHOSEN,
        float(any(_mentions(text, s) and not _mentions(said, s) for s in sides)),
        overlap,
    ]


@dataclass(frozen=True)
class Tree:
    """One regression tree: a node splits on ``feature`` at ``threshold`` (left when at most
    it), or is a leaf (``feature`` < 0) worth ``value``."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray

    def predict(self, rows: np.ndarray) -> np.ndarray:
        node = np.zeros(len(rows), dtype=int)
        while True:
            inner = self.feature[node] >= 0
            if not inner.any():
                return np.asarray(self.value[node], dtype=float)
            at = np.nonzero(inner)[0]
            f = self.feature[node[at]]
            go_left = rows[at, f] <= self.threshold[node[at]]
            node[at] = np.where(go_left, self.left[node[at]], self.right[node[at]])


@dataclass(frozen=True)
class ChooserModel:
    """Gradient-boosted trees over the features: a sentence's log-odds of adding to the answer
    are ``bias`` plus ``rate`` times what every tree says. ``threshold``: the least likelihood
    a sentence needs to join an answer that has its two sentences; ``section_floor``: to open
    another section."""

    trees: tuple[Tree, ...]
    bias: float
    rate: float
    threshold: float
    section_floor: float

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChooserModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the chooser model was trained on other features")
        trees = tuple(
            Tree(
                np.asarray(t["feature"], dtype=int),
                np.asarray(t["threshold"], dtype=float),
                np.asarray(t["left"], dtype=int),
                np.asarray(t["right"], dtype=int),
                np.asarray(t["value"], dtype=float),
            )
            for t in data["trees"]
        )
        return cls(
            trees,
            float(data["bias"]),
            float(data["rate"]),
            float(data["threshold"]),
            float(data["section_floor"]),
        )

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        # The trees were grown on single-precision features.
        x = rows.astype(np.float32)
        z = self.bias + self.rate * sum((t.predict(x) for t in self.trees), np.zeros(len(x)))
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=float)


def feature_rows(
    ctx: Context, static: Sequence[list[float]], candidates: Sequence[int], chosen: Sequence[Ranked]
) -> np.ndarray:
    """The feature matrix of ``candidates`` (indices into ``ctx.ranked``) given ``chosen``."""
    return np.array(
        [static[i] + dynamic_features(ctx, ctx.ranked[i], chosen) for i in candidates],
        dtype=float,
    ).reshape(len(candidates), len(FEATURES))


@cache
def default_model() -> ChooserModel:
    return ChooserModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
