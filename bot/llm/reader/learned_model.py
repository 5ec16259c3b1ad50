"""The learned second opinion's model: the features it reads and the trained weights.

TF-IDF weights and one logistic-regression weight vector per fact value, read from a JSON file
that ``scripts/train_reader.py`` writes, so the product computes exactly what was trained with
Python and numpy alone.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.facts import FactName
from bot.trained import digest as digest

MODEL_PATH = Path(__file__).with_name("learned.json")
WORD = re.compile(r"\w+")


def features(text: str, pending: str | None) -> list[str]:
    """Character n-grams inside words, words and word pairs, and the pending question.

    Character n-grams carry Korean stems and endings and English inflections without a
    morphological analyser; the pending question tells "yes" after "do you have an eval set?"
    from "yes" after anything else.
    """
    out: list[str] = []
    lowered = clean(text)
    for word in lowered.split():
        out.extend(char_grams(word))
    words = WORD.findall(lowered)
    out.extend(f"w:{w}" for w in words)
    out.extend(f"b:{a}_{b}" for a, b in pairwise(words))
    if pending:
        out.append(f"pending:{pending}")
    return out


def clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def char_grams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + n] for n in (2, 3, 4) for i in range(max(1, len(padded) - n + 1))]


@dataclass(frozen=True)
class Atom:
    """One fact value the model reads, e.g. ``docs_change=often``."""

    fact: FactName
    value: str
    bias: float
    weights: dict[str, float]


@dataclass(frozen=True)
class LearnedModel:
    idf: dict[str, float]
    atoms: tuple[Atom, ...]
    threshold: float
    # The atoms' weights as one matrix (a row per feature, a column per atom): a message's
    # probabilities are one small product instead of a loop over every atom's weights.
    _rows: dict[str, int] = field(init=False, repr=False, compare=False)
    _weights: np.ndarray = field(init=False, repr=False, compare=False)
    _bias: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = sorted(set(self.idf) | {f for a in self.atoms for f in a.weights})
        rows = {f: i for i, f in enumerate(names)}
        weights = np.zeros((len(names), len(self.atoms)))
        for j, atom in enumerate(self.atoms):
            for f, w in atom.weights.items():
                weights[rows[f], j] = w
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_weights", weights)
        object.__setattr__(self, "_bias", np.array([a.bias for a in self.atoms]))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LearnedModel:
        atoms = tuple(
            Atom(FactName(a["fact"]), str(a["value"]), float(a["bias"]), dict(a["weights"]))
            for a in data["atoms"]
        )
        return cls(dict(data["idf"]), atoms, float(data["threshold"]))

    def vector(self, text: str, pending: str | None) -> dict[str, float]:
        """The message as the trained vectoriser saw it: sublinear TF times IDF, L2-normalised."""
        counts = Counter(f for f in features(text, pending) if f in self.idf)
        vec = {f: (1.0 + math.log(c)) * self.idf[f] for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {f: v / norm for f, v in vec.items()} if norm else {}

    def probabilities(self, vec: dict[str, float]) -> list[tuple[Atom, float]]:
        """Each atom's probability for a message's ``vector``."""
        if not self.atoms:
            return []
        rows = [self._rows[f] for f in vec]
        z = self._bias + np.fromiter(vec.values(), float, len(vec)) @ self._weights[rows]
        return list(zip(self.atoms, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))


@cache
def default_model() -> LearnedModel:
    return LearnedModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
