"""Which section answers a side question, learned from the questions people asked.

The search ranks sections by the words they share with a question; people ask in words no
section uses ("our bot keeps forgetting the customer's name" is about the context window). A
multinomial logistic regression over the question's n-grams (``bot.trained.text_features``),
trained on the labelled development questions by ``scripts/train_sections.py``, says how
likely each section is to answer it. The search puts a section the model is sure of first and
passes on no section the model finds unlikely, so an answer does not quote a section that only
shares the question's words. Inference is Python and numpy over a JSON file.
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bot.trained import Vocabulary, text_features

MODEL_PATH = Path(__file__).with_name("sections.json")


@dataclass(frozen=True)
class SectionModel:
    """TF-IDF weights, and one weight per feature and section."""

    idf: dict[str, float]
    ids: tuple[str, ...]
    # A row per feature (in the order of ``idf``), a column per section.
    weights: np.ndarray = field(repr=False, compare=False)
    bias: np.ndarray = field(repr=False, compare=False)
    _vocabulary: Vocabulary = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.weights.shape != (len(self.idf), len(self.ids)) or self.bias.shape != (
            len(self.ids),
        ):
            raise ValueError("the section model's weights do not match its features and ids")
        rows = {f: i for i, f in enumerate(self.idf)}
        object.__setattr__(self, "_vocabulary", Vocabulary.of(self.idf, rows))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SectionModel:
        idf = {str(f): float(v) for f, v in data["idf"].items()}
        ids = tuple(str(i) for i in data["ids"])
        # Stored sparse, feature by feature: most weights are near zero and left out.
        weights = np.zeros((len(idf), len(ids)))
        rows = {f: i for i, f in enumerate(idf)}
        for f, cols in data["weights"].items():
            for j, w in cols.items():
                weights[rows[f], int(j)] = float(w)
        return cls(idf, ids, weights, np.asarray(data["bias"], dtype=float))

    def probabilities(self, text: str) -> dict[str, float]:
        """Each section's probability of answering ``text``; empty when no feature is known."""
        vec = self._vocabulary.vector(text_features(text))
        if not vec.names:
            return {}
        z = self.bias + vec.values @ self.weights[vec.rows]
        e = np.exp(z - z.max())
        return dict(zip(self.ids, (e / e.sum()).tolist(), strict=True))


@cache
def default_model() -> SectionModel | None:
    """The shipped model, or None when there is none (the search then ranks by words alone)."""
    if not MODEL_PATH.exists():
        return None
    return SectionModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


#: A section the model finds at least this likely comes first, wherever the words put it.
FIRST = 0.3
#: A section the model finds less likely than this is not passed on, unless none would be.
KEEP = 0.05
#: How many sections past ``k`` the words' ranking offers the model to choose from.
EXTRA = 3


def plausible(
    found: list[str],
    probabilities: dict[str, float],
    k: int,
    pinned: AbstractSet[str] = frozenset(),
) -> list[str]:
    """The ``k`` sections to pass on, of those the words ``found`` (best first): the one the
    model is sure of first (even when the words did not find it), and none the model finds
    unlikely, unless that would leave none. Unchanged when the model knows none of the
    question's words; nothing when the words found nothing (the question is about something
    else). ``pinned``: sections the question's reading chose (it names one's title, tells of
    a trouble one explains …), which keep their place."""
    if not probabilities or not found:
        return found[:k]
    best = max(probabilities, key=lambda i: probabilities[i])
    out = found[: k + EXTRA]
    if probabilities[best] >= FIRST and out[0] != best and out[0] not in pinned:
        out = [best, *(i for i in out if i != best)]
    out = out[:k]
    # A section the model was never trained on (added since) is not its to judge.
    return [i for i in out if i in pinned or probabilities.get(i, 1.0) >= KEEP] or out[:1]
